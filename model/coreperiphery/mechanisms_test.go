package coreperiphery_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"factorflow/model"
	"factorflow/model/coreperiphery"
	"factorflow/scenarios"
)

func load(t testing.TB, name string, sets ...string) *model.Scenario {
	t.Helper()
	sc, err := scenarios.Load(name, sets)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// run steps the mechanisms for years, checking every stage, and returns
// the mobile shares after each year.
func run(t *testing.T, sc *model.Scenario, runIndex uint64, years int) [][]float64 {
	t.Helper()
	m, st, err := coreperiphery.NewMechanisms(sc, runIndex)
	if err != nil {
		t.Fatal(err)
	}
	out := [][]float64{slices.Clone(m.Eco.Lambda)}
	for y := 1; y <= years; y++ {
		st.Year = sc.StartYear + y
		for i := range m.Stages() {
			m.CheckBefore(i)
			if err := m.Stage(i); err != nil {
				t.Fatal(err)
			}
			if err := m.CheckAfter(i); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, slices.Clone(m.Eco.Lambda))
	}
	return out
}

// TestShippedRuns: above the break point both shipped scenarios
// agglomerate in the region that starts ahead (mean-field tilt); below the
// sustain point they return to symmetry.
func TestShippedRuns(t *testing.T) {
	for _, tc := range []struct {
		name          string
		above, below  string
		years         int
		wantAbove     float64
		wantBelowNear float64
	}{
		{"core-periphery", "core_periphery.phi=0.3", "core_periphery.phi=0.05", 50, 1, 0.5},
		{"footloose-entrepreneur", "core_periphery.phi=0.8", "core_periphery.phi=0.5", 50, 1, 0.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			up := run(t, load(t, tc.name, tc.above), 0, tc.years)
			if got := up[tc.years][0]; math.Abs(got-tc.wantAbove) > 1e-3 {
				t.Errorf("%s: share of region 1 after %d years %g, want %g", tc.above, tc.years, got, tc.wantAbove)
			}
			down := run(t, load(t, tc.name, tc.below), 0, tc.years)
			if got := down[tc.years][0]; math.Abs(got-tc.wantBelowNear) > 1e-3 || !(got < down[0][0]) {
				t.Errorf("%s: share of region 1 %g → %g, want back toward %g", tc.below, down[0][0], got, tc.wantBelowNear)
			}
		})
	}
}

// TestStateAndMetrics: the state holds the mobile factor in persons, the
// immobile factor (1−m)/m times as many, the rewards, the manufactures'
// value, and the family's metrics.
func TestStateAndMetrics(t *testing.T) {
	sc := load(t, "core-periphery", "core_periphery.perturbation=0")
	m, st, err := coreperiphery.NewMechanisms(sc, 0)
	if err != nil {
		t.Fatal(err)
	}
	for r := range 2 {
		if st.Pop[model.TalentLocal][r] != 1e6 || math.Abs(st.Pop[model.WorkerLocal][r]-1.5e6) > 1e-6 ||
			math.Abs(st.Wage[model.Talent][r]-1) > 1e-10 || math.Abs(st.V[r]-1e6) > 1e-3 || st.Wage[model.Worker][r] != 1 {
			t.Errorf("region %d: mobile %g immobile %g wage %g output %g", r, st.Pop[model.TalentLocal][r],
				st.Pop[model.WorkerLocal][r], st.Wage[model.Talent][r], st.V[r])
		}
	}
	var met model.Metrics
	m.Metrics(&met)
	cols := met.Columns()
	vals := met.Values(nil)
	get := func(name string) float64 {
		i := slices.Index(cols, name)
		if i < 0 {
			t.Fatalf("no metric %q among %v", name, cols)
		}
		return vals[i]
	}
	if get("max_share") != 0.5 || get("share:West") != 0.5 || get("real_reward_gap") > 1e-12 || get("population") != 5e6 {
		t.Errorf("metrics: max_share %g share:West %g gap %g population %g", get("max_share"), get("share:West"), get("real_reward_gap"), get("population"))
	}
}

// TestCheckerCatchesLeak: people removed from a region after a stage are
// reported with the year, the stage and the quantity.
func TestCheckerCatchesLeak(t *testing.T) {
	sc := load(t, "core-periphery")
	m, st, err := coreperiphery.NewMechanisms(sc, 0)
	if err != nil {
		t.Fatal(err)
	}
	st.Year = 2001
	m.CheckBefore(0)
	if err := m.Stage(0); err != nil {
		t.Fatal(err)
	}
	st.Pop[model.TalentLocal][1] -= 10
	err = m.CheckAfter(0)
	if err == nil || !strings.Contains(err.Error(), "year 2001, stage migration: mobile factor not conserved") {
		t.Errorf("got %v", err)
	}
}

// TestFlows: the moves of the mobile factor are recorded from the losing
// to the gaining region and equal the change of residents.
func TestFlows(t *testing.T) {
	sc := load(t, "core-periphery")
	m, st, err := coreperiphery.NewMechanisms(sc, 0)
	if err != nil {
		t.Fatal(err)
	}
	before := st.Pop[model.TalentLocal][0]
	if err := m.Stage(0); err != nil {
		t.Fatal(err)
	}
	gain := st.Pop[model.TalentLocal][0] - before
	flow := st.Flow[model.FlowTalent]
	if !(gain > 0) || math.Abs(flow[1*2+0]-gain) > 1e-6 || flow[0*2+1] != 0 {
		t.Errorf("region 1 gained %g, flows %v", gain, flow)
	}
}

