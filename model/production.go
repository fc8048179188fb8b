package model

import (
	"fmt"
	"math"
)

// Produce is stage 3: land prices, market access, supplier access (from last
// year's output) and each city-sector's log productivity shifter, which
// combines knowledge A, exogenous growth, agglomeration M^γ, supplier access
// S^η, the land price and the firms' effective capital X.
func (e *Economy) Produce(st *State) {
	N, S, sc := e.N, e.S, e.Sc
	pop := e.scratch.pop
	for c := 0; c < N; c++ {
		pop[c] = st.CityPop(c)
		st.LandPrice[c] = e.landPrice(st.V, c, pop[c], st.LandPrice[c])
	}
	for c := 0; c < N; c++ {
		var m float64
		row := e.kMarket[c*N : c*N+N]
		for j, k := range row {
			m += float64(k) * pop[j]
		}
		st.Market[c] = m / sc.Production.MarketRef
	}
	e.supplierAccess(st)
	e.effectiveCapital(st)
	growth := sc.Production.TFPGrowth * st.T
	for c := 0; c < N; c++ {
		lm := math.Log(math.Max(st.Market[c], 1e-12))
		lh := math.Log(st.LandPrice[c])
		for s, sec := range sc.Sectors {
			i := c*S + s
			if st.X[i] <= 0 || st.A[i] <= 0 {
				e.scratch.cst[i] = math.Inf(-1)
				continue
			}
			v := math.Log(st.A[i]*e.tfp[i]) + growth + sec.Gamma*lm + sec.Capital*math.Log(st.X[i])
			if sec.Eta > 0 {
				v += sec.Eta * math.Log(math.Max(st.Supplier[i], 1e-12))
			}
			if sec.Land > 0 {
				v += sec.Land * (math.Log(sec.Land) - lh)
			}
			e.scratch.cst[i] = v
		}
	}
}

// landPrice is city c's land rent h. Without industrial land
// (production.industrial_land = 0) it follows the residents alone,
// h = h0·f·(P/land)^θ with f the city's land-cost lever. With it, firms'
// land demand at the value added v of the previous step (Cobb-Douglas:
// Σ_s land_s·v_cs / h, in resident equivalents through the calibrated λ)
// clears the city's developed land with the residents' (clearLand); warm is
// the last rent, the solve's starting point.
func (e *Economy) landPrice(v []float64, c int, pop, warm float64) float64 {
	prm := &e.Sc.Production
	h0 := prm.LandBase * e.Levers.LandFactor[c]
	if e.landLambda == 0 {
		return h0 * math.Pow(math.Max(pop, 1)/e.Land[c], prm.LandTheta)
	}
	b := e.landLambda * e.landRent(v, c)
	return clearLand(h0, prm.LandTheta, e.landScale[c], math.Max(pop, 1), b, warm)
}

// landRent is city c's spending on land by its firms, Σ_s land_s·v_cs.
func (e *Economy) landRent(v []float64, c int) float64 {
	var r float64
	for s, sec := range e.Sc.Sectors {
		r += sec.Land * v[c*e.S+s]
	}
	return r
}

// clearLand returns the rent h that clears a city's land market: the
// developed land supplied at rent h, (h/h0)^(1/θ)/a resident equivalents,
// equals the residents' demand pop plus the firms' b/h. In logs, u = ln h
// is the root of g(u) = ln h0 + θ·ln(a·(pop + b·e^−u)) − u, which is
// decreasing (g' between −1−θ and −1) and convex, so Newton's method from
// any start converges, monotonically after its first step. With b = 0 it
// is h0·(a·pop)^θ; with θ = 0, h0. A warm start ≤ 0 starts from the rent
// without firms.
func clearLand(h0, theta, a, pop, b, warm float64) float64 {
	u0 := math.Log(h0) + theta*math.Log(a*pop)
	if b <= 0 || theta == 0 {
		return math.Exp(u0)
	}
	u := u0
	if warm > 0 {
		u = math.Log(warm)
	}
	for it := 0; it < 100; it++ {
		q := b * math.Exp(-u)
		g := math.Log(h0) + theta*math.Log(a*(pop+q)) - u
		step := g / (1 + theta*q/(pop+q))
		u += step
		if math.Abs(step) < 1e-13 {
			break
		}
	}
	return math.Exp(u)
}

