package model_test

import (
	"fmt"
	"math"
	"testing"

	"factorflow/model"
)

// TestCalibratedStart checks production.calibrate: after Init every city's
// output and every city-sector's value equal the scenario's (relative 1e-6)
// and every price is 1, in both modes, with and without firm dispersion, with
// a span of control and with and without industrial land in the land market.
func TestCalibratedStart(t *testing.T) {
	for _, mode := range modes {
		for _, firms := range []string{"firms.sigma=0", "firms.sigma=0.5", "firms.span=0.85"} {
			for _, land := range []string{"production.industrial_land=0", "production.industrial_land=0.25"} {
				t.Run(mode+"/"+firms+"/"+land, func(t *testing.T) {
					e, st := world(t, "", "", mode, firms, land)
					for c, ct := range e.Sc.Cities {
						if got := st.CityOutput(c); !near(ct.Output, got, 1e-6) {
							t.Errorf("%s: output %v, want %v", ct.Name, got, ct.Output)
						}
						for s, sec := range e.Sc.Sectors {
							i := c*st.S + s
							if want := ct.Output * ct.Sectors[sec.Name]; !near(want, st.V[i], 1e-6) {
								t.Errorf("%s, %s: value %v, want %v", ct.Name, sec.Name, st.V[i], want)
							}
							if !near(1, st.Price[i], 1e-9) {
								t.Errorf("%s, %s: price %v, want 1", ct.Name, sec.Name, st.Price[i])
							}
						}
					}
					if r := st.Residual; r > e.Sc.Production.Tolerance {
						t.Errorf("fixed-point residual at the start %v, want below the tolerance", r)
					}
				})
			}
		}
	}
}

// TestUncalibratedKnowledge checks that production.calibrate = false
// leaves knowledge at 1 everywhere.
func TestUncalibratedKnowledge(t *testing.T) {
	_, st := world(t, "", "", "production.calibrate=false")
	for i, a := range st.A {
		if a != 1 {
			t.Errorf("A[%d] = %v, want 1 without calibration", i, a)
		}
	}
}

// checkCleared verifies the equilibrium conditions of Clear: each city's
// talent and workers are all employed, in proportion to α·V across sectors;
// traded prices clear outside demand D·exp(g·T) and local prices their
// city's spending; wages pay the labour share of output.
func checkCleared(t *testing.T, e *model.Economy, st *model.State) {
	t.Helper()
	N, S, sc := st.N, st.S, e.Sc
	const rel = 1e-4 // the fixed point stops at a log change of 1e-6
	if r := st.Residual; r > sc.Production.Tolerance {
		t.Errorf("residual after Clear %v, want below the tolerance %v", r, sc.Production.Tolerance)
	}
	alphaOf := func(s int, k model.Skill) float64 {
		if k == model.Talent {
			return sc.Sectors[s].Talent
		}
		return sc.Sectors[s].Workers
	}
	for c := 0; c < N; c++ {
		for _, k := range []model.Skill{model.Talent, model.Worker} {
			var employed, paid float64
			for s := 0; s < S; s++ {
				employed += st.Labour[k][c*S+s]
				paid += alphaOf(s, k) * st.V[c*S+s]
			}
			n := st.CitySkill(c, k)
			if !near(n, employed, 1e-9) {
				t.Errorf("city %d, skill %d: %v employed, want all %v residents", c, k, employed, n)
			}
			for s := 0; s < S; s++ {
				if want := n * alphaOf(s, k) * st.V[c*S+s] / paid; !near(want, st.Labour[k][c*S+s], rel) {
					t.Errorf("city %d, skill %d, sector %d: employs %v, want the labour share %v", c, k, s, st.Labour[k][c*S+s], want)
				}
			}
			if !near(paid/n, st.Wage[k][c], 1e-9) {
				t.Errorf("city %d, skill %d: wage %v, want %v", c, k, st.Wage[k][c], paid/n)
			}
		}
	}
	demand := e.Demand()
	for s, sec := range sc.Sectors {
		if sec.Type != model.Local {
			var q float64
			for c := 0; c < N; c++ {
				q += st.Y[c*S+s]
			}
			outside := math.Exp(-sc.Nation.Productivity * st.T)
			want := outside * math.Pow(demand[s]*math.Exp((sc.Nation.Growth+sec.Trend)*st.T)/q, 1/sec.Elasticity)
			for c := 0; c < N; c++ {
				if !near(want, st.Price[c*S+s], rel) {
					t.Errorf("%s in city %d: price %v, want the clearing price %v", sec.Name, c, st.Price[c*S+s], want)
				}
			}
			continue
		}
		for c := 0; c < N; c++ {
			i := c*S + s
			want := math.Pow(demand[i]*st.CityOutput(c)/st.Y[i], 1/sec.Elasticity)
			if !near(want, st.Price[i], rel) {
				t.Errorf("%s in city %d: price %v, want the clearing price %v", sec.Name, c, st.Price[i], want)
			}
		}
	}
}

