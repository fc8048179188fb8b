package marius

import (
	"math"
	"slices"
	"testing"

	"factorflow/model"
)

func TestFit(t *testing.T) {
	tests := []struct {
		name           string
		simulated, obs []float64
		want           float64
	}{
		{"equal", []float64{1, 10, 100}, []float64{1, 10, 100}, 0},
		{"one decade off each", []float64{1, 10, 100}, []float64{10, 100, 1000}, 3},
		{"order does not matter", []float64{100, 1, 10}, []float64{1000, 10, 100}, 3},
		{"ranks, not names", []float64{10, 1}, []float64{1, 100}, 1}, // sorted: (1,1), (10,100)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, o := slices.Clone(tt.simulated), slices.Clone(tt.obs)
			if got := Fit(s, o); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("Fit = %g, want %g", got, tt.want)
			}
			if !slices.Equal(s, tt.simulated) || !slices.Equal(o, tt.obs) {
				t.Error("Fit changed its arguments")
			}
		})
	}
}

// TestCensus: only years after the start at which every city is observed
// count, each once.
func TestCensus(t *testing.T) {
	sc := &model.Scenario{StartYear: 1959, Cities: []model.City{
		{Name: "a", Population: 10, Observed: map[string]float64{"1959": 10, "1970": 100, "1979": 20}},
		{Name: "b", Population: 20, Observed: map[string]float64{"1970": 200}},
	}}
	cs := newCensus(sc)
	if !slices.Equal(cs.years, []int{1970}) {
		t.Fatalf("census years %v, want [1970]", cs.years)
	}
	if cs.last.year != 1959 || cs.last.simulated != 30 || cs.last.observed != 30 {
		t.Errorf("start reading %+v", cs.last)
	}
	cs.observe(1965, []float64{1, 1})
	cs.observe(1970, []float64{10, 20})
	cs.observe(1970, []float64{10, 20})
	if math.Abs(cs.fit-2) > 1e-12 || math.Abs(cs.last.fit-2) > 1e-12 || cs.last.year != 1970 || cs.last.simulated != 30 || cs.last.observed != 300 {
		t.Errorf("fit %g, last %+v; want 2 counted once", cs.fit, cs.last)
	}
}
