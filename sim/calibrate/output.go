package calibrate

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"factorflow/model"
	"factorflow/scenarios"
	"factorflow/sim/sweep"
)

// SummaryFile is the calibration's Result as JSON.
const SummaryFile = "summary.json"

func init() { outputs = append(outputs, SummaryFile) }

// write writes the outputs of a finished calibration into dir, each
// atomically; summary.json last, so that its presence says the rest is
// complete.
func (f *File) write(dir string, ev *evaluator, out *outcome, res *Result) error {
	steps := []func() error{
		func() error { return f.writeEvaluations(dir, ev) },
		func() error { return writeCSV(filepath.Join(dir, TraceFile), traceTable(out.trace)) },
	}
	if out.best >= 0 {
		steps = append(steps,
			func() error { return writeCSV(filepath.Join(dir, FitFile), f.fitTable(ev.points[out.best])) },
			func() error { return f.writeBest(dir, res) })
	}
	if out.posterior != nil {
		steps = append(steps,
			func() error { return writeCSV(filepath.Join(dir, PosteriorFile), f.posteriorTable(out.posterior)) },
			func() error { return writeCSV(filepath.Join(dir, IntervalsFile), f.intervalTable(out.posterior)) })
	}
	if out.profile != nil {
		steps = append(steps, func() error { return writeCSV(filepath.Join(dir, ProfileFile), f.profileTable(out.profile)) })
	}
	steps = append(steps, func() error { return writeSummary(filepath.Join(dir, SummaryFile), res) })
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// writeCSV writes rows to path atomically.
func writeCSV(path string, rows [][]string) error {
	return sweep.WriteAtomic(path, func(file *os.File) error {
		b := bufio.NewWriter(file)
		w := csv.NewWriter(b)
		if err := w.WriteAll(rows); err != nil {
			return err
		}
		return b.Flush()
	})
}

func writeSummary(path string, res *Result) error {
	type summary struct {
		Method      string     `json:"method"`
		Evaluations int        `json:"evaluations"`
		Best        []float64  `json:"best"`
		Fit         float64    `json:"fit"`
		Holdout     float64    `json:"holdout"`
		Holdouts    int        `json:"holdout_targets"`
		Intervals   []Interval `json:"intervals,omitempty"`
		Failed      string     `json:"failed,omitempty"`
	}
	b, err := json.MarshalIndent(summary{res.Method, res.Evaluations, res.Best, res.Fit, res.Holdout,
		res.Holdouts, res.Intervals, res.Failed}, "", "  ")
	if err != nil {
		return fmt.Errorf("calibrate: %w", err)
	}
	return sweep.WriteAtomic(path, func(file *os.File) error {
		_, err := file.Write(append(b, '\n'))
		return err
	})
}

// label names target t as a column: "2015 Beijing output".
func (t Target) label() string { return fmt.Sprintf("%d %s %s", t.Year, t.Unit, t.Variable) }

// writeEvaluations writes every run of the evaluated points, in run-id
// order, as a sweep runs table: the parameters, the run's fit and holdout
// losses and its simulated targets.
func (f *File) writeEvaluations(dir string, ev *evaluator) error {
	c := &sweep.Contract{Metrics: []string{"loss_fit", "loss_holdout"}}
	for i, p := range f.Params {
		lo, hi := space(f.Params).valueRange(i)
		c.Factors = append(c.Factors, sweep.ContractFactor{Path: p.Path, Min: lo, Max: hi, Log: p.Log})
	}
	for _, t := range f.targets {
		c.Metrics = append(c.Metrics, t.label())
	}
	for _, k := range f.Constraints {
		c.Metrics = append(c.Metrics, "violation "+k.Variable)
	}
	recs := make([]sweep.Record, 0, len(ev.points)*f.Reps)
	for id := range len(ev.points) * f.Reps {
		rec, err := ev.j.Read(id)
		if err != nil {
			return err
		}
		recs = append(recs, rec)
	}
	return sweep.WriteParquet(filepath.Join(dir, EvaluationsFile), c, recs)
}

func traceTable(tr []TraceRow) [][]string {
	rows := [][]string{{"step", "evaluations", "best", "value"}}
	for _, r := range tr {
		rows = append(rows, []string{strconv.Itoa(r.Step), strconv.Itoa(r.Evaluations), num(r.Best), num(r.Value)})
	}
	return rows
}

// fitTable is fit.csv: per target the observed and simulated (mean over
// replications) values and the residual on the objective's scale, then
// one row per role with the objective summed over its targets.
func (f *File) fitTable(p point) [][]string {
	rows := [][]string{{"year", "unit", "variable", "role", "weight", "observed", "simulated", "error"}}
	resid := make([]float64, len(f.targets))
	sums := map[Role]float64{}
	for _, role := range []Role{Fit, Holdout} {
		r := make([]float64, len(f.targets))
		sums[role] = loss(f.Objective, f.targets, p.sim, role, r)
		for i, t := range f.targets {
			if t.Role == role {
				resid[i] = r[i]
			}
		}
	}
	for i, t := range f.targets {
		rows = append(rows, []string{strconv.Itoa(t.Year), t.Unit, t.Variable, string(t.Role), num(t.Weight),
			num(t.Value), num(p.sim[i]), num(resid[i])})
	}
	for _, role := range []Role{Fit, Holdout} {
		rows = append(rows, []string{"", "total", f.Objective, string(role), "", "", "", num(sums[role])})
	}
	if len(f.Constraints) > 0 {
		rows = append(rows, []string{"", "total", "penalty", string(Fit), "", "", "", num(p.penalty)})
	}
	return rows
}

// writeBest writes best.toml: a scenario that extends the calibrated one
// with the best parameter values, ready for "factorflow run". When the
// parameters' paths cannot be written as an extension (an element chosen
// by index, a map entry), it writes the whole resolved scenario instead.
func (f *File) writeBest(dir string, res *Result) error {
	path := filepath.Join(dir, BestFile)
	sets := make([]string, len(f.Params))
	for i, p := range f.Params {
		sets[i] = scenarios.SetValue(p.Path, res.Best[i])
	}
	want, err := scenarios.Apply(f.orig, sets)
	if err != nil {
		return fmt.Errorf("calibrate: best point: %w", err)
	}
	name := f.orig.Name + "-calibrated"
	head := f.bestHeader(res)
	if body, ok := f.extension(dir, name, res.Best); ok {
		data := []byte(head + body)
		if got, err := scenarios.Parse(path, data, nil); err == nil && sameScenario(got, want) {
			return writeBytes(path, data)
		}
	}
	want.Name, want.Extends = name, ""
	var buf bytes.Buffer
	if err := scenarios.Encode(&buf, want); err != nil {
		return fmt.Errorf("calibrate: %w", err)
	}
	return writeBytes(path, append([]byte(head), buf.Bytes()...))
}

func writeBytes(path string, b []byte) error {
	return sweep.WriteAtomic(path, func(file *os.File) error {
		_, err := file.Write(b)
		return err
	})
}

func (f *File) bestHeader(res *Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# The best fit of %s (factorflow calibrate, method %s, %d points of %d run(s)):\n",
		filepath.Base(f.file), f.Method, res.Evaluations, f.Reps)
	fmt.Fprintf(&b, "# objective %s = %s on the fit targets, %s on the %d holdout targets.\n",
		f.Objective, num(res.Fit), num(res.Holdout), res.Holdouts)
	if fx := f.fixed(); len(fx) > 0 {
		fmt.Fprintf(&b, "# The calibration ran with these settings, not applied here: %s\n", strings.Join(fx, " "))
	}
	return b.String()
}

