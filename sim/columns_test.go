package sim_test

import (
	"context"
	"slices"
	"testing"

	"factorflow/model"
	"factorflow/sim"
)

// TestMetricColumns: the columns are those every frame of a run reports,
// for the report's model (the common ones) and for a family (its own after
// them).
func TestMetricColumns(t *testing.T) {
	for _, name := range []string{"teaching", "core-periphery", "footloose-entrepreneur"} {
		sc := load(t, name, "years=1")
		cols, err := sim.MetricColumns(sc)
		if err != nil {
			t.Fatal(err)
		}
		common := new(model.Metrics).Columns()
		if !slices.Equal(cols[:len(common)], common) {
			t.Errorf("%s: columns do not start with the common ones", name)
		}
		if fam := len(cols) > len(common); fam != (name != "teaching") {
			t.Errorf("%s: %d columns, %d common", name, len(cols), len(common))
		}
		err = sim.Run(context.Background(), sc, sim.Options{}, sim.ObserverFunc(func(f *sim.Frame) error {
			if got := f.Metrics.Columns(); !slices.Equal(got, cols) {
				t.Errorf("%s, year %d: frame columns %v, want %v", name, f.Year, got, cols)
			}
			return nil
		}))
		if err != nil {
			t.Fatal(err)
		}
	}
}
