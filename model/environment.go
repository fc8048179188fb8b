package model

import "math"

// Pollute is stage 10. Emissions are each sector's intensity times its
// output (scaled, falling with cleaner technology at environment.cleaner a
// year, and cut by joint-control agreements and caps); a share is
// carried to neighbours by a kernel decaying with generalised cost; the
// pollution index keeps a share of last year's level.
func (e *Economy) Pollute(st *State) {
	e.emissions(st, e.scratch.emis)
	e.spread(st, e.scratch.emis)
}

// emissions fills em with each city's emissions this year.
func (e *Economy) emissions(st *State, em []float64) {
	N, S := e.N, e.S
	clean := math.Exp(-e.Sc.Environment.Cleaner * st.T)
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
	N, p := e.N, e.Sc.Environment
	keep := math.Pow(p.Persistence, e.Sc.Dt) // per step; the yearly share is persistence
	for c := 0; c < N; c++ {
		var in float64
		row := e.kPol[c*N : c*N+N]
		for j, k := range row {
			in += float64(k) * em[j]
		}
		inflow := (1-p.SpreadShare)*em[c] + p.SpreadShare*in
		st.Pollution[c] = keep*st.Pollution[c] + (1-keep)*inflow/(1-p.Persistence)
	}
}
