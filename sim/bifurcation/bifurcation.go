// Package bifurcation traces the long-run equilibria of a two-region
// core-periphery or footloose-entrepreneur scenario as one parameter moves:
// the "tomahawk" diagram of Fujita, Krugman & Venables (1999, ch. 5).
//
// Trace steps the parameter (any scenario path that --set accepts, such as
// core_periphery.phi) over a grid. At each value it runs the replicator
// dynamics of model/coreperiphery from a near-symmetric and a
// near-agglomerated start until they settle, finds every equilibrium and
// its stability from the short-run reward gap ω₁ − ω₂, and locates the
// break points (the symmetric equilibrium changes stability) and sustain
// points (full agglomeration does) by bisection on the parameter between
// the grid values where the test changes sign. WriteCSV writes the diagram
// and WritePoints the points found.
package bifurcation

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"

	"factorflow/model"
	"factorflow/model/coreperiphery"
	"factorflow/scenarios"
)

// Spec is what to trace. The zero values of the optional fields mean
// their defaults.
type Spec struct {
	Param    string  // scenario path of the parameter, as for --set
	From, To float64 // range of the parameter (From > To runs downwards)
	Steps    int     // grid intervals, >= 1: Steps + 1 values
	// Shift is how far the traces start from the symmetric point (share
	// 1/2 + Shift) and from full agglomeration (1 − Shift); default the
	// scenario's core_periphery.perturbation, or 0.01 when that is 0.
	Shift float64
	// MaxSteps caps each trace's replicator steps (of the scenario's dt);
	// default 20000.
	MaxSteps int
	// Tol ends a trace when no share changes by more than Tol in a step;
	// default 1e-10.
	Tol float64
}

// Point is the diagram at one value of the parameter. Shares are the
// first region's.
type Point struct {
	Value float64
	// FromSymmetric and FromCore are where the traces from the
	// near-symmetric and the near-agglomerated start ended; the Converged
	// flags say whether they settled within MaxSteps.
	FromSymmetric, FromCore           float64
	SymmetricConverged, CoreConverged bool
	SymmetricSteps, CoreSteps         int // replicator steps the traces took
	// SymmetricStable and CoreSustainable are the stability of the
	// symmetric equilibrium and of full agglomeration, from the reward
	// gaps SymmetricGap (just off symmetry) and CoreGap (at λ = 1).
	SymmetricStable, CoreSustainable bool
	SymmetricGap, CoreGap            float64
	// Interior are the equilibria with a share in (1/2, 1); each has its
	// mirror image at 1 − λ.
	Interior []Equilibrium
}

// Equilibrium is an interior long-run equilibrium: a share at which the
// real rewards are equal.
type Equilibrium struct {
	Lambda float64
	Stable bool
}

// Transition is a break or sustain point: a value of the parameter where
// an equilibrium changes stability. StableBelow says on which side it is
// stable: true when stable for smaller values of the parameter.
type Transition struct {
	Kind        string // "break" (symmetric equilibrium) or "sustain" (full agglomeration)
	Value       float64
	StableBelow bool
}

// Result is a traced diagram.
type Result struct {
	Family string // core-periphery or footloose-entrepreneur
	Param  string
	Points []Point
	// Transitions are the break and sustain points found, in the order of
	// the parameter's grid.
	Transitions []Transition
}

// Trace traces the diagram of sc, a validated two-region core-periphery
// or footloose-entrepreneur scenario. It stops with ctx's error when ctx
// is cancelled, and returns an error naming the value when the scenario
// rejects a value of the parameter.
func Trace(ctx context.Context, sc *model.Scenario, spec Spec) (*Result, error) {
	if err := spec.check(sc); err != nil {
		return nil, err
	}
	t := &tracer{sc: sc, spec: spec}
	res := &Result{Family: sc.Family, Param: spec.Param}
	for i := 0; i <= spec.Steps; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		v := spec.From + (spec.To-spec.From)*float64(i)/float64(spec.Steps)
		pt, err := t.point(v)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			prev := &res.Points[i-1]
			if err := t.transitions(res, prev, &pt); err != nil {
				return nil, err
			}
		}
		res.Points = append(res.Points, pt)
	}
	up := spec.To > spec.From
	sort.SliceStable(res.Transitions, func(i, j int) bool { // two in one interval
		return (res.Transitions[i].Value < res.Transitions[j].Value) == up
	})
	return res, nil
}

