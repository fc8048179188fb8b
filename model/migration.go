package model

import "math"

// Migrate is stage 7. A share ρ·dt of every resident group reconsiders where
// to live and chooses among the cities and its region's hinterland by
// multinomial logit on
//
//	U = ln w_j − s_h ln h_j + β_G·access·G_j + amenity_j − ψ·pollution_j
//	    − F·[j≠i] − δ·ln(1 + C_ij) − B_admin − B_hukou·[non-local in j]
//
// Movers arrive as non-local residents. Each region's rural population
// chooses among staying and the cities by the same rule against the rural
// wage. Finally each city converts a quota of its non-local residents to
// local hukou.
func (e *Economy) Migrate(st *State, d *Draw) {
	e.RuralWages(st)
	e.migrationFlows(st, d, e.Sc.Migration.Rate*e.Sc.Dt)
	e.applyMigration(st)
	e.convertHukou(st, d)
}

// utilities fills the scaled destination weights exp((U − Umax)/μ) of each
// skill and status (without origin-specific costs) and returns the scaled
// weights of staying in each region's hinterland.
func (e *Economy) utilities(st *State, rural *[2][]float64) {
	N, R, sc := e.N, e.R, e.Sc
	m := sc.Migration
	u := &e.scratch.util
	e.masses(st)
	for k := 0; k < 2; k++ {
		umax := math.Inf(-1)
		for j := 0; j < N; j++ {
			lw := math.Log(st.Wage[k][j])
			common := lw - m.HousingShare*math.Log(st.LandPrice[j]) + st.Amenity[j] - m.Pollution*st.Pollution[j]
			g := m.Services * math.Log1p((st.Education[j]+st.Health[j])/1000)
			u[k][LocalHukou][j] = common + g
			u[k][NonLocal][j] = common + g*e.Levers.HukouAccess[j] - e.Levers.HukouPenalty[j]
			umax = math.Max(umax, u[k][LocalHukou][j])
		}
		for r := 0; r < R; r++ {
			rural[k][r] = math.Log(st.RuralWage[r]) + e.ruralAmenity[r]
			umax = math.Max(umax, rural[k][r])
		}
		if math.IsInf(umax, 0) || math.IsNaN(umax) {
			umax = 0
		}
		for s := 0; s < 2; s++ {
			for j := 0; j < N; j++ {
				u[k][s][j] = math.Exp((u[k][s][j] - umax) / m.Scale)
			}
		}
		for r := 0; r < R; r++ {
			rural[k][r] = math.Exp((rural[k][r] - umax) / m.Scale)
		}
	}
}

// migrationFlows computes this step's moves with reconsideration share rho
// and records them in st.Flow, st.RuralFlow, st.ReturnFlow and in the
// scratch leave/arrive buffers, without changing the population.
func (e *Economy) migrationFlows(st *State, d *Draw, rho float64) {
	N := e.N
	sc := &e.scratch
	rural := &sc.rural
	e.utilities(st, rural)
	clear(sc.gone)
	clear(sc.back)
	clear(sc.arrive[0])
	clear(sc.arrive[1])
	for g := range sc.leave {
		clear(sc.leave[g])
	}
	w, tmp := sc.moveTo[:N], sc.tmp
	for i := 0; i < N; i++ {
		ri := e.CityRegion[i]
		row := e.kMig[i*N : i*N+N]
		for k := 0; k < 2; k++ {
			dest := sc.util[k][NonLocal]
			var away float64
			for j, kk := range row {
				w[j] = dest[j] * float64(kk) * sc.mass[j]
				away += w[j]
			}
			away -= w[i]
			w[i] = 0
			ret := rural[k][ri] * e.kReturn
			var movers float64
			for s := 0; s < 2; s++ {
				g := GroupOf(Skill(k), Status(s))
				stay := sc.util[k][s][i] * float64(row[i])
				den := away + ret + stay
				if den <= 0 || away+ret <= 0 {
					continue
				}
				n := d.Binomial(st.Pop[g][i], rho*(away+ret)/den)
				sc.leave[g][i] = n
				movers += n
			}
			if movers <= 0 {
				continue
			}
			back := d.Binomial(movers, ret/(away+ret))
			clear(tmp)
			placed := d.Multinomial(tmp, w, movers-back)
			if placed < movers-back {
				back = movers - placed // no reachable city: the rest go home
			}
			sc.back[i] += back
			flow := st.Flow[FlowTalent+Factor(k)][i*N : i*N+N]
			for j, x := range tmp {
				flow[j] += x
				sc.arrive[k][j] += x
			}
		}
	}
	e.ruralFlows(st, d, rho, rural)
}

