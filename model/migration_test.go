package model_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"factorflow/model"
)

// modes are the two modes of a run, as scenario overrides.
var modes = []string{"mode=mean-field", "mode=stochastic"}

// cityFlows returns, for each origin city, the people who left it for other
// cities (both skills) and the people who returned from it to its hinterland.
func cityFlows(st *model.State) (toCities, toRural []float64) {
	N, R := st.N, st.R
	toCities, toRural = make([]float64, N), make([]float64, N)
	for i := 0; i < N; i++ {
		for _, f := range [][]float64{st.Flow[model.FlowTalent], st.Flow[model.FlowWorkers]} {
			for j := 0; j < N; j++ {
				toCities[i] += f[i*N+j]
			}
		}
		for r := 0; r < R; r++ {
			toRural[i] += st.ReturnFlow[i*R+r]
		}
	}
	return toCities, toRural
}

// TestMigrationSharesSumToOne checks that every leaver of a city goes
// somewhere (another city or the hinterland), so that the destination
// shares of leaving plus staying sum to one; that no one "moves" within a
// city; that no more than the reconsidering share leaves; and that
// migration conserves people.
func TestMigrationSharesSumToOne(t *testing.T) {
	for _, mode := range modes {
		for _, rho := range []string{"0.1", "0.3"} {
			t.Run(mode+"/rho="+rho, func(t *testing.T) {
				e, st := world(t, "", "", mode, "migration.rate="+rho, "hukou.quota=0")
				before := totalPeople(st)
				var pop [model.NumGroups][]float64
				for g := range pop {
					pop[g] = append([]float64(nil), st.Pop[g]...)
				}
				clearFlows(st)
				clearFlows(st)
				e.Migrate(st, model.NewDraw(mode == modes[0], 3, 0, "migration"))
				toCities, toRural := cityFlows(st)
				r := e.Sc.Migration.Rate
				for i := 0; i < st.N; i++ {
					var left, p float64
					for g := model.Group(0); g < model.NumGroups; g++ {
						left += e.Leavers(g)[i]
						p += pop[g][i]
					}
					if left <= 0 {
						t.Errorf("city %d: nobody left, want some leavers", i)
					}
					if got := toCities[i] + toRural[i] + (p - left); !near(p, got, 1e-12) {
						t.Errorf("city %d: to cities %v + to hinterland %v + stayers %v = %v, want the population %v",
							i, toCities[i], toRural[i], p-left, got, p)
					}
					if left > r*p*(1+1e-12)+5*math.Sqrt(p) {
						t.Errorf("city %d: %v of %v left, more than the reconsidering share %v", i, left, p, r)
					}
					for k := range 2 {
						if f := st.Flow[model.FlowTalent+model.Factor(k)][i*st.N+i]; f != 0 {
							t.Errorf("city %d, skill %d: flow to itself %v, want 0", i, k, f)
						}
					}
				}
				if after := totalPeople(st); !near(before, after, 1e-12) {
					t.Errorf("people after migration %v, want %v (conserved)", after, before)
				}
			})
		}
	}
}

// TestMigrationStartIsSteadyState checks the amenity calibration: at the
// start, the mean-field flows between cities balance in every city.
func TestMigrationStartIsSteadyState(t *testing.T) {
	e, st := world(t, "", "")
	clearFlows(st)
	e.MigrationFlows(st, model.NewDraw(true, 1, 0, "migration"), 1)
	N := st.N
	for c := 0; c < N; c++ {
		var in, out float64
		for _, f := range [][]float64{st.Flow[model.FlowTalent], st.Flow[model.FlowWorkers]} {
			for j := 0; j < N; j++ {
				out += f[c*N+j]
				in += f[j*N+c]
			}
		}
		if !near(out, in, 1e-5) {
			t.Errorf("city %d: arrivals from cities %v, departures to cities %v; want equal at the calibrated start", c, in, out)
		}
	}
}

// TestPeopleBarrier checks that an infinite people barrier between North
// and South, as the default or for the pair, leaves no flow between their
// cities or from one's hinterland to the other's cities, while people still
// move inside North.
func TestPeopleBarrier(t *testing.T) {
	tests := []struct {
		name  string
		extra string
		sets  []string
	}{
		{"default", "", []string{"barriers.people=inf"}},
		{"pair", "[[barriers.pairs]]\na = \"South\"\nb = \"North\"\npeople = inf\n", nil},
	}
	for _, tt := range tests {
		for _, mode := range modes {
			t.Run(tt.name+"/"+mode, func(t *testing.T) {
				e, st := world(t, "", tt.extra, append(tt.sets, mode)...)
				clearFlows(st)
				e.MigrationFlows(st, model.NewDraw(mode == modes[0], 3, 0, "migration"), 1)
				N, region := st.N, e.CityRegion
				for k, f := range [][]float64{st.Flow[model.FlowTalent], st.Flow[model.FlowWorkers]} {
					for i := 0; i < N; i++ {
						for j := 0; j < N; j++ {
							if region[i] != region[j] && f[i*N+j] != 0 {
								t.Errorf("skill %d: flow %d→%d across the barrier = %v, want 0", k, i, j, f[i*N+j])
							}
						}
					}
					if f[alpha*N+beta] <= 0 || f[beta*N+alpha] <= 0 {
						t.Errorf("skill %d: flows inside North %v, %v, want > 0", k, f[alpha*N+beta], f[beta*N+alpha])
					}
				}
				for r := 0; r < st.R; r++ {
					for j := 0; j < N; j++ {
						if region[j] != r && st.RuralFlow[r*N+j] != 0 {
							t.Errorf("hinterland %d → city %d across the barrier = %v, want 0", r, j, st.RuralFlow[r*N+j])
						}
					}
				}
			})
		}
	}
}

