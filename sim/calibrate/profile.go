package calibrate

import (
	"context"
	"errors"
	"slices"
)

// profileRow is the fit at one value of the profiled parameter.
type profileRow struct {
	x            []float64 // all parameters, the profiled one at its value
	fit, holdout float64
	evaluations  int
}

// limited is a Problem that allows n more evaluations of another and
// inserts the profiled parameter's value into every point.
type limited struct {
	prob  Problem
	left  int
	at    int     // the profiled parameter's index; -1: none
	value float64 // its value
}

func (l *limited) Evaluate(ctx context.Context, xs [][]float64) ([]float64, error) {
	if len(xs) > l.left {
		return nil, ErrBudget
	}
	full := make([][]float64, len(xs))
	for i, x := range xs {
		full[i] = x
		if l.at >= 0 {
			full[i] = slices.Insert(slices.Clone(x), l.at, l.value)
		}
	}
	l.left -= len(xs)
	return l.prob.Evaluate(ctx, full)
}

// profile fits the other parameters at each of Profile.Points values of
// the profiled one, evenly spread on its range (on the log scale with
// Log), with Budget evaluations each, starting from the best of the
// previous value.
func (f *File) profile(ctx context.Context, ev *evaluator, sp space) ([]profileRow, []TraceRow, error) {
	at := f.paramIndex(f.Profile.Param)
	others := slices.Delete(slices.Clone(sp), at, at+1)
	start := space(others).start()
	var rows []profileRow
	var trace []TraceRow
	for k := range f.Profile.Points {
		u := make([]float64, len(sp))
		u[at] = float64(k) / float64(f.Profile.Points-1)
		value := sp.x(u)[at]
		first := len(ev.points)
		s := newSearch(&limited{prob: ev, left: f.Budget, at: at, value: value}, others)
		if err := s.optimize(ctx, f.Profile.Inner, f, start); err != nil && !errors.Is(err, ErrBudget) {
			return nil, nil, err
		}
		if len(ev.points) == first {
			return nil, nil, errors.New("calibrate: profile: the budget allows no evaluation at a profile value; raise budget")
		}
		b := first
		for i := first; i < len(ev.points); i++ {
			if ev.points[i].fit < ev.points[b].fit {
				b = i
			}
		}
		p := ev.points[b]
		rows = append(rows, profileRow{x: p.x, fit: p.fit, holdout: p.holdout, evaluations: len(ev.points) - first})
		trace = append(trace, TraceRow{Step: k, Evaluations: len(ev.points), Best: ev.points[ev.best()].fit, Value: value})
		start = space(others).u(slices.Delete(slices.Clone(p.x), at, at+1))
	}
	return rows, trace, nil
}
