package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	"factorflow/model"
)

// This file holds "factorflow compare": its flags, the checks of its two
// scenarios and the order of its work. The replications run in
// replicate.go; the table and the CSV are written by compareout.go.

// defaultReps is the number of replications of "factorflow compare" in
// stochastic mode.
const defaultReps = 10

// compareOptions are the flags of "factorflow compare". The ones of run
// that it shares mean the same, except that --out names a file; it has no
// --check.
type compareOptions struct {
	runOptions
	reps, jobs int
}

// compareFlags declares the flags of "factorflow compare" into o.
func compareFlags(o *compareOptions) *flag.FlagSet {
	fs := newFlags("compare")
	fs.IntVar(&o.reps, "reps", defaultReps, "replications of each scenario")
	fs.StringVar(&o.seed, "seed", "", "seed of both scenarios")
	fs.StringVar(&o.years, "years", "", "years to simulate")
	fs.StringVar(&o.mode, "mode", "", "stochastic or mean-field")
	fs.Var(&o.sets, "set", "override a parameter of both, key=value")
	fs.BoolVar(&o.synergy, "synergy", false, "compute the synergy gain")
	fs.StringVar(&o.out, "out", "", "CSV file")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress bar")
	fs.IntVar(&o.jobs, "j", runtime.NumCPU(), "replications run at once")
	return fs
}

// cmdCompare compares two scenarios over paired replications. The first
// Ctrl-C (or SIGTERM) stops the runs and nothing is written; a second one
// kills the process at once.
func cmdCompare(stdout, stderr io.Writer, args []string) int {
	ctx, stop := interruptible()
	defer stop()
	return compareScenarios(ctx, stdout, stderr, args)
}

// comparison is what compare prints and writes.
type comparison struct {
	names [2]string // the scenarios' names: base, variant
	sc    *model.Scenario
	reps  int  // replications run
	asked int  // replications asked for (reps differs in mean-field mode)
	exact bool // mean-field: the differences are exact
	*replicas
}

// compareScenarios is "factorflow compare": it checks both scenarios before
// it runs anything, runs their paired replications, writes the CSV and
// prints the table of the end year. Cancelling ctx stops it with exit code
// 130 and nothing written.
func compareScenarios(ctx context.Context, stdout, stderr io.Writer, args []string) int {
	var o compareOptions
	pos, code, ok := parse(compareFlags(&o), "compare", args, stdout, stderr)
	if !ok {
		return code
	}
	switch {
	case len(pos) != 2:
		return usageError(stderr, "compare", "want BASE and VARIANT, got "+strconv.Itoa(len(pos))+" scenarios")
	case o.reps < 1:
		return usageError(stderr, "compare", "--reps must be at least 1, got "+strconv.Itoa(o.reps))
	case o.jobs < 1:
		return usageError(stderr, "compare", "-j must be at least 1, got "+strconv.Itoa(o.jobs))
	}
	scs, code := loadPair(stderr, pos[0], pos[1], &o)
	if scs[0] == nil {
		return code
	}
	c := &comparison{names: [2]string{scs[0].Name, scs[1].Name}, sc: scs[0], reps: o.reps, asked: o.reps}
	if c.exact = scs[0].Mode == "mean-field"; c.exact {
		c.reps = 1 // every replication would be the same
	}

	path, dir := o.out, resultsDir
	if path != "" {
		dir = filepath.Dir(path)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "factorflow: %v\n", err)
		return exitFailed
	}
	bar := newCompareProgress(stderr, 2*c.reps*scs[0].Years, o.quiet)
	var err error
	c.replicas, err = replicate(ctx, scs, c.reps, o.jobs, o.synergy, bar)
	if bar != nil {
		bar.finish(err)
	}
	switch {
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		fmt.Fprintln(stderr, "factorflow: interrupted; nothing written")
		return exitInterrupted
	case err != nil:
		fmt.Fprintf(stderr, "factorflow compare: %v\n", err)
		return exitFailed
	}
	return c.save(stdout, stderr, path)
}

