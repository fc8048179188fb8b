package calibrate

import "math"

// space maps the methods' coordinates u, where each parameter's range is
// [0, 1] (on the log scale for a Log parameter), to parameter values. A
// parameter with Per or Minus is searched relative to an earlier one (its
// ref): its range bounds its ratio to, or its difference from, the ref's
// value, and its value is derived from the ref's.
type space []Param

// ref returns the index of the parameter that parameter i is relative to,
// or -1. checkParams makes it an earlier, plain parameter.
func (s space) ref(i int) int {
	name := s[i].Per + s[i].Minus // at most one is set
	if name == "" {
		return -1
	}
	for j := range i {
		if s[j].Path == name {
			return j
		}
	}
	return -1
}

// searched returns parameter i's searched quantity at coordinate v
// clamped to [0, 1]: a value in [Lower, Upper].
func (s space) searched(i int, v float64) float64 {
	p := s[i]
	v = min(max(v, 0), 1)
	var q float64
	if p.Log {
		q = math.Exp(math.Log(p.Lower) + v*(math.Log(p.Upper)-math.Log(p.Lower)))
	} else {
		q = p.Lower + v*(p.Upper-p.Lower)
	}
	return min(max(q, p.Lower), p.Upper) // rounding of exp
}

// derive returns the values of the parameters whose searched quantities
// are q: q itself for a plain parameter, q × the ref's value with Per,
// q + the ref's value with Minus.
func (s space) derive(q []float64) []float64 {
	x := make([]float64, len(s))
	for i, p := range s {
		x[i] = q[i]
		if r := s.ref(i); r >= 0 {
			x[i] = p.derived(x[r], q[i])
		}
	}
	return x
}

// derived returns the value of relative parameter p whose searched
// quantity is q when its ref's value is ref: q × ref with Per, q + ref
// with Minus.
func (p Param) derived(ref, q float64) float64 {
	if p.Per != "" {
		return q * ref
	}
	return q + ref
}

// x returns the parameter values of u, each u clamped to [0, 1].
func (s space) x(u []float64) []float64 {
	q := make([]float64, len(s))
	for i := range s {
		q[i] = s.searched(i, u[i])
	}
	return s.derive(q)
}

// norm returns the coordinate of parameter i's searched quantity q.
func (s space) norm(i int, q float64) float64 {
	p := s[i]
	if p.Log {
		return (math.Log(q) - math.Log(p.Lower)) / (math.Log(p.Upper) - math.Log(p.Lower))
	}
	return (q - p.Lower) / (p.Upper - p.Lower)
}

// u returns the coordinates of parameter values x.
func (s space) u(x []float64) []float64 {
	u := make([]float64, len(s))
	for i, p := range s {
		q := x[i]
		if r := s.ref(i); r >= 0 {
			q = p.quantity(x[r], x[i])
		}
		u[i] = s.norm(i, q)
	}
	return u
}

// quantity returns the searched quantity of relative parameter p at value
// x when its ref's value is ref: the inverse of derived.
func (p Param) quantity(ref, x float64) float64 {
	if p.Per != "" {
		return x / ref
	}
	return x - ref
}

// start returns the optimizers' start: each parameter's Start (its
// searched quantity), or the middle of its range.
func (s space) start() []float64 {
	u := make([]float64, len(s))
	for i, p := range s {
		u[i] = 0.5
		if p.Start != nil {
			u[i] = s.norm(i, *p.Start)
		}
	}
	return u
}

// valueRange returns the range of parameter i's values: its [Lower,
// Upper], or for a relative parameter the extremes of the values derived
// at the corners of its range and its ref's (some of which the model may
// refuse).
func (s space) valueRange(i int) (lo, hi float64) {
	p := s[i]
	r := s.ref(i)
	if r < 0 {
		return p.Lower, p.Upper
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, a := range []float64{s[r].Lower, s[r].Upper} {
		for _, b := range []float64{p.Lower, p.Upper} {
			v := p.derived(a, b)
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	return lo, hi
}

// outside returns the squared distance of u from [0, 1]^k.
func outside(u []float64) float64 {
	var d float64
	for _, v := range u {
		e := max(-v, v-1, 0)
		d += e * e
	}
	return d
}

// startX returns the parameter values of start, each Start exactly.
func (s space) startX() []float64 {
	q := make([]float64, len(s))
	for i, p := range s {
		if p.Start != nil {
			q[i] = *p.Start
		} else {
			q[i] = s.searched(i, 0.5) // start's middle
		}
	}
	return s.derive(q)
}
