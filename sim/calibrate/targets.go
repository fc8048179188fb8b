package calibrate

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"factorflow/model"
	"factorflow/sim"
)

// Role says what a target is for.
type Role string

// Roles of targets.
const (
	Fit     Role = "fit"     // fitted
	Holdout Role = "holdout" // held back for the out-of-sample check
)

// Cluster is the unit of a target on the cluster's metrics.
const Cluster = "cluster"

// Target is one observation: a row of the targets file.
type Target struct {
	Year     int
	Unit     string // a city name, or Cluster
	Variable string // a cities.csv column for a city, a metrics.csv column for the cluster
	Value    float64
	Role     Role
	Weight   float64 // from the calibration file's weights; 1 by default
}

// targetHeader is the targets file's header.
var targetHeader = []string{"year", "unit", "variable", "value", "role"}

// cityVars are the cities.csv columns a city target may name, besides
// output_<sector>.
var cityVars = []string{"population", "talent_local", "talent_nonlocal", "workers_local", "workers_nonlocal",
	"output", "output_per_capita", "capital", "wage_talent", "wage_workers", "land_price",
	"market_access", "revenue", "education", "health", "pollution", "amenity", "firms"}

// ReadTargets parses a targets file: CSV with the header
// year,unit,variable,value,role; unit is a city of sc or "cluster";
// variable a cities.csv column (for a city) or a metrics.csv column (for
// the cluster); value a positive number; role fit or holdout; year one of
// the years the run of sc records (start_year to start_year + years).
// filename names the file in errors, which say line and column.
func ReadTargets(filename string, data []byte, sc *model.Scenario) ([]Target, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = len(targetHeader)
	bad := func(line, col int, format string, a ...any) error {
		return &Error{File: filename, Line: line, Col: col, Msg: fmt.Sprintf(format, a...)}
	}
	head, err := r.Read()
	if err != nil {
		return nil, csvError(filename, err)
	}
	if !slices.Equal(head, targetHeader) {
		return nil, bad(1, 1, "header %q: want %s", strings.Join(head, ","), strings.Join(targetHeader, ","))
	}
	v := newVars(sc)
	var ts []Target
	var errs []error
	seen := map[[3]string]int{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, errors.Join(append(errs, csvError(filename, err))...)
		}
		line, _ := r.FieldPos(0)
		pos := func(i int) (int, int) { return r.FieldPos(i) }
		t, msg, field := v.parse(rec)
		if msg != "" {
			l, c := pos(field)
			errs = append(errs, bad(l, c, "%s", msg))
			continue
		}
		key := [3]string{rec[0], t.Unit, t.Variable}
		if first, ok := seen[key]; ok {
			errs = append(errs, bad(line, 1, "%s %s %s given twice (first on line %d)", rec[0], t.Unit, t.Variable, first))
			continue
		}
		seen[key] = line
		ts = append(ts, t)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(ts) == 0 {
		return nil, bad(1, 1, "no targets")
	}
	return ts, nil
}

func csvError(filename string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{File: filename, Line: pe.Line, Col: pe.Column, Msg: pe.Err.Error()}
	}
	if errors.Is(err, io.EOF) {
		return &Error{File: filename, Line: 1, Col: 1, Msg: "empty: want the header " + strings.Join(targetHeader, ",")}
	}
	return &Error{File: filename, Msg: err.Error()}
}

// vars knows the units, variables and years of a scenario's run.
type vars struct {
	cities      []string
	sectors     []string
	metrics     []string
	first, last int
}

func newVars(sc *model.Scenario) *vars {
	v := &vars{first: sc.StartYear, last: sc.StartYear + sc.Years, metrics: new(model.Metrics).Columns()}
	for _, c := range sc.Cities {
		v.cities = append(v.cities, c.Name)
	}
	for _, s := range sc.Sectors {
		v.sectors = append(v.sectors, s.Name)
	}
	return v
}

// parse reads one record; on a problem it returns the message and the
// index of the field at fault.
func (v *vars) parse(rec []string) (Target, string, int) {
	var t Target
	year, err := strconv.Atoi(strings.TrimSpace(rec[0]))
	if err != nil {
		return t, fmt.Sprintf("year %q: want an integer", rec[0]), 0
	}
	if year < v.first || year > v.last {
		return t, fmt.Sprintf("year %d: the run records %d to %d", year, v.first, v.last), 0
	}
	t.Year, t.Unit, t.Variable = year, strings.TrimSpace(rec[1]), strings.TrimSpace(rec[2])
	if t.Unit != Cluster && !slices.Contains(v.cities, t.Unit) {
		return t, fmt.Sprintf("unit %q: want %q or a city of the scenario (%s)", t.Unit, Cluster, strings.Join(v.cities, ", ")), 1
	}
	if msg := v.checkVar(t.Unit, t.Variable); msg != "" {
		return t, msg, 2
	}
	t.Value, err = strconv.ParseFloat(strings.TrimSpace(rec[3]), 64)
	if err != nil || !(t.Value > 0) || math.IsInf(t.Value, 0) {
		return t, fmt.Sprintf("value %q: want a finite number > 0 (errors are on the log scale)", rec[3]), 3
	}
	t.Role = Role(strings.TrimSpace(rec[4]))
	if t.Role != Fit && t.Role != Holdout {
		return t, fmt.Sprintf("role %q: want fit or holdout", rec[4]), 4
	}
	t.Weight = 1
	return t, "", 0
}

