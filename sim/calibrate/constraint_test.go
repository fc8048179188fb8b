package calibrate

import (
	"context"
	"math"
	"path/filepath"
	"testing"

	"factorflow/scenarios"
	"factorflow/sim"
)

func ptr(v float64) *float64 { return &v }

func TestConstraintViolation(t *testing.T) {
	tests := []struct {
		name string
		c    Constraint
		v    float64
		want float64
	}{
		{"under max", Constraint{Max: ptr(0)}, 0, 0},
		{"over max", Constraint{Max: ptr(0)}, 3, 3},
		{"above min", Constraint{Min: ptr(1)}, 2, 0},
		{"under min", Constraint{Min: ptr(1)}, 0.25, 0.75},
		{"inside both", Constraint{Min: ptr(1), Max: ptr(2)}, 1.5, 0},
		{"over both", Constraint{Min: ptr(1), Max: ptr(2)}, 2.5, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.violation(tt.v); got != tt.want {
				t.Errorf("violation(%g) = %g, want %g", tt.v, got, tt.want)
			}
		})
	}
}

// frameSum is an observer that sums a metric's excess over max.
type frameSum struct {
	name string
	max  float64
	sum  float64
}

func (o *frameSum) Observe(f *sim.Frame) error {
	cols, vals := f.Metrics.Columns(), f.Metrics.Values(nil)
	for i, c := range cols {
		if c == o.name {
			o.sum += max(0, vals[i]-o.max)
		}
	}
	return nil
}

// TestConstraintPenalty evaluates one point with and without a constraint
// on the cluster's urbanisation that binds in every year: the fit loss
// with it must be the loss without it plus penalty × the sum over the
// recorded years of the excess, computed here from the runs' frames (mean
// over the two replications).
func TestConstraintPenalty(t *testing.T) {
	const penalty, bound = 10.0, 0.2
	extra := "method = \"evaluate\"\n[[constraints]]\nvariable = \"urbanisation\"\nmax = 0.2\npenalty = 10.0\n"
	path := writeRecovery(t, "stochastic", 4, 2, smallTruth, []int{2022, 2024}, nil, extra)
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	with, err := Run(context.Background(), f, filepath.Join(t.TempDir(), "with"), Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	f.Constraints = nil
	without, err := Run(context.Background(), f, filepath.Join(t.TempDir(), "without"), Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	sets := make([]string, len(f.Params))
	for i, p := range f.Params {
		sets[i] = scenarios.SetValue(p.Path, with.Best[i])
	}
	sc, err := scenarios.Apply(f.base, sets)
	if err != nil {
		t.Fatal(err)
	}
	var excess float64
	for r := range 2 {
		o := &frameSum{name: "urbanisation", max: bound}
		if err := sim.Run(context.Background(), sc, sim.Options{Run: uint64(r)}, o); err != nil {
			t.Fatal(err)
		}
		excess += o.sum / 2
	}
	if excess <= 0 {
		t.Fatalf("the constraint does not bind (excess %g): the test needs one that does", excess)
	}
	if got, want := with.Fit, without.Fit+penalty*excess; math.Abs(got-want) > 1e-9*want {
		t.Errorf("fit with the constraint %.12g, want %.12g (without %.12g + %g × excess %.12g)", got, want, without.Fit, penalty, excess)
	}
}
