package plot

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
)

// Files of a bifurcation directory of factorflow bifurcation.
const (
	TomahawkFile = "tomahawk.csv"
	PointsFile   = "points.csv"
)

// Tomahawk is a bifurcation diagram as factorflow bifurcation writes it:
// tomahawk.csv and points.csv. Shares λ are region 1's.
type Tomahawk struct {
	Dir   string
	Param string // the traced parameter's scenario path, e.g. core_periphery.phi
	// Values are the parameter's grid values, in file order; the slices
	// below hold one entry per value.
	Values []float64
	// Symmetric and Core say whether the symmetric equilibrium (λ = 1/2)
	// and full agglomeration (λ = 1 and 0) are stable.
	Symmetric, Core []bool
	// Interior holds the interior equilibria, each with its mirror image.
	Interior [][]Equilibrium
	// FromSymmetric and FromCore are where the replicator traces from
	// λ = 1/2 + ε and from 1 − ε ended; the Settled flags say whether
	// they settled.
	FromSymmetric, FromCore       []float64
	SymmetricSettled, CoreSettled []bool
	Points                        []BifurcationPoint // the rows of points.csv
}

// Equilibrium is an interior equilibrium of a tomahawk: a share and its
// stability.
type Equilibrium struct {
	Lambda float64
	Stable bool
}

// BifurcationPoint is a row of points.csv: a break or sustain point.
type BifurcationPoint struct {
	Kind        string  // "break" or "sustain"
	Value       float64 // of the parameter
	StableBelow bool    // the equilibrium is stable below Value
	ClosedForm  float64 // the published formula's value; NaN when none
}

