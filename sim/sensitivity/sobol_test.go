package sensitivity

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSobolFirstPoints checks the first points of dimensions 1–3 against
// the published sequence (Joe and Kuo's generator, SciPy's
// qmc.Sobol(scramble=False) after its point 0).
func TestSobolFirstPoints(t *testing.T) {
	want := [][]float64{
		{0.5, 0.5, 0.5},
		{0.75, 0.25, 0.25},
		{0.25, 0.75, 0.75},
		{0.375, 0.375, 0.625},
		{0.875, 0.875, 0.125},
		{0.625, 0.125, 0.875},
		{0.125, 0.625, 0.375},
		{0.1875, 0.3125, 0.9375},
	}
	if diff := cmp.Diff(want, Sobol(len(want), 3)); diff != "" {
		t.Errorf("Sobol(8, 3) (-want +got):\n%s", diff)
	}
}

// TestJoeKuoTable checks the embedded direction numbers: every polynomial
// is primitive over GF(2) and appears once, and every m_j is odd and below
// 2^j — the conditions for a valid Sobol sequence.
func TestJoeKuoTable(t *testing.T) {
	seen := map[[2]uint32]bool{}
	for d, p := range joeKuo {
		key := [2]uint32{p.s, p.a}
		if seen[key] {
			t.Errorf("dimension %d repeats polynomial s=%d a=%d", d+2, p.s, p.a)
		}
		seen[key] = true
		if !primitive(p.s, p.a) {
			t.Errorf("dimension %d: polynomial s=%d a=%d is not primitive", d+2, p.s, p.a)
		}
		if len(p.m) != int(p.s) {
			t.Errorf("dimension %d: %d direction numbers, want s=%d", d+2, len(p.m), p.s)
		}
		for j, m := range p.m {
			if m%2 == 0 || m >= 1<<(j+1) {
				t.Errorf("dimension %d: m_%d = %d, want odd and below 2^%d", d+2, j+1, m, j+1)
			}
		}
	}
}

// primitive reports whether x^s + a_1 x^(s−1) + … + a_(s−1) x + 1 (the a_i
// the bits of a, highest first) is primitive over GF(2): whether x has
// order 2^s − 1 modulo it.
func primitive(s, a uint32) bool {
	poly := uint32(1)<<s | a<<1 | 1
	x := uint32(1)
	for e := uint32(1); e <= 1<<s-1; e++ {
		x <<= 1
		if x&(1<<s) != 0 {
			x ^= poly
		}
		if x == 1 {
			return e == 1<<s-1
		}
	}
	return false
}

// TestSobolStrata checks that in every dimension the first 2^m points
// (with point 0) fall one in each interval [i/2^m, (i+1)/2^m).
func TestSobolStrata(t *testing.T) {
	const m = 8
	pts := append([][]float64{make([]float64, MaxSobolDim)}, Sobol(1<<m-1, MaxSobolDim)...)
	for d := range MaxSobolDim {
		seen := make([]bool, 1<<m)
		for _, x := range pts {
			i := int(x[d] * (1 << m))
			if seen[i] {
				t.Errorf("dimension %d: two points in interval %d of %d", d+1, i, 1<<m)
			}
			seen[i] = true
		}
	}
}

// TestSobolDiscrepancy checks that every 2-D projection of 512 Sobol
// points has a lower L2-star discrepancy than uniform random points are
// expected to have, sqrt((1/4 − 1/9)/n), and that the mean over the
// projections is at most a third of it.
func TestSobolDiscrepancy(t *testing.T) {
	const n = 512
	pts := Sobol(n, MaxSobolDim)
	random := math.Sqrt((1.0/4 - 1.0/9) / n)
	var sum, worst float64
	var pairs int
	for d1 := range MaxSobolDim {
		for d2 := d1 + 1; d2 < MaxSobolDim; d2++ {
			x, y := make([]float64, n), make([]float64, n)
			for i, p := range pts {
				x[i], y[i] = p[d1], p[d2]
			}
			d := l2Star(x, y)
			if d >= random {
				t.Errorf("dimensions %d and %d: L2-star discrepancy %.4g, random points expect %.4g", d1+1, d2+1, d, random)
			}
			sum += d
			worst = max(worst, d)
			pairs++
		}
	}
	t.Logf("%d pairs: worst L2-star discrepancy %.4g, mean %.4g; random points expect %.4g", pairs, worst, sum/float64(pairs), random)
	if mean := sum / float64(pairs); mean > random/3 {
		t.Errorf("mean L2-star discrepancy of the 2-D projections %.4g, want at most %.4g (a third of random)", mean, random/3)
	}
}

// l2Star returns the L2-star discrepancy of the 2-D points (x[i], y[i]),
// by Warnock's formula.
func l2Star(x, y []float64) float64 {
	n := float64(len(x))
	var single, double float64
	for i := range x {
		single += (1 - x[i]*x[i]) * (1 - y[i]*y[i])
		for j := range x {
			double += (1 - max(x[i], x[j])) * (1 - max(y[i], y[j]))
		}
	}
	return math.Sqrt(1.0/9 - single/(2*n) + double/(n*n))
}

func TestSobolPanics(t *testing.T) {
	for _, k := range []int{0, MaxSobolDim + 1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Sobol(1, %d) did not panic", k)
				}
			}()
			Sobol(1, k)
		}()
	}
}
