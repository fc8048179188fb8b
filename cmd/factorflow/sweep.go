package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"factorflow/sim/sweep"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// sweepOptions are the flags of "factorflow sweep".
type sweepOptions struct {
	out, shard       string
	workers          int
	csv, quiet       bool
	slurm            bool
	arraySize        int
	partition, limit string
}

// cmdSweep runs a sweep until it ends or the user interrupts it: the first
// Ctrl-C (or SIGTERM) stops handing out runs, a second kills the process.
func cmdSweep(stdout, stderr io.Writer, args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	return runSweep(ctx, stdout, stderr, args)
}

// runSweep is "factorflow sweep"; cancelling ctx interrupts it (exit 130).
func runSweep(ctx context.Context, stdout, stderr io.Writer, args []string) int {
	var o sweepOptions
	fs := newFlags("sweep")
	sweepFlags(fs, &o)
	pos, code, ok := parse(fs, "sweep", args, stdout, stderr)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return usageError(stderr, "sweep", "want one SWEEP.toml")
	}
	shard, err := parseShard(o.shard)
	if err != nil {
		return usageError(stderr, "sweep", err.Error())
	}
	if o.shard != "" && o.out == "" {
		return usageError(stderr, "sweep", "--shard needs --out DIR: every shard writes into the same sweep directory")
	}
	s, err := sweep.Load(pos[0])
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	dir := o.out
	if dir == "" {
		dir = filepath.Join(resultsDir, fmt.Sprintf("sweep-%s-%s", fileName(s.Name()), time.Now().Format("20060102-150405")))
	}
	if o.slurm {
		return writeSlurm(stdout, stderr, s, pos[0], dir, o)
	}
	bar := newSweepProgress(stderr, o.quiet)
	res, err := sweep.Run(ctx, s, dir, sweep.Options{Workers: o.workers, Shard: shard,
		TimeseriesCSV: o.csv, Progress: bar.update})
	bar.finish()
	if err != nil {
		fmt.Fprintf(stderr, "factorflow: %v\n", err)
		return exitFailed
	}
	return sweepReport(stdout, stderr, res, resumeCommand(pos[0], dir, o))
}

// sweepReport prints how the sweep went and returns the exit code.
func sweepReport(stdout, stderr io.Writer, res *sweep.Result, resume string) int {
	if res.Interrupted {
		fmt.Fprintf(stderr, "factorflow: interrupted: %d of %d runs done (%d failed) in %s\nresume with: %s\n",
			res.Done, res.Total, res.Failed, res.Dir, resume)
		return exitInterrupted
	}
	fmt.Fprintf(stdout, "%s: %d runs, %d failed\n", res.Dir, res.Total, res.Failed)
	if res.Failed > 0 {
		fmt.Fprintf(stderr, "factorflow: %d of %d runs failed; their errors are in %s\n",
			res.Failed, res.Total, filepath.Join(res.Dir, sweep.RunsCSV))
		return exitFailed
	}
	return exitOK
}

// resumeCommand returns the command that continues the sweep into dir.
func resumeCommand(file, dir string, o sweepOptions) string {
	cmd := []string{"factorflow", "sweep", file, "--out", dir}
	if o.shard != "" {
		cmd = append(cmd, "--shard", o.shard)
	}
	if o.workers > 0 {
		cmd = append(cmd, "-j", strconv.Itoa(o.workers))
	}
	if o.csv {
		cmd = append(cmd, "--csv")
	}
	return strings.Join(cmd, " ")
}

// parseShard reads "K/N" with 1 <= K <= N; "" is all runs.
func parseShard(v string) (sweep.Shard, error) {
	if v == "" {
		return sweep.Shard{}, nil
	}
	ks, ns, ok := strings.Cut(v, "/")
	k, err1 := strconv.Atoi(ks)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || k < 1 || k > n {
		return sweep.Shard{}, fmt.Errorf("--shard %q: want K/N with 1 <= K <= N", v)
	}
	return sweep.Shard{K: k, N: n}, nil
}

// sweepProgress is a progress bar of runs; a nil one does nothing.
type sweepProgress struct {
	w     io.Writer
	bar   *progressbar.ProgressBar
	start time.Time
	first int // runs done before this attempt
}

// newSweepProgress returns a bar on stderr, or nil when stderr is not a
// terminal or quiet is set.
func newSweepProgress(stderr io.Writer, quiet bool) *sweepProgress {
	f, ok := stderr.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	bar := progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetDescription("sweep"),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	return &sweepProgress{w: stderr, bar: bar, start: time.Now(), first: -1}
}

