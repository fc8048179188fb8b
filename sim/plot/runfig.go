package plot

import (
	"fmt"
	"image/color"
	"sort"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Options choose what RunFigures draws. The zero value draws every figure
// for the last year of the run.
type Options struct {
	// Year of the sector shares and the flow matrices; 0 means the last
	// year of the run.
	Year int
	// Factor of the flow matrix: talent, workers, capital or firms; ""
	// means one matrix for each of them.
	Factor string
}

// RunFigures returns the figures of a run: population by city,
// urbanisation with its stage bands, sector shares by city, the flow
// matrices and the metric panel. It fails if opt names a year the run does
// not have or an unknown factor.
func RunFigures(r *Run, opt Options) ([]*Figure, error) {
	if len(r.Years) == 0 {
		return nil, fmt.Errorf("plot: %s: the run has no year", r.Dir)
	}
	year := r.Years[len(r.Years)-1]
	if opt.Year != 0 {
		year = opt.Year
	}
	if _, err := r.YearIndex(year); err != nil {
		return nil, err
	}
	factors := Factors
	if opt.Factor != "" {
		if !isFactor(opt.Factor) {
			return nil, fmt.Errorf("plot: factor %q: want talent, workers, capital or firms", opt.Factor)
		}
		factors = []string{opt.Factor}
	}
	figs := []*Figure{PopulationFigure(r), UrbanisationFigure(r), SectorFigure(r, year)}
	for _, f := range factors {
		figs = append(figs, FlowFigure(r, year, f))
	}
	return append(figs, MetricFigure(r)), nil
}

// MaxCities is the most cities the population figure draws: with more,
// it draws the MaxCities largest in the last year, and its title says so.
const MaxCities = 30

// PopulationFigure plots the residents of each city over the years, in
// millions: of every city, or of the MaxCities largest.
func PopulationFigure(r *Run) *Figure {
	shown := r.largest(MaxCities)
	title := "Population by city" + r.titleSuffix()
	if len(shown) < len(r.Cities) {
		title = fmt.Sprintf("Population of the %d largest of %d cities%s", len(shown), len(r.Cities), r.titleSuffix())
	}
	return &Figure{Name: "population", Title: title, draw: func(dc draw.Canvas) {
		p := newPlot(title, "", "urban residents (million persons)")
		yearAxis(p)
		if len(shown) > 20 {
			p.Legend.Padding = 0
		}
		col := make([]float64, len(r.Years))
		for i, c := range shown {
			for y := range r.Years {
				col[y] = r.Population[y][c]
			}
			l := newLine(series(r.Years, col, 1e-6), lineStyle(i))
			p.Add(l)
			p.Legend.Add(r.Cities[c], l)
		}
		p.Add(plotter.NewGrid())
		p.Y.Min = 0
		sideLegend(p, dc, vg.Points(130))
	}}
}

// largest returns the indices of the n cities with the most residents in
// the last year (a missing value counts as none), in the run's order.
func (r *Run) largest(n int) []int {
	idx := make([]int, len(r.Cities))
	for c := range idx {
		idx[c] = c
	}
	if len(idx) <= n {
		return idx
	}
	last := r.Population[len(r.Years)-1]
	size := func(c int) float64 {
		if v := last[c]; v > 0 {
			return v
		}
		return 0
	}
	sort.SliceStable(idx, func(i, j int) bool { return size(idx[i]) > size(idx[j]) })
	idx = idx[:n]
	sort.Ints(idx)
	return idx
}

// Stage bands of urbanisation, in percent: model.StageOf's thresholds.
var stageBands = []struct {
	name   string
	lo, hi float64
	color  color.RGBA
}{
	{"initiation (< 30 %)", 0, 30, color.RGBA{0xfd, 0xe8, 0xc8, 0xff}},
	{"agglomeration (30–70 %)", 30, 70, color.RGBA{0xd8, 0xea, 0xd3, 0xff}},
	{"saturation (> 70 %)", 70, 100, color.RGBA{0xd4, 0xe2, 0xf2, 0xff}},
}

// UrbanisationFigure plots the urbanisation rate over the years over the
// three bands of the urbanisation stages.
func UrbanisationFigure(r *Run) *Figure {
	title := "Urbanisation and its stages" + r.titleSuffix()
	return &Figure{Name: "urbanisation", Title: title, draw: func(dc draw.Canvas) {
		p := newPlot(title, "", "urban share of population (%)")
		yearAxis(p)
		x0, x1 := float64(r.Years[0]), float64(r.Years[len(r.Years)-1])
		if x1 == x0 {
			x0, x1 = x0-0.5, x1+0.5
		}
		for _, b := range stageBands {
			poly, _ := plotter.NewPolygon(plotter.XYs{{X: x0, Y: b.lo}, {X: x1, Y: b.lo}, {X: x1, Y: b.hi}, {X: x0, Y: b.hi}})
			poly.Color = b.color
			poly.LineStyle.Width = 0
			p.Add(poly)
			p.Legend.Add(b.name, poly)
		}
		l := newLine(series(r.Years, r.Metric("urbanisation"), 100), draw.LineStyle{Color: color.Black, Width: vg.Points(2.5)})
		p.Add(l, plotter.NewGrid())
		p.Legend.Add("urbanisation", l)
		p.Y.Min, p.Y.Max = 0, 100
		p.X.Min, p.X.Max = x0, x1
		sideLegend(p, dc, vg.Points(190))
	}}
}

// titleSuffix names the run's scenario in titles: ": jing-jin-ji, seed 1".
func (r *Run) titleSuffix() string {
	if r.Manifest == nil || r.Manifest.Scenario == "" {
		return ""
	}
	return fmt.Sprintf(" — %s, seed %d", r.Manifest.Scenario, r.Manifest.Seed)
}
