package calibrate

import (
	"math"
	"testing"
)

func TestLoss(t *testing.T) {
	ts := []Target{
		{Year: 2000, Unit: "A", Variable: "population", Value: 100, Role: Fit, Weight: 1},
		{Year: 2000, Unit: "B", Variable: "population", Value: 10, Role: Fit, Weight: 2},
		{Year: 2000, Unit: "C", Variable: "population", Value: 1000, Role: Holdout, Weight: 1},
		{Year: 2010, Unit: "A", Variable: "population", Value: 1000, Role: Fit, Weight: 1},
		{Year: 2010, Unit: Cluster, Variable: "population", Value: 10, Role: Fit, Weight: 1},
	}
	l10 := math.Log10
	tests := []struct {
		name, objective string
		sim             []float64
		role            Role
		want            float64
	}{
		{"sse-log exact", "sse-log", []float64{100, 10, 1000, 1000, 10}, Fit, 0},
		{"sse-log", "sse-log", []float64{200, 5, 1, 1000, 10}, Fit, math.Ln2*math.Ln2 + 2*math.Ln2*math.Ln2},
		{"sse-log holdout", "sse-log", []float64{200, 5, 100, 1000, 10}, Holdout, math.Ln10 * math.Ln10},
		// Swapped cities have the same sorted distribution: a perfect fit.
		{"sorted swapped", "sorted-log10", []float64{10, 100, 1, 1000, 10}, Fit, 0},
		// Sorted: sims 50 ≥ 20 paired with obs 100 (w 1) ≥ 10 (w 2); 2010 alone.
		{"sorted", "sorted-log10", []float64{20, 50, 1, 100, 10}, Fit,
			l10(0.5)*l10(0.5) + 2*l10(2)*l10(2) + 1},
		// The cluster's value is compared with the cluster's, not ranked among the cities'.
		{"sorted cluster apart", "sorted-log10", []float64{100, 10, 1, 1000, 100}, Fit, 1},
		{"non-positive", "sse-log", []float64{0, 10, 1000, 1000, 10}, Fit, failLoss},
		{"non-positive in the other role", "sse-log", []float64{100, 10, -1, 1000, 10}, Fit, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resid := make([]float64, len(ts))
			got := loss(tt.objective, ts, tt.sim, tt.role, resid)
			if math.Abs(got-tt.want) > 1e-12*(1+tt.want) {
				t.Errorf("loss = %.15g, want %.15g", got, tt.want)
			}
		})
	}
}

func TestWeigh(t *testing.T) {
	ts := []Target{{Year: 2000, Unit: "A", Variable: "output"}, {Year: 2010, Unit: "B", Variable: "population"}}
	weigh(ts, []Weight{{Variable: "output", Weight: 2}, {Year: 2000, Weight: 3}, {Unit: "B", Weight: 0.5}})
	if ts[0].Weight != 6 || ts[1].Weight != 0.5 {
		t.Errorf("weights %g %g, want 6 0.5", ts[0].Weight, ts[1].Weight)
	}
}