// arrivalsIn returns the arrivals in city c of the last step from other
// cities and hinterlands.
func arrivalsIn(st *model.State, c int) float64 {
	var in float64
	for _, f := range [][]float64{st.Flow[model.FlowTalent], st.Flow[model.FlowWorkers]} {
		for i := 0; i < st.N; i++ {
			in += f[i*st.N+c]
		}
	}
	for r := 0; r < st.R; r++ {
		in += st.RuralFlow[r*st.N+c]
	}
	return in
}

// TestHukouPenaltyLowersInflow compares two identical economies in which
// one city's hukou penalty is raised after calibration: fewer people move
// into it, and more into the other cities.
func TestHukouPenaltyLowersInflow(t *testing.T) {
	for _, c := range []int{alpha, beta, gamma} {
		t.Run(fmt.Sprint("city ", c), func(t *testing.T) {
			e0, st0 := world(t, "", "")
			e1, st1 := world(t, "", "")
			e1.Levers.HukouPenalty[c] += 1
			clearFlows(st0)
			e0.MigrationFlows(st0, model.NewDraw(true, 1, 0, "migration"), 0.1)
			clearFlows(st1)
			e1.MigrationFlows(st1, model.NewDraw(true, 1, 0, "migration"), 0.1)
			for j := 0; j < st0.N; j++ {
				in0, in1 := arrivalsIn(st0, j), arrivalsIn(st1, j)
				if j == c && !(in1 < in0) {
					t.Errorf("arrivals in city %d with a higher penalty %v, want fewer than %v", j, in1, in0)
				}
				if j != c && !(in1 > in0) {
					t.Errorf("arrivals in city %d when city %d's penalty rises %v, want more than %v", j, c, in1, in0)
				}
			}
		})
	}
}

// TestMigrationZeroRate checks that with rho = 0 and no hukou quota nobody
// moves in either mode.
func TestMigrationZeroRate(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			e, st := world(t, "", "", mode, "migration.rate=0", "hukou.quota=0")
			want := append([]float64(nil), st.Rural...)
			var pop [model.NumGroups][]float64
			for g := range pop {
				pop[g] = append([]float64(nil), st.Pop[g]...)
			}
			clearFlows(st)
			e.Migrate(st, model.NewDraw(mode == modes[0], 1, 0, "migration"))
			if diff := cmp.Diff(pop, st.Pop); diff != "" {
				t.Errorf("residents changed with rho = 0 (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(want, st.Rural); diff != "" {
				t.Errorf("hinterlands changed with rho = 0 (-want +got):\n%s", diff)
			}
			for k := range 2 {
				if s := sum(st.Flow[k]); s != 0 {
					t.Errorf("flow of factor %d = %v, want 0", k, s)
				}
			}
		})
	}
}

// TestMoversArriveNonLocal checks, with no hukou conversion, that local
// residents only leave and every arrival joins the non-local group of its
// skill.
func TestMoversArriveNonLocal(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			e, st := world(t, "", "", mode, "hukou.quota=0", "migration.rate=0.3")
			var pop [model.NumGroups][]float64
			for g := range pop {
				pop[g] = append([]float64(nil), st.Pop[g]...)
			}
			clearFlows(st)
			e.MigrationFlows(st, model.NewDraw(mode == modes[0], 9, 0, "migration"), 0.3)
			var want [model.NumGroups][]float64
			for g := model.Group(0); g < model.NumGroups; g++ {
				want[g] = make([]float64, st.N)
				for c := 0; c < st.N; c++ {
					want[g][c] = pop[g][c] - e.Leavers(g)[c]
					if g.Status() == model.NonLocal {
						want[g][c] += e.Arrivals(g.Skill())[c]
					}
				}
			}
			var arrived float64
			for c := 0; c < st.N; c++ {
				arrived += arrivalsIn(st, c)
			}
			if got := sum(e.Arrivals(model.Talent)) + sum(e.Arrivals(model.Worker)); !near(arrived, got, 1e-12) || got <= 0 {
				t.Errorf("arrivals by skill sum to %v, flows into cities to %v; want equal and > 0", got, arrived)
			}
			e.ApplyMigration(st)
			if diff := cmp.Diff(want, st.Pop, cmpopts.EquateApprox(1e-12, 1e-6)); diff != "" {
				t.Errorf("residents after migration (-want +got):\n%s", diff)
			}
		})
	}
}