// supplierAccess fills st.Supplier for sectors with input links: the
// suppliers' output reachable through the supplier kernel, from the output
// of the previous year.
func (e *Economy) supplierAccess(st *State) {
	N, S := e.N, e.S
	use := e.scratch.use
	for j := 0; j < N; j++ {
		for s := 0; s < S; s++ {
			var u float64
			for s2 := 0; s2 < S; s2++ {
				u += e.IO[s*S+s2] * st.Y[j*S+s2]
			}
			use[j*S+s] = u
		}
	}
	for c := 0; c < N; c++ {
		row := e.kSupply[c*N : c*N+N]
		for s, sec := range e.Sc.Sectors {
			if sec.Eta == 0 {
				continue
			}
			var a float64
			for j, k := range row {
				a += float64(k) * use[j*S+s]
			}
			st.Supplier[c*S+s] = a
		}
	}
}

// effectiveCapital sums K and the firms' effective capital Z·K^ν over
// alive firms by city-sector.
func (e *Economy) effectiveCapital(st *State) {
	for i := range st.X {
		st.X[i], st.K[i] = 0, 0
	}
	for f := range st.Firms {
		fm := &st.Firms[f]
		i := fm.City*e.S + fm.Sector
		st.K[i] += fm.K
		st.X[i] += e.effective(fm)
	}
}

// effective is a firm's effective capital Z·K^ν, ν = firms.span: with
// ν < 1 (Lucas 1978, span of control) a firm's output grows less than in
// proportion to its capital, so the marginal product of its capital,
// ν·Z·K^(ν−1) per unit of effective capital's value, falls as it grows.
// ν = 1 is Z·K exactly.
func (e *Economy) effective(fm *Firm) float64 { return e.scaled(1, fm) }

// scaled is a·Z·K^ν, evaluated as (a·Z)·K^ν, the order of the sums before
// the span of control, so that ν = 1 gives the same bits.
func (e *Economy) scaled(a float64, fm *Firm) float64 {
	if nu := e.Sc.Firms.Span; nu != 1 {
		return a * fm.Z * math.Pow(fm.K, nu)
	}
	return a * fm.Z * fm.K
}

// firmOutput is firm fm's share of its city-sector's value added this
// step, V·Z·K^ν/X with X from stage 3 (0 where X is 0): the output the firm
// stage books for it (Firm.Output) at the end of the step.
func (e *Economy) firmOutput(st *State, fm *Firm) float64 {
	i := fm.City*e.S + fm.Sector
	if st.X[i] <= 0 {
		return 0
	}
	return e.scaled(st.V[i], fm) / st.X[i]
}

// perCapital is a firm's effective capital per unit of its capital,
// Z·K^(ν−1) (Z when ν = 1 or the firm holds no capital).
func (e *Economy) perCapital(fm *Firm) float64 {
	if nu := e.Sc.Firms.Span; nu != 1 && fm.K > 0 {
		return fm.Z * math.Pow(fm.K, nu-1)
	}
	return fm.Z
}

// Clear is stage 4: it solves jointly for goods prices and, in every city,
// the wages that clear its talent and worker markets (and so the allocation
// of labour across sectors): an outer fixed point on log prices, damped and
// warm-started from last year, around an exact Newton solve of each city's
// two wages (solveWages); then it sets output, values, wages and returns. Traded goods meet an outside
// demand D_s·p^-ε; local goods a demand b·income·p^-ε in their own city.
func (e *Economy) Clear(st *State) error {
	prm := e.Sc.Production
	e.scratch.secantOK = false
	for it := 0; ; it++ {
		e.solveWages(st)
		res := e.reprice(st, prm.Damping)
		st.Residual = res
		if math.IsNaN(res) {
			return fmt.Errorf("model: prices: fixed point diverged (NaN) in year %d", st.Year)
		}
		if res < prm.Tolerance {
			break
		}
		if it == prm.MaxIter-1 {
			return fmt.Errorf("model: prices: no convergence in year %d after production.max_iterations = %d (largest log-price change %.3g > production.tolerance = %g)",
				st.Year, prm.MaxIter, res, prm.Tolerance)
		}
	}
	e.solveWages(st)
	e.settle(st)
	return nil
}