func (v *vars) checkVar(unit, name string) string {
	if unit == Cluster {
		if !slices.Contains(v.metrics, name) {
			return fmt.Sprintf("variable %q: want a metrics.csv column (%s)", name, strings.Join(v.metrics, ", "))
		}
		return ""
	}
	if slices.Contains(cityVars, name) {
		return ""
	}
	if s, ok := strings.CutPrefix(name, "output_"); ok && slices.Contains(v.sectors, s) {
		return ""
	}
	return fmt.Sprintf("variable %q: want a cities.csv column (%s, output_<sector>)", name, strings.Join(cityVars, ", "))
}

// weigh sets each target's weight from the rules.
func weigh(ts []Target, rules []Weight) {
	for i := range ts {
		t := &ts[i]
		t.Weight = 1
		for _, w := range rules {
			if (w.Year == 0 || w.Year == t.Year) && (w.Unit == "" || w.Unit == t.Unit) &&
				(w.Variable == "" || w.Variable == t.Variable) {
				t.Weight *= w.Weight
			}
		}
	}
}

// probe is an observer that reads the targets' simulated values.
type probe struct {
	ts      []Target
	out     []float64 // by target; NaN until its year is seen
	metrics []string
	vals    []float64
	city    []int // each target's city index in the frames, -1 for the cluster; nil until the first frame
	cons    []Constraint
	viol    []float64 // by constraint, summed over the frames
	cidx    []int     // each constraint's metric index in the frames; nil until the first frame
}

func newProbe(ts []Target, cons []Constraint) *probe {
	p := &probe{ts: ts, out: make([]float64, len(ts)), metrics: new(model.Metrics).Columns(),
		cons: cons, viol: make([]float64, len(cons))}
	for i := range p.out {
		p.out[i] = math.NaN()
	}
	return p
}

// Observe implements sim.Observer.
func (p *probe) Observe(f *sim.Frame) error {
	p.vals = nil
	if p.city == nil {
		if err := p.index(f); err != nil {
			return err
		}
	}
	if err := p.constrain(f); err != nil {
		return err
	}
	for i, t := range p.ts {
		if t.Year != f.Year {
			continue
		}
		if t.Unit == Cluster {
			if p.vals == nil {
				p.vals = f.Metrics.Values(nil)
			}
			p.out[i] = p.vals[slices.Index(p.metrics, t.Variable)]
			continue
		}
		p.out[i] = cityValue(f, p.city[i], t.Variable)
	}
	return nil
}

// constrain adds the frame's violations of the constraints.
func (p *probe) constrain(f *sim.Frame) error {
	if len(p.cons) == 0 {
		return nil
	}
	if p.cidx == nil {
		cols := f.Metrics.Columns()
		for _, c := range p.cons {
			k := slices.Index(cols, c.Variable)
			if k < 0 {
				return fmt.Errorf("calibrate: constraint on %q: not a metric of the run", c.Variable)
			}
			p.cidx = append(p.cidx, k)
		}
	}
	p.vals = f.Metrics.Values(nil)
	for i, c := range p.cons {
		p.viol[i] += c.violation(p.vals[p.cidx[i]])
	}
	return nil
}

// index finds each target's city among the frame's.
func (p *probe) index(f *sim.Frame) error {
	at := make(map[string]int, len(f.Cities))
	for c, name := range f.Cities {
		at[name] = c
	}
	p.city = make([]int, len(p.ts))
	for i, t := range p.ts {
		p.city[i] = -1
		if t.Unit == Cluster {
			continue
		}
		c, ok := at[t.Unit]
		if !ok {
			return fmt.Errorf("calibrate: city %q not in the run", t.Unit)
		}
		p.city[i] = c
	}
	return nil
}

// cityValue returns city c's value of a cities.csv column, computed as
// package output writes it.
func cityValue(f *sim.Frame, c int, name string) float64 {
	st, s := f.State, len(f.Sectors)
	var pop, out, k float64
	for g := range st.Pop {
		pop += st.Pop[g][c]
	}
	for j := range s {
		out += st.V[c*s+j]
		k += st.K[c*s+j]
	}
	switch name {
	case "population":
		return pop
	case "talent_local", "talent_nonlocal", "workers_local", "workers_nonlocal":
		return st.Pop[slices.Index(cityVars, name)-1][c]
	case "output":
		return out
	case "output_per_capita":
		if pop <= 0 {
			return 0
		}
		return out / pop
	case "capital":
		return k
	case "wage_talent":
		return st.Wage[model.Talent][c]
	case "wage_workers":
		return st.Wage[model.Worker][c]
	case "land_price":
		return st.LandPrice[c]
	case "market_access":
		return st.Market[c]
	case "revenue":
		return st.Revenue[c]
	case "education":
		return st.Education[c]
	case "health":
		return st.Health[c]
	case "pollution":
		return st.Pollution[c]
	case "amenity":
		return st.Amenity[c]
	case "firms":
		var n float64
		for i := range st.Firms {
			if st.Firms[i].Alive && st.Firms[i].City == c {
				n += st.Firms[i].Count()
			}
		}
		return n
	}
	sector := slices.Index(f.Sectors, strings.TrimPrefix(name, "output_"))
	return st.V[c*s+sector]
}