// TestHukouQuota checks that conversion moves a quota·dt share (in
// expectation) of non-local residents to local registration and conserves
// every city's residents by skill.
func TestHukouQuota(t *testing.T) {
	for _, dt := range []string{"dt=1", "dt=0.5"} {
		for _, mode := range modes {
			t.Run(dt+"/"+mode, func(t *testing.T) {
				e, st := world(t, "", "", mode, dt, "migration.rate=0", "hukou.quota=0.1")
				q := 0.1 * e.Sc.Dt
				var pop [model.NumGroups][]float64
				for g := range pop {
					pop[g] = append([]float64(nil), st.Pop[g]...)
				}
				clearFlows(st)
				e.Migrate(st, model.NewDraw(mode == modes[0], 2, 0, "migration"))
				for c := 0; c < st.N; c++ {
					for _, k := range []model.Skill{model.Talent, model.Worker} {
						l, nl := model.GroupOf(k, model.LocalHukou), model.GroupOf(k, model.NonLocal)
						moved := st.Pop[l][c] - pop[l][c]
						if got, want := st.Pop[l][c]+st.Pop[nl][c], pop[l][c]+pop[nl][c]; !near(want, got, 1e-12) {
							t.Errorf("city %d, skill %d: residents %v after conversion, want %v", c, k, got, want)
						}
						want := q * pop[nl][c]
						tol := 1e-12 * want
						if mode != modes[0] {
							tol = 5 * math.Sqrt(want) // 5 s.d.: false-failure rate ~6e-7
						}
						if math.Abs(moved-want) > tol {
							t.Errorf("city %d, skill %d: %v converted, want %v ± %v", c, k, moved, want, tol)
						}
					}
				}
			})
		}
	}
}

// TestMigrationSize: with migration.size = s the movers' flows into a city
// are those of size 0 times (residents/mean)^s, up to one factor per origin
// (the destinations' shares are renormalised); staying carries no mass.
func TestMigrationSize(t *testing.T) {
	for _, size := range []float64{0.5, 1, 1.5} {
		t.Run(fmt.Sprint("size ", size), func(t *testing.T) {
			e0, st0 := world(t, "", "", "migration.calibrate=false")
			e1, st1 := world(t, "", "", "migration.calibrate=false", fmt.Sprintf("migration.size=%g", size))
			clearFlows(st0)
			clearFlows(st1)
			e0.MigrationFlows(st0, model.NewDraw(true, 1, 0, "migration"), 0.1)
			e1.MigrationFlows(st1, model.NewDraw(true, 1, 0, "migration"), 0.1)
			N := st0.N
			var mean float64
			for j := 0; j < N; j++ {
				mean += st0.CityPop(j) / float64(N)
			}
			mass := func(j int) float64 { return math.Pow(st0.CityPop(j)/mean, size) }
			// Movers out of each city (workers: one skill, exact) and rural
			// movers of each region (both skills added, whose destination
			// utilities differ: to 1e-3).
			rows := map[string]func(st *model.State, j int) float64{}
			tol := map[string]float64{}
			for r := 0; r < st0.R; r++ {
				name := fmt.Sprint("rural ", r)
				rows[name] = func(st *model.State, j int) float64 { return st.RuralFlow[r*N+j] }
				tol[name] = 1e-3
			}
			for i := 0; i < N; i++ {
				tol[fmt.Sprint("city ", i)] = 1e-9
				rows[fmt.Sprint("city ", i)] = func(st *model.State, j int) float64 {
					if j == i {
						return math.NaN()
					}
					return st.Flow[model.FlowWorkers][i*N+j]
				}
			}
			for name, flow := range rows {
				factor := math.NaN()
				for j := 0; j < N; j++ {
					f0, f1 := flow(st0, j), flow(st1, j)
					if math.IsNaN(f0) || f0 == 0 {
						continue
					}
					k := f1 / (f0 * mass(j))
					if math.IsNaN(factor) {
						factor = k
					} else if !near(factor, k, tol[name]) {
						t.Errorf("%s → city %d: flow ratio over mass %v, want %v as for the other destinations", name, j, k, factor)
					}
				}
			}
		})
	}
}

// TestMigrationSizeZeroIsDefault: size 0 gives exactly the flows of a
// scenario that does not set it.
func TestMigrationSizeZeroIsDefault(t *testing.T) {
	e0, st0 := world(t, "", "")
	e1, st1 := world(t, "", "", "migration.size=0")
	clearFlows(st0)
	clearFlows(st1)
	e0.MigrationFlows(st0, model.NewDraw(true, 1, 0, "migration"), 0.1)
	e1.MigrationFlows(st1, model.NewDraw(true, 1, 0, "migration"), 0.1)
	if diff := cmp.Diff(st0.Flow, st1.Flow); diff != "" {
		t.Errorf("flows with size 0 (-default +size=0):\n%s", diff)
	}
	if diff := cmp.Diff(st0.RuralFlow, st1.RuralFlow); diff != "" {
		t.Errorf("rural flows with size 0 (-default +size=0):\n%s", diff)
	}
}
