package calibrate

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"factorflow/model"
	"factorflow/scenarios"
	"factorflow/sim"
	"factorflow/sim/internal/tomlfile"
)

// maxFile bounds the size of a calibration file and of a targets file.
const maxFile = 1 << 22

// MaxBudget bounds the evaluations of a calibration.
const MaxBudget = 1_000_000

// Methods lists the method names a calibration file accepts.
var Methods = []string{"cmaes", "nelder-mead", "abc-rejection", "abc-smc", "profile", "evaluate"}

// Objectives lists the objective names a calibration file accepts.
var Objectives = []string{"sse-log", "sorted-log10"}

// File is a parsed calibration file. Its zero-valued fields take the
// defaults written on their comments.
type File struct {
	// Scenario is an embedded scenario name, or a path relative to the
	// calibration file (it contains a "/" or ends in ".toml").
	Scenario  string   `toml:"scenario" json:"scenario"`
	Mode      string   `toml:"mode" json:"mode"`             // default: the scenario's
	StartYear int      `toml:"start_year" json:"start_year"` // default: the scenario's
	Years     int      `toml:"years" json:"years"`           // default: the scenario's
	Set       []string `toml:"set" json:"set"`               // fixed overrides, as --set takes them
	Reps      int      `toml:"reps" json:"reps"`             // replications per point, default 1
	// Seed seeds the methods' random draws (CMA-ES, ABC), default 1. The
	// runs keep the scenario's seed (set = ["seed=N"] changes it); rep r
	// of every point is run r of it: common random numbers.
	Seed int64 `toml:"seed" json:"seed"`
	// Targets is the observed data: a CSV file relative to the
	// calibration file (see ReadTargets).
	Targets   string   `toml:"targets" json:"targets"`
	Objective string   `toml:"objective" json:"objective"` // one of Objectives, default "sse-log"
	Weights   []Weight `toml:"weights" json:"weights"`
	// Constraints add penalties to the fit loss (omitted from the hash
	// when none, so that the hashes of calibrations made before them stay).
	Constraints []Constraint `toml:"constraints" json:"constraints,omitempty"`
	// Method is one of Methods; "evaluate" evaluates the single point of
	// the parameters' Start values (published or default values, to
	// compare a calibration with).
	Method string `toml:"method" json:"method"`
	// Budget is the most parameter points evaluated (each Reps runs);
	// for a profile, per value of the profiled parameter. Default 200.
	Budget     int        `toml:"budget" json:"budget"`
	Params     []Param    `toml:"params" json:"params"`
	CMAES      CMAES      `toml:"cmaes" json:"cmaes"`
	NelderMead NelderMead `toml:"nelder_mead" json:"nelder_mead"`
	ABC        ABC        `toml:"abc" json:"abc"`
	Profile    Profile    `toml:"profile" json:"profile"`

	file    string          // the calibration file as named to Parse
	orig    *model.Scenario // the scenario as named
	base    *model.Scenario // the scenario with Set, StartYear, Years, Mode applied
	canon   string          // base, encoded
	targets []Target
	tdata   []byte // the targets file's content
}

// Param is one fitted parameter: a scenario path as --set takes it, with
// bounds; with Log the methods work on its logarithm.
type Param struct {
	Path  string  `toml:"path" json:"path"`
	Lower float64 `toml:"lower" json:"lower"`
	Upper float64 `toml:"upper" json:"upper"`
	Log   bool    `toml:"log" json:"log"`
	// Start is where the optimizers start, and the point that method
	// "evaluate" evaluates; default the middle of the range (geometric
	// middle with Log).
	Start *float64 `toml:"start" json:"start,omitempty"`
	// Per names an earlier, plain parameter (its path): this one is
	// searched as its ratio to that parameter's value — Lower, Upper, Log
	// and Start are the ratio's — and set to ratio × that value. For
	// parameters that scale together, so that the search moves along
	// their ratio. Minus is the same with the difference: searched as
	// this value − that value, set to that value + the difference. A
	// derived value outside the model's range fails its run. At most one
	// of Per and Minus (both omitted from the hash when empty).
	Per   string `toml:"per" json:"per,omitempty"`
	Minus string `toml:"minus" json:"minus,omitempty"`
}

