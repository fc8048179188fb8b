package plot

import (
	"fmt"
	"image/color"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/brewer"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// flowUnit returns the unit of the amounts of factor.
func (r *Run) flowUnit(factor string) string {
	switch factor {
	case "talent", "workers":
		return "persons"
	case "capital":
		return r.Currency
	}
	return factor
}

// FlowMatrix is the flows of one factor in one year: Amount[o][d] from
// Names[o] to Names[d], 0 where flows.csv has no row.
type FlowMatrix struct {
	Names  []string // the cities in order, then rural:<region> names as they appear
	Amount [][]float64
	Total  float64
}

// Matrix returns the flow matrix of factor in year.
func (r *Run) Matrix(year int, factor string) *FlowMatrix {
	m := &FlowMatrix{Names: append([]string(nil), r.Cities...)}
	at := make(map[string]int, len(r.Cities))
	for i, c := range r.Cities {
		at[c] = i
	}
	index := func(name string) int {
		i, ok := at[name]
		if !ok {
			i = len(m.Names)
			at[name] = i
			m.Names = append(m.Names, name)
		}
		return i
	}
	type cell struct {
		o, d int
		v    float64
	}
	var cells []cell
	for _, f := range r.Flows {
		if f.Year == year && f.Factor == factor && finite(f.Amount) {
			cells = append(cells, cell{index(f.Origin), index(f.Destination), f.Amount})
		}
	}
	n := len(m.Names)
	m.Amount = make([][]float64, n)
	for o := range m.Amount {
		m.Amount[o] = make([]float64, n)
	}
	for _, c := range cells {
		m.Amount[c.o][c.d] += c.v
		m.Total += c.v
	}
	return m
}

// flowGrid shows a FlowMatrix as a heat map: column d is destination d,
// row r is origin n−1−r (the first origin at the top), and the value is
// log10 of the amount, NaN where nothing flowed.
type flowGrid struct{ m *FlowMatrix }

func (g flowGrid) Dims() (c, r int) { return len(g.m.Names), len(g.m.Names) }
func (g flowGrid) X(c int) float64  { return float64(c) }
func (g flowGrid) Y(r int) float64  { return float64(r) }
func (g flowGrid) Z(c, r int) float64 {
	v := g.m.Amount[len(g.m.Names)-1-r][c]
	if !(v > 0) {
		return math.NaN()
	}
	return math.Log10(v)
}

// noFlow is the colour of cells where nothing flowed.
var noFlow = color.RGBA{0xf2, 0xf2, 0xf2, 0xff}

// FlowFigure draws the flow matrix of factor in year as a heat map with a
// logarithmic colour scale: origins down, destinations across.
func FlowFigure(r *Run, year int, factor string) *Figure {
	title := fmt.Sprintf("Flows of %s, %d%s", factor, year, r.titleSuffix())
	return &Figure{Name: fmt.Sprintf("flows-%s-%d", factor, year), Title: title, Height: 8 * vg.Inch, draw: func(dc draw.Canvas) {
		m := r.Matrix(year, factor)
		p := newPlot(title, "destination", "origin")
		if m.Total == 0 {
			p.HideAxes()
			p.Draw(dc)
			msg := fmt.Sprintf("no flows of %s in %d", factor, year)
			if year == r.Years[0] {
				msg += " (the start year holds the initial state)"
			}
			note(dc, msg)
			return
		}
		pal, lo, hi := flowPalette(m)
		h := plotter.NewHeatMap(flowGrid{m}, pal)
		h.Min, h.Max, h.NaN = lo, hi, noFlow
		p.Add(h)
		p.NominalX(m.Names...)
		names := make([]string, len(m.Names))
		for i, n := range m.Names {
			names[len(names)-1-i] = n
		}
		p.NominalY(names...)
		rotateX(p, len(m.Names))
		p.X.Padding, p.Y.Padding = 0, 0
		p.Legend.Add(fmt.Sprintf("amount (%s/yr)", r.flowUnit(factor)))
		thumbs := plotter.PaletteThumbnailers(pal)
		step := (hi - lo) / float64(len(thumbs)-1)
		for i := len(thumbs) - 1; i >= 0; i-- {
			p.Legend.Add("≈ "+short(math.Pow(10, lo+float64(i)*step)), thumbs[i])
		}
		p.Legend.Add("no flow", swatch(noFlow))
		p.Legend.Add("total " + short(m.Total))
		sideLegend(p, dc, vg.Points(150))
	}}
}

// flowPalette returns a sequential palette and the range of log10 amounts
// it spans: whole decades around the matrix's nonzero amounts.
func flowPalette(m *FlowMatrix) (palette.Palette, float64, float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, row := range m.Amount {
		for _, v := range row {
			if v > 0 {
				lo, hi = math.Min(lo, math.Log10(v)), math.Max(hi, math.Log10(v))
			}
		}
	}
	lo, hi = math.Floor(lo), math.Ceil(hi)
	if hi <= lo {
		hi = lo + 1
	}
	pal, err := brewer.GetPalette(brewer.TypeSequential, "YlOrRd", 9)
	if err != nil {
		panic(err) // YlOrRd has 9 classes
	}
	return pal, lo, hi
}

// swatch is a legend thumbnail filled with one colour.
type swatch color.RGBA

func (s swatch) Thumbnail(c *draw.Canvas) {
	pts := []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Min.X, Y: c.Max.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Max.X, Y: c.Min.Y}}
	c.FillPolygon(color.RGBA(s), c.ClipPolygonY(pts))
}

var _ gplot.Thumbnailer = swatch{}
