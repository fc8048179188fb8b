// Package output writes a run directory: the tidy CSV tables of a simulation,
// the resolved scenario that repeats it, and a manifest that says how the run
// went.
//
// A [Writer] is a [sim.Observer]. [Create] makes the directory and writes
// scenario.toml; [Writer.Observe] appends one year's rows to each table;
// [Writer.Close] finishes the tables and writes manifest.json last:
//
//	w, err := output.Create(dir, sc, output.Meta{Version: "0.1.0"})
//	if err != nil { ... }
//	runErr := sim.Run(ctx, sc, sim.Options{}, w)
//	if err := w.Close(runErr); err != nil { ... }
//
// The tables are cities.csv (one row per year × city), regions.csv (one row
// per year × region), flows.csv (nonzero flows between cities and with the
// rural hinterlands), metrics.csv (cluster metrics per year) and policies.csv
// (fiscal cost of each policy in the years it costs something). Their columns
// are documented in results/README.md at the top of the module.
//
// Every file is written under a temporary name (name.tmp) and renamed when it
// is complete, and manifest.json is renamed into place last, so a file with
// its final name is never half-written and a directory with a manifest is
// finished. A failed or interrupted run keeps the rows of every year before
// the failure; its manifest says "failed" or "interrupted", with the error
// and the last year written.
//
// Numbers are written with strconv's 'g' format and 10 significant digits
// ([Precision]); integers (years, firm counts) are written exactly. The same
// states therefore give byte-identical files.
package output
