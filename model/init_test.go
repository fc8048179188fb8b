package model_test

import (
	"math"
	"testing"

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
	st := e.Init(model.NewDraw(sc.Mode == "mean-field", sc.Seed, 0, "init"))
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
