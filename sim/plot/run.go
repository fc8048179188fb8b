package plot

import (
	"github.com/BurntSushi/toml"

	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"factorflow/model"
	"factorflow/sim/output"
)

// Run is what the figures need from a run directory of factorflow run:
// the series of cities.csv, metrics.csv and flows.csv, and the scenario and
// manifest when present.
type Run struct {
	Dir     string
	Years   []int    // calendar years, ascending, as in metrics.csv
	Cities  []string // in the order of cities.csv
	Sectors []string // from the output_<sector> columns of cities.csv

	// Population[y][c] is city c's residents in Years[y] (persons); NaN when
	// cities.csv has no row for them.
	Population [][]float64
	// Output[y][c][s] is city c's output of sector s in Years[y]
	// (currency/yr); NaN when missing.
	Output [][][]float64

	Stage   []string    // urbanisation stage of each year
	Metrics []string    // metric columns of metrics.csv after year and stage
	Values  [][]float64 // Values[y][m]: metric m in Years[y]

	Flows []Flow // the rows of flows.csv, in file order

	Scenario []byte // scenario.toml; nil when absent
	// Currency is the scenario's unit of money (its currency key), or
	// "currency" when scenario.toml is absent or does not say.
	Currency string
	Manifest *output.Manifest // manifest.json; nil when absent
}

// Flow is one row of flows.csv.
type Flow struct {
	Year                int
	Factor              string // talent, workers, capital or firms
	Origin, Destination string // a city or rural:<region>
	Amount              float64
}

// Factors are the factors of flows.csv, in its order.
var Factors = []string{"talent", "workers", "capital", "firms"}

// ReadRun reads the run directory dir. cities.csv, metrics.csv and
// flows.csv must be there; scenario.toml and manifest.json are read when
// present. Errors are *ParseError naming the file, line and column.
func ReadRun(dir string) (*Run, error) {
	r := &Run{Dir: dir}
	if err := r.readMetrics(dir); err != nil {
		return nil, err
	}
	if err := r.readCities(dir); err != nil {
		return nil, err
	}
	if err := r.readFlows(dir); err != nil {
		return nil, err
	}
	sc, err := os.ReadFile(filepath.Join(dir, output.ScenarioFile))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, &ParseError{File: filepath.Join(dir, output.ScenarioFile), Err: err}
	}
	r.Scenario = sc
	if r.Currency, err = currency(sc, filepath.Join(dir, output.ScenarioFile)); err != nil {
		return nil, err
	}
	return r, r.readManifest(dir)
}

func (r *Run) readMetrics(dir string) error {
	t, err := openTable(dir, output.MetricsFile, "year", "stage")
	if err != nil {
		return err
	}
	return r.parseMetrics(t)
}

// parseMetrics fills Years, Stage, Metrics and Values from metrics.csv.
func (r *Run) parseMetrics(t *table) error {
	if len(t.rows) == 0 {
		return &ParseError{File: t.file, Line: 2, Err: errors.New("no data rows: the run wrote no year")}
	}
	for i, name := range t.header {
		if name != "year" && name != "stage" {
			r.Metrics = append(r.Metrics, name)
		} else if i > 1 {
			return &ParseError{File: t.file, Line: 1, Column: i + 1, Err: errors.New("year and stage must be the first two columns")}
		}
	}
	for i := range t.rows {
		y, err := t.year(i)
		if err != nil {
			return err
		}
		if n := len(r.Years); n > 0 && y <= r.Years[n-1] {
			return t.errorAt(i, t.col["year"], "year %d after %d: years must increase", y, r.Years[n-1])
		}
		vals := make([]float64, len(r.Metrics))
		for m, name := range r.Metrics {
			if vals[m], err = t.float(i, name); err != nil {
				return err
			}
		}
		stage := t.str(i, "stage")
		switch stage {
		case model.StageInitiation, model.StageAgglomeration, model.StageSaturation:
		default:
			return t.errorAt(i, t.col["stage"], "stage %q: want %s, %s or %s", stage,
				model.StageInitiation, model.StageAgglomeration, model.StageSaturation)
		}
		r.Years = append(r.Years, y)
		r.Stage = append(r.Stage, stage)
		r.Values = append(r.Values, vals)
	}
	return nil
}

func (r *Run) readCities(dir string) error {
	t, err := openTable(dir, output.CitiesFile, "year", "city", "population")
	if err != nil {
		return err
	}
	return r.parseCities(t)
}

// parseCities fills Cities, Sectors, Population and Output from
// cities.csv; Years must be set.
func (r *Run) parseCities(t *table) error {
	for _, name := range t.header {
		if s, ok := strings.CutPrefix(name, "output_"); ok && s != "per_capita" {
			r.Sectors = append(r.Sectors, s)
		}
	}
	yearAt := make(map[int]int, len(r.Years))
	for y, year := range r.Years {
		yearAt[year] = y
	}
	cityAt := map[string]int{}
	type cell struct{ y, c int }
	seen := map[cell]bool{}
	for i := range t.rows {
		year, err := t.year(i)
		if err != nil {
			return err
		}
		y, ok := yearAt[year]
		if !ok {
			return t.errorAt(i, t.col["year"], "year %d is not in metrics.csv", year)
		}
		name := t.str(i, "city")
		c, ok := cityAt[name]
		if !ok {
			c = len(r.Cities)
			cityAt[name] = c
			r.Cities = append(r.Cities, name)
		}
		if seen[cell{y, c}] {
			return t.errorAt(i, t.col["city"], "city %q appears twice in year %d", name, year)
		}
		seen[cell{y, c}] = true
		pop, err := t.float(i, "population")
		if err != nil {
			return err
		}
		out := make([]float64, len(r.Sectors))
		for s, sec := range r.Sectors {
			if out[s], err = t.float(i, "output_"+sec); err != nil {
				return err
			}
		}
		r.set(y, c, pop, out)
	}
	if len(r.Cities) == 0 {
		return &ParseError{File: t.file, Line: 2, Err: errors.New("no data rows: the run wrote no city")}
	}
	r.pad()
	return nil
}

