package plot

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
)

// Files of a calibration directory of factorflow calibrate that plot
// reads.
const (
	SummaryFile   = "summary.json"
	FitFile       = "fit.csv"
	TraceFile     = "trace.csv"
	PosteriorFile = "posterior.csv"
	IntervalsFile = "intervals.csv"
	ProfileFile   = "profile.csv"
	// contractFile marks a calibration directory from its start.
	contractFile = "calibration.json"
)

// Calibration is what the figures need from a calibration directory: the
// summary, the fit per target, the convergence trace and, by method, the
// posterior sample and its intervals or the profile.
type Calibration struct {
	Dir         string
	Method      string // cmaes, nelder-mead, abc-rejection, abc-smc, profile or evaluate
	Evaluations int    // parameter points evaluated
	Fit         float64
	Holdout     float64 // the best point's losses on the fit and holdout targets
	Holdouts    int     // holdout targets

	// Targets are the rows of fit.csv, Objective the name of its loss
	// (e.g. sse-log); nil and "" when the calibration found no best point.
	Targets   []TargetFit
	Objective string

	Trace []TraceStep // the rows of trace.csv

	// Params are the fitted parameters' paths when posterior.csv or
	// profile.csv names them.
	Params []string
	// Posterior[i] is particle i's parameter values and Weights[i] its
	// weight; nil without posterior.csv.
	Posterior [][]float64
	Weights   []float64
	Intervals []Interval // the rows of intervals.csv

	// Profile[i] are the parameters' values at the profiled parameter's
	// i-th value, ProfileFit and ProfileHoldout its losses; nil without
	// profile.csv. Profiled is the index in Params of the profiled
	// parameter.
	Profile                    [][]float64
	ProfileFit, ProfileHoldout []float64
	Profiled                   int
}

// TargetFit is one target of fit.csv.
type TargetFit struct {
	Year                int
	Unit, Variable      string
	Holdout             bool // held back from the fit
	Observed, Simulated float64
}

// TraceStep is one row of trace.csv.
type TraceStep struct {
	Step, Evaluations int
	Best              float64 // the best loss so far
	// Value is, by method, the iteration's best loss (cmaes,
	// nelder-mead), the tolerance (abc) or the profiled value (profile).
	Value float64
}

// Interval is one row of intervals.csv: a parameter's posterior summary
// and its credible interval at Level.
type Interval struct {
	Param                                 string
	Mean, SD, Median, Lower, Upper, Level float64
}

// isCalibration reports whether dir is a calibration directory.
func isCalibration(dir string) bool {
	return hasFile(dir, SummaryFile) || hasFile(dir, contractFile)
}

