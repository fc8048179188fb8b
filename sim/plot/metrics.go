package plot

import (
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// panel is one plot of a panel figure: its title, y label and series,
// each a metrics.csv column drawn with a legend name, scaled by scale.
type panel struct {
	title, ylabel string
	scale         float64
	series        []panelSeries
	empty         string // what to say when no series has a finite value
}

type panelSeries struct{ column, name string }

// metricPanels are the plots of the metric panel.
var metricPanels = []panel{
	{title: "Economic cliff", ylabel: "output per head, core / hinterland (ratio)", scale: 1,
		series: []panelSeries{{"cliff", "cliff ratio"}}},
	{title: "Inequality across cities", ylabel: "Theil T of output per capita", scale: 1,
		series: []panelSeries{{"theil", "Theil T"}, {"theil_within", "within regions"}, {"theil_between", "between regions"}}},
	{title: "Specialisation", ylabel: "Krugman dissimilarity (0–2)", scale: 1,
		series: []panelSeries{{"specialisation", "core pairs"}, {"specialisation_all", "all pairs"}}},
	{title: "Synergy gain (1 + 1 > 2)", ylabel: "output over isolated cities − 1 (%)", scale: 100,
		series: []panelSeries{{"synergy_gain", "total"}, {"synergy_links", "links only"}, {"synergy_per_capita", "per capita"}},
		empty:  "not computed: run with --synergy"},
}

// MetricFigure draws the metric panel of a run: the economic-cliff ratio,
// the Theil index with its within- and between-region parts,
// specialisation, and the synergy gain (or a note when the run did not
// compute it).
func MetricFigure(r *Run) *Figure {
	title := "Cluster metrics" + r.titleSuffix()
	return &Figure{Name: "metrics", Title: title, Height: 8 * vg.Inch, draw: func(dc draw.Canvas) {
		plots := make([]*gplot.Plot, len(metricPanels))
		notes := make([]string, len(metricPanels))
		for i, pn := range metricPanels {
			plots[i], notes[i] = pn.plot(r.Years, r.Metric)
		}
		drawPanels(dc, title, plots, notes, 2)
	}}
}

// plot returns the panel's plot over years, with the series that column
// returns, and a note to draw over it when none has a finite value.
func (pn panel) plot(years []int, column func(string) []float64) (*gplot.Plot, string) {
	p := newPlot(pn.title, "", pn.ylabel)
	p.Title.TextStyle.Font = font.From(sans, labelSize+1)
	yearAxis(p)
	p.Add(plotter.NewGrid())
	drawn := 0
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, s := range pn.series {
		pts := series(years, column(s.column), pn.scale)
		if len(pts) == 0 {
			continue
		}
		for _, pt := range pts {
			lo, hi = math.Min(lo, pt.Y), math.Max(hi, pt.Y)
		}
		l := newLine(pts, lineStyle(i))
		p.Add(l)
		if len(pn.series) > 1 {
			p.Legend.Add(s.name, l)
		}
		drawn++
	}
	if drawn > 0 {
		legendRoom(p, lo, hi, len(pn.series))
		return p, ""
	}
	p.X.Min, p.X.Max = float64(years[0]), float64(years[len(years)-1])
	p.Y.Min, p.Y.Max = 0, 1
	msg := pn.empty
	if msg == "" {
		msg = "no finite values"
	}
	return p, msg
}

// legendRoom puts p's legend at the top left and extends the y axis above
// the data by a band for it, so the legend does not hide the lines.
func legendRoom(p *gplot.Plot, lo, hi float64, entries int) {
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs = vg.Points(6)
	if entries < 2 {
		return
	}
	span := hi - lo
	if span == 0 {
		span = math.Max(math.Abs(hi), 1)
	}
	p.Y.Min = lo - 0.05*span
	p.Y.Max = hi + span*(0.12+0.11*float64(entries))
}

// drawPanels draws a figure title at the top of dc and the plots below it
// in cols columns, each with its note (if any) centred over it.
func drawPanels(dc draw.Canvas, title string, plots []*gplot.Plot, notes []string, cols int) {
	sty := newPlot("", "", "").Title.TextStyle
	sty.Font = font.From(sans, titleSize)
	top := vg.Points(titleSize + 14)
	dc.FillText(sty, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: dc.Max.Y - vg.Points(6)}, title)
	area := dc
	area.Max.Y -= top
	rows := (len(plots) + cols - 1) / cols
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Points(24), PadY: vg.Points(18), PadLeft: vg.Points(4), PadRight: vg.Points(8), PadBottom: vg.Points(4)}
	for i, p := range plots {
		c := tiles.At(area, i%cols, i/cols)
		p.Draw(c)
		if notes[i] != "" {
			note(p.DataCanvas(c), notes[i])
		}
	}
}
