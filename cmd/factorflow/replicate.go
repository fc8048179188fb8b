package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"

	"factorflow/model"
	"factorflow/sim"
)

// replicas holds the metrics of the paired replications of a base and a
// variant scenario.
type replicas struct {
	years []int    // the years observed, in order
	cols  []string // the metrics, as the scenarios' frames list them (Metrics.Columns)
	// vals[s][r] holds, for scenario s (0 base, 1 variant) and replication
	// r, the metric vectors of every year one after the other:
	// vals[s][r][y*len(cols)+i] is metric i in year years[y].
	vals [2][][]float64
}

// replicaError is the failure of one replication.
type replicaError struct {
	role, name string // "base" or "variant", and the scenario's name
	rep        int
	err        error
}

func (e *replicaError) Error() string {
	return fmt.Sprintf("%s %q, replication %d: %v", e.role, e.name, e.rep, e.err)
}

func (e *replicaError) Unwrap() error { return e.err }

// replicate runs replications 0..reps-1 of both scenarios on a pool of
// workers. Replication r of each runs as sim run r with the scenario's
// seed, so that the two draw common random numbers. Results are kept by
// replication, not by completion, so they do not depend on workers. The
// first failure in replication order (base before variant) stops the runs
// after it and is returned as a *replicaError; cancelling ctx returns ctx's
// error. bar, if not nil, advances by one for each simulated year.
func replicate(ctx context.Context, scs [2]*model.Scenario, reps, workers int, synergy bool, bar *progress) (*replicas, error) {
	out := &replicas{}
	years := make([][]int, 2*reps)
	cols := make([][]string, 2*reps)
	errs := make([]error, 2*reps)
	for s := range out.vals {
		out.vals[s] = make([][]float64, reps)
	}
	stop := newStopper(2 * reps)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, 2*reps) {
		wg.Go(func() {
			for j := range jobs {
				jctx := stop.start(ctx, j)
				if jctx == nil {
					continue
				}
				s, r := j%2, j/2
				years[j], cols[j], out.vals[s][r], errs[j] = replica(jctx, scs[s], r, synergy, bar)
				stop.done(j, errs[j])
			}
		})
	}
	for j := range 2 * reps { // base and variant of a replication side by side
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	return out, out.check(ctx, scs, years, cols, errs)
}

// stopper stops the jobs after the first failure, and only those: every
// job before it runs to its end, so that the failure reported, the first
// in job order, does not depend on timing.
type stopper struct {
	mu     sync.Mutex
	failed int                  // the first job that failed, or the number of jobs
	cancel []context.CancelFunc // of the running jobs
}

func newStopper(jobs int) *stopper {
	return &stopper{failed: jobs, cancel: make([]context.CancelFunc, jobs)}
}

// start returns the context of job j, or nil when a job before it failed.
func (s *stopper) start(ctx context.Context, j int) context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()
	if j > s.failed {
		return nil
	}
	ctx, s.cancel[j] = context.WithCancel(ctx)
	return ctx
}

// done ends job j. If it failed, other than by being stopped, it stops the
// jobs after it.
func (s *stopper) done(j int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cancel[j]()
	s.cancel[j] = nil
	if err == nil || errors.Is(err, context.Canceled) || j > s.failed {
		return
	}
	s.failed = j
	for _, cancel := range s.cancel[j+1:] {
		if cancel != nil {
			cancel()
		}
	}
}

// check returns the first failure of the replications in replication
// order, or the context's error; then it checks that every run observed
// the same years and metrics (a model family adds its own) and keeps them.
func (out *replicas) check(ctx context.Context, scs [2]*model.Scenario, years [][]int, cols [][]string, errs []error) error {
	for j, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return &replicaError{role: [2]string{"base", "variant"}[j%2], name: scs[j%2].Name, rep: j / 2, err: err}
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for j := range years {
		if !slices.Equal(years[j], years[0]) {
			return fmt.Errorf("replications observed different years: %v and %v", years[0], years[j])
		}
		if !slices.Equal(cols[j], cols[0]) {
			return fmt.Errorf("base %q (family %q) and variant %q (family %q) have different metrics: compare scenarios of one model family",
				scs[0].Name, scs[0].Family, scs[1].Name, scs[1].Family)
		}
	}
	out.years, out.cols = years[0], cols[0]
	return nil
}

// replica runs replication r of sc and returns the years it observed, the
// metrics' names and their vectors, one year after the other.
func replica(ctx context.Context, sc *model.Scenario, r int, synergy bool, bar *progress) ([]int, []string, []float64, error) {
	years := make([]int, 0, sc.Years+1)
	var cols []string
	var vals []float64
	obs := sim.ObserverFunc(func(f *sim.Frame) error {
		if len(years) > 0 && bar != nil {
			bar.bar.Add(1)
		}
		if cols == nil {
			cols = f.Metrics.Columns()
			vals = make([]float64, 0, (sc.Years+1)*len(cols))
		}
		years = append(years, f.Year)
		vals = f.Metrics.Values(vals)
		return nil
	})
	err := sim.Run(ctx, sc, sim.Options{Run: uint64(r), Synergy: synergy}, obs)
	return years, cols, vals, err
}

// newCompareProgress returns a progress bar of total simulated years on
// stderr, or nil when stderr is not a terminal or quiet is set. Its Add is
// safe for concurrent use.
func newCompareProgress(stderr io.Writer, total int, quiet bool) *progress {
	return newYearBar(stderr, total, "compare", quiet)
}