// ReadCalibration reads the calibration directory dir: summary.json and
// trace.csv, and fit.csv, posterior.csv, intervals.csv and profile.csv
// where the method wrote them. Errors are *ParseError naming the file,
// line and column.
func ReadCalibration(dir string) (*Calibration, error) {
	c := &Calibration{Dir: dir, Profiled: -1, Fit: math.NaN(), Holdout: math.NaN()}
	if err := c.readSummary(dir); err != nil {
		return nil, err
	}
	steps := []struct {
		name     string
		optional bool
		want     []string
		parse    func(*table) error
	}{
		{TraceFile, false, []string{"step", "evaluations", "best", "value"}, c.parseTrace},
		{FitFile, true, []string{"year", "unit", "variable", "role", "observed", "simulated"}, c.parseFit},
		{PosteriorFile, true, []string{"weight", "distance"}, c.parsePosterior},
		{IntervalsFile, true, []string{"param", "mean", "sd", "median", "lower", "upper", "level"}, c.parseIntervals},
		{ProfileFile, true, []string{"fit", "holdout", "evaluations"}, c.parseProfile},
	}
	for _, s := range steps {
		if s.optional && !hasFile(dir, s.name) {
			continue
		}
		t, err := openTable(dir, s.name, s.want...)
		if err != nil {
			return nil, err
		}
		if err := s.parse(t); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// readSummary reads summary.json; its absence means the calibration did
// not finish (factorflow calibrate writes it last).
func (c *Calibration) readSummary(dir string) error {
	path := filepath.Join(dir, SummaryFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return &ParseError{File: path, Err: errors.New("missing: the calibration has not finished (calibrate writes it last); run it again with the same --out to resume")}
	}
	if err != nil {
		return &ParseError{File: path, Err: err}
	}
	var s struct {
		Method      *string  `json:"method"`
		Evaluations int      `json:"evaluations"`
		Fit         *float64 `json:"fit"`
		Holdout     *float64 `json:"holdout"`
		Holdouts    int      `json:"holdout_targets"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return jsonError(b, path, err)
	}
	if s.Method == nil || *s.Method == "" {
		return &ParseError{File: path, Err: errors.New(`no "method": not a summary of factorflow calibrate`)}
	}
	c.Method, c.Evaluations, c.Holdouts = *s.Method, s.Evaluations, s.Holdouts
	if s.Fit != nil {
		c.Fit = *s.Fit
	}
	if s.Holdout != nil {
		c.Holdout = *s.Holdout
	}
	return nil
}

// jsonError is a ParseError at the line and column of a JSON decoding
// error, when it has an offset.
func jsonError(b []byte, path string, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se): // Offset counts the offending byte
		line, col := position(b, se.Offset-1)
		return &ParseError{File: path, Line: line, Column: col, Err: err}
	case errors.As(err, &te):
		line, col := position(b, te.Offset)
		return &ParseError{File: path, Line: line, Column: col, Err: err}
	}
	return &ParseError{File: path, Err: err}
}

// parseTrace fills Trace from trace.csv.
func (c *Calibration) parseTrace(t *table) error {
	for i := range t.rows {
		var s TraceStep
		var err error
		if s.Step, err = t.count(i, "step"); err != nil {
			return err
		}
		if s.Evaluations, err = t.count(i, "evaluations"); err != nil {
			return err
		}
		if s.Best, err = t.float(i, "best"); err != nil {
			return err
		}
		if s.Value, err = t.float(i, "value"); err != nil {
			return err
		}
		c.Trace = append(c.Trace, s)
	}
	return nil
}

// count parses the field of row i in the named column: a whole number
// from 0 to 1e9.
func (t *table) count(i int, name string) (int, error) {
	v, err := strconv.Atoi(t.str(i, name))
	if err != nil || v < 0 || v > 1e9 {
		return 0, t.errorAt(i, t.col[name], "column %s: %q: want a whole number from 0", name, t.str(i, name))
	}
	return v, nil
}

// parseFit fills Targets and Objective from fit.csv: a row per target,
// then a "total" row per role.
func (c *Calibration) parseFit(t *table) error {
	for i := range t.rows {
		role := t.str(i, "role")
		if role != "fit" && role != "holdout" {
			return t.errorAt(i, t.col["role"], "role %q: want fit or holdout", role)
		}
		if t.str(i, "year") == "" && t.str(i, "unit") == "total" {
			c.Objective = t.str(i, "variable")
			continue
		}
		year, err := t.year(i)
		if err != nil {
			return err
		}
		tf := TargetFit{Year: year, Unit: t.str(i, "unit"), Variable: t.str(i, "variable"), Holdout: role == "holdout"}
		if tf.Observed, err = t.float(i, "observed"); err != nil {
			return err
		}
		if tf.Simulated, err = t.float(i, "simulated"); err != nil {
			return err
		}
		c.Targets = append(c.Targets, tf)
	}
	return nil
}

// params returns the parameter columns of a table whose last columns are
// the n named ones, and checks them against Params when already set.
func (c *Calibration) params(t *table, tail ...string) ([]string, error) {
	k := len(t.header) - len(tail)
	for j, name := range tail {
		if t.header[k+j] != name {
			return nil, &ParseError{File: t.file, Line: 1, Column: k + j + 1, Err: fmt.Errorf("column %q: want the parameters, then %v", t.header[k+j], tail)}
		}
	}
	if k == 0 {
		return nil, &ParseError{File: t.file, Line: 1, Err: errors.New("no parameter column")}
	}
	ps := t.header[:k]
	if c.Params != nil && !equalStrings(c.Params, ps) {
		return nil, &ParseError{File: t.file, Line: 1, Err: fmt.Errorf("parameters %v: the posterior's are %v", ps, c.Params)}
	}
	c.Params = ps
	return ps, nil
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// floats parses the first n fields of row i as numbers.
func (t *table) floats(i, n int) ([]float64, error) {
	x := make([]float64, n)
	for j := range x {
		v, err := t.float(i, t.header[j])
		if err != nil {
			return nil, err
		}
		x[j] = v
	}
	return x, nil
}

// parsePosterior fills Params, Posterior and Weights from posterior.csv.
func (c *Calibration) parsePosterior(t *table) error {
	ps, err := c.params(t, "weight", "distance")
	if err != nil {
		return err
	}
	c.Posterior, c.Weights = [][]float64{}, []float64{}
	for i := range t.rows {
		x, err := t.floats(i, len(ps))
		if err != nil {
			return err
		}
		w, err := t.float(i, "weight")
		if err != nil {
			return err
		}
		if !(w >= 0) || math.IsInf(w, 0) {
			return t.errorAt(i, t.col["weight"], "column weight: %v: want a finite weight from 0", w)
		}
		c.Posterior, c.Weights = append(c.Posterior, x), append(c.Weights, w)
	}
	return nil
}

// parseIntervals fills Intervals from intervals.csv.
func (c *Calibration) parseIntervals(t *table) error {
	for i := range t.rows {
		iv := Interval{Param: t.str(i, "param")}
		for _, f := range []struct {
			name string
			v    *float64
		}{{"mean", &iv.Mean}, {"sd", &iv.SD}, {"median", &iv.Median}, {"lower", &iv.Lower}, {"upper", &iv.Upper}, {"level", &iv.Level}} {
			v, err := t.float(i, f.name)
			if err != nil {
				return err
			}
			*f.v = v
		}
		if !(iv.Level > 0 && iv.Level < 1) {
			return t.errorAt(i, t.col["level"], "column level: %v: want a probability in (0, 1)", iv.Level)
		}
		c.Intervals = append(c.Intervals, iv)
	}
	return nil
}

// parseProfile fills Profile and its losses from profile.csv, and finds
// the profiled parameter: the column that holds the values trace.csv
// gives, else the first that increases throughout.
func (c *Calibration) parseProfile(t *table) error {
	ps, err := c.params(t, "fit", "holdout", "evaluations")
	if err != nil {
		return err
	}
	c.Profile = [][]float64{}
	for i := range t.rows {
		x, err := t.floats(i, len(ps))
		if err != nil {
			return err
		}
		fit, err := t.float(i, "fit")
		if err != nil {
			return err
		}
		hold, err := t.float(i, "holdout")
		if err != nil {
			return err
		}
		if _, err := t.count(i, "evaluations"); err != nil {
			return err
		}
		c.Profile = append(c.Profile, x)
		c.ProfileFit, c.ProfileHoldout = append(c.ProfileFit, fit), append(c.ProfileHoldout, hold)
	}
	c.Profiled = c.profiled()
	return nil
}

// profiled returns the index of the profiled parameter (see
// parseProfile), or 0.
func (c *Calibration) profiled() int {
	if len(c.Trace) == len(c.Profile) {
		for j := range c.Params {
			same := true
			for i, x := range c.Profile {
				same = same && x[j] == c.Trace[i].Value
			}
			if same {
				return j
			}
		}
	}
	for j := range c.Params {
		up := true
		for i := 1; i < len(c.Profile); i++ {
			up = up && c.Profile[i][j] > c.Profile[i-1][j]
		}
		if up {
			return j
		}
	}
	return 0
}
