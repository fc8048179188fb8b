package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"factorflow/model"
	"factorflow/sim/bifurcation"
	"factorflow/sim/plot"
)

// This file holds "factorflow bifurcation": the tomahawk diagram of a
// two-region core-periphery or footloose-entrepreneur scenario
// (sim/bifurcation).

// Files of a bifurcation directory.
const (
	tomahawkFile = "tomahawk.csv"
	pointsFile   = "points.csv"
)

// bifurcationOptions are the flags of "factorflow bifurcation".
type bifurcationOptions struct {
	param, from, to, out string
	format               string
	steps                int
	sets                 setList
}

// bifurcationFlags declares the flags of "factorflow bifurcation" into o.
func bifurcationFlags(o *bifurcationOptions) *flag.FlagSet {
	fs := newFlags("bifurcation")
	fs.StringVar(&o.param, "param", "", "parameter path, as for --set")
	fs.StringVar(&o.from, "from", "", "first value of the parameter")
	fs.StringVar(&o.to, "to", "", "last value of the parameter")
	fs.IntVar(&o.steps, "steps", 50, "grid intervals")
	fs.StringVar(&o.out, "out", "", "directory of the CSV files and the figure")
	fs.StringVar(&o.format, "format", "png", "format of the figure: png or svg")
	fs.Var(&o.sets, "set", "override a parameter of the scenario, key=value")
	return fs
}

// cmdBifurcation traces a tomahawk diagram; Ctrl-C stops it and nothing is
// written.
func cmdBifurcation(stdout, stderr io.Writer, args []string) int {
	ctx, stop := interruptible()
	defer stop()
	return bifurcationDiagram(ctx, stdout, stderr, args)
}

// bifurcationDiagram is "factorflow bifurcation": it checks everything
// before it traces, prints the break and sustain points and writes the
// diagram.
func bifurcationDiagram(ctx context.Context, stdout, stderr io.Writer, args []string) int {
	var o bifurcationOptions
	pos, code, ok := parse(bifurcationFlags(&o), "bifurcation", args, stdout, stderr)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return usageError(stderr, "bifurcation", "want one SCENARIO")
	}
	spec, msg := o.spec()
	if msg == "" && !slices.Contains(plot.Formats, o.format) {
		msg = fmt.Sprintf("--format %q: want png or svg", o.format)
	}
	if msg != "" {
		return usageError(stderr, "bifurcation", msg)
	}
	sc, code := load(stderr, pos[0], o.sets)
	if sc == nil {
		return code
	}
	res, err := bifurcation.Trace(ctx, sc, spec)
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "factorflow: interrupted; nothing written")
		return exitInterrupted
	case err != nil:
		fmt.Fprintf(stderr, "factorflow: %v\n", err)
		return exitUsage
	}
	dir, err := bifurcationDir(o.out, sc, time.Now())
	if err == nil {
		err = writeAtomic(filepath.Join(dir, tomahawkFile), res.WriteCSV)
	}
	if err == nil {
		err = writeAtomic(filepath.Join(dir, pointsFile), func(w io.Writer) error { return res.WritePoints(w, sc) })
	}
	var fig string
	if err == nil {
		fig, err = tomahawkFigure(dir, o.format)
	}
	if err != nil {
		fmt.Fprintf(stderr, "factorflow: %v\n", err)
		return exitFailed
	}
	printBifurcation(stdout, sc, spec, res)
	fmt.Fprintf(stdout, "\nfiles: %s, %s, %s\n", filepath.Join(dir, tomahawkFile), filepath.Join(dir, pointsFile), fig)
	return exitOK
}

// tomahawkFigure draws the diagram from the files just written in dir, as
// "factorflow plot DIR" does, and returns the figure's path.
func tomahawkFigure(dir, format string) (string, error) {
	t, err := plot.ReadTomahawk(dir)
	if err != nil {
		return "", err
	}
	paths, err := plot.WriteFigures(dir, []*plot.Figure{plot.TomahawkFigure(t)}, format)
	if err != nil {
		return "", err
	}
	return paths[0], nil
}

// spec turns the flags into a trace specification, or says what is wrong.
func (o *bifurcationOptions) spec() (bifurcation.Spec, string) {
	if o.param == "" {
		return bifurcation.Spec{}, "--param is required"
	}
	var ends [2]float64
	for i, kv := range [2][2]string{{"from", o.from}, {"to", o.to}} {
		if kv[1] == "" {
			return bifurcation.Spec{}, "--" + kv[0] + " is required"
		}
		x, err := strconv.ParseFloat(kv[1], 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return bifurcation.Spec{}, fmt.Sprintf("--%s %q: want a finite number", kv[0], kv[1])
		}
		ends[i] = x
	}
	if ends[0] == ends[1] {
		return bifurcation.Spec{}, fmt.Sprintf("--from and --to are both %g: want a range", ends[0])
	}
	if o.steps < 1 || o.steps > 100000 {
		return bifurcation.Spec{}, fmt.Sprintf("--steps %d: want 1 to 100000", o.steps)
	}
	return bifurcation.Spec{Param: o.param, From: ends[0], To: ends[1], Steps: o.steps}, ""
}

// bifurcationDir returns the output directory, made if needed: out, or a
// new results/bifurcation-<scenario>-<YYYYmmdd-HHMMSS>.
func bifurcationDir(out string, sc *model.Scenario, now time.Time) (string, error) {
	if out != "" {
		return out, os.MkdirAll(out, 0o755)
	}
	named := *sc
	named.Name = "bifurcation-" + sc.Name
	dir, err := newRunDir(resultsDir, &named, now)
	if err != nil {
		return "", err
	}
	return dir, nil
}

// printBifurcation prints the points found with the closed forms.
func printBifurcation(w io.Writer, sc *model.Scenario, spec bifurcation.Spec, res *bifurcation.Result) {
	fmt.Fprintf(w, "%s (%s): %s from %g to %g, %d steps\n", sc.Name, sc.Family, spec.Param, spec.From, spec.To, spec.Steps)
	if len(res.Transitions) == 0 {
		fmt.Fprintln(w, "no break or sustain point in the range")
	}
	for _, tr := range res.Transitions {
		what, side := "symmetric equilibrium", "above"
		if tr.Kind == "sustain" {
			what = "full agglomeration"
		}
		if tr.StableBelow {
			side = "below"
		}
		cf := ""
		if x, ok := bifurcation.ClosedForm(sc, spec.Param, tr.Kind); ok {
			cf = fmt.Sprintf("closed form %.6f, ", x)
		}
		fmt.Fprintf(w, "%-14s %s = %.6f  (%s%s stable %s)\n", tr.Kind+" point", spec.Param, tr.Value, cf, what, side)
	}
	var unsettled []string
	for _, pt := range res.Points {
		if !pt.SymmetricConverged || !pt.CoreConverged {
			unsettled = append(unsettled, strconv.FormatFloat(pt.Value, 'g', 6, 64))
		}
	}
	if len(unsettled) > 0 {
		fmt.Fprintf(w, "traces still moving at the step cap (slow near a bifurcation): %s = %s\n", spec.Param, strings.Join(unsettled, ", "))
	}
}
