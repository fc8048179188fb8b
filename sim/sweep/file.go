package sweep

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"factorflow/model"
	"factorflow/scenarios"
	"factorflow/sim"
	"factorflow/sim/internal/tomlfile"
	"factorflow/sim/sensitivity"
)

// maxFile bounds the size of a sweep file.
const maxFile = 1 << 20

// MaxRuns bounds the runs of a sweep (the design's points are held in
// memory).
const MaxRuns = 10_000_000

// Designs lists the design names a sweep file accepts.
var Designs = []string{"grid", "random", "lhs", "sobol", "morris"}

// Sweep is a parsed sweep file. Its zero-valued fields take the defaults
// written on their comments.
type Sweep struct {
	// Scenario is an embedded scenario name, or a path relative to the
	// sweep file (it contains a "/" or ends in ".toml").
	Scenario string `toml:"scenario" json:"scenario"`
	Design   string `toml:"design" json:"design"` // one of Designs
	// Samples is the number of design points (random, lhs), the base N of
	// the Saltelli scheme (sobol) or the number of trajectories (morris).
	// Unused by grid.
	Samples int `toml:"samples" json:"samples"`
	// Levels is the grid's levels per factor, default 3; a factor's own
	// levels win.
	Levels       int    `toml:"levels" json:"levels"`
	Replications int    `toml:"replications" json:"replications"` // runs per point, default 1
	Seed         int64  `toml:"seed" json:"seed"`                 // the sweep seed, default 1
	Years        int    `toml:"years" json:"years"`               // default: the scenario's
	Mode         string `toml:"mode" json:"mode"`                 // default: the scenario's
	Outputs      string `toml:"outputs" json:"outputs"`           // "summary" (default) or "timeseries"
	// Metrics are the metric columns kept, their final year's values;
	// default every column of model.Metrics but the synergy ones, and the
	// family's own metrics for a scenario of another model family.
	Metrics      []string `toml:"metrics" json:"metrics"`
	MorrisLevels int      `toml:"morris_levels" json:"morris_levels"` // default 4
	Factors      []Factor `toml:"factors" json:"factors"`

	file string // the sweep file as named to Parse
	base base   // the base scenario's source
	// cols are the metric columns of the base scenario's family, and
	// allMetrics says that Metrics was not given (all of them are kept).
	cols       []string
	allMetrics bool
}

// Factor is one varied parameter: a design coordinate u in [0, 1] becomes
// Min + u·(Max − Min), or with Log exp(ln Min + u·(ln Max − ln Min)).
type Factor struct {
	Path   string  `toml:"path" json:"path"` // a scenario path as --set takes it
	Min    float64 `toml:"min" json:"min"`
	Max    float64 `toml:"max" json:"max"`
	Log    bool    `toml:"log" json:"log"`
	Levels int     `toml:"levels" json:"levels,omitempty"` // grid levels; default the sweep's
}

// Value maps the design coordinate u in [0, 1] to the factor's range.
func (f Factor) Value(u float64) float64 {
	if f.Log {
		return math.Exp(math.Log(f.Min) + u*(math.Log(f.Max)-math.Log(f.Min)))
	}
	return f.Min + u*(f.Max-f.Min)
}

// Error is a problem with a sweep file, placed at file:line:column.
type Error = tomlfile.Error

