package main

import (
	"fmt"
	"io"
	"strconv"

	"factorflow/model"
	"factorflow/sim"
)

// summary keeps the metrics of the first and the last frame of a run. It is
// a sim.Observer.
type summary struct {
	cols                  []string
	first, last           []float64
	firstYear, lastYear   int
	firstStage, lastStage string
	frames                int
	family                []string // the model family's own metrics
}

// Observe copies the frame's metrics: into first for the first frame, into
// last for every frame.
func (s *summary) Observe(f *sim.Frame) error {
	if s.frames == 0 {
		s.cols = f.Metrics.Columns()
		s.first = f.Metrics.Values(nil)
		s.firstYear, s.firstStage = f.Year, f.Metrics.Stage
		s.family = f.Metrics.FamilyNames
	}
	s.last = f.Metrics.Values(s.last[:0])
	s.lastYear, s.lastStage = f.Year, f.Metrics.Stage
	s.frames++
	return nil
}

// summaryRows are the metrics of the summary table: label, metrics.csv
// column, and how to format the value.
var summaryRows = []struct {
	label, col string
	format     func(v float64) string
	report     bool // meaningful for the report's model (family synergy) only
}{
	{"population (M)", "population", func(v float64) string { return strconv.FormatFloat(v/1e6, 'f', 2, 64) }, false},
	{"output (%s/yr)", "output", func(v float64) string { return strconv.FormatFloat(v, 'g', 4, 64) }, false},
	{"urbanisation", "urbanisation", func(v float64) string { return strconv.FormatFloat(100*v, 'f', 1, 64) + " %" }, true},
	{"economic cliff (core/hinterland)", "cliff", fixed3, true},
	{"Theil (output per capita)", "theil", fixed3, true},
	{"specialisation (Krugman, cores)", "specialisation", fixed3, true},
}

func fixed3(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }

// print writes the table of key metrics at the start and the end year.
func (s *summary) print(w io.Writer, sc *model.Scenario) {
	if s.frames == 0 {
		return
	}
	const row = "%-34s %16s %16s\n"
	fmt.Fprintf(w, row, "", strconv.Itoa(s.firstYear), strconv.Itoa(s.lastYear))
	other := sc.Family != "" && sc.Family != "synergy" // urbanisation, cliff... mean nothing there
	for _, r := range summaryRows {
		if r.report && other {
			continue
		}
		label := r.label
		if r.col == "output" {
			label = fmt.Sprintf(label, sc.Currency)
		}
		fmt.Fprintf(w, row, label, s.value(s.first, r.col, r.format), s.value(s.last, r.col, r.format))
		if r.col == "urbanisation" {
			fmt.Fprintf(w, row, "stage", dash(s.firstStage), dash(s.lastStage))
		}
	}
	g6 := func(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }
	for _, col := range s.family { // a family's own metrics (marius: the fit)
		fmt.Fprintf(w, row, col, s.value(s.first, col, g6), s.value(s.last, col, g6))
	}
}

// value formats the metric named col from vals, or "-" if there is none.
func (s *summary) value(vals []float64, col string, format func(float64) string) string {
	for i, c := range s.cols {
		if c == col && i < len(vals) {
			return format(vals[i])
		}
	}
	return "-"
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
