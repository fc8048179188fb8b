// Package compare summarises paired replications of two scenarios, a base
// and a variant, run with common random numbers: replication r of each uses
// the same seed and run index, so the two draw the same random numbers and
// their difference is mostly the variant's effect, not noise.
//
// Paired compares one quantity: the mean of base and of variant over the
// replications, the mean of the paired differences variant − base with its
// Student-t confidence interval at Level, and the relative change. Vectors
// does the same element by element for the replications' metric vectors
// (every metric of every year, as sim.Frame's Metrics.Values lists them).
// The package does no I/O; the factorflow compare command runs the
// replications and writes the results.
package compare