// output sets logY and V = p·Y from the current allocation and prices.
func (e *Economy) output(st *State) {
	S, sc := e.S, &e.scratch
	for i := range sc.cst {
		sec := &e.Sc.Sectors[i%S]
		ly := sc.cst[i] + sec.Land*sc.logP[i]
		if sec.Talent > 0 {
			ly += sec.Talent * sc.logT[i]
		}
		if sec.Workers > 0 {
			ly += sec.Workers * sc.logL[i]
		}
		ly /= 1 - sec.Land
		sc.logY[i] = ly
		st.Y[i] = math.Exp(ly)
		st.V[i] = math.Exp(ly + sc.logP[i])
	}
}

func alpha(sec *Sector, k Skill) float64 {
	if k == Talent {
		return sec.Talent
	}
	return sec.Workers
}

// reprice moves prices toward the demand-clearing price, damped in logs.
func (e *Economy) reprice(st *State, d float64) float64 {
	N, S, sc := e.N, e.S, &e.scratch
	growth := e.Sc.Nation.Growth * st.T
	// The outside competitors' price, log P_out = −productivity·T: demand
	// for the scenario's traded output is D·exp(g·T)·(p/P_out)^−ε.
	outside := -e.Sc.Nation.Productivity * st.T
	for s := range sc.q {
		sc.q[s] = 0
	}
	for c := 0; c < N; c++ {
		sc.inc[c] = 0
		for s := 0; s < S; s++ {
			sc.q[s] += st.Y[c*S+s]
			sc.inc[c] += st.V[c*S+s]
		}
	}
	var res float64
	step := func(i int, target float64) {
		if math.IsInf(target, 0) || math.IsNaN(target) {
			return
		}
		x, g := sc.logP[i], target-sc.logP[i]
		res = math.Max(res, math.Abs(g))
		// A secant step on the residual g(x) = target − x, where the last
		// two iterates allow it and it is a sound step (between a quarter
		// and one and a half of the damped step's length); the damped step
		// otherwise.
		move := d * g
		if sc.secantOK {
			if dg := g - sc.prevG[i]; dg != 0 {
				if sec := -g * (x - sc.prevX[i]) / dg; sec/g > 0.25*d && sec/g < 1.5 {
					move = sec
				}
			}
		}
		sc.prevX[i], sc.prevG[i] = x, g
		sc.logP[i] = x + move
	}
	for s, sec := range e.Sc.Sectors {
		if e.Traded[s] {
			if sc.q[s] <= 0 {
				continue
			}
			target := outside + (math.Log(e.demand[s])+growth+sec.Trend*st.T-math.Log(sc.q[s]))/sec.Elasticity
			for c := 0; c < N; c++ {
				step(c*S+s, target)
			}
			continue
		}
		for c := 0; c < N; c++ {
			i := c*S + s
			if st.Y[i] <= 0 || e.demand[i] <= 0 {
				continue
			}
			step(i, (math.Log(e.demand[i]*sc.inc[c])-math.Log(st.Y[i]))/sec.Elasticity)
		}
	}
	sc.secantOK = true
	return res
}

// settle writes the solved allocation into the state: employment, wages,
// prices and gross returns on capital.
func (e *Economy) settle(st *State) {
	N, S, sc := e.N, e.S, &e.scratch
	for c := 0; c < N; c++ {
		for k := 0; k < 2; k++ {
			var paid float64
			for s, sec := range e.Sc.Sectors {
				paid += alpha(&sec, Skill(k)) * st.V[c*S+s]
			}
			if n := e.labourForce(st, c, Skill(k)); n > 0 {
				st.Wage[k][c] = paid / n
			} else {
				st.Wage[k][c] = 0
			}
		}
		for s, sec := range e.Sc.Sectors {
			i := c*S + s
			st.Labour[Talent][i] = math.Exp(sc.logT[i])
			st.Labour[Worker][i] = math.Exp(sc.logL[i])
			st.Price[i] = math.Exp(sc.logP[i])
			st.Return[i] = 0
			if st.K[i] > 0 {
				st.Return[i] = sec.Capital * st.V[i] / st.K[i]
			}
		}
	}
}