// check validates the spec against the scenario and fills defaults.
func (s *Spec) check(sc *model.Scenario) error {
	if _, err := coreperiphery.KindOf(sc.Family); err != nil {
		return fmt.Errorf("bifurcation: scenario %q is of family %q; the diagram needs core-periphery or footloose-entrepreneur", sc.Name, sc.Family)
	}
	switch {
	case len(sc.Cities) != 2:
		return fmt.Errorf("bifurcation: scenario %q has %d regions ([[cities]]); the diagram needs two", sc.Name, len(sc.Cities))
	case s.Param == "":
		return errors.New("bifurcation: no parameter to vary")
	case s.Steps < 1:
		return fmt.Errorf("bifurcation: steps = %d, want >= 1", s.Steps)
	case math.IsNaN(s.From) || math.IsNaN(s.To) || math.IsInf(s.From, 0) || math.IsInf(s.To, 0) || s.From == s.To:
		return fmt.Errorf("bifurcation: range [%g, %g]: want two different finite values", s.From, s.To)
	case s.Shift < 0 || s.Shift >= 0.5:
		return fmt.Errorf("bifurcation: shift = %g, want in [0, 0.5)", s.Shift)
	}
	if s.Shift == 0 {
		s.Shift = sc.CorePeriphery.Perturbation
		if s.Shift == 0 {
			s.Shift = 0.01
		}
	}
	if s.MaxSteps <= 0 {
		s.MaxSteps = 20000
	}
	if s.Tol <= 0 {
		s.Tol = 1e-10
	}
	return nil
}

// tracer holds what every point shares.
type tracer struct {
	sc   *model.Scenario
	spec Spec
}

// params returns the model's parameters and the replicator step γ·dt at
// value v of the parameter.
func (t *tracer) params(v float64) (coreperiphery.Params, float64, error) {
	set := scenarios.SetValue(t.spec.Param, v)
	sc, err := scenarios.Apply(t.sc, []string{set})
	if err != nil {
		return coreperiphery.Params{}, 0, fmt.Errorf("bifurcation: %s: %w", set, err)
	}
	if len(sc.Cities) != 2 {
		return coreperiphery.Params{}, 0, fmt.Errorf("bifurcation: %s leaves %d regions; the diagram needs two", set, len(sc.Cities))
	}
	p, _, err := coreperiphery.ParamsOf(sc)
	if err != nil {
		return coreperiphery.Params{}, 0, fmt.Errorf("bifurcation: %s: %w", set, err)
	}
	return p, sc.CorePeriphery.Gamma * sc.Dt, nil
}

// point computes the diagram at value v.
func (t *tracer) point(v float64) (Point, error) {
	p, h, err := t.params(v)
	if err != nil {
		return Point{}, err
	}
	pt := Point{Value: v}
	if pt.SymmetricGap, err = coreperiphery.SymmetricGap(p); err != nil {
		return pt, t.wrap(v, err)
	}
	if pt.CoreGap, err = coreperiphery.CoreGap(p); err != nil {
		return pt, t.wrap(v, err)
	}
	pt.SymmetricStable, pt.CoreSustainable = pt.SymmetricGap < 0, pt.CoreGap > 0
	if pt.Interior, err = interior(p, pt.CoreGap); err != nil {
		return pt, t.wrap(v, err)
	}
	shift := t.spec.Shift
	if pt.FromSymmetric, pt.SymmetricConverged, pt.SymmetricSteps, err = t.settle(p, h, 0.5+shift); err != nil {
		return pt, t.wrap(v, err)
	}
	if pt.FromCore, pt.CoreConverged, pt.CoreSteps, err = t.settle(p, h, 1-shift); err != nil {
		return pt, t.wrap(v, err)
	}
	return pt, nil
}

func (t *tracer) wrap(v float64, err error) error {
	return fmt.Errorf("bifurcation: %s = %g: %w", t.spec.Param, v, err)
}