// Load reads and checks the sweep file at path.
func Load(path string) (*Sweep, error) {
	data, err := tomlfile.Read("sweep", path, maxFile)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse reads a sweep file already in memory; filename names it in errors
// and anchors a relative scenario path. Unknown keys, bad values and
// factors no scenario value of their range can take are errors; all
// problems are joined, one a line.
func Parse(filename string, data []byte) (*Sweep, error) {
	s := &Sweep{file: filename}
	if err := tomlfile.Decode(filename, data, s); err != nil {
		return nil, err
	}
	s.defaults()
	if err := s.check(data); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Sweep) defaults() {
	if s.Levels == 0 {
		s.Levels = 3
	}
	if s.Replications == 0 {
		s.Replications = 1
	}
	if s.Seed == 0 {
		s.Seed = 1
	}
	if s.Outputs == "" {
		s.Outputs = "summary"
	}
	if s.MorrisLevels == 0 {
		s.MorrisLevels = 4
	}
	if s.Metrics == nil {
		s.allMetrics = true
		for _, c := range new(model.Metrics).Columns() {
			if !strings.HasPrefix(c, "synergy_") {
				s.Metrics = append(s.Metrics, c)
			}
		}
	}
	for i := range s.Factors {
		if s.Factors[i].Levels == 0 {
			s.Factors[i].Levels = s.Levels
		}
	}
}

// check validates the values and loads the base scenario, then each factor
// at both ends of its range.
func (s *Sweep) check(data []byte) error {
	var errs []error
	bad := func(key, format string, args ...any) {
		line, col := tomlfile.KeyPos(data, key)
		errs = append(errs, &Error{File: s.file, Line: line, Col: col, Key: key, Msg: fmt.Sprintf(format, args...)})
	}
	if s.Scenario == "" {
		bad("scenario", "missing: an embedded scenario name or a path")
	}
	if !slices.Contains(Designs, s.Design) {
		bad("design", "%q is not a design; want one of %s", s.Design, strings.Join(Designs, ", "))
	}
	if s.Design != "grid" && s.Samples < 1 {
		bad("samples", "%d: want at least 1", s.Samples)
	}
	if s.Levels < 1 || s.Replications < 1 || s.Seed < 0 || s.Years < 0 {
		bad("levels", "levels >= 1, replications >= 1, seed >= 0 and years >= 0 required")
	}
	if s.MorrisLevels < 2 || s.MorrisLevels%2 != 0 {
		bad("morris_levels", "%d: want an even number >= 2", s.MorrisLevels)
	}
	if s.Design == "sobol" && 2*len(s.Factors) > sensitivity.MaxSobolDim {
		bad("factors", "sobol takes at most %d factors, got %d", sensitivity.MaxSobolDim/2, len(s.Factors))
	}
	if s.Mode != "" && s.Mode != "stochastic" && s.Mode != "mean-field" {
		bad("mode", "%q: want stochastic or mean-field", s.Mode)
	}
	if s.Outputs != "summary" && s.Outputs != "timeseries" {
		bad("outputs", "%q: want summary or timeseries", s.Outputs)
	}
	for i, m := range s.Metrics { // the names are checked with the base scenario's family
		if strings.HasPrefix(m, "synergy_") {
			bad("metrics", "%q needs synergy runs, which sweeps do not make", m)
		}
		if slices.Contains(s.Metrics[:i], m) { // one column each in the results
			bad("metrics", "%q given twice", m)
		}
	}
	if len(s.Factors) == 0 {
		bad("factors", "missing: at least one [[factors]] with path, min and max")
	}
	seen := map[string]bool{}
	for _, f := range s.Factors {
		badFactor := func(key, format string, args ...any) {
			line, col := tomlfile.QuotedPos(data, f.Path)
			errs = append(errs, &Error{File: s.file, Line: line, Col: col, Key: "factors." + key,
				Msg: fmt.Sprintf("factor %q: ", f.Path) + fmt.Sprintf(format, args...)})
		}
		switch {
		case f.Path == "":
			bad("path", "factor without a path")
		case seen[f.Path]:
			badFactor("path", "given twice")
		case !(f.Min <= f.Max) || math.IsInf(f.Min, 0) || math.IsInf(f.Max, 0):
			badFactor("min", "min %g > max %g or not finite", f.Min, f.Max)
		case f.Log && f.Min <= 0:
			badFactor("log", "a log scale needs min > 0, got %g", f.Min)
		case f.Levels < 1:
			badFactor("levels", "levels %d < 1", f.Levels)
		}
		seen[f.Path] = true
	}
	if len(errs) == 0 && s.runs() > MaxRuns {
		bad("samples", "the sweep has more than %d runs", MaxRuns)
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	return s.checkScenario(data)
}

// checkScenario reads the base scenario and rejects a factor whose range
// gives an invalid scenario at both ends (an unknown path, most often).
func (s *Sweep) checkScenario(data []byte) error {
	b, err := newBase(s.file, s.Scenario)
	if err != nil {
		line, col := tomlfile.KeyPos(data, "scenario")
		return &Error{File: s.file, Line: line, Col: col, Key: "scenario", Msg: err.Error()}
	}
	s.base = b
	sc, err := b.load(s.fixed())
	if err != nil {
		return fmt.Errorf("sweep: %s: the base scenario is invalid:\n%w", s.file, err)
	}
	var errs []error
	if s.cols, err = sim.MetricColumns(sc); err != nil {
		return fmt.Errorf("sweep: %s: the base scenario: %w", s.file, err)
	}
	if s.allMetrics { // a family's own metrics come after the common ones
		s.Metrics = append(s.Metrics, s.cols[len(new(model.Metrics).Columns()):]...)
	}
	for _, m := range s.Metrics {
		if !slices.Contains(s.cols, m) && !strings.HasPrefix(m, "synergy_") {
			line, col := tomlfile.KeyPos(data, "metrics")
			errs = append(errs, &Error{File: s.file, Line: line, Col: col, Key: "metrics",
				Msg: fmt.Sprintf("unknown metric %q; want some of %s", m, strings.Join(s.cols, ", "))})
		}
	}
	for _, f := range s.Factors {
		_, lo := b.load(append([]string{scenarios.SetValue(f.Path, f.Min)}, s.fixed()...))
		_, hi := b.load(append([]string{scenarios.SetValue(f.Path, f.Max)}, s.fixed()...))
		if lo != nil && hi != nil {
			line, col := tomlfile.QuotedPos(data, f.Path)
			errs = append(errs, &Error{File: s.file, Line: line, Col: col, Key: "factors.path",
				Msg: fmt.Sprintf("%q gives an invalid scenario at min and max:\n%v", f.Path, lo)})
		}
	}
	return errors.Join(errs...)
}

// fixed returns the overrides every run shares: years and mode.
func (s *Sweep) fixed() []string {
	var sets []string
	if s.Years > 0 {
		sets = append(sets, "years="+strconv.Itoa(s.Years))
	}
	if s.Mode != "" {
		sets = append(sets, "mode="+s.Mode)
	}
	return sets
}

// Name returns the sweep file's base name without its extension.
func (s *Sweep) Name() string {
	return strings.TrimSuffix(filepath.Base(s.file), filepath.Ext(s.file))
}

// File returns the sweep file as named to Parse.
func (s *Sweep) File() string { return s.file }

// Hash returns the hex sha256 of the sweep's canonical form: the JSON of
// the sweep with its defaults filled in, followed by a newline and the
// resolved base scenario as scenarios.Encode writes it. Editing the sweep
// file's values, or the scenario it points at, changes it; comments and
// layout do not.
func (s *Sweep) Hash() string {
	j, err := json.Marshal(s)
	if err != nil {
		panic(err) // plain values only
	}
	h := sha256.New()
	h.Write(j)
	h.Write([]byte("\n"))
	h.Write([]byte(s.base.canonical))
	return hex.EncodeToString(h.Sum(nil))
}

// base is the base scenario, read once.
type base struct {
	name, file string // an embedded name, or a file and its content
	data       []byte
	canonical  string          // the resolved scenario, encoded
	sc         *model.Scenario // the resolved scenario, parsed once
}

func newBase(sweepFile, scenario string) (base, error) {
	var b base
	if strings.ContainsRune(scenario, '/') || strings.HasSuffix(scenario, ".toml") {
		b.file = scenario
		if !filepath.IsAbs(scenario) {
			b.file = filepath.Join(filepath.Dir(sweepFile), scenario)
		}
		data, err := os.ReadFile(b.file)
		if err != nil {
			return b, err
		}
		b.data = data
	} else {
		b.name = scenario
	}
	sc, err := b.parse()
	if err != nil {
		return b, err
	}
	b.sc = sc
	var buf bytes.Buffer
	if err := scenarios.Encode(&buf, sc); err != nil {
		return b, err
	}
	b.canonical = buf.String()
	return b, nil
}

// parse reads the base scenario.
func (b base) parse() (*model.Scenario, error) {
	if b.file != "" {
		return scenarios.Parse(b.file, b.data, nil)
	}
	return scenarios.Load(b.name, nil)
}

// load returns the base scenario with the overrides sets, from the copy
// parsed once.
func (b base) load(sets []string) (*model.Scenario, error) {
	return scenarios.Apply(b.sc, sets)
}

// runs returns the number of runs, or MaxRuns + 1 when it is larger.
func (s *Sweep) runs() int {
	k := len(s.Factors)
	p := 1
	switch s.Design {
	case "grid":
		for _, f := range s.Factors {
			if p *= f.Levels; p > MaxRuns {
				return MaxRuns + 1
			}
		}
	case "sobol":
		p = s.Samples * (k + 2)
	case "morris":
		p = s.Samples * (k + 1)
	default:
		p = s.Samples
	}
	if s.Samples > MaxRuns || p > MaxRuns || p*s.Replications > MaxRuns || s.Replications > MaxRuns {
		return MaxRuns + 1
	}
	return p * s.Replications
}
