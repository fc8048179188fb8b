package sweep

import "factorflow/sim/sensitivity"

// Points returns the design's points in [0, 1]^k, k = len(s.Factors), from
// package sensitivity, in the design's order, which is the order of the
// runs' point numbers:
//
//   - grid: sensitivity.Grid of each factor's levels (the last factor varies
//     fastest);
//   - random: sensitivity.Random(Samples, k, Seed);
//   - lhs: sensitivity.LatinHypercube(Samples, k, Seed);
//   - sobol: sensitivity.NewSaltelli(Samples, k).Points, Samples·(k+2)
//     points: the A rows, the B rows, then AB_1 … AB_k;
//   - morris: sensitivity.NewMorris(Samples, k, MorrisLevels, Seed).Points,
//     Samples·(k+1) points, trajectory-major.
func (s *Sweep) Points() [][]float64 {
	k, n, seed := len(s.Factors), s.Samples, uint64(s.Seed)
	switch s.Design {
	case "grid":
		levels := make([]int, k)
		for i, f := range s.Factors {
			levels[i] = f.Levels
		}
		return sensitivity.Grid(levels)
	case "random":
		return sensitivity.Random(n, k, seed)
	case "lhs":
		return sensitivity.LatinHypercube(n, k, seed)
	case "sobol":
		return sensitivity.NewSaltelli(n, k).Points
	case "morris":
		return sensitivity.NewMorris(n, k, s.MorrisLevels, seed).Points
	}
	panic("sweep: unknown design " + s.Design) // Parse accepts none
}

// RunSeed returns the scenario seed of run id of a sweep with seed seed:
// the SplitMix64 finalizer of seed + (id+1)·0x9E3779B97F4A7C15 (mod 2^64),
// shifted right by two bits so that it is a valid scenario seed
// (0 ≤ seed < 2^62). It depends on seed and id only.
func RunSeed(seed int64, id int) int64 {
	z := uint64(seed) + uint64(id+1)*0x9E3779B97F4A7C15
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	z ^= z >> 31
	return int64(z >> 2)
}
