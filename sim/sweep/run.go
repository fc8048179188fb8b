package sweep

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"factorflow/model"
	"factorflow/scenarios"
	"factorflow/sim"
)

// Options adjust how a sweep runs; the zero value runs every run on all
// CPUs.
type Options struct {
	Workers int   // runs at once; default runtime.NumCPU()
	Shard   Shard // the slice of runs to make; zero: all of them
	// TimeseriesCSV also writes timeseries.csv when the sweep's outputs
	// are "timeseries" (timeseries.parquet is always written then).
	TimeseriesCSV bool
	// Progress, when set, is called after each run is journalled, from a
	// single goroutine, with the runs of this shard done (resumed ones
	// included), failed, and in all.
	Progress func(done, failed, total int)
}

// Shard is the K-th of N disjoint slices of the run list: the runs with
// id % N == K − 1. The zero Shard is all runs.
type Shard struct{ K, N int }

// Dir returns the shard's directory under a sweep directory.
func (sh Shard) Dir(sweepDir string) string {
	if sh.N <= 1 {
		return sweepDir
	}
	return filepath.Join(sweepDir, fmt.Sprintf("shard-%d-of-%d", sh.K, sh.N))
}

// has reports whether run id is in the shard.
func (sh Shard) has(id int) bool { return sh.N <= 1 || id%sh.N == sh.K-1 }

// Result says how a sweep (or shard) went.
type Result struct {
	Dir         string // where its files are
	Total       int    // runs of this shard
	Done        int    // runs recorded, including those of earlier attempts
	Failed      int    // runs recorded as failed
	Interrupted bool   // ctx was cancelled before every run was done
}

