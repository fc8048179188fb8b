package sensitivity

import (
	"fmt"
	"math/bits"
)

// MaxSobolDim is the largest dimension Sobol supports: the first dimension
// and one for each row of joeKuo. Saltelli designs need 2k of them.
const MaxSobolDim = 32

// sobolBits is the precision of the points: 32 bits.
const sobolBits = 32

// joeKuo holds the direction numbers of Joe and Kuo (2008, file
// new-joe-kuo-6.21201) for dimensions 2 to 32: the degree s of the
// primitive polynomial, its coefficients a (the s−1 inner ones as bits, the
// highest first) and the initial direction numbers m_1 … m_s. Dimension 1
// is the van der Corput sequence (all m = 1) and needs none.
var joeKuo = [MaxSobolDim - 1]struct {
	s, a uint32
	m    []uint32
}{
	{1, 0, []uint32{1}},
	{2, 1, []uint32{1, 3}},
	{3, 1, []uint32{1, 3, 1}},
	{3, 2, []uint32{1, 1, 1}},
	{4, 1, []uint32{1, 1, 3, 3}},
	{4, 4, []uint32{1, 3, 5, 13}},
	{5, 2, []uint32{1, 1, 5, 5, 17}},
	{5, 4, []uint32{1, 1, 5, 5, 5}},
	{5, 7, []uint32{1, 1, 7, 11, 19}},
	{5, 11, []uint32{1, 1, 5, 1, 1}},
	{5, 13, []uint32{1, 1, 1, 3, 11}},
	{5, 14, []uint32{1, 3, 5, 5, 31}},
	{6, 1, []uint32{1, 3, 3, 9, 7, 49}},
	{6, 13, []uint32{1, 1, 1, 15, 21, 21}},
	{6, 16, []uint32{1, 3, 1, 13, 27, 49}},
	{6, 19, []uint32{1, 1, 1, 15, 7, 5}},
	{6, 22, []uint32{1, 3, 1, 15, 13, 25}},
	{6, 25, []uint32{1, 1, 5, 5, 19, 61}},
	{7, 1, []uint32{1, 3, 7, 11, 23, 15, 103}},
	{7, 4, []uint32{1, 3, 7, 13, 13, 15, 69}},
	{7, 7, []uint32{1, 1, 3, 13, 7, 35, 63}},
	{7, 8, []uint32{1, 3, 5, 9, 1, 25, 53}},
	{7, 14, []uint32{1, 3, 1, 13, 9, 35, 107}},
	{7, 19, []uint32{1, 3, 1, 5, 27, 61, 31}},
	{7, 21, []uint32{1, 1, 5, 11, 19, 41, 61}},
	{7, 28, []uint32{1, 3, 5, 3, 3, 13, 69}},
	{7, 31, []uint32{1, 1, 7, 13, 1, 19, 1}},
	{7, 32, []uint32{1, 3, 7, 5, 13, 19, 59}},
	{7, 37, []uint32{1, 1, 3, 9, 25, 29, 41}},
	{7, 41, []uint32{1, 3, 5, 13, 23, 1, 55}},
	{7, 42, []uint32{1, 3, 7, 3, 13, 59, 17}},
}

// directions returns the 32 direction numbers v_1 … v_32 of dimension d
// (counted from 0), scaled by 2^32.
func directions(d int) [sobolBits]uint32 {
	var v [sobolBits]uint32
	if d == 0 {
		for j := range v {
			v[j] = 1 << (sobolBits - 1 - j)
		}
		return v
	}
	p := joeKuo[d-1]
	s := int(p.s)
	for j := 0; j < s; j++ {
		v[j] = p.m[j] << (sobolBits - 1 - j)
	}
	for j := s; j < sobolBits; j++ {
		v[j] = v[j-s] ^ (v[j-s] >> s)
		for l := 1; l < s; l++ {
			if (p.a>>(s-1-l))&1 == 1 {
				v[j] ^= v[j-l]
			}
		}
	}
	return v
}

// Sobol returns the first n points of the k-dimensional Sobol sequence,
// without the point 0 that starts it: points 1 … n in Gray-code order, as
// in Joe and Kuo's and SciPy's generators. The points have 32 bits of
// precision and lie in [0,1). Sobol panics if k is not in [1, MaxSobolDim]
// or n is negative or at least 2^32.
func Sobol(n, k int) [][]float64 {
	if k < 1 || k > MaxSobolDim {
		panic(fmt.Sprintf("sensitivity: Sobol: %d dimensions, want 1 to %d", k, MaxSobolDim))
	}
	if n < 0 || uint64(n) >= 1<<sobolBits {
		panic(fmt.Sprintf("sensitivity: Sobol: %d points, want 0 to 2^32−1", n))
	}
	v := make([][sobolBits]uint32, k)
	for d := range v {
		v[d] = directions(d)
	}
	x := make([]uint32, k)
	pts := make([][]float64, n)
	for i := range pts {
		c := bits.TrailingZeros32(^uint32(i)) // the lowest zero bit of i
		pts[i] = make([]float64, k)
		for d := range x {
			x[d] ^= v[d][c]
			pts[i][d] = float64(x[d]) / (1 << sobolBits)
		}
	}
	return pts
}
