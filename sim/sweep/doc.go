// Package sweep runs batch parameter sweeps: one base scenario at every
// point of an experimental design over some of its parameters, with
// replications, on a pool of workers, into a sweep directory that survives
// interruption and can be split across the machines of a cluster.
//
// A sweep file (TOML, strict: unknown keys are errors) names the base
// scenario, the design and its size, the replications, the sweep seed, the
// years, the mode, the metrics kept and the factors, each a scenario path as
// --set takes it with a range [min, max], linear or logarithmic. [Parse]
// reads it and checks each factor by loading the scenario at both ends of
// its range. [Sweep.Points] takes the design's points in [0, 1]^k from
// package sensitivity (grid, random, lhs, sobol with the Saltelli scheme,
// morris).
//
// Run id = point × replications + replicate. Run id loads the base
// scenario with the factors' values, the years, the mode and the seed
// [RunSeed](sweep seed, id) as overrides, and simulates it as sim run id;
// it keeps the final year's metrics. A run that cannot be loaded, fails,
// panics or ends with a non-finite metric is recorded as failed with its
// error, and the sweep goes on.
//
// [Run] writes into a sweep directory:
//
//   - sweep.json ([Contract]): the design, factors, metrics, run count and
//     the sweep's [Sweep.Hash]; a directory of another sweep is refused
//     ([ChangedError]).
//   - journal.jsonl: one JSON [Record] per finished run, in completion
//     order, each line written in one write and synced. On start the journal
//     is read back (a torn last line is cut off) and its runs are skipped, so
//     a sweep killed at any moment, even by SIGKILL, resumes where it
//     stopped.
//   - runs.csv and runs.parquet, written when every run is done, from the
//     journal in run-id order, under temporary names renamed when complete:
//     the same bytes for any number of workers and any history of
//     interruptions. Memory stays flat: only an index of the journal (12
//     bytes a run) is held.
//
// A [Shard] K/N makes the runs with id % N == K − 1 into
// DIR/shard-K-of-N/, with its own journal and tables; [Merge] combines the
// shards' journals into DIR's tables, equal to the unsharded ones.
// [WriteSlurm] writes a Slurm job array that runs one shard per task and
// then merges.
package sweep
