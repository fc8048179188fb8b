// Package sensitivity builds experimental designs over the unit hypercube
// [0,1]^k and computes global sensitivity indices from a model's outputs at
// those designs. It does no I/O: the sweep runner maps each design point to
// parameter values (linearly or on a log scale), runs the model, and hands
// the outputs back here in the design's order.
//
// Designs:
//
//   - Grid: the full factorial, levels evenly spaced, both ends included.
//   - Random: independent uniform points.
//   - LatinHypercube: one point in each of n equal strata of every factor.
//   - Sobol: the Sobol low-discrepancy sequence (Joe and Kuo's direction
//     numbers, up to MaxSobolDim dimensions), without its first point 0.
//   - Saltelli: the scheme of Saltelli et al. (2010) built on a 2k-dim Sobol
//     sample, for first- and total-order Sobol indices (Saltelli.Indices),
//     with percentile bootstrap confidence intervals (Saltelli.Bootstrap).
//   - Morris: r one-at-a-time trajectories on a p-level grid (Morris 1991,
//     with Campolongo's step Δ = p/(2(p−1))), for elementary effects
//     (Morris.Effects: μ*, μ, σ).
//
// A design is a [][]float64 of points, one []float64 of k coordinates each.
// Every random design takes a seed and draws from its own math/rand/v2 PCG
// source: the same seed gives the same design. Sobol and Saltelli are
// deterministic.
//
// Indices are in the units of the unit hypercube: a Morris elementary effect
// is the change in output per unit change of the factor's [0,1] coordinate,
// so it does not depend on the factor's range or scale; Sobol indices are
// fractions of the output variance and do not depend on them either.
package sensitivity