// Weight multiplies the error of the targets it matches; an empty field
// matches every target. A target's weight is the product of the weights
// of every rule it matches, 1 if none.
type Weight struct {
	Year     int     `toml:"year" json:"year"`
	Unit     string  `toml:"unit" json:"unit"`
	Variable string  `toml:"variable" json:"variable"`
	Weight   float64 `toml:"weight" json:"weight"`
}

// Constraint bounds a metrics.csv column of the run — a common metric or
// one of the model family's (MARIUS's "dead", say) — in every year the run
// records, the start year included. A point outside the bounds keeps its
// loss on the targets plus Penalty × its violation: the sum over those
// years of the distance outside [Min, Max] (mean over replications). The
// optimizers then avoid the region without its losses being failures.
// A variable has at most one constraint (both bounds in it).
type Constraint struct {
	Variable string   `toml:"variable" json:"variable"`
	Min      *float64 `toml:"min" json:"min,omitempty"` // default: no lower bound
	Max      *float64 `toml:"max" json:"max,omitempty"` // default: no upper bound
	Penalty  float64  `toml:"penalty" json:"penalty"`   // loss per unit of violation, > 0
}

// violation returns how far v is outside c's bounds, 0 inside.
func (c Constraint) violation(v float64) float64 {
	var d float64
	if c.Max != nil && v > *c.Max {
		d += v - *c.Max
	}
	if c.Min != nil && v < *c.Min {
		d += *c.Min - v
	}
	return d
}

// CMAES are the settings of method "cmaes" (cmaes.go).
type CMAES struct {
	Population int     `toml:"population" json:"population"` // default 4 + ⌊3 ln k⌋
	Sigma      float64 `toml:"sigma" json:"sigma"`           // initial step on the [0, 1] scale of each parameter, default 0.3
	// Init, when above 0, is a screen of that many points drawn uniformly
	// on the [0, 1] scale of every parameter (from the method's seed),
	// evaluated as one batch before the search; the search starts at the
	// best of them instead of the parameters' start. For a model whose
	// ranges hold large regions that fail or sit on a plateau. Default 0.
	Init int `toml:"init" json:"init,omitempty"` // omitted when 0, so that the hashes of calibrations made before it stay
	// Restarts, when above 0, makes it IPOP-CMA-ES: up to that many new
	// searches, each with twice the previous population and the initial
	// Sigma, started when the last collapses or stagnates, from the next
	// best screen point (Init) or a uniform draw. Default 0.
	Restarts int `toml:"restarts" json:"restarts,omitempty"`
	// Stagnation, when above 0, ends a search (and starts the next, with
	// Restarts) whose best loss has improved by less than 0.1 % over that
	// many generations. Default 0: a search ends only when it collapses.
	Stagnation int `toml:"stagnation" json:"stagnation,omitempty"`
}

// NelderMead are the settings of method "nelder-mead".
type NelderMead struct {
	Step float64 `toml:"step" json:"step"` // initial simplex size on the [0, 1] scale, default 0.2
}

// ABC are the settings of methods "abc-rejection" and "abc-smc". The prior
// is uniform on each parameter's range (log-uniform with Log).
type ABC struct {
	// Accept is the share of the rejection sample kept (its closest
	// draws), default 0.1; a Tolerance keeps the draws within it instead.
	Accept    float64 `toml:"accept" json:"accept"`
	Tolerance float64 `toml:"tolerance" json:"tolerance"`
	Particles int     `toml:"particles" json:"particles"` // abc-smc population, default 100
	// Generations bounds abc-smc's generations after the first, default
	// 10; the budget may end it sooner.
	Generations int `toml:"generations" json:"generations"`
	// Quantile of the last generation's distances that is the next
	// tolerance, default 0.5.
	Quantile float64 `toml:"quantile" json:"quantile"`
	// Batch is the proposals evaluated at once in abc-smc, default
	// Particles; it does not depend on the number of workers, so that
	// results do not either.
	Batch int `toml:"batch" json:"batch"`
	// Level of the credible intervals, default 0.9.
	Level float64 `toml:"level" json:"level"`
}

