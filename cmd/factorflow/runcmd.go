package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"factorflow/model"
	"factorflow/scenarios"
	"factorflow/sim"
	"factorflow/sim/output"
)

// defaultScenario is what "factorflow run" simulates without a SCENARIO.
const defaultScenario = "jing-jin-ji"

// resultsDir is where runs go without --out, relative to the working
// directory.
const resultsDir = "results"

// runOptions are the flags of "factorflow run".
type runOptions struct {
	seed, years, mode string
	out               string
	sets              setList
	check, quiet      bool
	synergy           bool
}

// setList collects repeated --set flags.
type setList []string

func (s *setList) String() string { return strings.Join(*s, " ") }

func (s *setList) Set(v string) error {
	if !strings.Contains(v, "=") {
		return fmt.Errorf("want key=value, got %q", v)
	}
	*s = append(*s, v)
	return nil
}

// runFlags declares the flags of "factorflow run" into o.
func runFlags(o *runOptions) *flag.FlagSet {
	fs := newFlags("run")
	fs.StringVar(&o.seed, "seed", "", "seed of every random stream")
	fs.StringVar(&o.years, "years", "", "years to simulate")
	fs.StringVar(&o.mode, "mode", "", "stochastic or mean-field")
	fs.StringVar(&o.out, "out", "", "run directory")
	fs.Var(&o.sets, "set", "override a parameter, key=value")
	fs.BoolVar(&o.check, "check", false, "verify conservation every step")
	fs.BoolVar(&o.synergy, "synergy", false, "compute the synergy gain from paired isolated runs")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress bar")
	return fs
}

// overrides returns the --set values followed by --seed, --years and
// --mode, which therefore win.
func (o *runOptions) overrides() []string {
	sets := append([]string(nil), o.sets...)
	for _, kv := range [...][2]string{{"seed", o.seed}, {"years", o.years}, {"mode", o.mode}} {
		if kv[1] != "" {
			sets = append(sets, kv[0]+"="+kv[1])
		}
	}
	return sets
}

// runScenario is "factorflow run": it validates the scenario before it
// creates anything, simulates it into a run directory and prints a summary.
// Cancelling ctx stops the run with exit code 130.
func runScenario(ctx context.Context, stdout, stderr io.Writer, args []string) int {
	var o runOptions
	fs := runFlags(&o)
	pos, code, ok := parse(fs, "run", args, stdout, stderr)
	if !ok {
		return code
	}
	name, code, ok := scenarioArg(stderr, "run", pos)
	if !ok {
		return code
	}
	sc, code := load(stderr, name, o.overrides())
	if sc == nil {
		return code
	}

	dir := o.out
	if dir == "" {
		var err error
		if dir, err = newRunDir(resultsDir, sc, time.Now()); err != nil {
			fmt.Fprintf(stderr, "factorflow: %v\n", err)
			return exitFailed
		}
	}
	w, err := output.Create(dir, sc, output.Meta{
		Version: fullVersion(),
		Args:    append([]string{"factorflow", "run"}, args...),
	})
	if err != nil {
		fmt.Fprintf(stderr, "factorflow: %v\n", err)
		return exitFailed
	}

	sum := new(summary)
	obs := []sim.Observer{w, sum}
	bar := newProgress(stderr, sc, o.quiet)
	if bar != nil {
		obs = append(obs, bar)
	}
	runErr := sim.Run(ctx, sc, sim.Options{Check: o.check, Synergy: o.synergy}, obs...)
	if bar != nil {
		bar.finish(runErr)
	}
	closeErr := w.Close(runErr)

	switch {
	case errors.Is(runErr, context.Canceled):
		fmt.Fprintf(stderr, "factorflow: interrupted; the years before are in %s\n", dir)
		return exitInterrupted
	case runErr != nil:
		fmt.Fprintf(stderr, "factorflow: %v\nfactorflow: the years before are in %s\n", runErr, dir)
		return exitFailed
	case closeErr != nil:
		fmt.Fprintf(stderr, "factorflow: %v\n", closeErr)
		return exitFailed
	}
	sum.print(stdout, sc)
	fmt.Fprintf(stdout, "\nrun directory: %s\n", dir)
	return exitOK
}

// scenarioArg returns the optional SCENARIO argument of cmd (the default
// scenario without one); more than one is a usage error.
func scenarioArg(stderr io.Writer, cmd string, pos []string) (name string, code int, ok bool) {
	switch len(pos) {
	case 0:
		return defaultScenario, exitOK, true
	case 1:
		return pos[0], exitOK, true
	}
	return "", usageError(stderr, cmd, "want at most one SCENARIO, got "+strings.Join(pos, " ")), false
}

// load loads a scenario with overrides. On failure it prints every problem
// to stderr and returns a nil scenario and the exit code.
func load(stderr io.Writer, name string, sets []string) (*model.Scenario, int) {
	if !isEmbedded(name) {
		if _, err := os.Stat(name); err != nil {
			fmt.Fprintf(stderr, "factorflow: no scenario %q: not an embedded name nor a file\n", name)
			listEmbedded(stderr)
			return nil, exitUsage
		}
	}
	sc, err := scenarios.Load(name, sets)
	if err != nil {
		printLoadErrors(stderr, err)
		return nil, exitUsage
	}
	return sc, exitOK
}

// printLoadErrors prints each problem of a failed load on its own line.
func printLoadErrors(w io.Writer, err error) {
	var list scenarios.Errors
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Fprintln(w, e)
		}
		return
	}
	var one *scenarios.Error
	if errors.As(err, &one) {
		fmt.Fprintln(w, one)
		return
	}
	fmt.Fprintf(w, "factorflow: %v\n", err)
}

// newRunDir creates a new, empty run directory under parent named
// <scenario>-<seed>-<YYYYmmdd-HHMMSS>, with a -2, -3... suffix if that name
// is taken.
func newRunDir(parent string, sc *model.Scenario, now time.Time) (string, error) {
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	base := filepath.Join(parent, fmt.Sprintf("%s-%d-%s", fileName(sc.Name), sc.Seed, now.Format("20060102-150405")))
	dir := base
	for i := 2; ; i++ {
		err := os.Mkdir(dir, 0o755)
		if err == nil {
			return dir, nil
		}
		if !errors.Is(err, os.ErrExist) || i > 1000 {
			return "", err
		}
		dir = fmt.Sprintf("%s-%d", base, i)
	}
}

// fileName keeps the letters, digits, '-', '_' and '.' of a scenario name
// and replaces the rest with '-', so that it can name a directory.
func fileName(name string) string {
	if name == "" {
		return "scenario"
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '-'
	}, name)
}