// ReadTomahawk reads the bifurcation directory dir: its tomahawk.csv and
// points.csv. Errors are *ParseError naming the file, line and column.
func ReadTomahawk(dir string) (*Tomahawk, error) {
	t := &Tomahawk{Dir: dir}
	for _, step := range []struct {
		name string
		want []string
		read func(*table) error
	}{
		{TomahawkFile, []string{"branch", "lambda", "stable"}, t.parseDiagram},
		{PointsFile, []string{"kind", "param", "value", "stable_below", "closed_form"}, t.parsePoints},
	} {
		tab, err := openTable(dir, step.name, step.want...)
		if err != nil {
			return nil, err
		}
		if err := step.read(tab); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// tomahawkBranches are the branches of tomahawk.csv, each with the number
// of rows it has at one value (-1: any).
var tomahawkBranches = map[string]int{"symmetric": 1, "core": 2, "interior": -1, "trace_symmetric": 1, "trace_core": 1}

// parseDiagram fills the diagram from tomahawk.csv: a block of rows per
// value, each beginning with its symmetric row.
func (t *Tomahawk) parseDiagram(tab *table) error {
	if len(tab.header) != 4 || tab.col["branch"] != 1 || tab.col["lambda"] != 2 || tab.col["stable"] != 3 {
		return &ParseError{File: tab.file, Line: 1, Err: errors.New("want the header PARAM,branch,lambda,stable")}
	}
	t.Param = tab.header[0]
	counts := map[string]int{}
	start := 0
	for i := range tab.rows {
		branch := tab.rows[i][1]
		want, ok := tomahawkBranches[branch]
		if !ok {
			return tab.errorAt(i, 1, "branch %q: want symmetric, core, interior, trace_symmetric or trace_core", branch)
		}
		if branch == "symmetric" {
			if err := t.endBlock(tab, start, counts); err != nil {
				return err
			}
			start, counts = i, map[string]int{}
		} else if len(t.Values) == 0 {
			return tab.errorAt(i, 1, "branch %q before any symmetric row: each value's rows begin with it", branch)
		}
		if counts[branch]++; want > 0 && counts[branch] > want {
			return tab.errorAt(i, 1, "a %s row too many for this value", branch)
		}
		if err := t.addRow(tab, i, branch); err != nil {
			return err
		}
	}
	if len(t.Values) == 0 {
		return &ParseError{File: tab.file, Line: 2, Err: errors.New("no data rows")}
	}
	return t.endBlock(tab, start, counts)
}

// addRow adds row i, of the given branch, to the diagram.
func (t *Tomahawk) addRow(tab *table, i int, branch string) error {
	v, err := tab.float(i, t.Param)
	if err != nil {
		return err
	}
	if !finite(v) {
		return tab.errorAt(i, 0, "column %s: %v: want a finite number", t.Param, v)
	}
	l, err := tab.float(i, "lambda")
	if err != nil {
		return err
	}
	if !(l >= 0 && l <= 1) {
		return tab.errorAt(i, 2, "column lambda: %v: want a share in [0, 1]", l)
	}
	stable, err := tab.bool(i, "stable")
	if err != nil {
		return err
	}
	n := len(t.Values) - 1
	if branch != "symmetric" && v != t.Values[n] {
		return tab.errorAt(i, 0, "value %v in the block of %v: each value's rows must be together", v, t.Values[n])
	}
	switch branch {
	case "symmetric":
		t.Values = append(t.Values, v)
		t.Symmetric = append(t.Symmetric, stable)
		t.Core = append(t.Core, false)
		t.Interior = append(t.Interior, nil)
		t.FromSymmetric, t.FromCore = append(t.FromSymmetric, math.NaN()), append(t.FromCore, math.NaN())
		t.SymmetricSettled, t.CoreSettled = append(t.SymmetricSettled, false), append(t.CoreSettled, false)
	case "core":
		t.Core[n] = stable
	case "interior":
		t.Interior[n] = append(t.Interior[n], Equilibrium{l, stable})
	case "trace_symmetric":
		t.FromSymmetric[n], t.SymmetricSettled[n] = l, stable
	case "trace_core":
		t.FromCore[n], t.CoreSettled[n] = l, stable
	}
	return nil
}

// endBlock checks that the value whose rows began at row start had every
// branch it must have.
func (t *Tomahawk) endBlock(tab *table, start int, counts map[string]int) error {
	if len(t.Values) == 0 {
		return nil
	}
	for _, b := range []string{"core", "trace_symmetric", "trace_core"} {
		if counts[b] != tomahawkBranches[b] {
			return tab.errorAt(start, 0, "value %v has %d %s rows, want %d", t.Values[len(t.Values)-1], counts[b], b, tomahawkBranches[b])
		}
	}
	return nil
}

// parsePoints fills Points from points.csv.
func (t *Tomahawk) parsePoints(tab *table) error {
	for i := range tab.rows {
		p := BifurcationPoint{Kind: tab.str(i, "kind"), ClosedForm: math.NaN()}
		if p.Kind != "break" && p.Kind != "sustain" {
			return tab.errorAt(i, tab.col["kind"], "kind %q: want break or sustain", p.Kind)
		}
		if param := tab.str(i, "param"); param != t.Param {
			return tab.errorAt(i, tab.col["param"], "param %q: the diagram's is %q", param, t.Param)
		}
		var err error
		if p.Value, err = tab.float(i, "value"); err != nil {
			return err
		}
		if !finite(p.Value) {
			return tab.errorAt(i, tab.col["value"], "column value: %v: want a finite number", p.Value)
		}
		if p.StableBelow, err = tab.bool(i, "stable_below"); err != nil {
			return err
		}
		if tab.str(i, "closed_form") != "" {
			if p.ClosedForm, err = tab.float(i, "closed_form"); err != nil {
				return err
			}
		}
		t.Points = append(t.Points, p)
	}
	return nil
}

// bool parses the field of row i in the named column: true or false.
func (t *table) bool(i int, name string) (bool, error) {
	switch s := t.str(i, name); s {
	case "true":
		return true, nil
	case "false":
		return false, nil
	default:
		return false, t.errorAt(i, t.col[name], "column %s: %q: want true or false", name, s)
	}
}

// hasFile reports whether dir holds a file named name.
func hasFile(dir, name string) bool {
	_, err := os.Stat(filepath.Join(dir, name))
	return err == nil
}

// paramLabels describe the parameters a tomahawk is most often traced
// over, for the x axis.
var paramLabels = map[string]string{
	"core_periphery.phi":        "freeness of trade φ",
	"core_periphery.trade_cost": "iceberg trade cost T",
	"core_periphery.mu":         "expenditure share on manufactures μ",
	"core_periphery.sigma":      "elasticity of substitution σ",
}

// axisLabel is the x label of a tomahawk of param.
func axisLabel(param string) string {
	if l, ok := paramLabels[param]; ok {
		return l + " (" + param + ")"
	}
	return param
}

// pointLabel names a break or sustain point in the legend.
func (p BifurcationPoint) label() string {
	s := fmt.Sprintf("%s point %.4g", p.Kind, p.Value)
	if finite(p.ClosedForm) {
		s += fmt.Sprintf(" (closed form %.4g)", p.ClosedForm)
	}
	return s
}
