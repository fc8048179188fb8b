package model

import "math"

// solveWages sets, for every city at the current prices, the wages of
// talent and workers that clear its two labour markets, and with them each
// sector's employment and output. With Cobb-Douglas sectors, optimal land
// and capital fixed, a sector's value of output at log wages (a, b) is
//
//	log V_s = (cst_s + log p_s + αT(log αT − a) + αL(log αL − b)) / αK
//
// so the city's allocation reduces to two equations, Σ αT·V_s = e^a·T and
// Σ αL·V_s = e^b·L, solved by Newton's method in (a, b), warm-started from
// last year's wages.
func (e *Economy) solveWages(st *State) {
	for c := 0; c < e.N; c++ {
		e.solveCity(st, c)
	}
}

// solveCity solves the labour markets of city c (see solveWages).
func (e *Economy) solveCity(st *State, c int) {
	S, sc := e.S, &e.scratch
	secs := e.Sc.Sectors
	base := sc.baseS // per-sector constant part of log V
	T, L := e.labourForce(st, c, Talent), e.labourForce(st, c, Worker)
	lT, lL := math.Log(T), math.Log(L)
	for s := range secs {
		sec := &secs[s]
		i := c*S + s
		base[s] = (sc.cst[i] + sc.logP[i] + e.alphaLog[s]) / sec.Capital
		// A sector that needs a factor the city lacks produces nothing.
		if (sec.Talent > 0 && T <= 0) || (sec.Workers > 0 && L <= 0) {
			base[s] = math.Inf(-1)
		}
	}
	a, b := sc.lw[0][c], sc.lw[1][c]
	for it := 0; it < 100; it++ {
		f1, f2, j11, j12, j21, j22 := e.labourResidual(c, base, a, b, lT, lL, T > 0, L > 0)
		if math.Abs(f1) < 1e-12 && math.Abs(f2) < 1e-12 {
			break
		}
		det := j11*j22 - j12*j21
		if det == 0 || math.IsNaN(det) {
			break
		}
		da := (-f1*j22 + f2*j12) / det
		db := (-f2*j11 + f1*j21) / det
		a += math.Max(-5, math.Min(5, da))
		b += math.Max(-5, math.Min(5, db))
		if math.Abs(da) < 1e-9 && math.Abs(db) < 1e-9 {
			break // Newton converges quadratically: the residual is now far below
		}
	}
	sc.lw[0][c], sc.lw[1][c] = a, b
	for s := range secs {
		sec := &secs[s]
		i := c*S + s
		lv := base[s] - (sec.Talent*a+sec.Workers*b)/sec.Capital
		sc.logT[i], sc.logL[i] = math.Inf(-1), math.Inf(-1)
		if sec.Talent > 0 {
			sc.logT[i] = e.logAlpha[Talent][s] + lv - a
		}
		if sec.Workers > 0 {
			sc.logL[i] = e.logAlpha[Worker][s] + lv - b
		}
		v := math.Exp(lv)
		st.V[i] = v
		sc.logY[i] = lv - sc.logP[i]
		st.Y[i] = math.Exp(sc.logY[i])
	}
}

// labourResidual returns the two market-clearing residuals of a city in
// logs (log labour demanded − log labour there) and their Jacobian in the
// log wages. A market with no one in it has residual 0 and a unit diagonal.
func (e *Economy) labourResidual(c int, base []float64, a, b, lT, lL float64, hasT, hasL bool) (f1, f2, j11, j12, j21, j22 float64) {
	secs := e.Sc.Sectors
	// Log-sum-exp with a shift for the two demand sums.
	shift := math.Inf(-1)
	for s := range secs {
		sec := &secs[s]
		if lv := base[s] - (sec.Talent*a+sec.Workers*b)/sec.Capital; lv > shift {
			shift = lv
		}
	}
	if math.IsInf(shift, -1) {
		return 0, 0, -1, 0, 0, -1
	}
	var sT, sL, dTa, dTb, dLa, dLb float64
	for s := range secs {
		sec := &secs[s]
		v := math.Exp(base[s] - (sec.Talent*a+sec.Workers*b)/sec.Capital - shift)
		ta, wa := sec.Talent/sec.Capital, sec.Workers/sec.Capital
		sT += sec.Talent * v
		sL += sec.Workers * v
		dTa -= sec.Talent * v * ta
		dTb -= sec.Talent * v * wa
		dLa -= sec.Workers * v * ta
		dLb -= sec.Workers * v * wa
	}
	j11, j22 = -1, -1
	if hasT && sT > 0 {
		f1 = math.Log(sT) + shift - a - lT
		j11 += dTa / sT
		j12 = dTb / sT
	}
	if hasL && sL > 0 {
		f2 = math.Log(sL) + shift - b - lL
		j21 = dLa / sL
		j22 += dLb / sL
	}
	return f1, f2, j11, j12, j21, j22
}
