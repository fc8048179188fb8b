package model

import "math"

// Invest is stage 8. Each city saves a share of its income (plus the capital
// of firms that closed last step); savings are allocated across cities and
// sectors by a logit on the expected net return r − δ + incentive, weighted
// by the capital already there (K^ω), decaying with generalised cost and cut
// by the administrative barrier for capital. The new capital waits in
// pending until the firm stage hands it to firms; then all firm capital
// depreciates.
func (e *Economy) Invest(st *State) {
	N, S, sc := e.N, e.S, &e.scratch
	e.investmentWeights(st)
	flow := st.Flow[FlowCapital] // accumulates over the steps of a year
	in := sc.tmp                 // capital arriving in each city this step
	st.Invested = e.allocate(st, in, flow, true)
	for j := 0; j < N; j++ {
		if sc.invG[j] <= 0 {
			continue
		}
		for s := 0; s < S; s++ {
			sc.pending[j*S+s] += in[j] * sc.invW[j*S+s] / sc.invG[j]
		}
	}
	e.depreciate(st)
}

// investmentWeights fills scratch.invW with each city-sector's weight in
// the investment logit, K^ω·exp((r − r_max)/σ), and scratch.invG with
// their sums by city.
func (e *Economy) investmentWeights(st *State) {
	N, S, sc := e.N, e.S, &e.scratch
	p := e.Sc.Investment
	for s := 0; s < S; s++ {
		sc.secR[s] = e.sectorReturn(st, s)
	}
	clear(sc.subsidy)
	for f := range st.Firms {
		if fm := &st.Firms[f]; fm.Subsidy > 0 {
			sc.subsidy[fm.City*S+fm.Sector] += fm.Subsidy
		}
	}
	rmax := math.Inf(-1)
	for i := range sc.invW {
		sc.invW[i] = e.expectedReturn(st, i)
		rmax = math.Max(rmax, sc.invW[i])
	}
	for c := 0; c < N; c++ {
		var kc float64
		for s := 0; s < S; s++ {
			kc += st.K[c*S+s]
		}
		floor := 0.01 * kc / float64(S)
		var g float64
		for s := 0; s < S; s++ {
			i := c*S + s
			w := math.Pow(st.K[i]+floor, p.CapitalWeight) * math.Exp((sc.invW[i]-rmax)/p.Scale)
			if math.IsNaN(w) {
				w = 0
			}
			sc.invW[i] = w
			g += w
		}
		sc.invG[c] = g
	}
}

// allocate spreads each city's savings (and, when reinvest, the capital
// of its closed firms) over the destination cities by their weights, the
// kernel of distance and barriers; it sets in[j] to the capital arriving
// in city j, adds the flows to flow when it is not nil, and returns the new
// savings invested.
func (e *Economy) allocate(st *State, in, flow []float64, reinvest bool) float64 {
	N, sc := e.N, &e.scratch
	p := e.Sc.Investment
	clear(in)
	var invested float64
	for i := 0; i < N; i++ {
		fresh := p.Savings * e.Sc.Dt * st.CityOutput(i)
		save := fresh
		if reinvest {
			save += sc.pool[i]
		}
		row := e.kInv[i*N : i*N+N]
		var den float64
		for j, k := range row {
			den += sc.invG[j] * float64(k)
		}
		if den <= 0 || save <= 0 {
			continue // nowhere to invest: liquidated capital waits in the pool
		}
		if reinvest {
			sc.pool[i] = 0
		}
		for j, k := range row {
			x := save * sc.invG[j] * float64(k) / den
			in[j] += x
			if flow != nil {
				flow[i*N+j] += x
			}
		}
		invested += fresh
	}
	return invested
}

// expectedReturn is the net return investors expect in city-sector i: the
// gross return αK·V/K (the sector's cluster mean where there is no capital
// yet), plus subsidies per unit of capital, minus depreciation, plus any
// incentive.
func (e *Economy) expectedReturn(st *State, i int) float64 {
	r := st.Return[i]
	if st.K[i] <= 0 {
		r = e.scratch.secR[i%e.S]
	}
	if st.K[i] > 0 {
		r += e.scratch.subsidy[i] / st.K[i] // subsidies are returns to investors too
	}
	return r - e.Sc.Investment.Depreciation + e.Levers.Incentive[i]
}

// sectorReturn is the capital-weighted mean gross return of sector s.
func (e *Economy) sectorReturn(st *State, s int) float64 {
	var v, k float64
	for c := 0; c < e.N; c++ {
		v += st.V[c*e.S+s]
		k += st.K[c*e.S+s]
	}
	if k <= 0 {
		return 0
	}
	return e.Sc.Sectors[s].Capital * v / k
}

// depreciate removes δ·dt of every firm's capital.
func (e *Economy) depreciate(st *State) {
	keep := 1 - e.Sc.Investment.Depreciation*e.Sc.Dt
	st.Depreciated = 0
	for f := range st.Firms {
		fm := &st.Firms[f]
		st.Depreciated += fm.K * (1 - keep)
		fm.K *= keep
	}
}

// PendingCapital is capital invested but not yet handed to firms, plus
// capital of closed firms awaiting reinvestment.
func (e *Economy) PendingCapital() float64 {
	return sum(e.scratch.pending) + sum(e.scratch.pool)
}
