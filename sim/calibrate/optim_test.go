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

// TestCMAESScreen: with a screen, CMA-ES first evaluates init uniform
// draws as one batch, then searches from the best of them. On a function
// that is flat (a plateau of failures) everywhere but near its minimum at
// (0.9, 0.9), the start at (0.1, 0.1) sits on the plateau; the screen
// finds the basin and the search its minimum.
func TestCMAESScreen(t *testing.T) {
	start := 0.1
	sp := space{{Path: "a", Lower: 0, Upper: 1, Start: &start}, {Path: "b", Lower: 0, Upper: 1, Start: &start}}
	fn := func(x []float64) float64 {
		d := (x[0]-0.9)*(x[0]-0.9) + (x[1]-0.9)*(x[1]-0.9)
		if d > 0.04 {
			return failLoss
		}
		return d
	}
	p := &funcProblem{fn: fn}
	batches := &batchCount{prob: p}
	s := newSearch(&limited{prob: batches, left: 400, at: -1}, sp)
	f := &File{CMAES: CMAES{Sigma: 0.05, Init: 50}, Seed: 1}
	if err := s.optimize(context.Background(), "cmaes", f, sp.start()); err != nil {
		t.Fatal(err)
	}
	if batches.sizes[0] != 50 || s.trace[0].Step != 0 || s.trace[0].Evaluations != 50 {
		t.Fatalf("first batch %d points, trace %+v: want the screen of 50 as step 0", batches.sizes[0], s.trace[0])
	}
	if x := sp.x(s.bestU); s.best > 1e-8 || p.calls > 400 {
		t.Errorf("best %g at %v after %d evaluations: want the minimum (0.9, 0.9) within 400", s.best, x, p.calls)
	}
}

// batchCount records the size of each batch a method asks for.
type batchCount struct {
	prob  Problem
	sizes []int
}

func (b *batchCount) Evaluate(ctx context.Context, xs [][]float64) ([]float64, error) {
	b.sizes = append(b.sizes, len(xs))
	return b.prob.Evaluate(ctx, xs)
}
