package model

// Age is stage 11: natural growth of urban residents (every group) and of
// the rural population, at the scenario's net rates; negative rates remove
// people. It records the net change in st.Births for the conservation check.
func (e *Economy) Age(st *State, d *Draw) {
	p, dt := e.Sc.Demography, e.Sc.Dt
	st.Births = 0
	for g := range st.Pop {
		for c := range st.Pop[g] {
			n := natural(d, st.Pop[g][c], p.Urban*dt)
			st.Pop[g][c] += n
			st.Births += n
		}
	}
	for r := range st.Rural {
		n := natural(d, st.Rural[r], p.Rural*dt)
		st.Rural[r] += n
		st.Births += n
	}
}

func natural(d *Draw, n, rate float64) float64 {
	if rate >= 0 {
		return d.Binomial(n, rate)
	}
	return -d.Binomial(n, -rate)
}