// save writes the CSV to path, or to a new file under resultsDir when path
// is "", then prints the table, and returns the exit code.
func (c *comparison) save(stdout, stderr io.Writer, path string) int {
	var err error
	if path == "" {
		if path, err = newComparePath(resultsDir, c.names, time.Now()); err != nil {
			fmt.Fprintf(stderr, "factorflow: %v\n", err)
			return exitFailed
		}
	}
	diffs := c.diffs()
	if err := writeAtomic(path, func(w io.Writer) error { return c.writeCSV(w, diffs) }); err != nil {
		fmt.Fprintf(stderr, "factorflow: %v\n", err)
		return exitFailed
	}
	c.print(stdout, diffs)
	fmt.Fprintf(stdout, "\nevery year and metric: %s\n", path)
	return exitOK
}

// loadPair loads BASE and VARIANT with the shared overrides and checks that
// they can be paired. Without --seed the variant takes the base's seed, so
// that the replications draw the same numbers. On failure it prints every
// problem, of both, and returns nil scenarios and the exit code.
func loadPair(stderr io.Writer, base, variant string, o *compareOptions) ([2]*model.Scenario, int) {
	var scs [2]*model.Scenario
	sets := o.overrides()
	scs[0], _ = load(stderr, base, sets)
	if scs[0] != nil && o.seed == "" {
		sets = append(sets, "seed="+strconv.FormatInt(scs[0].Seed, 10))
	}
	scs[1], _ = load(stderr, variant, sets)
	if scs[0] == nil || scs[1] == nil {
		return [2]*model.Scenario{}, exitUsage
	}
	if msg := unpaired(scs[0], scs[1]); msg != "" {
		fmt.Fprintf(stderr, "factorflow compare: %s\n", msg)
		return [2]*model.Scenario{}, exitUsage
	}
	return scs, exitOK
}

// unpaired says why two scenarios cannot be compared year by year, or
// returns "".
func unpaired(b, v *model.Scenario) string {
	span := func(sc *model.Scenario) string {
		return fmt.Sprintf("%d–%d", sc.StartYear, sc.StartYear+sc.Years)
	}
	switch {
	case b.Family != v.Family:
		return fmt.Sprintf("base %q is of model family %q but variant %q of %q: compare two scenarios of one family", b.Name, b.Family, v.Name, v.Family)
	case b.Mode != v.Mode:
		return fmt.Sprintf("base %q is %s but variant %q %s: set --mode for both", b.Name, b.Mode, v.Name, v.Mode)
	case b.StartYear != v.StartYear:
		return fmt.Sprintf("base %q runs %s but variant %q %s: set --set start_year=Y for both", b.Name, span(b), v.Name, span(v))
	case b.Years != v.Years:
		return fmt.Sprintf("base %q runs %s but variant %q %s: set --years for both", b.Name, span(b), v.Name, span(v))
	}
	return ""
}

// newComparePath returns a new file name under parent, which it creates:
// compare-<base>-<variant>-<YYYYmmdd-HHMMSS>.csv, with a -2, -3... suffix
// if that name is taken.
func newComparePath(parent string, names [2]string, now time.Time) (string, error) {
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	base := filepath.Join(parent, fmt.Sprintf("compare-%s-%s-%s", fileName(names[0]), fileName(names[1]), now.Format("20060102-150405")))
	path := base + ".csv"
	for i := 2; ; i++ {
		if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
			return path, nil
		} else if err != nil || i > 1000 {
			return "", fmt.Errorf("no free name for %s.csv: %v", base, err)
		}
		path = fmt.Sprintf("%s-%d.csv", base, i)
	}
}

// writeAtomic writes a file through fill under a temporary name in its
// directory and renames it to path when complete, replacing any file
// there. On failure it removes the temporary file.
func writeAtomic(path string, fill func(w io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = fill(f); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