// TestDeterminism: the same scenario and run give the same path; in
// stochastic mode another run index tilts the start differently, in
// mean-field mode it does not.
func TestDeterminism(t *testing.T) {
	for _, mode := range []string{"stochastic", "mean-field"} {
		sc := load(t, "footloose-entrepreneur", "mode="+mode)
		a, b, c := run(t, sc, 0, 10), run(t, sc, 0, 10), run(t, sc, 1, 10)
		for y := range a {
			if !slices.Equal(a[y], b[y]) {
				t.Fatalf("%s: year %d differs between identical runs: %v vs %v", mode, y, a[y], b[y])
			}
		}
		if same := slices.Equal(a[0], c[0]); same != (mode == "mean-field") {
			t.Errorf("%s: run 0 starts at %v, run 1 at %v", mode, a[0], c[0])
		}
	}
}

// TestManyRegions: five regions on a line with distance-decaying freeness
// conserve the mobile factor and end with the factor concentrated.
func TestManyRegions(t *testing.T) {
	sc := load(t, "core-periphery", "core_periphery.distance_km=111", "core_periphery.phi=0.3")
	base := sc.Cities[0]
	sc.Cities = nil
	for i := range 5 {
		c := base
		c.Name, c.Lon = fmt.Sprintf("R%d", i), float64(i)
		sc.Cities = append(sc.Cities, c)
	}
	p, _, err := coreperiphery.ParamsOf(sc)
	if err != nil {
		t.Fatal(err)
	}
	if d := p.Phi[0*5+2]; math.Abs(d-math.Pow(0.3, 2*model.GreatCircleKm(0, 0, 0, 1)/111)) > 1e-12 {
		t.Errorf("freeness between regions two apart %g", d)
	}
	path := run(t, sc, 0, 200)
	last := path[len(path)-1]
	if top := slices.Max(last); !(top > 0.5) {
		t.Errorf("after 200 years shares %v: no agglomeration", last)
	}
}

func ExampleNewMechanisms() {
	sc, err := scenarios.Load("core-periphery", []string{"mode=mean-field"})
	if err != nil {
		fmt.Println(err)
		return
	}
	m, _, err := coreperiphery.NewMechanisms(sc, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	for year := 1; year <= 30; year++ {
		for i := range m.Stages() {
			if err := m.Stage(i); err != nil {
				fmt.Println(err)
				return
			}
		}
		if year%10 == 0 {
			fmt.Printf("year %d: West %.3f East %.3f\n", year, m.Eco.Lambda[0], m.Eco.Lambda[1])
		}
	}
	// Output:
	// year 10: West 0.526 East 0.474
	// year 20: West 0.635 East 0.365
	// year 30: West 0.939 East 0.061
}

func ExampleBreakPoint() {
	for _, k := range []coreperiphery.Kind{coreperiphery.CP, coreperiphery.FE} {
		b, _ := coreperiphery.BreakPoint(k, 5, 0.4)
		s, _ := coreperiphery.SustainPoint(k, 5, 0.4)
		fmt.Printf("%s: break %.4f, sustain %.4f\n", k, b, s)
	}
	// Output:
	// core-periphery: break 0.1429, sustain 0.0937
	// footloose-entrepreneur: break 0.6970, sustain 0.6954
}

// BenchmarkStep is one year of the family (replicator and short-run
// equilibrium) for N regions on a line with distance-decaying freeness.
func BenchmarkStep(b *testing.B) {
	for _, n := range []int{2, 10, 50} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			sc := load(b, "core-periphery", "core_periphery.distance_km=200")
			base := sc.Cities[0]
			sc.Cities = nil
			for i := range n {
				c := base
				c.Name, c.Lon = fmt.Sprintf("R%d", i), float64(i)
				sc.Cities = append(sc.Cities, c)
			}
			m, _, err := coreperiphery.NewMechanisms(sc, 0)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				for i := range m.Stages() {
					if err := m.Stage(i); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// TestFreenessPairs: a [[core_periphery.pairs]] entry sets its pair's
// freeness both ways and leaves the others at phi.
func TestFreenessPairs(t *testing.T) {
	src := `name = "three"
family = "core-periphery"
[core_periphery]
phi = 0.3
[[core_periphery.pairs]]
a = "A"
b = "C"
phi = 0.05
[[sectors]]
name = "m"
[[regions]]
name = "R"
[[cities]]
name = "A"
region = "R"
population = 1
[[cities]]
name = "B"
region = "R"
population = 1
[[cities]]
name = "C"
region = "R"
population = 1
`
	sc, err := scenarios.Parse("three.toml", []byte(src), []string{"core_periphery.pairs.0.phi=0.1"})
	if err != nil {
		t.Fatal(err)
	}
	p, _, err := coreperiphery.ParamsOf(sc)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{1, 0.3, 0.1, 0.3, 1, 0.3, 0.1, 0.3, 1}
	if !slices.Equal(p.Phi, want) {
		t.Errorf("freeness %v, want %v", p.Phi, want)
	}
}