// update shows runs done, failed, runs per second and the time left.
func (p *sweepProgress) update(done, failed, total int) {
	if p == nil {
		return
	}
	if p.first < 0 {
		p.first = done - 1
		p.bar.ChangeMax(total)
	}
	rate := float64(done-p.first) / time.Since(p.start).Seconds()
	eta := time.Duration(float64(total-done) / rate * float64(time.Second)).Round(time.Second)
	p.bar.Describe(fmt.Sprintf("sweep: %d failed, %.1f runs/s, ETA %s", failed, rate, eta))
	p.bar.Set(done)
}

func (p *sweepProgress) finish() {
	if p != nil {
		p.bar.Exit()
		io.WriteString(p.w, "\n")
	}
}

// sweepFlags declares the flags of "factorflow sweep" into o.
func sweepFlags(fs *flag.FlagSet, o *sweepOptions) {
	fs.StringVar(&o.out, "out", "", "sweep directory")
	fs.IntVar(&o.workers, "j", 0, "runs at once")
	fs.StringVar(&o.shard, "shard", "", "run the K-th of N slices, K/N")
	fs.BoolVar(&o.csv, "csv", false, "also write the time series as CSV")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress bar")
	fs.BoolVar(&o.slurm, "slurm", false, "write a Slurm job-array script instead of running")
	fs.IntVar(&o.arraySize, "array-size", 10, "Slurm array tasks (shards)")
	fs.StringVar(&o.partition, "partition", "", "Slurm partition")
	fs.StringVar(&o.limit, "time", "", "Slurm time limit per task")
}

// writeSlurm is "factorflow sweep --slurm": it writes DIR/sweep.sbatch and
// says how to submit it.
func writeSlurm(stdout, stderr io.Writer, s *sweep.Sweep, file, dir string, o sweepOptions) int {
	if o.shard != "" {
		return usageError(stderr, "sweep", "--slurm makes the shards itself: drop --shard")
	}
	bin, err := os.Executable()
	if err == nil {
		file, err = filepath.Abs(file)
	}
	if err == nil {
		dir, err = filepath.Abs(dir)
	}
	if err != nil {
		fmt.Fprintf(stderr, "factorflow: %v\n", err)
		return exitFailed
	}
	path, err := sweep.WriteSlurm(s, sweep.Slurm{Binary: bin, File: file, Dir: dir, Tasks: o.arraySize,
		Partition: o.partition, Time: o.limit, CSV: o.csv})
	if err != nil {
		fmt.Fprintf(stderr, "factorflow: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "wrote %s\nsubmit it with:\n  bash %s\n"+
		"which submits the job array (one task per shard) and then 'factorflow merge %s', to run after every task.\n",
		path, path, dir)
	return exitOK
}

// cmdMerge is "factorflow merge SWEEPDIR".
func cmdMerge(stdout, stderr io.Writer, args []string) int {
	var o sweepOptions
	fs := newFlags("merge")
	fs.BoolVar(&o.csv, "csv", false, "also write the time series as CSV")
	pos, code, ok := parse(fs, "merge", args, stdout, stderr)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return usageError(stderr, "merge", "want one SWEEPDIR")
	}
	dir := pos[0]
	res, err := sweep.Merge(dir, o.csv)
	if err != nil {
		fmt.Fprintf(stderr, "factorflow: %v\n", err)
		return exitFailed
	}
	c := res.Contract
	if len(res.Missing) > 0 {
		fmt.Fprintf(stderr, "factorflow: %d of %d runs missing, nothing written: runs %s\nrerun the shards that miss them:\n",
			len(res.Missing), c.Runs, idList(res.Missing))
		for _, k := range res.Incomplete {
			fmt.Fprintf(stderr, "  factorflow sweep %s --out %s --shard %d/%d\n", c.File, dir, k, res.N)
		}
		return exitFailed
	}
	fmt.Fprintf(stdout, "%s: %d runs merged from %d shards, %d failed\n", dir, c.Runs, res.N, len(res.Failed))
	if len(res.Failed) > 0 {
		for i, rec := range res.Failed {
			if i == 10 {
				fmt.Fprintf(stderr, "  ... and %d more (see %s)\n", len(res.Failed)-10, filepath.Join(dir, sweep.RunsCSV))
				break
			}
			fmt.Fprintf(stderr, "  run %d failed: %s\n", rec.Run, rec.Error)
		}
		return exitFailed
	}
	return exitOK
}

// idList lists run ids, at most 20 of them.
func idList(ids []int) string {
	var b strings.Builder
	for i, id := range ids {
		if i == 20 {
			fmt.Fprintf(&b, " ... (%d in all)", len(ids))
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(id))
	}
	return b.String()
}
