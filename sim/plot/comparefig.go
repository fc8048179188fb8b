package plot

import (
	"fmt"
	"image/color"
	"path/filepath"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// compareMetric is one plot of the compare figure: a metric, its title, the
// unit of its difference (the y label: short, to fit a tile's height) and a
// scale (100 turns shares into percentage
// points).
type compareMetric struct {
	column, title, unit string
	scale               float64
}

// compareMetrics are the metrics of the compare figure, in order; those
// the file lacks or holds only NaN for are left out.
var compareMetrics = []compareMetric{
	{"urbanisation", "Urbanisation", "percentage points", 100},
	{"output_per_capita", "Output per capita", "currency/yr/person", 1},
	{"cliff", "Economic cliff", "ratio", 1},
	{"theil", "Theil index", "Theil T", 1},
	{"specialisation", "Specialisation (cores)", "Krugman index", 1},
	{"core_population_share", "Core population share", "percentage points", 100},
	{"spillover", "Spillover to the hinterland", "percentage points", 100},
	{"synergy_gain", "Synergy gain", "percentage points", 100},
}

// Colours of the compare figure.
var (
	diffColor = color.RGBA{0x1f, 0x77, 0xb4, 0xff}
	bandColor = color.RGBA{0xa6, 0xc8, 0xe6, 0xff}
	zeroColor = color.RGBA{0x60, 0x60, 0x60, 0xff}
)

// CompareFigures returns the figures of a compare CSV: the mean difference
// variant − base of the key metrics over the years, each with its 95 %
// confidence band.
func CompareFigures(c *Compare) []*Figure {
	title := "Variant − base, with 95 % confidence bands: " + filepath.Base(c.File)
	if n := c.reps(); n == 1 {
		title += " (1 replication)"
	} else if n > 1 {
		title += fmt.Sprintf(" (%d paired replications)", n)
	}
	return []*Figure{{Name: "compare", Title: title, Height: 10 * vg.Inch, draw: func(dc draw.Canvas) {
		var plots []*gplot.Plot
		for _, m := range compareMetrics {
			if p := c.diffPlot(m); p != nil {
				plots = append(plots, p)
			}
		}
		if len(plots) == 0 {
			note(dc, "no metric of the figure has a finite difference")
			return
		}
		drawPanels(dc, title, plots, make([]string, len(plots)), 2)
	}}}
}

// diffPlot plots the mean difference of m over the years with its
// confidence band where it is finite, and a line at 0; nil when m has no
// finite difference.
func (c *Compare) diffPlot(m compareMetric) *gplot.Plot {
	years, diffs := c.Series(m.column)
	var mean, low, high plotter.XYs
	for i, d := range diffs {
		x := float64(years[i])
		if !finite(d.Mean) {
			continue
		}
		mean = append(mean, plotter.XY{X: x, Y: d.Mean * m.scale})
		if finite(d.Low) && finite(d.High) {
			low = append(low, plotter.XY{X: x, Y: d.Low * m.scale})
			high = append(high, plotter.XY{X: x, Y: d.High * m.scale})
		}
	}
	if len(mean) == 0 {
		return nil
	}
	p := newPlot(m.title, "", m.unit)
	p.Title.TextStyle.Font = font.From(sans, labelSize+1)
	yearAxis(p)
	p.Add(plotter.NewGrid())
	if len(low) > 0 {
		band := append(append(plotter.XYs(nil), low...), reversed(high)...)
		poly, err := plotter.NewPolygon(band)
		if err == nil {
			poly.Color = bandColor
			poly.LineStyle.Width = 0
			p.Add(poly)
			p.Legend.Add("95 % CI", poly)
		}
	}
	x0, x1 := mean[0].X, mean[len(mean)-1].X
	zero := &plotter.Line{XYs: plotter.XYs{{X: x0, Y: 0}, {X: x1, Y: 0}},
		LineStyle: draw.LineStyle{Color: zeroColor, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}}
	l := newLine(mean, draw.LineStyle{Color: diffColor, Width: vg.Points(2)})
	p.Add(zero, l)
	p.Legend.Add("mean difference", l)
	lo, hi := 0.0, 0.0
	for _, set := range []plotter.XYs{mean, low, high} {
		for _, pt := range set {
			lo, hi = min(lo, pt.Y), max(hi, pt.Y)
		}
	}
	legendRoom(p, lo, hi, 2)
	return p
}

// reps returns the replications of the first row, 0 if none is valid.
func (c *Compare) reps() int {
	for _, row := range c.Diffs {
		for _, d := range row {
			if d.Valid {
				return d.Reps
			}
		}
	}
	return 0
}

// reversed returns a reversed copy of pts.
func reversed(pts plotter.XYs) plotter.XYs {
	out := make(plotter.XYs, len(pts))
	for i, pt := range pts {
		out[len(pts)-1-i] = pt
	}
	return out
}