// settle runs the replicator from share l until no share moves by more
// than Tol in a step, or MaxSteps; it returns the end share, whether it
// settled, and the steps taken.
func (t *tracer) settle(p coreperiphery.Params, h, l float64) (float64, bool, int, error) {
	e, err := coreperiphery.New(p, []float64{l, 1 - l})
	if err != nil {
		return 0, false, 0, err
	}
	delta := make([]float64, 2)
	for step := 1; step <= t.spec.MaxSteps; step++ {
		if err := e.Solve(); err != nil {
			return 0, false, step, err
		}
		e.Replicate(h, delta)
		if math.Abs(delta[0]) <= t.spec.Tol {
			return e.Lambda[0], true, step, nil
		}
	}
	return e.Lambda[0], false, t.spec.MaxSteps, nil
}

// interiorGrid is the number of shares in (1/2, 1] scanned for interior
// equilibria.
const interiorGrid = 64

// interior finds the equilibria strictly between 1/2 and 1: the sign
// changes of the reward gap on a grid of shares, refined by bisection.
// One is stable when the gap falls through it (movers return to it).
func interior(p coreperiphery.Params, coreGap float64) ([]Equilibrium, error) {
	var out []Equilibrium
	gap := func(l float64) (float64, error) {
		if l == 1 {
			return coreGap, nil
		}
		return coreperiphery.Gap(p, l)
	}
	lo := 0.5 + 0.5/interiorGrid
	glo, err := gap(lo)
	if err != nil {
		return nil, err
	}
	for i := 2; i <= interiorGrid; i++ {
		hi := 0.5 + 0.5*float64(i)/interiorGrid
		ghi, err := gap(hi)
		if err != nil {
			return nil, err
		}
		if glo != 0 && ghi != 0 && (glo > 0) != (ghi > 0) {
			root, err := bisect(lo, hi, glo, 1e-12, gap)
			if err != nil {
				return nil, err
			}
			out = append(out, Equilibrium{Lambda: root, Stable: glo > 0})
		}
		lo, glo = hi, ghi
	}
	return out, nil
}

// bisect finds the root of f in [lo, hi], f(lo) = flo and f(hi) of the
// other sign, to within tol.
func bisect(lo, hi, flo, tol float64, f func(float64) (float64, error)) (float64, error) {
	for range 200 {
		if math.Abs(hi-lo) <= tol {
			break
		}
		m := (lo + hi) / 2
		fm, err := f(m)
		if err != nil {
			return 0, err
		}
		if (fm > 0) == (flo > 0) {
			lo, flo = m, fm
		} else {
			hi = m
		}
	}
	return (lo + hi) / 2, nil
}

// transitions adds the break and sustain points between two neighbouring
// grid points, refined by bisection on the parameter.
func (t *tracer) transitions(res *Result, a, b *Point) error {
	tests := []struct {
		kind   string
		ga, gb float64
		test   func(coreperiphery.Params) (float64, error)
		stable func(g float64) bool
	}{
		{"break", a.SymmetricGap, b.SymmetricGap, coreperiphery.SymmetricGap, func(g float64) bool { return g < 0 }},
		{"sustain", a.CoreGap, b.CoreGap, coreperiphery.CoreGap, func(g float64) bool { return g > 0 }},
	}
	tol := 1e-10 * math.Max(1, math.Max(math.Abs(a.Value), math.Abs(b.Value)))
	for _, tt := range tests {
		if tt.ga == 0 || tt.gb == 0 || (tt.ga > 0) == (tt.gb > 0) {
			continue
		}
		f := func(v float64) (float64, error) {
			p, _, err := t.params(v)
			if err != nil {
				return 0, err
			}
			return tt.test(p)
		}
		v, err := bisect(a.Value, b.Value, tt.ga, tol, f)
		if err != nil {
			return fmt.Errorf("bifurcation: %s point between %s = %g and %g: %w", tt.kind, t.spec.Param, a.Value, b.Value, err)
		}
		below := tt.stable(tt.ga)
		if a.Value > b.Value {
			below = tt.stable(tt.gb)
		}
		res.Transitions = append(res.Transitions, Transition{Kind: tt.kind, Value: v, StableBelow: below})
	}
	return nil
}

// Find returns the first transition of a kind ("break" or "sustain"), and
// whether there is one.
func (r *Result) Find(kind string) (Transition, bool) {
	for _, tr := range r.Transitions {
		if tr.Kind == kind {
			return tr, true
		}
	}
	return Transition{}, false
}
