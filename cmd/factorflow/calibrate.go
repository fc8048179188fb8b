package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"factorflow/sim/calibrate"
	"factorflow/sim/plot"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// calibrateOptions are the flags of "factorflow calibrate".
type calibrateOptions struct {
	out     string
	format  string
	workers int
	quiet   bool
}

// cmdCalibrate calibrates until done or interrupted: the first Ctrl-C (or
// SIGTERM) finishes the runs in flight and stops, a second kills the
// process.
func cmdCalibrate(stdout, stderr io.Writer, args []string) int {
	ctx, stop := interruptible()
	defer stop()
	return runCalibrate(ctx, stdout, stderr, args)
}

// runCalibrate is "factorflow calibrate"; cancelling ctx interrupts it
// (exit 130).
func runCalibrate(ctx context.Context, stdout, stderr io.Writer, args []string) int {
	var o calibrateOptions
	fs := newFlags("calibrate")
	calibrateFlags(fs, &o)
	pos, code, ok := parse(fs, "calibrate", args, stdout, stderr)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return usageError(stderr, "calibrate", "want one CALIBRATION.toml")
	}
	if o.workers < 0 {
		return usageError(stderr, "calibrate", fmt.Sprintf("-j %d: want 0 (all CPUs) or more", o.workers))
	}
	if !slices.Contains(plot.Formats, o.format) {
		return usageError(stderr, "calibrate", fmt.Sprintf("--format %q: want png or svg", o.format))
	}
	f, err := calibrate.Load(pos[0])
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	dir := o.out
	if dir == "" {
		dir = filepath.Join(resultsDir, fmt.Sprintf("calibrate-%s-%s", fileName(f.Name()), time.Now().Format("20060102-150405")))
	}
	bar := newCalibrateProgress(stderr, o.quiet)
	res, err := calibrate.Run(ctx, f, dir, calibrate.Options{Workers: o.workers, Progress: bar.update})
	bar.finish()
	if err != nil {
		fmt.Fprintf(stderr, "factorflow: %v\n", err)
		return exitFailed
	}
	if res.Interrupted {
		cmd := []string{"factorflow", "calibrate", pos[0], "--out", dir}
		if o.workers > 0 {
			cmd = append(cmd, "-j", strconv.Itoa(o.workers))
		}
		fmt.Fprintf(stderr, "factorflow: interrupted after %d evaluations in %s; nothing but the journal is written\nresume with: %s\n",
			res.Evaluations, dir, strings.Join(cmd, " "))
		return exitInterrupted
	}
	printCalibration(stdout, f, res)
	paths, err := calibrationFigures(dir, o.format)
	if len(paths) > 0 {
		fmt.Fprintf(stdout, "figures: %s\n", strings.Join(paths, ", "))
	}
	if err != nil {
		fmt.Fprintf(stderr, "factorflow: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// calibrationFigures draws the figures of the finished calibration in dir
// from its files, as "factorflow plot DIR" does, and returns their paths.
func calibrationFigures(dir, format string) ([]string, error) {
	c, err := plot.ReadCalibration(dir)
	if err != nil {
		return nil, err
	}
	return plot.WriteFigures(dir, plot.CalibrationFigures(c), format)
}

// calibrateFlags declares the flags of "factorflow calibrate" on fs.
func calibrateFlags(fs *flag.FlagSet, o *calibrateOptions) {
	fs.StringVar(&o.out, "out", "", "")
	fs.IntVar(&o.workers, "j", 0, "")
	fs.BoolVar(&o.quiet, "quiet", false, "")
	fs.StringVar(&o.format, "format", "png", "")
}

// printCalibration prints the summary of a finished calibration.
func printCalibration(w io.Writer, f *calibrate.File, res *calibrate.Result) {
	fmt.Fprintf(w, "%s: %s, %d evaluations of %d run(s), objective %s\n",
		res.Dir, res.Method, res.Evaluations, f.Reps, f.Objective)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := "parameter\tbest\trange"
	if res.Intervals != nil {
		head += "\tposterior mean\tmedian\tinterval"
	}
	fmt.Fprintln(tw, head)
	for i, p := range f.Params {
		line := fmt.Sprintf("%s\t%.6g\t[%g, %g]", p.Path, res.Best[i], p.Lower, p.Upper)
		if res.Intervals != nil {
			iv := res.Intervals[i]
			line += fmt.Sprintf("\t%.6g\t%.6g\t%g%%: [%.6g, %.6g]", iv.Mean, iv.Median, 100*iv.Level, iv.Lower, iv.Upper)
		}
		fmt.Fprintln(tw, line)
	}
	tw.Flush()
	fmt.Fprintf(w, "fit (fit targets): %.6g\n", res.Fit)
	if res.Holdouts > 0 {
		fmt.Fprintf(w, "out of sample (%d holdout targets): %.6g\n", res.Holdouts, res.Holdout)
	}
	if res.Failed != "" {
		fmt.Fprintf(w, "some runs failed (their points count as the worst fit); first error: %s\n", res.Failed)
	}
	fmt.Fprintf(w, "run the best fit with: factorflow run %s\n", filepath.Join(res.Dir, calibrate.BestFile))
}

// calibrateProgress shows the evaluations on a progress bar; a nil bar
// does nothing.
type calibrateProgress struct{ bar *progressbar.ProgressBar }

// newCalibrateProgress returns a bar on stderr, or one that does nothing
// when stderr is not a terminal or quiet is set.
func newCalibrateProgress(stderr io.Writer, quiet bool) *calibrateProgress {
	f, ok := stderr.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return &calibrateProgress{}
	}
	return &calibrateProgress{progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetDescription("evaluations"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetItsString("points"),
		progressbar.OptionShowIts(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
}

// update shows done of budget points.
func (c *calibrateProgress) update(done, budget int) {
	if c.bar == nil {
		return
	}
	c.bar.ChangeMax(budget)
	c.bar.Set(done)
}

// finish clears the bar.
func (c *calibrateProgress) finish() {
	if c.bar != nil {
		c.bar.Clear()
	}
}
