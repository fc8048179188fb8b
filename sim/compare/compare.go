package compare

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Level is the confidence level of every interval: 95 %.
const Level = 0.95

// Diff compares one quantity between paired replications of a base and a
// variant. A NaN among the values makes the statistics that use it NaN.
type Diff struct {
	// Base and Variant are the means over the replications.
	Base, Variant float64
	// Mean is the mean of the paired differences variant − base.
	Mean float64
	// Low and High bound the Level confidence interval of Mean: Student's t
	// with N − 1 degrees of freedom, the point Mean itself when the runs
	// are exact, NaN when it is undefined (one stochastic replication).
	Low, High float64
	// Rel is the relative change Mean / Base; NaN when Base is 0.
	Rel float64
	// N is the number of replications.
	N int
}

// Significant reports whether the confidence interval excludes 0. It is
// false when the interval is undefined.
func (d Diff) Significant() bool { return d.Low > 0 || d.High < 0 }

// Paired compares base[r] with variant[r], paired by replication r. exact
// says that the runs are deterministic (mean-field), so that the mean
// difference is exact and its interval is the point itself. It panics if
// the lengths differ or are zero.
func Paired(base, variant []float64, exact bool) Diff {
	if len(base) != len(variant) || len(base) == 0 {
		panic("compare: Paired needs two slices of the same, nonzero length")
	}
	d := make([]float64, len(base))
	for r := range base {
		d[r] = variant[r] - base[r]
	}
	return paired(base, variant, d, exact)
}

// paired fills a Diff from the replications and their differences d.
func paired(base, variant, d []float64, exact bool) Diff {
	out := Diff{Base: mean(base), Variant: mean(variant), N: len(d)}
	out.Mean, out.Low, out.High = meanCI(d, exact)
	out.Rel = math.NaN()
	if out.Base != 0 {
		out.Rel = out.Mean / out.Base
	}
	return out
}

// Vectors compares paired replications of vectors element by element:
// element i of the result compares base[r][i] with variant[r][i] over the
// replications r. It panics if the replications differ in number or length,
// or if there are none.
func Vectors(base, variant [][]float64, exact bool) []Diff {
	if len(base) != len(variant) || len(base) == 0 {
		panic("compare: Vectors needs the same, nonzero number of replications")
	}
	n := len(base[0])
	for r := range base {
		if len(base[r]) != n || len(variant[r]) != n {
			panic("compare: Vectors needs replications of the same length")
		}
	}
	out := make([]Diff, n)
	b, v, d := make([]float64, len(base)), make([]float64, len(base)), make([]float64, len(base))
	for i := range out {
		for r := range base {
			b[r], v[r] = base[r][i], variant[r][i]
			d[r] = v[r] - b[r]
		}
		out[i] = paired(b, v, d, exact)
	}
	return out
}

// Interval returns the mean of the replications x and its Level
// confidence interval by Student's t. x must not be empty; the bounds are
// NaN with one value.
func Interval(x []float64) (mean, low, high float64) { return meanCI(x, false) }

// meanCI returns the mean of x and its Level confidence interval (see
// Diff.Low).
func meanCI(x []float64, exact bool) (m, low, high float64) {
	m = mean(x)
	if exact {
		return m, m, m
	}
	n := len(x)
	if n < 2 {
		return m, math.NaN(), math.NaN()
	}
	var ss float64
	for _, v := range x {
		ss += (v - m) * (v - m)
	}
	sd := math.Sqrt(ss / float64(n-1))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(1 - (1-Level)/2)
	half := t * sd / math.Sqrt(float64(n))
	return m, m - half, m + half
}

// mean returns the arithmetic mean of x. It is computed about a finite
// x[0], so that equal values have exactly their value as mean (and a
// spread of exactly 0).
func mean(x []float64) float64 {
	ref := x[0]
	if math.IsInf(ref, 0) || math.IsNaN(ref) {
		ref = 0
	}
	var s float64
	for _, v := range x {
		s += v - ref
	}
	return ref + s/float64(len(x))
}
