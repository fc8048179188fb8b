package sensitivity

import (
	"fmt"
	"math"
	"slices"
)

// Saltelli is the sampling scheme of Saltelli et al. (2010) for Sobol
// indices. From the first N points of a 2K-dimensional Sobol sequence it
// takes matrix A (the first K coordinates) and matrix B (the last K), and
// for each factor i the matrix AB_i: A with column i taken from B.
//
// Points holds N·(K+2) points in this order: the N rows of A, the N rows of
// B, then the N rows of AB_1, of AB_2, …, of AB_K. Row j of block b is
// Points[b·N+j]. Outputs passed to Indices and Bootstrap follow this order.
type Saltelli struct {
	N, K   int         // base rows and factors
	Points [][]float64 // N·(K+2) points of [0,1)^K, in the order above
}

// NewSaltelli returns the Saltelli design of n base rows and k factors.
// It panics if n < 1 or 2k is not in [2, MaxSobolDim] (k at most 16).
func NewSaltelli(n, k int) Saltelli {
	if n < 1 || k < 1 || 2*k > MaxSobolDim {
		panic(fmt.Sprintf("sensitivity: NewSaltelli(%d, %d): want n ≥ 1 and 1 ≤ k ≤ %d", n, k, MaxSobolDim/2))
	}
	base := Sobol(n, 2*k)
	pts := make([][]float64, 0, n*(k+2))
	for _, row := range base {
		pts = append(pts, slices.Clone(row[:k]))
	}
	for _, row := range base {
		pts = append(pts, slices.Clone(row[k:]))
	}
	for i := range k {
		for _, row := range base {
			p := slices.Clone(row[:k])
			p[i] = row[k+i]
			pts = append(pts, p)
		}
	}
	return Saltelli{N: n, K: k, Points: pts}
}

// Indices returns the first-order and total-order Sobol indices of each
// factor from y, the outputs at s.Points in their order. The first-order
// index uses the estimator of Saltelli et al. (2010),
// V_i = (1/N) Σ_j f(B)_j (f(AB_i)_j − f(A)_j); the total-order index Jansen's
// (1999), VT_i = (1/2N) Σ_j (f(A)_j − f(AB_i)_j)². Both are divided by the
// variance of the 2N outputs at A and B. In V_i, f(B) is centred on the
// mean of those 2N outputs: the same estimate in expectation, with less
// noise when the output's mean is large against its spread. With a constant output the indices
// are NaN. Indices panics if len(y) is not N·(K+2).
func (s Saltelli) Indices(y []float64) (first, total []float64) {
	s.check(y)
	first, total = make([]float64, s.K), make([]float64, s.K)
	s.indices(first, total, y, nil)
	return first, total
}

// check panics unless y has one output per point.
func (s Saltelli) check(y []float64) {
	if len(y) != s.N*(s.K+2) {
		panic(fmt.Sprintf("sensitivity: Saltelli: %d outputs, want N·(K+2) = %d", len(y), s.N*(s.K+2)))
	}
}

// indices fills first and total from the base rows in rows (all N rows in
// order when rows is nil).
func (s Saltelli) indices(first, total, y []float64, rows []int) {
	n := s.N
	row := func(j int) int { return j }
	if rows != nil {
		n = len(rows)
		row = func(j int) int { return rows[j] }
	}
	fA, fB := y[:s.N], y[s.N:2*s.N]
	var sum float64
	for j := range n {
		sum += fA[row(j)] + fB[row(j)]
	}
	mean := sum / float64(2*n)
	var variance float64
	for j := range n {
		a, b := fA[row(j)]-mean, fB[row(j)]-mean
		variance += a*a + b*b
	}
	variance /= float64(2 * n)
	for i := range s.K {
		fAB := y[(2+i)*s.N : (3+i)*s.N]
		var v, vt float64
		for j := range n {
			r := row(j)
			v += (fB[r] - mean) * (fAB[r] - fA[r])
			d := fA[r] - fAB[r]
			vt += d * d
		}
		first[i] = v / float64(n) / variance
		total[i] = vt / float64(2*n) / variance
		if variance == 0 {
			first[i], total[i] = math.NaN(), math.NaN()
		}
	}
}

// Bootstrap returns percentile bootstrap confidence intervals of the
// first- and total-order indices at the given level (0.95 for 95 %): reps
// times it resamples the N base rows with replacement (each row with its A,
// B and AB_i outputs), recomputes the indices, and takes the (1−level)/2
// and (1+level)/2 quantiles of each. The resamples are drawn from a PCG
// source seeded with seed. Bootstrap panics if len(y) is not N·(K+2), reps
// < 1, or level is not in (0,1).
func (s Saltelli) Bootstrap(y []float64, reps int, seed uint64, level float64) (firstLo, firstHi, totalLo, totalHi []float64) {
	s.check(y)
	if reps < 1 || !(level > 0 && level < 1) {
		panic(fmt.Sprintf("sensitivity: Bootstrap: reps %d, level %g: want reps ≥ 1 and 0 < level < 1", reps, level))
	}
	rng := newRand(seed, streamBoot)
	firsts, totals := make([][]float64, s.K), make([][]float64, s.K)
	first, total := make([]float64, s.K), make([]float64, s.K)
	rows := make([]int, s.N)
	for range reps {
		for j := range rows {
			rows[j] = rng.IntN(s.N)
		}
		s.indices(first, total, y, rows)
		for i := range s.K {
			firsts[i] = append(firsts[i], first[i])
			totals[i] = append(totals[i], total[i])
		}
	}
	lo, hi := (1-level)/2, (1+level)/2
	firstLo, firstHi = make([]float64, s.K), make([]float64, s.K)
	totalLo, totalHi = make([]float64, s.K), make([]float64, s.K)
	for i := range s.K {
		firstLo[i], firstHi[i] = quantile(firsts[i], lo), quantile(firsts[i], hi)
		totalLo[i], totalHi[i] = quantile(totals[i], lo), quantile(totals[i], hi)
	}
	return firstLo, firstHi, totalLo, totalHi
}

// quantile returns the p-quantile of x, interpolating linearly between
// order statistics (R's type 7); NaN if any value is NaN. It sorts x.
func quantile(x []float64, p float64) float64 {
	if slices.ContainsFunc(x, math.IsNaN) {
		return math.NaN()
	}
	slices.Sort(x)
	h := p * float64(len(x)-1)
	j := int(h)
	if j+1 >= len(x) {
		return x[len(x)-1]
	}
	return x[j] + (h-float64(j))*(x[j+1]-x[j])
}
