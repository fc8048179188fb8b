package calibrate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"factorflow/sim/sweep"
)

// Files of a calibration directory.
const (
	ContractFile    = "calibration.json" // the calibration's hash and file
	JournalFile     = "journal.jsonl"    // one record per run, as a sweep's
	EvaluationsFile = "evaluations.parquet"
	BestFile        = "best.toml"
	FitFile         = "fit.csv"
	TraceFile       = "trace.csv"
	PosteriorFile   = "posterior.csv"
	IntervalsFile   = "intervals.csv"
	ProfileFile     = "profile.csv"
)

// Options adjust how a calibration runs; the zero value uses every CPU.
type Options struct {
	Workers int // runs at once; default runtime.NumCPU()
	// Progress, when set, is called after each batch of evaluations with
	// the points evaluated so far and the budget.
	Progress func(done, budget int)
}

// Result is what a calibration found.
type Result struct {
	Dir         string
	Method      string
	Evaluations int       // points evaluated (each Reps runs)
	Best        []float64 // the best point's parameter values, in Params order
	Fit         float64   // the best point's loss on the fit targets
	Holdout     float64   // the same point's loss on the holdout targets (0 if there are none)
	Holdouts    int       // holdout targets
	Interrupted bool      // ctx was cancelled: nothing but the journal was written
	// Intervals are the ABC credible intervals, by parameter.
	Intervals []Interval
	// Failed is the first failure of a run, if any run failed.
	Failed string
}

// contract is calibration.json.
type contract struct {
	File string `json:"file"`
	Hash string `json:"hash"`
	Runs int    `json:"runs"` // the journal's run ids: budget points × reps
}

// ChangedError refuses a directory that holds another calibration.
type ChangedError struct {
	Dir       string
	Have, Got string
}

func (e *ChangedError) Error() string {
	return fmt.Sprintf("calibrate: %s holds a different calibration (hash %.12s…, this file %.12s…): "+
		"the calibration file, its scenario or its targets changed since it started; restore them, or use another --out",
		e.Dir, e.Have, e.Got)
}

// maxPoints returns the most points the calibration evaluates.
func (f *File) maxPoints() int {
	switch f.Method {
	case "profile":
		return f.Budget * f.Profile.Points
	case "evaluate":
		return 1
	}
	return f.Budget
}

// claim makes dir and writes its calibration.json, or checks the one there.
func claim(dir string, c contract) error {
	path := filepath.Join(dir, ContractFile)
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		var have contract
		if err := json.Unmarshal(b, &have); err != nil {
			return fmt.Errorf("calibrate: %s: %w", path, err)
		}
		if have.Hash != c.Hash {
			return &ChangedError{Dir: dir, Have: have.Hash, Got: c.Hash}
		}
		return nil
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("calibrate: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("calibrate: %w", err)
	}
	b, err = json.MarshalIndent(c, "", "  ")
	if err != nil {
		return fmt.Errorf("calibrate: %w", err)
	}
	return sweep.WriteAtomic(path, func(f *os.File) error {
		_, err := f.Write(append(b, '\n'))
		return err
	})
}

// outputs lists the files a finished calibration writes; they are removed
// when a calibration starts, so that an interrupted one leaves none.
var outputs = []string{EvaluationsFile, BestFile, FitFile, TraceFile, PosteriorFile, IntervalsFile, ProfileFile}

// Run calibrates f into dir: it evaluates the points its method proposes,
// journalling every run, and when the method is done writes the outputs.
// A run already in dir's journal is not recomputed, so a calibration
// interrupted (ctx cancelled, or the process killed) resumes where it
// stopped; the outputs are the same bytes for any number of workers and
// any history of interruptions. When ctx is cancelled Run returns with
// Result.Interrupted set and no outputs written.
func Run(ctx context.Context, f *File, dir string, opt Options) (*Result, error) {
	runs := f.maxPoints() * f.Reps
	if err := claim(dir, contract{File: f.file, Hash: f.Hash(), Runs: runs}); err != nil {
		return nil, err
	}
	j, err := sweep.OpenJournal(filepath.Join(dir, JournalFile), runs)
	if err != nil {
		return nil, err
	}
	defer j.Close()
	for _, name := range outputs {
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("calibrate: %w", err)
		}
	}
	sweep.RemoveTemps(dir, outputs...)
	weigh(f.targets, f.Weights)
	ev := &evaluator{f: f, j: j, workers: opt.Workers, budget: f.maxPoints()}
	if opt.Progress != nil {
		ev.progress = func(done int) { opt.Progress(done, ev.budget) }
	}
	out, err := f.method(ctx, ev)
	if errors.Is(err, ErrInterrupted) {
		return &Result{Dir: dir, Method: f.Method, Evaluations: len(ev.points), Interrupted: true}, nil
	}
	if err != nil {
		return nil, err
	}
	res := f.result(dir, ev, out)
	if err := f.write(dir, ev, out, res); err != nil {
		return nil, err
	}
	return res, nil
}

// outcome is what a method hands to the writers.
type outcome struct {
	best      int // index of the best point among the evaluator's points
	trace     []TraceRow
	posterior *posterior
	profile   []profileRow
}

// method runs f's method on prob.
func (f *File) method(ctx context.Context, ev *evaluator) (*outcome, error) {
	sp := space(f.Params)
	switch f.Method {
	case "cmaes", "nelder-mead":
		s := newSearch(ev, sp)
		if err := s.optimize(ctx, f.Method, f, sp.start()); err != nil {
			return nil, err
		}
		return &outcome{best: ev.best(), trace: s.trace}, nil
	case "abc-rejection", "abc-smc":
		post, trace, err := f.abc(ctx, ev, sp)
		if err != nil {
			return nil, err
		}
		return &outcome{best: ev.best(), trace: trace, posterior: post}, nil
	case "evaluate":
		fs, err := ev.Evaluate(ctx, [][]float64{sp.startX()})
		if err != nil {
			return nil, err
		}
		return &outcome{best: 0, trace: []TraceRow{{Step: 0, Evaluations: 1, Best: fs[0], Value: fs[0]}}}, nil
	case "profile":
		rows, trace, err := f.profile(ctx, ev, sp)
		if err != nil {
			return nil, err
		}
		return &outcome{best: ev.best(), trace: trace, profile: rows}, nil
	}
	return nil, fmt.Errorf("calibrate: unknown method %q", f.Method)
}

// optimize runs the optimizer named method from u0.
func (s *search) optimize(ctx context.Context, method string, f *File, u0 []float64) error {
	if method == "cmaes" {
		return s.cmaes(ctx, u0, f.CMAES, uint64(f.Seed))
	}
	return s.nelderMead(ctx, u0, f.NelderMead.Step)
}

// best returns the index of the point with the lowest fit loss, the first
// on ties, or -1 when there is none.
func (e *evaluator) best() int {
	b := -1
	for i, p := range e.points {
		if b < 0 || p.fit < e.points[b].fit {
			b = i
		}
	}
	return b
}

func (f *File) result(dir string, ev *evaluator, out *outcome) *Result {
	res := &Result{Dir: dir, Method: f.Method, Evaluations: len(ev.points)}
	for _, t := range f.targets {
		if t.Role == Holdout {
			res.Holdouts++
		}
	}
	if out.best >= 0 {
		p := ev.points[out.best]
		res.Best, res.Fit, res.Holdout = p.x, p.fit, p.holdout
	}
	for _, p := range ev.points {
		if p.failed != "" {
			res.Failed = p.failed
			break
		}
	}
	if out.posterior != nil {
		res.Intervals = out.posterior.intervals
	}
	return res
}