// TestClearConverges moves people, advances time and checks that Clear
// finds the new equilibrium.
func TestClearConverges(t *testing.T) {
	tests := []struct {
		name  string
		shock func(st *model.State)
		sets  []string
	}{
		{"start", func(*model.State) {}, nil},
		{"five years on", func(st *model.State) { st.T = 5 }, nil},
		{"five years on, outside productivity growing", func(st *model.State) { st.T = 5 }, []string{"nation.productivity=0.02"}},
		{"five years on, outside productivity falling", func(st *model.State) { st.T = 5 }, []string{"nation.productivity=-0.03"}},
		{"workers move to Beta", func(st *model.State) {
			for _, g := range []model.Group{model.WorkerLocal, model.WorkerNonLocal} {
				x := 0.3 * st.Pop[g][alpha]
				st.Pop[g][alpha] -= x
				st.Pop[g][beta] += x
			}
		}, nil},
		{"talent leaves Gamma", func(st *model.State) {
			st.Pop[model.TalentLocal][gamma] *= 0.5
			st.Pop[model.TalentNonLocal][gamma] *= 0.5
		}, nil},
	}
	for _, tt := range tests {
		for _, mode := range modes {
			t.Run(tt.name+"/"+mode, func(t *testing.T) {
				e, st := world(t, "", "", append([]string{mode}, tt.sets...)...)
				tt.shock(st)
				e.Produce(st)
				if err := e.Clear(st); err != nil {
					t.Fatalf("Clear: %v", err)
				}
				checkCleared(t, e, st)
			})
		}
	}
}

// TestKnowledgeRaisesOutput raises one city's knowledge in every sector by
// 20% and checks that its real output of every sector and its value of
// output rise.
func TestKnowledgeRaisesOutput(t *testing.T) {
	for _, c := range []int{alpha, beta, gamma} {
		t.Run(fmt.Sprint("city ", c), func(t *testing.T) {
			e, st := world(t, "", "")
			S := st.S
			y0 := append([]float64(nil), st.Y...)
			v0 := st.CityOutput(c)
			for s := 0; s < S; s++ {
				st.A[c*S+s] *= 1.2
			}
			e.Produce(st)
			if err := e.Clear(st); err != nil {
				t.Fatalf("Clear: %v", err)
			}
			for s := 0; s < S; s++ {
				if got := st.Y[c*S+s]; !(got > y0[c*S+s]*1.01) {
					t.Errorf("sector %d: real output %v, want above %v", s, got, y0[c*S+s])
				}
			}
			if got := st.CityOutput(c); !(got > v0*1.01) {
				t.Errorf("value of output %v, want above %v", got, v0)
			}
		})
	}
}

// TestOutsideDemandRaisesPrices lets outside demand double (nation.growth
// over ln 2 / growth years, with no productivity growth) and checks that
// every traded price rises above 1, equally in every city; with no demand
// growth prices stay 1.
func TestOutsideDemandRaisesPrices(t *testing.T) {
	tests := []struct {
		growth string
		rises  bool
	}{
		{"nation.growth=0.05", true},
		{"nation.growth=0", false},
	}
	for _, tt := range tests {
		t.Run(tt.growth, func(t *testing.T) {
			e, st := world(t, "", "", tt.growth, "production.tfp_growth=0")
			st.T = math.Ln2 / 0.05
			e.Produce(st)
			if err := e.Clear(st); err != nil {
				t.Fatalf("Clear: %v", err)
			}
			S := st.S
			for s, sec := range e.Sc.Sectors {
				if sec.Type == model.Local {
					continue
				}
				p := st.Price[s]
				if tt.rises && !(p > 1.01) {
					t.Errorf("%s: price %v after outside demand doubled, want > 1", sec.Name, p)
				}
				if !tt.rises && !near(1, p, 1e-6) {
					t.Errorf("%s: price %v with no demand growth, want 1", sec.Name, p)
				}
				for c := 1; c < st.N; c++ {
					if st.Price[c*S+s] != p {
						t.Errorf("%s: price %v in city %d, %v in city 0; want one traded price", sec.Name, st.Price[c*S+s], c, p)
					}
				}
			}
			checkCleared(t, e, st)
		})
	}
}

