package plot

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Report writes one self-contained HTML page for the input: a heading that
// names the run, the summary table (a run's metrics in its first and last
// year; a comparison's differences in its last year), every figure inlined
// as SVG, and the scenario. The page loads nothing else.
func Report(w io.Writer, in *Input, figs []*Figure) error {
	page := reportPage{Title: "factorflow report: " + in.Path}
	for _, f := range figs {
		b, err := f.Render("svg")
		if err != nil {
			return err
		}
		page.Figures = append(page.Figures, reportFigure{Name: f.Name, Title: f.Title, SVG: template.HTML(inlineSVG(b))})
	}
	if r := in.Run; r != nil {
		page.About = r.about()
		page.Head, page.Rows = r.summary()
		page.Scenario = string(r.Scenario)
	} else if t := in.Tomahawk; t != nil {
		page.About = fmt.Sprintf("Bifurcation diagram %s: %s over %d values.", t.Dir, t.Param, len(t.Values))
		page.Head, page.Rows = t.summary()
	} else if c := in.Calibration; c != nil {
		page.About = fmt.Sprintf("Calibration %s: method %s, %d points evaluated.", c.Dir, c.Method, c.Evaluations)
		page.Head, page.Rows = c.summary()
	} else {
		c := in.Compare
		page.About = fmt.Sprintf("Comparison %s: %d metrics, %d–%d.", c.File, len(c.Metrics), c.Years[0], c.Years[len(c.Years)-1])
		page.Head, page.Rows = c.summary()
	}
	var buf bytes.Buffer
	if err := reportTemplate.Execute(&buf, page); err != nil {
		return fmt.Errorf("plot: report: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// WriteReport writes Report to path atomically.
func WriteReport(path string, in *Input, figs []*Figure) error {
	var buf bytes.Buffer
	if err := Report(&buf, in, figs); err != nil {
		return err
	}
	return WriteFile(path, buf.Bytes())
}

type reportPage struct {
	Title, About string
	Head         []string
	Rows         [][]string
	Figures      []reportFigure
	Scenario     string
}

type reportFigure struct {
	Name  string
	Title string
	SVG   template.HTML
}

// svgStart matches what precedes the attributes of the root element of an
// SVG file of vgsvg, and its fixed size.
var (
	svgProlog = regexp.MustCompile(`(?s)^.*?<svg `)
	svgSize   = regexp.MustCompile(`^width="[^"]*" height="[^"]*"`)
)

// inlineSVG turns an SVG file into an element for an HTML page: without
// the XML prolog, and as wide as the page allows.
func inlineSVG(b []byte) string {
	s := svgProlog.ReplaceAllString(string(b), "")
	s = svgSize.ReplaceAllString(s, `width="100%" role="img"`)
	return "<svg " + s
}

// about describes the run in one sentence.
func (r *Run) about() string {
	first, last := r.Years[0], r.Years[len(r.Years)-1]
	s := fmt.Sprintf("Run directory %s: %d cities, %d–%d.", r.Dir, len(r.Cities), first, last)
	if m := r.Manifest; m != nil {
		s += fmt.Sprintf(" Scenario %s, seed %d, %s mode, status %s", m.Scenario, m.Seed, m.Mode, m.Status)
		if m.Error != "" {
			s += ": " + m.Error
		}
		s += fmt.Sprintf("; factorflow %s.", m.Factorflow)
	}
	return s
}

// summary is the table of every metric in the first and last year, and
// the change between them.
func (r *Run) summary() ([]string, [][]string) {
	first, last := 0, len(r.Years)-1
	head := []string{"metric", strconv.Itoa(r.Years[first]), strconv.Itoa(r.Years[last]), "change"}
	rows := [][]string{{"stage", r.Stage[first], r.Stage[last], ""}}
	for m, name := range r.Metrics {
		a, b := r.Values[first][m], r.Values[last][m]
		rows = append(rows, []string{name, num(a), num(b), change(a, b)})
	}
	return head, rows
}

// summary is the table of the differences in the last year.
func (c *Compare) summary() ([]string, [][]string) {
	y := len(c.Years) - 1
	head := []string{"metric (" + strconv.Itoa(c.Years[y]) + ")", "base", "variant", "difference", "95 % CI", "change"}
	var rows [][]string
	for m, name := range c.Metrics {
		d := c.Diffs[y][m]
		if !d.Valid {
			continue
		}
		ci := "n/a"
		if finite(d.Low) && finite(d.High) {
			ci = "[" + num(d.Low) + ", " + num(d.High) + "]"
		}
		rel := "n/a"
		if finite(d.Rel) {
			rel = strconv.FormatFloat(100*d.Rel, 'f', 2, 64) + " %"
		}
		rows = append(rows, []string{name, num(d.Base), num(d.Variant), num(d.Mean), ci, rel})
	}
	return head, rows
}

// num formats v for the summary table: a whole number with thousands
// separators from 10,000 up to 10¹⁵ in magnitude, else 4 significant
// digits; NaN is "n/a".
func num(v float64) string {
	switch a := math.Abs(v); {
	case math.IsNaN(v):
		return "n/a"
	case a >= 1e4 && a < 1e15:
		return grouped(int64(math.Round(v)))
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// grouped writes n with a comma every three digits.
func grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return sign + b.String()
}

// change is the relative change from a to b, as a percentage.
func change(a, b float64) string {
	if a == 0 || !finite(a) || !finite(b) {
		return ""
	}
	return strings.Replace(fmt.Sprintf("%+.1f %%", 100*(b-a)/math.Abs(a)), "-", "−", 1)
}

var reportTemplate = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; max-width: 1000px; margin: 2em auto; padding: 0 1em; color: #222; }
table { border-collapse: collapse; font-size: 14px; }
th, td { padding: 2px 10px; border-bottom: 1px solid #ddd; }
td:not(:first-child), th:not(:first-child) { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 2em 0; }
pre { background: #f6f6f6; padding: 1em; overflow-x: auto; font-size: 13px; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p>{{.About}}</p>
<h2>Summary</h2>
<table>
<thead><tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
<h2>Figures</h2>
{{range .Figures}}<figure id="{{.Name}}" title="{{.Title}}">
{{.SVG}}
</figure>
{{end}}{{if .Scenario}}<h2>Scenario</h2>
<pre>{{.Scenario}}</pre>
{{end}}</body>
</html>
`))

// summary is the table of the break and sustain points.
func (t *Tomahawk) summary() ([]string, [][]string) {
	head := []string{"point", t.Param, "closed form", "stable"}
	var rows [][]string
	for _, p := range t.Points {
		cf, side := "", "above"
		if finite(p.ClosedForm) {
			cf = strconv.FormatFloat(p.ClosedForm, 'g', 7, 64)
		}
		if p.StableBelow {
			side = "below"
		}
		rows = append(rows, []string{p.Kind, strconv.FormatFloat(p.Value, 'g', 7, 64), cf, side})
	}
	return head, rows
}

// summary is the table of the best point's losses and, for ABC, the
// posterior intervals.
func (c *Calibration) summary() ([]string, [][]string) {
	g := func(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }
	head := []string{"", "value", "mean", "median", "interval"}
	rows := [][]string{{"loss on the fit targets", g(c.Fit), "", "", ""}}
	if c.Holdouts > 0 {
		rows = append(rows, []string{fmt.Sprintf("loss on the %d holdout targets", c.Holdouts), g(c.Holdout), "", "", ""})
	}
	for _, iv := range c.Intervals {
		rows = append(rows, []string{iv.Param, "", g(iv.Mean), g(iv.Median),
			fmt.Sprintf("%s %%: [%s, %s]", g(100*iv.Level), g(iv.Lower), g(iv.Upper))})
	}
	return head, rows
}
