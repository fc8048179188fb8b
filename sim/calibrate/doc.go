// Package calibrate fits the parameters of a scenario to observed data:
// "factorflow calibrate CALIBRATION.toml".
//
// A calibration file (TOML, strict: unknown keys are errors, placed at
// file:line:col) names the scenario and fixed overrides (set, start_year,
// years, mode), the parameters to fit ([[params]]: any --set path with
// lower and upper bounds, optionally on a log scale), the observed targets
// (a CSV file read by [ReadTargets]: year, unit — a city or "cluster" —,
// variable — a cities.csv or metrics.csv column —, value, and role: fit or
// holdout), the objective, weights, replications, the method, its budget
// of evaluations and settings, and the methods' seed. [Load] reads it and
// checks each parameter by loading the scenario at both ends of its range.
//
// The objective of a parameter point is computed on the simulated values
// averaged over Reps replications; replication r of every point is sim run
// r of the scenario's seed (common random numbers), so that differences
// between points are not noise. "sse-log" (default) is the weighted sum of
// squared log errors over the targets; "sorted-log10" compares the sorted
// distributions of each (year, variable), as the MARIUS model's
// calibration does. Fit and holdout targets are summed apart: the
// methods see only the fit ones.
//
// Methods work on coordinates where each parameter's range is [0, 1]:
//
//   - cmaes: the (μ/μ_w, λ) CMA-ES of Hansen's tutorial, a generation per
//     batch (gonum's CmaEsChol was tried first and barely adapts its step
//     size; see cmaes.go), optionally after a uniform screen whose best
//     point it starts from (CMAES.Init);
//   - nelder-mead: gonum's optimize.NelderMead, its first simplex as one
//     batch, driven through gonum's Method protocol;
//   - abc-rejection and abc-smc: approximate Bayesian computation with the
//     loss as distance and a uniform (log-uniform) prior on the ranges;
//     abc-smc is population Monte Carlo with an adaptive tolerance (Beaumont
//     et al. 2009, Toni et al. 2009). They give posterior samples and
//     credible intervals;
//   - profile: the fit of the other parameters at each of evenly spread
//     values of one, to show identifiability.
//
// Evaluations are numbered in the order the method proposes them and run
// on the sweep package's worker pool into its journal (run id = point ×
// reps + rep), so a calibration that is interrupted resumes without
// recomputing, and the outputs ([Run]) are the same bytes for any number
// of workers.
package calibrate