// TestClearLand checks that clearLand returns the root of the land market,
// h = h0·(a·(pop + b/h))^θ, from any warm start, and its closed forms
// without firms (b = 0) or with a flat supply (θ = 0).
func TestClearLand(t *testing.T) {
	tests := []struct {
		name                    string
		h0, theta, a, pop, b, w float64
		want                    float64 // 0: check the residual only
	}{
		{"no firms", 0.5, 0.6, 1e-3, 2e6, 0, 0, 0.5 * math.Pow(2e3, 0.6)},
		{"flat supply", 0.5, 0, 1e-3, 2e6, 1e9, 7, 0.5},
		{"firms, cold start", 0.5, 0.6, 1e-3, 2e6, 1e7, 0, 0},
		{"firms, warm start far below", 0.5, 0.6, 1e-3, 2e6, 1e7, 1e-9, 0},
		{"firms, warm start far above", 0.5, 0.6, 1e-3, 2e6, 1e7, 1e9, 0},
		{"firms dominate", 0.08, 0.6, 2e-4, 1, 1e12, 0, 0},
		{"steep supply", 0.5, 3, 1e-3, 5e5, 1e8, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := model.ClearLand(tt.h0, tt.theta, tt.a, tt.pop, tt.b, tt.w)
			if tt.want != 0 {
				if !near(tt.want, h, 1e-12) {
					t.Errorf("rent %v, want %v", h, tt.want)
				}
				return
			}
			if want := tt.h0 * math.Pow(tt.a*(tt.pop+tt.b/h), tt.theta); !near(want, h, 1e-12) {
				t.Errorf("rent %v, but the land market clears at h0·(a·(pop + b/h))^θ = %v", h, want)
			}
			if without := model.ClearLand(tt.h0, tt.theta, tt.a, tt.pop, 0, 0); !(h > without) {
				t.Errorf("rent %v with firms, want above %v without", h, without)
			}
			if more := model.ClearLand(tt.h0, tt.theta, tt.a, tt.pop, 2*tt.b, h); !(more > h) {
				t.Errorf("rent %v with twice the firms' land spending, want above %v", more, h)
			}
		})
	}
}

// TestIndustrialLand checks production.industrial_land at the start: off,
// every rent is h0·(P/land)^θ exactly and λ = 0; on, the start rents are the
// same (the data's rents already hold the firms' demand), firms hold the
// share φ of the nation's developed land, and a city whose firms spend more
// on land pays a higher rent the next step while the others' stay.
func TestIndustrialLand(t *testing.T) {
	for _, phi := range []float64{0, 0.1, 0.25, 0.6} {
		t.Run(fmt.Sprint("phi=", phi), func(t *testing.T) {
			e, st := world(t, "", "", fmt.Sprint("production.industrial_land=", phi))
			prm, lambda := e.Sc.Production, e.LandLambda()
			if phi == 0 && lambda != 0 {
				t.Fatalf("λ = %v with industrial land off, want 0", lambda)
			}
			var firms, people float64
			for c := range e.Sc.Cities {
				want := prm.LandBase * math.Pow(st.CityPop(c)/e.Land[c], prm.LandTheta)
				if phi == 0 && st.LandPrice[c] != want || !near(want, st.LandPrice[c], 1e-12) {
					t.Errorf("city %d: start rent %v, want the residents' %v", c, st.LandPrice[c], want)
				}
				var spend float64
				for s, sec := range e.Sc.Sectors {
					spend += sec.Land * st.V[c*st.S+s]
				}
				firms += lambda * spend / st.LandPrice[c]
				people += st.CityPop(c)
			}
			if got := firms / (firms + people); !near(phi, got, 1e-9) {
				t.Errorf("firms hold %v of the developed land, want %v", got, phi)
			}
			h0 := append([]float64(nil), st.LandPrice...)
			for s := range e.Sc.Sectors {
				st.V[beta*st.S+s] *= 2
			}
			e.Produce(st)
			for c := range h0 {
				if c == beta && phi > 0 && !(st.LandPrice[c] > h0[c]*1.001) {
					t.Errorf("Beta's rent %v after its output doubled, want above %v", st.LandPrice[c], h0[c])
				}
				if (c != beta || phi == 0) && !near(h0[c], st.LandPrice[c], 1e-12) {
					t.Errorf("city %d: rent %v, want unchanged %v", c, st.LandPrice[c], h0[c])
				}
			}
			if err := e.Clear(st); err != nil {
				t.Fatalf("Clear: %v", err)
			}
			checkCleared(t, e, st)
		})
	}
}
