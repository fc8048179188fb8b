package calibrate

import "math"

// space maps the methods' coordinates u, where each parameter's range is
// [0, 1] (on the log scale for a Log parameter), to parameter values.
type space []Param

// x returns the parameter values of u, each u clamped to [0, 1].
func (s space) x(u []float64) []float64 {
	x := make([]float64, len(s))
	for i, p := range s {
		v := min(max(u[i], 0), 1)
		if p.Log {
			x[i] = math.Exp(math.Log(p.Lower) + v*(math.Log(p.Upper)-math.Log(p.Lower)))
		} else {
			x[i] = p.Lower + v*(p.Upper-p.Lower)
		}
		x[i] = min(max(x[i], p.Lower), p.Upper) // rounding of exp
	}
	return x
}

// u returns the coordinates of parameter values x.
func (s space) u(x []float64) []float64 {
	u := make([]float64, len(s))
	for i, p := range s {
		if p.Log {
			u[i] = (math.Log(x[i]) - math.Log(p.Lower)) / (math.Log(p.Upper) - math.Log(p.Lower))
		} else {
			u[i] = (x[i] - p.Lower) / (p.Upper - p.Lower)
		}
	}
	return u
}

// start returns the optimizers' start: each parameter's Start, or the
// middle of its range.
func (s space) start() []float64 {
	u := make([]float64, len(s))
	for i, p := range s {
		u[i] = 0.5
		if p.Start != nil {
			u[i] = s.u1(i, *p.Start)
		}
	}
	return u
}

func (s space) u1(i int, v float64) float64 {
	x := make([]float64, len(s))
	x[i] = v
	if s[i].Log {
		for j := range x {
			if j != i {
				x[j] = s[j].Lower
			}
		}
	}
	return s.u(x)[i]
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
	x := s.x(s.start())
	for i, p := range s {
		if p.Start != nil {
			x[i] = *p.Start
		}
	}
	return x
}