// named are the scenario arrays whose elements an extension merges by name.
var named = map[string]bool{"cities": true, "sectors": true, "regions": true}

// extension returns the TOML of a scenario extending the calibrated one
// with the parameters at x, or false when a path has no such form.
func (f *File) extension(dir, name string, x []float64) (string, bool) {
	ref := f.Scenario
	if f.scenarioIsFile() {
		abs, err1 := filepath.Abs(f.rel(f.Scenario))
		adir, err2 := filepath.Abs(dir)
		if err1 != nil || err2 != nil {
			return "", false
		}
		if ref, err1 = filepath.Rel(adir, abs); err1 != nil {
			ref = abs
		}
		ref = filepath.ToSlash(ref)
	}
	var top, tables, arrays strings.Builder
	fmt.Fprintf(&top, "name = %s\nextends = %s\n", strconv.Quote(name), strconv.Quote(ref))
	byTable := map[string][]string{}
	var order []string
	for i, p := range f.Params {
		keys := strings.Split(p.Path, ".")
		line := fmt.Sprintf("%s = %s\n", keys[len(keys)-1], tomlFloat(x[i]))
		switch {
		case len(keys) == 1:
			top.WriteString(line)
		case named[keys[0]] && len(keys) == 3:
			fmt.Fprintf(&arrays, "\n[[%s]]\nname = %s\n%s", keys[0], strconv.Quote(keys[1]), line)
		case named[keys[0]] || keys[0] == "barriers" && len(keys) > 2 || keys[0] == "transport" && len(keys) > 2 || keys[0] == "policies":
			return "", false
		default:
			t := strings.Join(keys[:len(keys)-1], ".")
			if byTable[t] == nil {
				order = append(order, t)
			}
			byTable[t] = append(byTable[t], line)
		}
	}
	for _, t := range order {
		fmt.Fprintf(&tables, "\n[%s]\n%s", t, strings.Join(byTable[t], ""))
	}
	return top.String() + tables.String() + arrays.String(), true
}

