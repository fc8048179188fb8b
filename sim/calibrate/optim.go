package calibrate

import (
	"context"
	"errors"
	"math"

	"gonum.org/v1/gonum/optimize"
)

// TraceRow is one line of the convergence trace.
type TraceRow struct {
	Step        int     // the method's iteration (generation); for a profile, the profiled value's index
	Evaluations int     // points evaluated so far
	Best        float64 // the best loss so far
	Value       float64 // cmaes, nelder-mead: the iteration's best loss; abc: the tolerance; profile: the profiled value
}

// search is the state of one optimization: the best point so far and the
// trace.
type search struct {
	prob  Problem
	sp    space
	evals int
	bestU []float64
	best  float64
	trace []TraceRow
	bests []float64 // the best loss at each Nelder–Mead iteration
	gens  int       // CMA-ES generations, over all restarts
}

func newSearch(prob Problem, sp space) *search {
	return &search{prob: prob, sp: sp, best: math.Inf(1)}
}

// evaluate evaluates the points us (coordinates) as one batch and returns
// their losses, plus a penalty for the distance of a point outside the
// unit cube, evaluated at its clamped point.
func (s *search) evaluate(ctx context.Context, us [][]float64) ([]float64, error) {
	xs := make([][]float64, len(us))
	for i, u := range us {
		xs[i] = s.sp.x(u)
	}
	fs, err := s.prob.Evaluate(ctx, xs)
	if err != nil {
		return nil, err
	}
	s.evals += len(us)
	out := make([]float64, len(fs))
	for i, f := range fs {
		if f < s.best {
			s.best = f
			s.bestU = clampAll(us[i])
		}
		out[i] = f + outside(us[i])
	}
	return out, nil
}

func clampAll(u []float64) []float64 {
	c := make([]float64, len(u))
	for i, v := range u {
		c[i] = min(max(v, 0), 1)
	}
	return c
}

// nelderMead minimises from u0 with gonum's Nelder–Mead. The first simplex
// (u0 and a step along each axis) is evaluated as one batch.
func (s *search) nelderMead(ctx context.Context, u0 []float64, step float64) error {
	k := len(u0)
	verts := make([][]float64, k+1)
	verts[0] = clampAll(u0)
	for i := range k {
		v := clampAll(u0)
		if v[i]+step <= 1 {
			v[i] += step
		} else {
			v[i] -= step
		}
		verts[i+1] = v
	}
	fs, err := s.evaluate(ctx, verts)
	if err != nil {
		return stopErr(err)
	}
	s.trace = append(s.trace, TraceRow{Step: 0, Evaluations: s.evals, Best: s.best, Value: minOf(fs)})
	nm := &optimize.NelderMead{InitialVertices: verts, InitialValues: fs}
	init := optimize.Task{Op: optimize.FuncEvaluation, Location: &optimize.Location{X: verts[0], F: fs[0]}}
	return s.drive(ctx, nm, 1, init)
}

// stopErr turns the end of the budget into a normal stop.
func stopErr(err error) error {
	if errors.Is(err, ErrBudget) {
		return nil
	}
	return err
}

// drive runs a gonum Method by its channel protocol, answering its
// function evaluations in batches: the evaluations it has in flight at
// once (one Nelder–Mead vertex; more for methods with several tasks) are evaluated
// together, and the results returned in the order they were asked for, so
// the method's path does not depend on the number of workers. It stops at
// the method's convergence, at the end of the budget or on an error.
func (s *search) drive(ctx context.Context, m optimize.Method, tasks int, init optimize.Task) error {
	dim := len(init.X)
	n := m.Init(dim, tasks)
	ops := make(chan optimize.Task, n)
	res := make(chan optimize.Task, n)
	ts := make([]optimize.Task, n)
	ts[0] = init
	for i := 1; i < n; i++ {
		ts[i].Location = &optimize.Location{X: make([]float64, dim)}
	}
	go m.Run(ops, res, ts)
	shutdown := func(err error) error {
		res <- optimize.Task{Op: optimize.PostIteration}
		close(res)
		for range ops {
		}
		return stopErr(err)
	}
	var pending []optimize.Task
	step := len(s.trace)
	for op := range ops {
		switch op.Op {
		case optimize.FuncEvaluation:
			pending = append(pending, op)
			if len(pending) < n {
				continue
			}
			us := make([][]float64, len(pending))
			for i, t := range pending {
				us[i] = append([]float64(nil), t.X...)
			}
			fs, err := s.evaluate(ctx, us)
			if err != nil {
				return shutdown(err)
			}
			for i, t := range pending {
				t.F = fs[i]
				res <- t
			}
			pending = pending[:0]
		case optimize.MajorIteration:
			step++
			if s.stalled(step) {
				return shutdown(nil)
			}
			s.trace = append(s.trace, TraceRow{Step: step, Evaluations: s.evals, Best: s.best, Value: op.F})
			res <- op
		case optimize.NoOperation:
			res <- op
		default: // MethodDone: converged
			return shutdown(nil)
		}
	}
	return nil
}

// stall is the number of iterations without improvement after which
// Nelder–Mead stops, per parameter.
const stall = 20

// stalled records the best loss at an iteration and reports whether it
// has improved by less than 1e-14 (relative) in the last stall·k + 10
// iterations.
func (s *search) stalled(step int) bool {
	s.bests = append(s.bests, s.best)
	w := stall*len(s.sp) + 10
	if len(s.bests) <= w {
		return false
	}
	old := s.bests[len(s.bests)-1-w]
	return old-s.best <= 1e-14*(1+math.Abs(old))
}

func minOf(fs []float64) float64 {
	m := math.Inf(1)
	for _, f := range fs {
		m = min(m, f)
	}
	return m
}
