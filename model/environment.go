package model

import "math"

// Pollute is stage 10. Emissions are each sector's intensity times its
// output (scaled, falling with cleaner technology at environment.cleaner a
// year and with income (kuznets), and cut by joint-control agreements and
// caps); a share is
// carried to neighbours by a kernel decaying with generalised cost; the
// pollution index keeps a share of last year's level.
func (e *Economy) Pollute(st *State) {
	e.emissions(st, e.scratch.emis)
	e.spread(st, e.scratch.emis)
}

// emissions fills em with each city's emissions this year.
func (e *Economy) emissions(st *State, em []float64) {
	N, S := e.N, e.S
	clean := math.Exp(-e.Sc.Environment.Cleaner*st.T) * e.kuznets(st)
	for c := 0; c < N; c++ {
		var x float64
		for s, sec := range e.Sc.Sectors {
			x += sec.Pollution * st.V[c*S+s]
		}
		x *= e.Levers.Emission[c] * clean / e.Sc.Environment.Scale
		if lim := e.Levers.Cap[c] * e.emission0[c]; x > lim {
			x = lim
		}
		em[c] = x
	}
}

// spread updates the pollution index from emissions em.
func (e *Economy) spread(st *State, em []float64) {
	p := e.Sc.Environment
	keep := math.Pow(p.Persistence, e.Sc.Dt) // per step; the yearly share is persistence
	for c := 0; c < e.N; c++ {
		st.Pollution[c] = keep*st.Pollution[c] + (1-keep)*e.inflow(c, em)/(1-p.Persistence)
	}
}

// steadyPollution sets the pollution index to the steady state of the
// emissions em: the year's inflow divided by 1 − persistence.
func (e *Economy) steadyPollution(st *State, em []float64) {
	for c := 0; c < e.N; c++ {
		st.Pollution[c] = e.inflow(c, em) / (1 - e.Sc.Environment.Persistence)
	}
}

// inflow is the pollution that reaches city c in a year from emissions em:
// its own emissions less the share carried away, plus what the kernel
// carries in from every city.
func (e *Economy) inflow(c int, em []float64) float64 {
	p := e.Sc.Environment
	var in float64
	for j, k := range e.kPol[c*e.N : c*e.N+e.N] {
		in += float64(k) * em[j]
	}
	return (1-p.SpreadShare)*em[c] + p.SpreadShare*in
}

// kuznets is the income factor of emissions per unit output, (y/y₀)^−κ,
// where y is the scenario's urban output per resident, y₀ its value at the
// start and κ = environment.income_elasticity: as people grow richer they
// demand, and their governments enforce, cleaner production — the
// environmental Kuznets curve (Grossman & Krueger 1995). With κ > 1
// emissions per head fall as income rises. 1 when κ = 0 or before the
// start is fitted.
func (e *Economy) kuznets(st *State) float64 {
	k := e.Sc.Environment.Income
	if k == 0 || e.income0 <= 0 {
		return 1
	}
	y := urbanIncome(st)
	if y <= 0 {
		return 1
	}
	return math.Pow(y/e.income0, -k)
}

// urbanIncome is the output of all cities over their residents; 0 when the
// cities are empty.
func urbanIncome(st *State) float64 {
	var v, p float64
	for c := 0; c < st.N; c++ {
		v += st.CityOutput(c)
		p += st.CityPop(c)
	}
	if p <= 0 {
		return 0
	}
	return v / p
}
