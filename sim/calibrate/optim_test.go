package calibrate

import (
	"context"
	"math"
	"testing"
)

// rosenbrock is (1 − a)² + 100 (b − a²)², minimum 0 at (1, 1).
func rosenbrock(x []float64) float64 {
	a, b := x[0], x[1]
	return (1-a)*(1-a) + 100*(b-a*a)*(b-a*a)
}

// TestOptimizersRosenbrock runs each optimizer on Rosenbrock's valley over
// [-2, 2]² from (-1.2, 1) and wants the minimum within 1e-3 in each
// coordinate and 1e-6 in value, within the stated budget.
func TestOptimizersRosenbrock(t *testing.T) {
	start := -1.2
	one := 1.0
	sp := space{{Path: "a", Lower: -2, Upper: 2, Start: &start}, {Path: "b", Lower: -2, Upper: 2, Start: &one}}
	tests := []struct {
		method string
		budget int
	}{
		{"cmaes", 3000},
		{"nelder-mead", 3000},
	}
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			p := &funcProblem{fn: rosenbrock}
			s := newSearch(&limited{prob: p, left: tt.budget, at: -1}, sp)
			f := &File{CMAES: CMAES{Sigma: 0.2}, NelderMead: NelderMead{Step: 0.1}, Seed: 1}
			if err := s.optimize(context.Background(), tt.method, f, sp.start()); err != nil {
				t.Fatal(err)
			}
			x := sp.x(s.bestU)
			t.Logf("%s: %d evaluations, f = %g at %v", tt.method, p.calls, s.best, x)
			if s.best > 1e-6 || math.Abs(x[0]-1) > 1e-3 || math.Abs(x[1]-1) > 1e-3 {
				t.Errorf("%s: f = %g at %v after %d evaluations, want the minimum 0 at (1, 1)", tt.method, s.best, x, p.calls)
			}
			if p.calls > tt.budget {
				t.Errorf("%d evaluations, over the budget %d", p.calls, tt.budget)
			}
		})
	}
}

// TestOptimizersBounds puts the minimum outside the box: the optimizers
// must end on its boundary.
func TestOptimizersBounds(t *testing.T) {
	sp := space{{Path: "a", Lower: 0, Upper: 1}, {Path: "b", Lower: 0, Upper: 1}}
	fn := func(x []float64) float64 { return (x[0]-2)*(x[0]-2) + (x[1]-0.5)*(x[1]-0.5) }
	for _, m := range []string{"cmaes", "nelder-mead"} {
		s := newSearch(&limited{prob: &funcProblem{fn: fn}, left: 600, at: -1}, sp)
		f := &File{CMAES: CMAES{Sigma: 0.3}, NelderMead: NelderMead{Step: 0.2}, Seed: 1}
		if err := s.optimize(context.Background(), m, f, sp.start()); err != nil {
			t.Fatal(err)
		}
		if x := sp.x(s.bestU); math.Abs(x[0]-1) > 1e-3 || math.Abs(x[1]-0.5) > 1e-3 {
			t.Errorf("%s: best at %v, want (1, 0.5)", m, x)
		}
	}
}