// Run makes the runs of sweep s, or of opt.Shard, into dir (or its shard
// directory), skipping those its journal already holds, and when all are
// done writes the runs table. Cancelling ctx stops handing out runs: those
// in flight finish and are journalled, and Result.Interrupted is set.
// A run that fails is recorded as failed and does not stop the sweep.
func Run(ctx context.Context, s *Sweep, dir string, opt Options) (*Result, error) {
	pts := s.Points()
	c := s.contract(len(pts))
	if err := claim(dir, c); err != nil {
		return nil, err
	}
	out := opt.Shard.Dir(dir)
	if out != dir {
		if err := claim(out, c); err != nil {
			return nil, err
		}
	}
	tsDir := ""
	if s.Outputs == "timeseries" {
		tsDir = out
		if err := os.MkdirAll(filepath.Join(out, timeseriesDir), 0o755); err != nil {
			return nil, fmt.Errorf("sweep: %w", err)
		}
	}
	j, err := openJournal(filepath.Join(out, JournalFile), c.Runs)
	if err != nil {
		return nil, err
	}
	defer j.close()
	removeTemps(out)
	res := &Result{Dir: out}
	var todo []int
	for id := range c.Runs {
		if opt.Shard.has(id) {
			res.Total++
			if !j.has(id) {
				todo = append(todo, id)
			}
		}
	}
	if err := s.runAll(ctx, j, todo, pts, tsDir, opt, res.Total); err != nil {
		return nil, err
	}
	res.Done, res.Failed = j.done, j.failed
	if res.Done < res.Total {
		res.Interrupted = true
		return res, nil
	}
	src := func() source { return &journalSource{j: j, shard: opt.Shard} }
	if err := writeTables(out, c, src); err != nil {
		return nil, err
	}
	if tsDir != "" {
		at := func(id int) string { return seriesPath(out, id) }
		if err := writeSeries(out, c, src, at, opt.TimeseriesCSV); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// journalSource reads a journal's records in run-id order.
type journalSource struct {
	j     *journal
	shard Shard
	id    int
}

func (js *journalSource) next() (Record, bool, error) {
	for ; js.id < len(js.j.index); js.id++ {
		if js.shard.has(js.id) {
			rec, err := js.j.read(js.id)
			js.id++
			return rec, true, err
		}
	}
	return Record{}, false, nil
}

// runAll makes the runs todo on a pool of workers and journals them as they
// finish, a batch of finished runs per sync.
func (s *Sweep) runAll(ctx context.Context, j *journal, todo []int, pts [][]float64, tsDir string, opt Options, total int) error {
	metrics := s.metricIndex()
	run := func(id int) Record { return s.run(id, pts[id/s.Replications], metrics, tsDir) }
	return pool(ctx, j, todo, opt.Workers, run, func() {
		if opt.Progress != nil {
			opt.Progress(j.done, j.failed, total)
		}
	})
}

// pool calls run for every id of todo on workers goroutines (default
// runtime.NumCPU()) and journals the records as they finish, a batch of
// finished runs per sync, calling after (when set) after each batch.
// Cancelling ctx stops handing out ids; those in flight finish and are
// journalled.
func pool(ctx context.Context, j *journal, todo []int, workers int, run func(id int) Record, after func()) error {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	stop, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for _, id := range todo {
			select {
			case jobs <- id:
			case <-stop.Done():
				return
			}
		}
	}()
	recs := make(chan Record, workers)
	var wg sync.WaitGroup
	for range min(workers, max(len(todo), 1)) {
		wg.Go(func() {
			for id := range jobs {
				recs <- run(id)
			}
		})
	}
	go func() { wg.Wait(); close(recs) }()
	var werr error
	batch := make([]Record, 0, workers)
	for rec := range recs {
		batch = append(batch[:0], rec)
	drain:
		for len(batch) < cap(batch) {
			select {
			case r, ok := <-recs:
				if !ok {
					break drain
				}
				batch = append(batch, r)
			default:
				break drain
			}
		}
		if werr != nil {
			continue
		}
		if werr = j.append(batch); werr != nil {
			cancel()
			continue
		}
		if after != nil {
			after()
		}
	}
	return werr
}

// metricIndex returns the position of each of s.Metrics among the metric
// columns of the base scenario's runs.
func (s *Sweep) metricIndex() []int {
	cols := s.cols
	if cols == nil {
		cols = new(model.Metrics).Columns()
	}
	idx := make([]int, len(s.Metrics))
	for i, m := range s.Metrics {
		idx[i] = slices.Index(cols, m)
	}
	return idx
}

// run makes run id at the design point u and returns its record. A load
// error, a run error, a panic or a non-finite metric make it failed. With
// tsDir, it writes the run's time series there.
func (s *Sweep) run(id int, u []float64, metrics []int, tsDir string) (rec Record) {
	rec = Record{Run: id, Point: id / s.Replications, Replicate: id % s.Replications,
		Seed: RunSeed(s.Seed, id), Status: statusOK}
	sets := make([]string, 0, len(u)+3)
	for i, f := range s.Factors {
		x := f.Value(u[i])
		rec.X = append(rec.X, x)
		sets = append(sets, scenarios.SetValue(f.Path, x))
	}
	sets = append(append(sets, s.fixed()...), "seed="+strconv.FormatInt(rec.Seed, 10))
	defer func() {
		if v := recover(); v != nil {
			rec.fail(fmt.Errorf("panic: %v", v))
		}
	}()
	sc, err := s.base.load(sets)
	if err != nil {
		return rec.fail(err)
	}
	var vals []float64
	last := sim.ObserverFunc(func(f *sim.Frame) error {
		vals = f.Metrics.Values(vals[:0])
		return nil
	})
	obs := []sim.Observer{last}
	var ts *series
	if tsDir != "" {
		ts = new(series)
		obs = append(obs, ts)
	}
	if err := sim.Run(context.Background(), sc, sim.Options{Run: uint64(id)}, obs...); err != nil {
		return rec.fail(err)
	}
	for i, m := range metrics {
		v := vals[m]
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return rec.fail(fmt.Errorf("metric %s is %g in the final year", s.Metrics[i], v))
		}
		rec.Metrics = append(rec.Metrics, v)
	}
	if ts != nil {
		if err := writeAtomic(seriesPath(tsDir, id), ts.buf.Bytes()); err != nil {
			return rec.fail(err)
		}
	}
	return rec
}

// fail marks rec failed with err and drops its metrics.
func (rec *Record) fail(err error) Record {
	rec.Status, rec.Error, rec.Metrics = statusFailed, strings.ReplaceAll(err.Error(), "\n", "; "), nil
	return *rec
}

// removeTemps removes the temporary files that a sweep killed while
// writing its tables left in dir. The caller holds the journal's lock.
func removeTemps(dir string) {
	for _, pattern := range []string{"runs.*.tmp", "timeseries.*.tmp", filepath.Join(timeseriesDir, "*.tmp")} {
		tmps, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, t := range tmps {
			os.Remove(t)
		}
	}
}
