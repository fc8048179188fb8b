package model_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"factorflow/model"
	"factorflow/scenarios"
)

// unitTOML is the scenario of the mechanism tests: two regions, three
// cities (Alpha and Beta in North, Gamma in South) and three sectors (a
// cloud sector, a polluting base sector and local services), in mean-field
// mode. Tests prepend top-level keys and append tables; scalar changes go
// through scenarios' path=value overrides.
const unitTOML = `
name = "unit"
mode = "mean-field"
start_year = 2020
years = 10

[[sectors]]
name = "tech"
type = "cloud"
talent = 0.5
workers = 0.15
capital = 0.3
land = 0.05
agglomeration = 0.08
elasticity = 6
spillover = 1

[[sectors]]
name = "steel"
type = "base"
talent = 0.05
workers = 0.25
capital = 0.55
land = 0.15
elasticity = 8
pollution = 1
spillover = 0.2

[[sectors]]
name = "services"
type = "local"
talent = 0.1
workers = 0.6
capital = 0.25
land = 0.05
elasticity = 4
spillover = 0.1

[[regions]]
name = "North"
rural = 2000000

[[regions]]
name = "South"
rural = 1500000

[[cities]]
name = "Alpha"
region = "North"
role = "core"
lat = 40.0
lon = 116.4
population = 6000000
talent_share = 0.3
nonlocal = 0.3
output = 600000
sectors = { tech = 0.4, steel = 0.1, services = 0.5 }
education = 4000
health = 800

[[cities]]
name = "Beta"
region = "North"
lat = 39.6
lon = 116.9
population = 1500000
talent_share = 0.1
nonlocal = 0.05
output = 90000
sectors = { tech = 0.1, steel = 0.5, services = 0.4 }
education = 1500
health = 400

[[cities]]
name = "Gamma"
region = "South"
role = "core"
lat = 39.1
lon = 117.2
population = 3000000
talent_share = 0.15
nonlocal = 0.2
output = 240000
sectors = { tech = 0.2, steel = 0.3, services = 0.5 }
education = 2500
health = 600
`

// City and sector indices of unitTOML.
const (
	alpha, beta, gamma    = 0, 1, 2
	tech, steel, services = 0, 1, 2
	north, south          = 0, 1
)

// parse loads top + unitTOML + extra with the overrides sets.
func parse(t *testing.T, top, extra string, sets ...string) *model.Scenario {
	t.Helper()
	sc, err := scenarios.Parse("unit.toml", []byte(top+unitTOML+extra), sets)
	if err != nil {
		t.Fatalf("scenarios.Parse: %v", err)
	}
	return sc
}

// start resolves sc and builds its initial state from the "init" stream of
// run 0, as package sim does.
func start(t *testing.T, sc *model.Scenario) (*model.Economy, *model.State) {
	t.Helper()
	e, err := model.NewEconomy(sc)
	if err != nil {
		t.Fatalf("NewEconomy: %v", err)
	}
	st, err := e.Init(model.NewDraw(sc.Mode == "mean-field", sc.Seed, 0, "init"))
	if err != nil {
		t.Fatalf("Init: %v", err)
	}
	return e, st
}

// world is start(parse(...)).
func world(t *testing.T, top, extra string, sets ...string) (*model.Economy, *model.State) {
	t.Helper()
	return start(t, parse(t, top, extra, sets...))
}

// near reports whether got is within rel of want, relative to |want| (or
// absolute when want is 0).
func near(want, got, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), 1e-300) || got == want
}

// totalPeople is everyone in the cities and the hinterlands.
func totalPeople(st *model.State) float64 {
	var p float64
	for c := 0; c < st.N; c++ {
		p += st.CityPop(c)
	}
	for _, r := range st.Rural {
		p += r
	}
	return p
}

// firmCapital is the capital of all alive firms.
func firmCapital(st *model.State) float64 {
	var k float64
	for _, f := range st.Firms {
		if f.Alive {
			k += f.K
		}
	}
	return k
}

// TestInitPopulation checks that the resident groups of every city add up
// to its population, with its talent and non-local shares, and that the
// hinterlands hold the regions' rural populations. Stochastic mode rounds
// each group to whole persons.
func TestInitPopulation(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			e, st := world(t, "", "", mode)
			tol := 1e-9 // persons
			if mode != modes[0] {
				tol = 2 // four groups rounded
			}
			for c, ct := range e.Sc.Cities {
				p := st.CityPop(c)
				if math.Abs(p-ct.Population) > tol {
					t.Errorf("%s: residents %v, want %v", ct.Name, p, ct.Population)
				}
				if got := st.CitySkill(c, model.Talent); math.Abs(got-ct.TalentShare*ct.Population) > tol {
					t.Errorf("%s: talent %v, want %v", ct.Name, got, ct.TalentShare*ct.Population)
				}
				nl := st.Pop[model.TalentNonLocal][c] + st.Pop[model.WorkerNonLocal][c]
				if math.Abs(nl-ct.NonLocal*ct.Population) > tol {
					t.Errorf("%s: non-local residents %v, want %v", ct.Name, nl, ct.NonLocal*ct.Population)
				}
				for g := range st.Pop {
					if x := st.Pop[g][c]; mode != modes[0] && x != math.Round(x) {
						t.Errorf("%s, group %d: %v residents, want whole persons", ct.Name, g, x)
					}
				}
			}
			for r, rg := range e.Sc.Regions {
				if st.Rural[r] != rg.Rural {
					t.Errorf("%s: hinterland %v, want %v", rg.Name, st.Rural[r], rg.Rural)
				}
			}
		})
	}
}

