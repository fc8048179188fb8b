package sim_test

import (
	"context"
	"math"
	"testing"

	"factorflow/model"
	"factorflow/sim"
)

// metricsPath runs sc and returns the named metric's value each year.
func metricsPath(t *testing.T, sc *model.Scenario, opt sim.Options, name string) []float64 {
	t.Helper()
	var out []float64
	rec := sim.ObserverFunc(func(f *sim.Frame) error {
		vals := f.Metrics.Values(nil)
		for i, c := range f.Metrics.Columns() {
			if c == name {
				out = append(out, vals[i])
			}
		}
		return nil
	})
	if err := sim.Run(context.Background(), sc, opt, rec); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSynergyOffIsNaN: without Options.Synergy the gain is not computed.
func TestSynergyOffIsNaN(t *testing.T) {
	for _, g := range metricsPath(t, load(t, "teaching", "mode=mean-field", "years=2"), sim.Options{}, "synergy_gain") {
		if !math.IsNaN(g) {
			t.Fatalf("synergy_gain = %v without Options.Synergy, want NaN", g)
		}
	}
}

// TestSynergyLeavesClusterAlone: the counterfactual runs beside the
// cluster run without changing a bit of it, in both modes.
func TestSynergyLeavesClusterAlone(t *testing.T) {
	for _, mode := range []string{"stochastic", "mean-field"} {
		sc := load(t, "teaching", "mode="+mode, "years=6")
		for _, name := range []string{"output", "population", "cliff", "flow_capital"} {
			a := metricsPath(t, sc, sim.Options{}, name)
			b := metricsPath(t, sc, sim.Options{Synergy: true}, name)
			for i := range a {
				if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
					t.Fatalf("%s, %s year %d: %v without synergy, %v with", mode, name, i, a[i], b[i])
				}
			}
		}
	}
}

// TestSynergyGain: connecting cities pays ("1 + 1 > 2"): in Jing-Jin-Ji
// the gain is positive from the start in both forms, and an infinite
// barrier between every pair of cities in the cluster itself leaves no
// gain from links.
func TestSynergyGain(t *testing.T) {
	sc := load(t, "jing-jin-ji", "mode=mean-field", "years=15")
	for _, name := range []string{"synergy_gain", "synergy_links"} {
		for year, g := range metricsPath(t, sc, sim.Options{Synergy: true}, name) {
			if !(g > 0) {
				t.Fatalf("%s in year %d = %v, want > 0", name, year, g)
			}
		}
	}
	walled := model.IsolatedScenario(load(t, "teaching", "mode=mean-field", "years=10"))
	walled.Production.Calibrate, walled.Migration.Calibrate = true, true
	for year, g := range metricsPath(t, walled, sim.Options{Synergy: true}, "synergy_links") {
		// Both runs solve prices to production.tolerance (1e-6 in log
		// prices) from different warm starts: they agree to about that.
		if math.Abs(g) > 1e-5 {
			t.Fatalf("cities already isolated: synergy_links in year %d = %v, want 0", year, g)
		}
	}
}

// TestIsolatedScenario: every city its own region with its share of the
// rural people, every barrier infinite, and only policies within cities.
func TestIsolatedScenario(t *testing.T) {
	sc := load(t, "jing-jin-ji")
	sc.Policies = []model.Policy{
		{Name: "open", Kind: model.PolicyBarrier, Magnitude: 1},
		{Name: "aid", Kind: model.PolicySubsidy, Regions: []string{"Hebei"}, Magnitude: 0.1},
	}
	iso := model.IsolatedScenario(sc)
	if len(iso.Regions) != len(sc.Cities) {
		t.Fatalf("%d regions, want one per city (%d)", len(iso.Regions), len(sc.Cities))
	}
	var rural, want float64
	for i, c := range iso.Cities {
		if c.Region != c.Name || iso.Regions[i].Name != c.Name {
			t.Errorf("city %s is in region %s", c.Name, c.Region)
		}
		rural += iso.Regions[i].Rural
	}
	for _, r := range sc.Regions {
		want += r.Rural
	}
	if math.Abs(rural-want) > 1e-6*want {
		t.Errorf("rural population %v, want %v", rural, want)
	}
	b := iso.Barriers
	for _, x := range []float64{b.People, b.Capital, b.Knowledge, b.Trade} {
		if !math.IsInf(x, 1) {
			t.Errorf("barriers %+v, want all infinite", b)
		}
	}
	if len(iso.Policies) != 1 || iso.Policies[0].Name != "aid" || len(iso.Policies[0].Cities) != 11 || iso.Policies[0].Regions != nil {
		t.Errorf("policies %+v, want only the subsidy, on the 11 Hebei cities", iso.Policies)
	}
	if len(sc.Regions) != 3 || sc.Cities[0].Region != "Beijing" {
		t.Error("IsolatedScenario changed its argument")
	}
}
