package model

import "math"

// Age is stage 11: natural growth of urban residents (every group) and of
// the rural population, at the scenario's net rates; negative rates remove
// people. It records the net change in st.Births for the conservation check.
// Then college graduates join the talent of their city (Graduate).
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
	e.Graduate(st, d)
}

// Graduate turns workers into talent where the colleges are: each year
// graduation·dt of city c's college students, Education[c] per 100,000
// residents, graduate, and as many of its workers (local and non-local
// alike, in proportion) become talent of the same registration. Graduates
// then move like any talent (stage 7). People are neither created nor
// destroyed.
func (e *Economy) Graduate(st *State, d *Draw) {
	rate := e.Sc.Demography.Graduation * e.Sc.Dt
	if rate <= 0 {
		return
	}
	for c := 0; c < e.N; c++ {
		workers := st.CitySkill(c, Worker)
		if workers <= 0 {
			continue
		}
		p := math.Min(1, rate*st.Education[c]/1e5*st.CityPop(c)/workers)
		for _, s := range []Status{LocalHukou, NonLocal} {
			from, to := GroupOf(Worker, s), GroupOf(Talent, s)
			n := d.Binomial(st.Pop[from][c], p)
			st.Pop[from][c] -= n
			st.Pop[to][c] += n
		}
	}
}

func natural(d *Draw, n, rate float64) float64 {
	if rate >= 0 {
		return d.Binomial(n, rate)
	}
	return -d.Binomial(n, -rate)
}