// ruralFlows moves people from each hinterland to the cities.
func (e *Economy) ruralFlows(st *State, d *Draw, rho float64, rural *[2][]float64) {
	N, sc := e.N, &e.scratch
	w, tmp := sc.moveTo[:N], sc.tmp
	rt := e.Sc.Migration.RuralTalent
	for r := range st.Rural {
		row := e.kRural[r*N : r*N+N]
		out := st.RuralFlow[r*N : r*N+N]
		for k := 0; k < 2; k++ {
			pool := st.Rural[r] * rt
			if k == int(Worker) {
				pool = st.Rural[r] - pool
			}
			var away float64
			for j, kk := range row {
				w[j] = sc.util[k][NonLocal][j] * float64(kk) * sc.mass[j]
				away += w[j]
			}
			if away <= 0 {
				continue
			}
			n := d.Binomial(pool, rho*away/(away+rural[k][r]))
			if n <= 0 {
				continue
			}
			clear(tmp)
			d.Multinomial(tmp, w, n)
			for j, x := range tmp {
				out[j] += x
				sc.arrive[k][j] += x
				sc.gone[r] += x
			}
		}
	}
}

// masses fills the destination mass of every city for movers,
// (residents/mean)^size with migration.size: a city is many dwellings and
// jobs, and a mover chooses among them (aggregation of elemental
// alternatives, McFadden 1978), so moves between two places grow with the
// destination's size as in the gravity model of migration (flows ∝ origin ×
// destination population). Staying is one alternative, one's own home: it
// gets no mass, so that flows balance where utilities are equal, whatever
// the sizes (spatial equilibrium). Relative to the mean city, the mass
// shifts movers among cities and leaves the cities' total weight against
// the hinterland about as it is. With size 0 every mass is 1.
func (e *Economy) masses(st *State) {
	mass, size := e.scratch.mass, e.Sc.Migration.Size
	if size == 0 {
		for j := range mass {
			mass[j] = 1
		}
		return
	}
	var t float64
	for j := range mass {
		t += st.CityPop(j)
	}
	mean := math.Max(t/float64(max(len(mass), 1)), 1)
	for j := range mass {
		mass[j] = math.Pow(math.Max(st.CityPop(j), 1)/mean, size)
	}
}

func sum(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s
}

// applyMigration moves the people of the recorded flows.
func (e *Economy) applyMigration(st *State) {
	N, R, sc := e.N, e.R, &e.scratch
	for g := Group(0); g < NumGroups; g++ {
		for i := 0; i < N; i++ {
			st.Pop[g][i] -= sc.leave[g][i]
		}
	}
	for k := 0; k < 2; k++ {
		g := GroupOf(Skill(k), NonLocal)
		for j := 0; j < N; j++ {
			st.Pop[g][j] += sc.arrive[k][j]
		}
	}
	for r := 0; r < R; r++ {
		st.Rural[r] -= sc.gone[r]
	}
	for i := 0; i < N; i++ {
		st.Rural[e.CityRegion[i]] += sc.back[i]
		st.ReturnFlow[i*R+e.CityRegion[i]] += sc.back[i]
	}
}

// convertHukou grants local registration to a quota of non-local residents.
func (e *Economy) convertHukou(st *State, d *Draw) {
	for c := 0; c < e.N; c++ {
		q := e.Levers.HukouQuota[c] * e.Sc.Dt
		for k := 0; k < 2; k++ {
			nl, l := GroupOf(Skill(k), NonLocal), GroupOf(Skill(k), LocalHukou)
			n := d.Binomial(st.Pop[nl][c], q)
			st.Pop[nl][c] -= n
			st.Pop[l][c] += n
		}
	}
}
