package plot

import (
	"fmt"
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// SectorFigure plots each city's output shares by sector in year as
// stacked bars. For a year the run does not have, the figure says so.
func SectorFigure(r *Run, year int) *Figure {
	title := fmt.Sprintf("Sector shares of output by city, %d%s", year, r.titleSuffix())
	return &Figure{Name: fmt.Sprintf("sectors-%d", year), Title: title, draw: func(dc draw.Canvas) {
		y, err := r.YearIndex(year)
		if err != nil {
			note(dc, err.Error())
			return
		}
		shares := sectorShares(r.Output[y])
		p := newPlot(title, "", "share of the city's output (%)")
		legendW := vg.Points(110)
		width := (dc.Max.X - dc.Min.X - legendW - vg.Points(80)) / vg.Length(max(len(r.Cities), 1)) * 0.75
		var below *plotter.BarChart
		bars := make([]*plotter.BarChart, len(r.Sectors))
		for s := range r.Sectors {
			vals := make(plotter.Values, len(r.Cities))
			for c := range r.Cities {
				vals[c] = 100 * shares[c][s]
			}
			b, err := plotter.NewBarChart(vals, width)
			if err != nil {
				panic(err) // shares are finite
			}
			b.Color = colorOf(s)
			b.LineStyle.Width = vg.Points(0.5)
			b.LineStyle.Color = white
			if below != nil {
				b.StackOn(below)
			}
			below, bars[s] = b, b
			p.Add(b)
		}
		for s := len(r.Sectors) - 1; s >= 0; s-- { // legend top-down as the stack
			p.Legend.Add(r.Sectors[s], bars[s])
		}
		p.NominalX(r.Cities...)
		rotateX(p, len(r.Cities))
		p.Y.Min, p.Y.Max = 0, 100
		p.X.Label.Text = "city"
		sideLegend(p, dc, legendW)
	}}
}

// sectorShares returns each city's output share of each sector, counting
// only positive outputs; a city without output, or with a missing (NaN)
// one, has all shares 0.
func sectorShares(out [][]float64) [][]float64 {
	shares := make([][]float64, len(out))
	for c, v := range out {
		shares[c] = make([]float64, len(v))
		var sum float64
		for _, x := range v {
			if x > 0 || math.IsNaN(x) {
				sum += x
			}
		}
		if !(sum > 0) || math.IsInf(sum, 0) { // no output, a missing value or an overflow
			continue
		}
		for s, x := range v {
			if x > 0 {
				shares[c][s] = x / sum
			}
		}
	}
	return shares
}
