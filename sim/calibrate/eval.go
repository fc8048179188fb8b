package calibrate

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"factorflow/scenarios"
	"factorflow/sim"
	"factorflow/sim/sweep"
)

// ErrInterrupted is returned when the context is cancelled: the
// evaluations finished so far are journalled, and a new Run resumes.
var ErrInterrupted = errors.New("calibrate: interrupted")

// ErrBudget is returned by a Problem asked for more evaluations than its
// budget; the methods stop at it.
var ErrBudget = errors.New("calibrate: evaluation budget spent")

// Problem is what the methods minimise: a loss (or ABC distance) of
// parameter points. Evaluate is called with points in parameter units, in
// the order the method proposes them; points are numbered in call order
// from 0, and the same call history gives the same numbers.
type Problem interface {
	Evaluate(ctx context.Context, xs [][]float64) ([]float64, error)
}

// point is one evaluated parameter point.
type point struct {
	x       []float64
	fit     float64   // the loss on the fit targets of sim
	holdout float64   // the loss on the holdout targets of sim
	sim     []float64 // mean over replications of each target's simulated value
	penalty float64   // the constraints' penalty, included in fit
	failed  string    // the first failure, if any
}

// evaluator runs a calibration file's scenario at parameter points: a
// Problem whose loss is the objective on the fit targets of the simulated
// values averaged over the replications. Replication r of every point is sim run r (common random
// numbers). Each run is journalled; a run already in the journal is read,
// not recomputed.
type evaluator struct {
	f       *File
	j       *sweep.Journal
	workers int
	budget  int // points
	points  []point
	// progress, when set, is called after each batch with the points done.
	progress func(done int)
}

// Evaluate implements Problem.
func (e *evaluator) Evaluate(ctx context.Context, xs [][]float64) ([]float64, error) {
	first := len(e.points)
	if first+len(xs) > e.budget {
		return nil, ErrBudget
	}
	reps := e.f.Reps
	var todo []int
	for p := range xs {
		for r := range reps {
			if id := (first+p)*reps + r; !e.j.Has(id) {
				todo = append(todo, id)
			}
		}
	}
	run := func(id int) sweep.Record { return e.run(id, xs[id/reps-first]) }
	if err := sweep.Pool(ctx, e.j, todo, e.workers, run); err != nil {
		return nil, err
	}
	if ctx.Err() != nil {
		return nil, ErrInterrupted
	}
	out := make([]float64, len(xs))
	for p, x := range xs {
		pt, err := e.collect(first+p, x)
		if err != nil {
			return nil, err
		}
		e.points = append(e.points, pt)
		out[p] = pt.fit
	}
	if e.progress != nil {
		e.progress(len(e.points))
	}
	return out, nil
}

// run makes run id (point id/reps, replication id%reps) at x.
func (e *evaluator) run(id int, x []float64) (rec sweep.Record) {
	reps := e.f.Reps
	rec = sweep.Record{Run: id, Point: id / reps, Replicate: id % reps, Seed: int64(e.f.base.Seed), X: x, Status: "ok"}
	fail := func(err error) sweep.Record {
		rec.Status, rec.Error, rec.Metrics = "failed", strings.ReplaceAll(err.Error(), "\n", "; "), nil
		return rec
	}
	defer func() {
		if v := recover(); v != nil {
			rec = fail(fmt.Errorf("panic: %v", v))
		}
	}()
	sets := make([]string, len(x))
	for i, p := range e.f.Params {
		sets[i] = scenarios.SetValue(p.Path, x[i])
	}
	sc, err := scenarios.Apply(e.f.base, sets)
	if err != nil {
		return fail(err)
	}
	pr := newProbe(e.f.targets, e.f.Constraints)
	if err := sim.Run(context.Background(), sc, sim.Options{Run: uint64(rec.Replicate)}, pr); err != nil {
		return fail(err)
	}
	for i, v := range pr.out {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t := e.f.targets[i]
			return fail(fmt.Errorf("%d %s %s is %g", t.Year, t.Unit, t.Variable, v))
		}
	}
	resid := make([]float64, len(pr.out))
	fit := loss(e.f.Objective, e.f.targets, pr.out, Fit, resid)
	fit = min(fit+e.f.penalty(pr.viol), failLoss)
	hold := loss(e.f.Objective, e.f.targets, pr.out, Holdout, resid)
	rec.Metrics = append(append([]float64{fit, hold}, pr.out...), pr.viol...)
	return rec
}

// collect reads the replications of point p from the journal.
func (e *evaluator) collect(p int, x []float64) (point, error) {
	reps := e.f.Reps
	nt := len(e.f.targets)
	pt := point{x: x, sim: make([]float64, nt)}
	viol := make([]float64, len(e.f.Constraints))
	for r := range reps {
		rec, err := e.j.Read(p*reps + r)
		if err != nil {
			return pt, err
		}
		if !slices.Equal(rec.X, x) {
			return pt, fmt.Errorf("calibrate: the journal's point %d is %v, the method asks for %v: "+
				"the journal is of another calibration; use another --out", p, rec.X, x)
		}
		if rec.Status != "ok" {
			pt.failed = rec.Error
			pt.fit, pt.holdout = failLoss, failLoss
			continue
		}
		for i, v := range rec.Metrics[2 : 2+nt] {
			pt.sim[i] += v / float64(reps)
		}
		for i, v := range rec.Metrics[2+nt:] {
			viol[i] += v / float64(reps)
		}
	}
	if pt.failed != "" {
		pt.fit, pt.holdout = failLoss, failLoss
		return pt, nil
	}
	resid := make([]float64, len(pt.sim))
	pt.penalty = e.f.penalty(viol)
	pt.fit = min(loss(e.f.Objective, e.f.targets, pt.sim, Fit, resid)+pt.penalty, failLoss)
	pt.holdout = loss(e.f.Objective, e.f.targets, pt.sim, Holdout, resid)
	return pt, nil
}

// penalty returns the constraints' penalty for their violations viol.
func (f *File) penalty(viol []float64) float64 {
	var p float64
	for i, c := range f.Constraints {
		p += c.Penalty * viol[i]
	}
	return p
}