// tomlFloat formats v as a TOML float.
func tomlFloat(v float64) string {
	s := num(v)
	if !strings.ContainsAny(s, ".eEnN") {
		s += ".0"
	}
	return s
}

// sameScenario reports whether a and b encode alike, names aside.
func sameScenario(a, b *model.Scenario) bool {
	var ea, eb bytes.Buffer
	ca, cb := *a, *b
	ca.Name, cb.Name, ca.Extends, cb.Extends, ca.Description, cb.Description = "", "", "", "", "", ""
	if scenarios.Encode(&ea, &ca) != nil || scenarios.Encode(&eb, &cb) != nil {
		return false
	}
	return bytes.Equal(ea.Bytes(), eb.Bytes())
}

func (f *File) paramHeader() []string {
	h := make([]string, len(f.Params))
	for i, p := range f.Params {
		h[i] = p.Path
	}
	return h
}

// posteriorTable is posterior.csv: one row per particle, its parameter
// values, weight and distance.
func (f *File) posteriorTable(p *posterior) [][]string {
	rows := [][]string{append(f.paramHeader(), "weight", "distance")}
	for i, x := range p.x {
		row := make([]string, 0, len(x)+2)
		for _, v := range x {
			row = append(row, num(v))
		}
		rows = append(rows, append(row, num(p.w[i]), num(p.d[i])))
	}
	return rows
}

func (f *File) intervalTable(p *posterior) [][]string {
	rows := [][]string{{"param", "mean", "sd", "median", "lower", "upper", "level"}}
	for _, iv := range p.intervals {
		rows = append(rows, []string{iv.Param, num(iv.Mean), num(iv.SD), num(iv.Median), num(iv.Lower), num(iv.Upper), num(iv.Level)})
	}
	return rows
}

// profileTable is profile.csv: per value of the profiled parameter, the
// fitted values of all parameters, the fit and holdout losses and the
// evaluations it took.
func (f *File) profileTable(rows []profileRow) [][]string {
	out := [][]string{append(f.paramHeader(), "fit", "holdout", "evaluations")}
	for _, r := range rows {
		row := make([]string, 0, len(r.x)+3)
		for _, v := range r.x {
			row = append(row, num(v))
		}
		out = append(out, append(row, num(r.fit), num(r.holdout), strconv.Itoa(r.evaluations)))
	}
	return out
}