// Profile are the settings of method "profile": the profiled parameter
// takes Points values evenly spread on its range (on the log scale with
// Log), and the others are fitted by Inner at each.
type Profile struct {
	Param  string `toml:"param" json:"param"`   // a Params path
	Points int    `toml:"points" json:"points"` // default 9
	Inner  string `toml:"inner" json:"inner"`   // "nelder-mead" (default) or "cmaes"
}

// Error is a problem with a calibration or targets file, placed at
// file:line:column.
type Error = tomlfile.Error

// Load reads and checks the calibration file at path and its targets.
func Load(path string) (*File, error) {
	data, err := readLimited(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

func readLimited(path string) ([]byte, error) {
	return tomlfile.Read("calibrate", path, maxFile)
}

// Parse reads a calibration file already in memory; filename names it in
// errors and anchors relative paths. It loads the scenario, checks every
// parameter at both ends of its range and reads the targets. All problems
// are joined, one a line.
func Parse(filename string, data []byte) (*File, error) {
	f, err := decode(filename, data)
	if err != nil {
		return nil, err
	}
	if err := f.load(data); err != nil {
		return nil, err
	}
	return f, nil
}

// decode parses the TOML and checks the values that need no other file.
func decode(filename string, data []byte) (*File, error) {
	f := &File{file: filename}
	if err := tomlfile.Decode(filename, data, f); err != nil {
		return nil, err
	}
	f.defaults()
	if err := f.check(data); err != nil {
		return nil, err
	}
	return f, nil
}

func (f *File) defaults() {
	if f.Reps == 0 {
		f.Reps = 1
	}
	if f.Seed == 0 {
		f.Seed = 1
	}
	if f.Objective == "" {
		f.Objective = "sse-log"
	}
	if f.Budget == 0 {
		f.Budget = 200
	}
	if f.CMAES.Sigma == 0 {
		f.CMAES.Sigma = 0.3
	}
	if f.NelderMead.Step == 0 {
		f.NelderMead.Step = 0.2
	}
	a := &f.ABC
	if a.Accept == 0 {
		a.Accept = 0.1
	}
	if a.Particles == 0 {
		a.Particles = 100
	}
	if a.Generations == 0 {
		a.Generations = 10
	}
	if a.Quantile == 0 {
		a.Quantile = 0.5
	}
	if a.Batch == 0 {
		a.Batch = a.Particles
	}
	if a.Level == 0 {
		a.Level = 0.9
	}
	if f.Profile.Points == 0 {
		f.Profile.Points = 9
	}
	if f.Profile.Inner == "" {
		f.Profile.Inner = "nelder-mead"
	}
}

// check verifies the values that need no other file.
func (f *File) check(data []byte) error {
	var errs []error
	bad := func(key, format string, a ...any) {
		line, col := tomlfile.KeyPos(data, key[strings.LastIndexByte(key, '.')+1:])
		errs = append(errs, &Error{File: f.file, Line: line, Col: col, Key: key, Msg: fmt.Sprintf(format, a...)})
	}
	if f.Scenario == "" {
		bad("scenario", "missing: name an embedded scenario or a scenario file")
	}
	if f.Targets == "" {
		bad("targets", "missing: name the CSV file of observed targets")
	}
	if f.Mode != "" && f.Mode != "stochastic" && f.Mode != "mean-field" {
		bad("mode", "%q: want stochastic or mean-field", f.Mode)
	}
	if f.Years < 0 {
		bad("years", "%d: want at least 1", f.Years)
	}
	if f.Reps < 1 || f.Reps > 10_000 {
		bad("reps", "%d: want 1 to 10000", f.Reps)
	}
	if f.Seed < 0 {
		bad("seed", "%d: want 0 or more", f.Seed)
	}
	if !slices.Contains(Objectives, f.Objective) {
		bad("objective", "%q: want one of %s", f.Objective, strings.Join(Objectives, ", "))
	}
	if !slices.Contains(Methods, f.Method) {
		bad("method", "%q: want one of %s", f.Method, strings.Join(Methods, ", "))
	}
	if f.Budget < 1 || f.Budget > MaxBudget {
		bad("budget", "%d: want 1 to %d", f.Budget, MaxBudget)
	}
	for i, w := range f.Weights {
		if !(w.Weight >= 0) || math.IsInf(w.Weight, 0) {
			bad("weights", "weights[%d].weight %g: want a finite weight of 0 or more", i, w.Weight)
		}
	}
	f.checkParams(bad)
	errs = append(errs, f.checkConstraints(data)...)
	f.checkMethods(bad)
	return errors.Join(errs...)
}

func (f *File) checkParams(bad func(key, format string, a ...any)) {
	if len(f.Params) == 0 {
		bad("params", "missing: give at least one [[params]] with path, lower and upper")
	}
	seen := map[string]bool{}
	for i, p := range f.Params {
		key := fmt.Sprintf("params[%d]", i)
		switch {
		case p.Path == "":
			bad("path", "%s.path missing", key)
		case seen[p.Path]:
			bad("path", "%s.path %q given twice", key, p.Path)
		}
		seen[p.Path] = true
		finite := !math.IsNaN(p.Lower) && !math.IsInf(p.Lower, 0) && !math.IsNaN(p.Upper) && !math.IsInf(p.Upper, 0)
		switch {
		case !finite || !(p.Lower < p.Upper):
			bad("lower", "%s %q: range [%g, %g]: want finite lower < upper", key, p.Path, p.Lower, p.Upper)
		case p.Log && p.Lower <= 0:
			bad("log", "%s %q: a log scale needs lower > 0, got %g", key, p.Path, p.Lower)
		}
		if p.Start != nil && !(*p.Start >= p.Lower && *p.Start <= p.Upper) {
			bad("start", "%s %q: start %g outside [%g, %g]", key, p.Path, *p.Start, p.Lower, p.Upper)
		}
		f.checkRelative(i, bad)
	}
}

// checkRelative checks parameter i's Per or Minus: at most one, naming
// an earlier parameter that is itself searched as it is (no chains), with
// a positive range for Per (a ratio to it).
func (f *File) checkRelative(i int, bad func(key, format string, a ...any)) {
	p := f.Params[i]
	key := fmt.Sprintf("params[%d]", i)
	if p.Per != "" && p.Minus != "" {
		bad("per", "%s %q: per %q and minus %q: give at most one", key, p.Path, p.Per, p.Minus)
		return
	}
	name, field := p.Per, "per"
	if p.Minus != "" {
		name, field = p.Minus, "minus"
	}
	if name == "" {
		return
	}
	r := space(f.Params).ref(i)
	switch {
	case r < 0:
		bad(field, "%s.%s %q: want the path of an earlier [[params]]", key, field, name)
	case f.Params[r].Per != "" || f.Params[r].Minus != "":
		bad(field, "%s.%s %q: that parameter is itself relative; refer to a plain one", key, field, name)
	case p.Per != "" && !(f.Params[r].Lower > 0):
		bad(field, "%s.per %q: its range [%g, %g] must be above 0 for a ratio to it", key, name, f.Params[r].Lower, f.Params[r].Upper)
	}
}

// checkDerived checks relative parameter i, of ref r, at the values the
// corners of their two ranges derive: a value outside the model's range
// fails only its run, but a range that gives no valid value at any corner,
// or a path the scenario does not have, is an error.
func (f *File) checkDerived(base *model.Scenario, i, r int) error {
	p, q := f.Params[i], f.Params[r]
	what := "difference"
	if p.Per != "" {
		what = "ratio"
	}
	var first error
	for _, a := range []float64{q.Lower, q.Upper} {
		for _, b := range []float64{p.Lower, p.Upper} {
			v := p.derived(a, b)
			_, err := scenarios.Apply(base, []string{scenarios.SetValue(p.Path, v)})
			if err == nil {
				return nil
			}
			if first == nil {
				first = fmt.Errorf("%q = %g (%s %g, %s %g) gives an invalid scenario, and so do the other corners of the ranges:\n%v",
					p.Path, v, q.Path, a, what, b, err)
			}
		}
	}
	return first
}

// checkConstraints checks the constraints' bounds and penalties; an error
// is placed at the constraint's [[constraints]] header.
func (f *File) checkConstraints(data []byte) []error {
	var errs []error
	finite := func(v *float64) bool { return v == nil || !(math.IsNaN(*v) || math.IsInf(*v, 0)) }
	first := map[string]int{} // each variable's first constraint
	for i, c := range f.Constraints {
		line := tomlfile.TablePos(data, "constraints", i)
		bad := func(format string, a ...any) {
			errs = append(errs, &Error{File: f.file, Line: line, Col: 1, Key: fmt.Sprintf("constraints[%d]", i), Msg: fmt.Sprintf(format, a...)})
		}
		switch {
		case c.Variable == "":
			bad("variable missing: name a metrics.csv column")
		case c.Min == nil && c.Max == nil:
			bad("%q: give min, max or both", c.Variable)
		case !finite(c.Min) || !finite(c.Max):
			bad("%q: min and max must be finite", c.Variable)
		case c.Min != nil && c.Max != nil && *c.Min > *c.Max:
			bad("%q: min %g above max %g", c.Variable, *c.Min, *c.Max)
		}
		if j, ok := first[c.Variable]; ok && c.Variable != "" {
			// evaluations.parquet has one violation column a variable
			bad("%q given twice (first in constraints[%d]): give its min and max in one [[constraints]]", c.Variable, j)
		} else {
			first[c.Variable] = i
		}
		if !(c.Penalty > 0) || math.IsInf(c.Penalty, 0) {
			bad("%q: penalty %g: want a finite penalty > 0 (loss per unit of violation)", c.Variable, c.Penalty)
		}
	}
	return errs
}

func (f *File) checkMethods(bad func(key, format string, a ...any)) {
	if f.CMAES.Population < 0 || f.CMAES.Population > 10_000 {
		bad("cmaes.population", "%d: want 0 (default) to 10000", f.CMAES.Population)
	}
	if f.CMAES.Init < 0 || f.CMAES.Init >= f.Budget {
		bad("cmaes.init", "%d: want 0 (no screen) to budget - 1 (%d)", f.CMAES.Init, f.Budget-1)
	}
	if f.CMAES.Restarts < 0 || f.CMAES.Restarts > 20 {
		bad("cmaes.restarts", "%d: want 0 (none) to 20 (each doubles the population)", f.CMAES.Restarts)
	}
	if f.CMAES.Stagnation < 0 || f.CMAES.Stagnation > 100_000 {
		bad("cmaes.stagnation", "%d: want 0 (none) to 100000 generations", f.CMAES.Stagnation)
	}
	if !(f.CMAES.Sigma > 0 && f.CMAES.Sigma <= 10) {
		bad("cmaes.sigma", "%g: want (0, 10]", f.CMAES.Sigma)
	}
	if !(f.NelderMead.Step > 0 && f.NelderMead.Step <= 1) {
		bad("nelder_mead.step", "%g: want (0, 1]", f.NelderMead.Step)
	}
	a := f.ABC
	if !(a.Accept > 0 && a.Accept <= 1) {
		bad("abc.accept", "%g: want (0, 1]", a.Accept)
	}
	if !(a.Tolerance >= 0) || math.IsInf(a.Tolerance, 0) {
		bad("abc.tolerance", "%g: want a finite tolerance of 0 or more", a.Tolerance)
	}
	if a.Particles < 2 || a.Particles > 100_000 {
		bad("abc.particles", "%d: want 2 to 100000", a.Particles)
	}
	if a.Generations < 1 || a.Generations > 1000 {
		bad("abc.generations", "%d: want 1 to 1000", a.Generations)
	}
	if !(a.Quantile > 0 && a.Quantile < 1) {
		bad("abc.quantile", "%g: want (0, 1)", a.Quantile)
	}
	if a.Batch < 1 || a.Batch > 100_000 {
		bad("abc.batch", "%d: want 1 to 100000", a.Batch)
	}
	if !(a.Level > 0 && a.Level < 1) {
		bad("abc.level", "%g: want (0, 1)", a.Level)
	}
	if f.Method == "abc-smc" && f.Budget < a.Particles {
		bad("budget", "%d: abc-smc needs at least abc.particles (%d) evaluations", f.Budget, a.Particles)
	}
	if k := len(f.Params); (f.Method == "nelder-mead" || f.Method == "profile") && f.Budget < k+1 {
		bad("budget", "%d: Nelder–Mead needs at least k + 1 = %d evaluations for its first simplex", f.Budget, k+1)
	}
	pr := f.Profile
	if f.Method == "profile" {
		if f.paramIndex(pr.Param) < 0 {
			bad("profile.param", "%q: want the path of one of the [[params]]", pr.Param)
		} else if i := slices.IndexFunc(f.Params, func(p Param) bool { return p.Per == pr.Param || p.Minus == pr.Param }); i >= 0 {
			bad("profile.param", "%q: %s is searched relative to it; profile a parameter no other is relative to", pr.Param, f.Params[i].Path)
		} else if p := f.Params[f.paramIndex(pr.Param)]; p.Per != "" || p.Minus != "" {
			bad("profile.param", "%q: it is searched relative to %s; profile a plain parameter", pr.Param, p.Per+p.Minus)
		} else if len(f.Params) < 2 {
			bad("profile.param", "a profile needs a second parameter to fit")
		}
	}
	if pr.Points < 2 || pr.Points > 1000 {
		bad("profile.points", "%d: want 2 to 1000", pr.Points)
	}
	if pr.Inner != "nelder-mead" && pr.Inner != "cmaes" {
		bad("profile.inner", "%q: want nelder-mead or cmaes", pr.Inner)
	}
}

// paramIndex returns the index of the parameter of path, or -1.
func (f *File) paramIndex(path string) int {
	return slices.IndexFunc(f.Params, func(p Param) bool { return p.Path == path })
}

// load reads the scenario and the targets and checks the parameters and
// targets against the scenario.
func (f *File) load(data []byte) error {
	sc, err := f.loadScenario()
	if err != nil {
		line, col := tomlfile.KeyPos(data, "scenario")
		return &Error{File: f.file, Line: line, Col: col, Key: "scenario", Msg: err.Error()}
	}
	base, err := scenarios.Apply(sc, f.fixed())
	if err != nil {
		line, col := tomlfile.KeyPos(data, "set")
		return &Error{File: f.file, Line: line, Col: col, Key: "set", Msg: err.Error()}
	}
	f.orig, f.base = sc, base
	var buf bytes.Buffer
	if err := scenarios.Encode(&buf, base); err != nil {
		return fmt.Errorf("calibrate: %w", err)
	}
	f.canon = buf.String()
	var errs []error
	for i, p := range f.Params {
		if r := space(f.Params).ref(i); r >= 0 {
			if err := f.checkDerived(base, i, r); err != nil {
				line, col := tomlfile.QuotedPos(data, p.Path)
				errs = append(errs, &Error{File: f.file, Line: line, Col: col, Key: fmt.Sprintf("params[%d]", i), Msg: err.Error()})
			}
			continue
		}
		for _, v := range []float64{p.Lower, p.Upper} {
			if _, err := scenarios.Apply(base, []string{scenarios.SetValue(p.Path, v)}); err != nil {
				line, col := tomlfile.QuotedPos(data, p.Path)
				errs = append(errs, &Error{File: f.file, Line: line, Col: col, Key: fmt.Sprintf("params[%d]", i),
					Msg: fmt.Sprintf("%q = %g gives an invalid scenario:\n%v", p.Path, v, err)})
				break
			}
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if err := f.checkConstraintVars(data); err != nil {
		return err
	}
	tpath := f.rel(f.Targets)
	f.tdata, err = readLimited(tpath)
	if err != nil {
		return err
	}
	f.targets, err = ReadTargets(tpath, f.tdata, base)
	if err != nil {
		return err
	}
	return f.checkTargets()
}

// checkConstraintVars verifies that each constraint names a metric of the
// scenario's runs.
func (f *File) checkConstraintVars(data []byte) error {
	if len(f.Constraints) == 0 {
		return nil
	}
	cols, err := sim.MetricColumns(f.base)
	if err != nil {
		return fmt.Errorf("calibrate: %w", err)
	}
	var errs []error
	for i, c := range f.Constraints {
		if !slices.Contains(cols, c.Variable) {
			errs = append(errs, &Error{File: f.file, Line: tomlfile.TablePos(data, "constraints", i), Col: 1, Key: fmt.Sprintf("constraints[%d].variable", i),
				Msg: fmt.Sprintf("%q: want a metrics.csv column of the scenario's runs (%s)", c.Variable, strings.Join(cols, ", "))})
		}
	}
	return errors.Join(errs...)
}

// checkTargets verifies that there is something to fit.
func (f *File) checkTargets() error {
	fit := 0
	for _, t := range f.targets {
		if t.Role == Fit {
			fit++
		}
	}
	if fit == 0 {
		return &Error{File: f.rel(f.Targets), Msg: "no target has role fit"}
	}
	return nil
}

// loadScenario reads the scenario named by f.Scenario.
func (f *File) loadScenario() (*model.Scenario, error) {
	if f.scenarioIsFile() {
		return scenarios.Load(f.rel(f.Scenario), nil)
	}
	return scenarios.Load(f.Scenario, nil)
}

func (f *File) scenarioIsFile() bool {
	return strings.ContainsRune(f.Scenario, '/') || strings.HasSuffix(f.Scenario, ".toml")
}

// rel resolves a path relative to the calibration file.
func (f *File) rel(path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(filepath.Dir(f.file), path)
}

// fixed returns the overrides every run shares.
func (f *File) fixed() []string {
	sets := slices.Clone(f.Set)
	if f.StartYear != 0 {
		sets = append(sets, "start_year="+strconv.Itoa(f.StartYear))
	}
	if f.Years != 0 {
		sets = append(sets, "years="+strconv.Itoa(f.Years))
	}
	if f.Mode != "" {
		sets = append(sets, "mode="+f.Mode)
	}
	return sets
}

// Name returns the calibration file's base name without its extension.
func (f *File) Name() string {
	return strings.TrimSuffix(filepath.Base(f.file), filepath.Ext(f.file))
}

// TargetList returns the observed targets, in file order.
func (f *File) TargetList() []Target { return f.targets }

// Hash returns the hex sha256 of the calibration's canonical form: the
// JSON of the file with its defaults, the resolved scenario with the fixed
// overrides, and the targets file. Editing any of them changes it.
func (f *File) Hash() string {
	j, err := json.Marshal(f)
	if err != nil {
		panic(err) // plain values only
	}
	h := sha256.New()
	h.Write(j)
	h.Write([]byte("\n"))
	h.Write([]byte(f.canon))
	h.Write([]byte("\n"))
	h.Write(f.tdata)
	return hex.EncodeToString(h.Sum(nil))
}