// set stores one city-year, growing the tables as new cities appear.
func (r *Run) set(y, c int, pop float64, out []float64) {
	if r.Population == nil {
		r.Population = make([][]float64, len(r.Years))
		r.Output = make([][][]float64, len(r.Years))
	}
	for len(r.Population[y]) <= c {
		r.Population[y] = append(r.Population[y], math.NaN())
		r.Output[y] = append(r.Output[y], nil)
	}
	r.Population[y][c] = pop
	r.Output[y][c] = out
}

// pad fills the city-years that cities.csv lacks with NaN.
func (r *Run) pad() {
	for y := range r.Years {
		for len(r.Population[y]) < len(r.Cities) {
			r.Population[y] = append(r.Population[y], math.NaN())
			r.Output[y] = append(r.Output[y], nil)
		}
		for c, out := range r.Output[y] {
			if out == nil {
				out = make([]float64, len(r.Sectors))
				for s := range out {
					out[s] = math.NaN()
				}
				r.Output[y][c] = out
			}
		}
	}
}

func (r *Run) readFlows(dir string) error {
	t, err := openTable(dir, output.FlowsFile, "year", "factor", "origin", "destination", "amount")
	if err != nil {
		return err
	}
	return r.parseFlows(t)
}

// parseFlows fills Flows from flows.csv.
func (r *Run) parseFlows(t *table) error {
	r.Flows = make([]Flow, 0, len(t.rows))
	for i := range t.rows {
		year, err := t.year(i)
		if err != nil {
			return err
		}
		f := Flow{Year: year, Factor: t.str(i, "factor"), Origin: t.str(i, "origin"), Destination: t.str(i, "destination")}
		if !isFactor(f.Factor) {
			return t.errorAt(i, t.col["factor"], "factor %q: want one of %s", f.Factor, strings.Join(Factors, ", "))
		}
		if f.Amount, err = t.float(i, "amount"); err != nil {
			return err
		}
		r.Flows = append(r.Flows, f)
	}
	return nil
}

func isFactor(s string) bool {
	for _, f := range Factors {
		if s == f {
			return true
		}
	}
	return false
}

// readManifest reads manifest.json when it exists.
func (r *Run) readManifest(dir string) error {
	path := filepath.Join(dir, output.ManifestFile)
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &ParseError{File: path, Err: err}
	}
	defer f.Close()
	m, err := decodeManifest(f, path)
	r.Manifest = m
	return err
}

// decodeManifest decodes manifest.json, with the line and column of a
// syntax error.
func decodeManifest(rd io.Reader, path string) (*output.Manifest, error) {
	b, err := io.ReadAll(rd)
	if err != nil {
		return nil, &ParseError{File: path, Err: err}
	}
	var m output.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		off := int64(-1)
		switch {
		case errors.As(err, &se):
			off = se.Offset
		case errors.As(err, &te):
			off = te.Offset
		}
		if off >= 0 {
			line, col := position(b, off)
			return nil, &ParseError{File: path, Line: line, Column: col, Err: err}
		}
		return nil, &ParseError{File: path, Err: err}
	}
	return &m, nil
}

// position returns the line and column (from 1) of byte offset off in b.
func position(b []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(b)))
	line, col = 1, 1
	for _, c := range b[:off] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// YearIndex returns the index of year in Years, or an error naming the
// valid range.
func (r *Run) YearIndex(year int) (int, error) {
	for y, v := range r.Years {
		if v == year {
			return y, nil
		}
	}
	return 0, fmt.Errorf("plot: year %d is not in the run: want %d–%d", year, r.Years[0], r.Years[len(r.Years)-1])
}

// Metric returns the series of the named metric, or nil when the run has
// no such column.
func (r *Run) Metric(name string) []float64 {
	for m, col := range r.Metrics {
		if col == name {
			s := make([]float64, len(r.Years))
			for y := range r.Years {
				s[y] = r.Values[y][m]
			}
			return s
		}
	}
	return nil
}

// currency returns the currency key of a scenario's TOML, "currency" when
// it has none.
func currency(sc []byte, path string) (string, error) {
	var head struct {
		Currency string `toml:"currency"`
	}
	if _, err := toml.Decode(string(sc), &head); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return "", &ParseError{File: path, Line: pe.Position.Line, Column: pe.Position.Col, Err: errors.New(pe.Message)}
		}
		return "", &ParseError{File: path, Err: err}
	}
	if head.Currency == "" {
		return "currency", nil
	}
	return head.Currency, nil
}