// TestInitFirms checks the initial firms: about firms.per_city in every
// city (each sector's count is rounded, at least one per sector present),
// all alive, never relocated, with unique IDs: their city-sector and a
// birth rank there.
func TestInitFirms(t *testing.T) {
	for _, per := range []int{5, 50, 400} {
		for _, mode := range modes {
			t.Run(fmt.Sprintf("per_city=%d/%s", per, mode), func(t *testing.T) {
				_, st := world(t, "", "", mode, fmt.Sprint("firms.per_city=", per))
				count := make([]int, st.N)
				bySector := make([]int, st.N*st.S)
				ids := map[int64]bool{}
				for _, f := range st.Firms {
					count[f.City]++
					bySector[f.City*st.S+f.Sector]++
					cs := f.City*st.S + f.Sector
					if ids[f.ID] || f.ID>>32 != int64(cs) || f.ID&(1<<32-1) < 1 || f.ID&(1<<32-1) > st.Born[cs] {
						t.Errorf("firm ID %#x repeated or not city-sector %d and a birth rank in 1..%d", f.ID, cs, st.Born[cs])
					}
					ids[f.ID] = true
					if !f.Alive || f.Origin != -1 || f.Treatment != -1 || !(f.K > 0) || !(f.Z > 0) {
						t.Errorf("firm %d: %+v, want alive, never moved, K > 0 and Z > 0", f.ID, f)
					}
				}
				for c, n := range count {
					if math.Abs(float64(n-per)) > float64(st.S) {
						t.Errorf("city %d: %d firms, want %d ± %d", c, n, per, st.S)
					}
					for s := 0; s < st.S; s++ {
						if bySector[c*st.S+s] < 1 {
							t.Errorf("city %d, sector %d: no firm, want at least one", c, s)
						}
					}
				}
				var born int64
				for _, b := range st.Born {
					born += b
				}
				if int64(len(st.Firms)) != born {
					t.Errorf("%d firms, %d born; want equal", len(st.Firms), born)
				}
			})
		}
	}
}

// TestInitCapitalOutput checks that the capital of all firms over the value
// of output is production.capital_output, and that within each city every
// sector holds capital in proportion to its capital intensity times its
// output (the calibration moves capital between cities only: fitInvestment).
func TestInitCapitalOutput(t *testing.T) {
	for _, co := range []string{"2.5", "1", "4"} {
		for _, mode := range modes {
			t.Run(co+"/"+mode, func(t *testing.T) {
				e, st := world(t, "", "", mode, "production.capital_output="+co)
				var v float64
				for _, x := range st.V {
					v += x
				}
				want := e.Sc.Production.CapitalOutput
				if got := firmCapital(st) / v; !near(want, got, 1e-6) {
					t.Errorf("capital/output %v, want %v", got, want)
				}
				k := make([]float64, st.N*st.S)
				for _, f := range st.Firms {
					k[f.City*st.S+f.Sector] += f.K
				}
				for c := 0; c < st.N; c++ {
					var kc, vkc float64
					for s := 0; s < st.S; s++ {
						kc += k[c*st.S+s]
						vkc += e.Sc.Sectors[s].Capital * st.V[c*st.S+s]
					}
					for s := 0; s < st.S; s++ {
						i := c*st.S + s
						if w := kc * e.Sc.Sectors[s].Capital * st.V[i] / vkc; !near(w, k[i], 1e-6) {
							t.Errorf("city-sector %d: capital %v, want %v", i, k[i], w)
						}
					}
				}
			})
		}
	}
}

// TestInitInvestmentSteadyState checks that the start is a steady state of
// investment: every city receives new capital in proportion to the capital
// it holds.
func TestInitInvestmentSteadyState(t *testing.T) {
	e, st := world(t, "", "", "mode=mean-field")
	e.Invest(st)
	var k, in float64
	kc, inc := make([]float64, st.N), make([]float64, st.N)
	for i, x := range e.Pending() {
		inc[i/st.S] += x
		in += x
	}
	for _, f := range st.Firms {
		kc[f.City] += f.K
		k += f.K
	}
	for c := range kc {
		if got, want := inc[c]/in, kc[c]/k; !near(want, got, 1e-6) {
			t.Errorf("city %d: share of new capital %v, want its share of capital %v", c, got, want)
		}
	}
}

// TestInitDeterministic checks that Init depends only on the scenario and
// its seed.
func TestInitDeterministic(t *testing.T) {
	sc := parse(t, "", "", "mode=stochastic", "firms.sigma=0.5")
	_, a := start(t, sc)
	_, b := start(t, sc)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two initial states of one scenario differ (-first +second):\n%s", diff)
	}
	sc2 := parse(t, "", "", "mode=stochastic", "firms.sigma=0.5", "seed=2")
	_, c := start(t, sc2)
	if cmp.Equal(a.Firms, c.Firms) {
		t.Errorf("initial firms of seeds 1 and 2 are equal, want different efficiency draws")
	}
}

// clearFlows empties the recorded flows, as package sim does at the start
// of a step.
func clearFlows(st *model.State) {
	for k := range st.Flow {
		clear(st.Flow[k])
	}
	clear(st.RuralFlow)
	clear(st.ReturnFlow)
}
