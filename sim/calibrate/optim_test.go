package calibrate

import (
	"context"
	"math"
	"slices"
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

// rastrigin is 10 k + Σ (x² − 10 cos 2πx), a grid of local minima at the
// integer points with the global minimum 0 at the origin.
func rastrigin(x []float64) float64 {
	s := 10 * float64(len(x))
	for _, v := range x {
		s += v*v - 10*math.Cos(2*math.Pi*v)
	}
	return s
}

// TestCMAESRestarts: on Rastrigin's function over [-5, 5]², CMA-ES started
// at (3, 3) (population 6, step 0.2 of each range, stopped after 10
// stagnant generations; 30 with restarts) ends in a local minimum (f ≈ 6 with seed 1);
// IPOP-CMA-ES (restarts with doubled populations from uniform draws)
// escapes and finds the global minimum at the origin within 10,000
// evaluations (about 5,000 with seed 1). Both are
// deterministic for the seed, so the test fails only if the method does.
func TestCMAESRestarts(t *testing.T) {
	start := 3.0
	sp := space{{Path: "a", Lower: -5, Upper: 5, Start: &start}, {Path: "b", Lower: -5, Upper: 5, Start: &start}}
	run := func(c CMAES) (*search, *funcProblem) {
		p := &funcProblem{fn: rastrigin}
		batches := &batchCount{prob: p}
		s := newSearch(&limited{prob: batches, left: 10000, at: -1}, sp)
		if err := s.optimize(context.Background(), "cmaes", &File{CMAES: c, Seed: 1}, sp.start()); err != nil {
			t.Fatal(err)
		}
		return s, p
	}
	one, _ := run(CMAES{Sigma: 0.2, Stagnation: 10})
	if x := sp.x(one.bestU); one.best < 0.9 {
		t.Fatalf("without restarts: best %g at %v, want a local minimum (f ≥ 1)", one.best, x)
	}
	ipop, p := run(CMAES{Sigma: 0.2, Stagnation: 30, Restarts: 8})
	x := sp.x(ipop.bestU)
	t.Logf("IPOP: %d evaluations, f = %g at %v", p.calls, ipop.best, x)
	if ipop.best > 1e-8 || math.Abs(x[0]) > 1e-4 || math.Abs(x[1]) > 1e-4 {
		t.Errorf("with restarts: best %g at %v after %d evaluations, want the global minimum 0 at the origin", ipop.best, x, p.calls)
	}
}

// TestCMAESRestartPopulations: each restart doubles the population, and
// with a screen starts from the next best screen point.
func TestCMAESRestartPopulations(t *testing.T) {
	sp := space{{Path: "a", Lower: -5, Upper: 5}, {Path: "b", Lower: -5, Upper: 5}}
	p := &funcProblem{fn: rastrigin}
	batches := &batchCount{prob: p}
	s := newSearch(&limited{prob: batches, left: 2000, at: -1}, sp)
	c := CMAES{Sigma: 0.05, Stagnation: 5, Restarts: 3, Init: 40}
	if err := s.optimize(context.Background(), "cmaes", &File{CMAES: c, Seed: 3}, sp.start()); err != nil {
		t.Fatal(err)
	}
	var sizes []int
	for i, n := range batches.sizes {
		if i == 0 || n != batches.sizes[i-1] {
			sizes = append(sizes, n)
		}
	}
	if want := []int{40, 6, 12, 24, 48}; !slices.Equal(sizes, want) {
		t.Errorf("batch sizes in order %v, want %v: the screen, then populations doubling at each restart", sizes, want)
	}
}
