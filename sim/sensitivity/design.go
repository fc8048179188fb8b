package sensitivity

import (
	"fmt"
	"math/rand/v2"
)

// Stream ids of the PCG sources of the random designs: the same seed gives
// different, independent streams to different designs.
const (
	streamRandom uint64 = 0x72616e646f6d // "random"
	streamLHS    uint64 = 0x6c6873       // "lhs"
	streamMorris uint64 = 0x6d6f72726973 // "morris"
	streamBoot   uint64 = 0x626f6f74     // "boot"
)

// newRand returns a generator seeded with seed on stream.
func newRand(seed, stream uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, stream)) }

// Grid returns the full factorial design with levels[i] values of factor i,
// evenly spaced over [0,1] with both ends included (a single level is 0.5).
// It has the product of levels points; the last factor varies fastest, as in
// nested loops over the factors in order. Grid panics if a level count is
// below 1.
func Grid(levels []int) [][]float64 {
	n := 1
	for i, l := range levels {
		if l < 1 {
			panic(fmt.Sprintf("sensitivity: Grid: levels[%d] = %d, want at least 1", i, l))
		}
		n *= l
	}
	pts := make([][]float64, n)
	for p := range pts {
		x := make([]float64, len(levels))
		rest := p
		for i := len(levels) - 1; i >= 0; i-- {
			x[i] = level(rest%levels[i], levels[i])
			rest /= levels[i]
		}
		pts[p] = x
	}
	return pts
}

// level returns the j-th of n evenly spaced values of [0,1].
func level(j, n int) float64 {
	if n == 1 {
		return 0.5
	}
	return float64(j) / float64(n-1)
}

// Random returns n points of k independent uniform coordinates in [0,1),
// drawn point by point from a PCG source seeded with seed.
func Random(n, k int, seed uint64) [][]float64 {
	rng := newRand(seed, streamRandom)
	pts := make([][]float64, n)
	for p := range pts {
		pts[p] = make([]float64, k)
		for i := range pts[p] {
			pts[p][i] = rng.Float64()
		}
	}
	return pts
}

// LatinHypercube returns a Latin hypercube of n points in k dimensions:
// every factor's range is cut into n equal strata and each stratum holds
// exactly one point, uniformly placed in it. Factors are paired by
// independent random permutations from a PCG source seeded with seed.
func LatinHypercube(n, k int, seed uint64) [][]float64 {
	rng := newRand(seed, streamLHS)
	pts := make([][]float64, n)
	for p := range pts {
		pts[p] = make([]float64, k)
	}
	for i := range k {
		for p, stratum := range rng.Perm(n) {
			pts[p][i] = (float64(stratum) + rng.Float64()) / float64(n)
		}
	}
	return pts
}
