package plot

import (
	"image/color"
	"math"
	"strconv"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Font sizes, in points, chosen to stay readable when a figure of Width is
// shrunk to the width of a journal column.
const (
	titleSize  = 16
	labelSize  = 13
	tickSize   = 11
	legendSize = 11
)

// sans is the typeface of every text: Liberation Sans, which gonum/plot
// ships, so PNGs look the same on every machine.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// newPlot returns a plot with a title, axis labels and the fonts of this
// package.
func newPlot(title, xlabel, ylabel string) *gplot.Plot {
	p := gplot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, titleSize)
	p.Title.Padding = vg.Points(8)
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, labelSize)
		a.Tick.Label.Font = font.From(sans, tickSize)
	}
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.Legend.TextStyle.Font = font.From(sans, legendSize)
	p.Legend.Padding = vg.Points(3)
	return p
}

// yearAxis labels p's x axis with calendar years: whole numbers without a
// thousands separator or exponent.
func yearAxis(p *gplot.Plot) {
	p.X.Label.Text = "year"
	p.X.Tick.Marker = yearTicks{}
}

// yearTicks puts major ticks on round years.
type yearTicks struct{}

// Ticks returns at most 9 ticks, every 1, 2 or 5 times a power of ten
// years.
func (yearTicks) Ticks(lo, hi float64) []gplot.Tick {
	step := 1.0
	for (hi-lo)/step > 8 {
		switch d := step / math.Pow(10, math.Floor(math.Log10(step)+1e-9)); {
		case d < 1.5:
			step *= 2
		case d < 3:
			step *= 2.5
		default:
			step *= 2
		}
	}
	var ticks []gplot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi+1e-9; v += step {
		ticks = append(ticks, gplot.Tick{Value: v, Label: strconv.Itoa(int(math.Round(v)))})
	}
	return ticks
}

// white is the background of every figure.
var white = color.White

// seriesColors holds distinct colours for series: up to len(seriesColors) series get
// their own colour, later ones reuse them with dashes (see lineStyle).
var seriesColors = []color.RGBA{
	{0x1f, 0x77, 0xb4, 0xff}, {0xff, 0x7f, 0x0e, 0xff}, {0x2c, 0xa0, 0x2c, 0xff},
	{0xd6, 0x27, 0x28, 0xff}, {0x94, 0x67, 0xbd, 0xff}, {0x8c, 0x56, 0x4b, 0xff},
	{0xe3, 0x77, 0xc2, 0xff}, {0x7f, 0x7f, 0x7f, 0xff}, {0xbc, 0xbd, 0x22, 0xff},
	{0x17, 0xbe, 0xcf, 0xff},
}

// colorOf returns the colour of series i.
func colorOf(i int) color.RGBA { return seriesColors[i%len(seriesColors)] }

// lineStyle returns the style of series i: its colour, solid for the first
// len(seriesColors) series, then dashed, then dotted.
func lineStyle(i int) draw.LineStyle {
	dashes := [][]vg.Length{nil, {vg.Points(6), vg.Points(3)}, {vg.Points(2), vg.Points(2)}}
	return draw.LineStyle{Color: colorOf(i), Width: vg.Points(2), Dashes: dashes[(i/len(seriesColors))%len(dashes)]}
}

// series returns the points (x[i], y[i]) with a finite y, for a line that
// skips missing values.
func series(x []int, y []float64, scale float64) plotter.XYs {
	pts := make(plotter.XYs, 0, len(y))
	for i, v := range y {
		if finite(v) {
			pts = append(pts, plotter.XY{X: float64(x[i]), Y: v * scale})
		}
	}
	return pts
}

// newLine returns a line through pts in style sty. pts must be finite.
func newLine(pts plotter.XYs, sty draw.LineStyle) line {
	return line{&plotter.Line{XYs: pts, LineStyle: sty}}
}

// line is a plotter.Line that also marks its points when they are too few
// (fewer than 3) to show as a line: a run of one year still shows.
type line struct{ *plotter.Line }

// Plot draws the line, and its points when there are fewer than 3.
func (l line) Plot(c draw.Canvas, p *gplot.Plot) {
	l.Line.Plot(c, p)
	if len(l.XYs) >= 3 {
		return
	}
	trX, trY := p.Transforms(&c)
	sty := draw.GlyphStyle{Color: l.Color, Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}
	for _, pt := range l.XYs {
		c.DrawGlyph(sty, vg.Point{X: trX(pt.X), Y: trY(pt.Y)})
	}
}

// sideLegend draws p into dc with its legend in a column at the right, of
// the given width, so that many entries do not hide the data.
func sideLegend(p *gplot.Plot, dc draw.Canvas, width vg.Length) {
	leg := p.Legend
	p.Legend = gplot.NewLegend()
	plotArea := dc
	plotArea.Max.X -= width
	p.Draw(plotArea)
	p.Legend = leg
	legArea := dc
	legArea.Min.X = plotArea.Max.X + vg.Points(6)
	legArea.Max.Y -= vg.Points(titleSize + 12)
	leg.Top, leg.Left = true, true
	leg.Draw(legArea)
}

// note writes a centred line of text in dc, for a figure without data.
func note(dc draw.Canvas, msg string) {
	sty := newPlot("", "", "").Title.TextStyle
	sty.Font = font.From(sans, labelSize)
	sty.YAlign = draw.YCenter
	dc.FillText(sty, dc.Center(), msg)
}

// rotateX slants p's x tick labels so that long names do not overlap, in
// a smaller font when there are more than 16 of them.
func rotateX(p *gplot.Plot, names int) {
	p.X.Tick.Label.Rotation = math.Pi / 4
	p.X.Tick.Label.XAlign = draw.XRight
	p.X.Tick.Label.YAlign = draw.YCenter
	if names > 16 {
		p.X.Tick.Label.Font.Size = vg.Points(tickSize - 2)
		p.Y.Tick.Label.Font.Size = vg.Points(tickSize - 2)
	}
}

// short formats a positive amount with 2 or 3 significant digits and a
// k, M or G suffix: 950, 1.2k, 35k, 2.1M.
func short(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1e9:
		return trimG(v/1e9) + "G"
	case a >= 1e6:
		return trimG(v/1e6) + "M"
	case a >= 1e3:
		return trimG(v/1e3) + "k"
	}
	return trimG(v)
}

func trimG(v float64) string {
	if math.Abs(v) >= 100 {
		return strconv.FormatFloat(math.Round(v), 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', 2, 64)
}
