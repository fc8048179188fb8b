package main

import (
	"flag"
	"fmt"
	"io"
	"slices"

	"factorflow/sim/plot"
)

// This file holds "factorflow plot" and "factorflow report": thin shells
// over package sim/plot, which reads the files and draws the figures.

// plotOptions are the flags of plot.
type plotOptions struct {
	format, out string
	opt         plot.Options
}

// plotFlags returns the FlagSet of plot, filling o.
func plotFlags(o *plotOptions) *flag.FlagSet {
	fs := newFlags("plot")
	fs.StringVar(&o.format, "format", "png", "")
	fs.StringVar(&o.out, "out", "", "")
	fs.IntVar(&o.opt.Year, "year", 0, "")
	fs.StringVar(&o.opt.Factor, "factor", "", "")
	return fs
}

// cmdPlot writes the figures of a run directory or a compare CSV.
func cmdPlot(stdout, stderr io.Writer, args []string) int {
	var o plotOptions
	pos, code, ok := parse(plotFlags(&o), "plot", args, stdout, stderr)
	if !ok {
		return code
	}
	switch {
	case len(pos) != 1:
		return usageError(stderr, "plot", "want one RUNDIR (a run, bifurcation or calibration directory, or a compare CSV)")
	case !slices.Contains(plot.Formats, o.format):
		return usageError(stderr, "plot", fmt.Sprintf("--format %q: want png or svg", o.format))
	}
	in, figs, code := readFigures(stderr, pos[0], o.opt)
	if code != exitOK {
		return code
	}
	dir := o.out
	if dir == "" {
		dir = in.DefaultDir()
	}
	paths, err := plot.WriteFigures(dir, figs, o.format)
	for _, p := range paths {
		fmt.Fprintln(stdout, p)
	}
	if err != nil {
		fmt.Fprintf(stderr, "factorflow plot: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// readFigures reads path and makes its figures. An unreadable input or a
// bad option prints the error and returns exitUsage.
func readFigures(stderr io.Writer, path string, opt plot.Options) (*plot.Input, []*plot.Figure, int) {
	in, err := plot.Read(path)
	if err != nil {
		fmt.Fprintln(stderr, "factorflow:", err)
		return nil, nil, exitUsage
	}
	figs, err := in.Figures(opt)
	if err != nil {
		fmt.Fprintln(stderr, "factorflow:", err)
		return nil, nil, exitUsage
	}
	return in, figs, exitOK
}

// reportFlags returns the FlagSet of report, filling out.
func reportFlags(out *string) *flag.FlagSet {
	fs := newFlags("report")
	fs.StringVar(out, "out", "", "")
	return fs
}

// cmdReport writes the HTML report of a run directory or a compare CSV.
func cmdReport(stdout, stderr io.Writer, args []string) int {
	var out string
	pos, code, ok := parse(reportFlags(&out), "report", args, stdout, stderr)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return usageError(stderr, "report", "want one RUNDIR (a run, bifurcation or calibration directory, or a compare CSV)")
	}
	in, figs, code := readFigures(stderr, pos[0], plot.Options{})
	if code != exitOK {
		return code
	}
	path := out
	if path == "" {
		path = in.DefaultReport()
	}
	if err := plot.WriteReport(path, in, figs); err != nil {
		fmt.Fprintf(stderr, "factorflow report: %v\n", err)
		return exitFailed
	}
	fmt.Fprintln(stdout, path)
	return exitOK
}
