package plot

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// CalibrationFigures returns the figures of a calibration: the observed
// against the simulated targets (when fit.csv is there), the convergence
// trace, and the posterior marginals (ABC) or the profile (profile).
func CalibrationFigures(c *Calibration) []*Figure {
	var figs []*Figure
	if c.Targets != nil {
		figs = append(figs, FitFigure(c))
	}
	figs = append(figs, ConvergenceFigure(c))
	if c.Posterior != nil {
		figs = append(figs, PosteriorFigure(c))
	}
	if c.Profile != nil {
		figs = append(figs, ProfileFigure(c))
	}
	return figs
}

// Colours of the calibration figures.
var (
	identityColor = color.RGBA{0x60, 0x60, 0x60, 0xff}
	histColor     = color.RGBA{0xa6, 0xc8, 0xe6, 0xff}
)

// FitFigure plots each target's simulated value (at the best point)
// against its observed value on log–log axes with the 1:1 line: one
// colour per variable, filled circles for the fit targets and open
// triangles for the held-back ones. Targets with a value that is not
// positive cannot be drawn on log axes; the title counts them.
func FitFigure(c *Calibration) *Figure {
	title := "Observed and simulated targets at the best fit"
	var vars []string
	pts := map[string]map[bool]plotter.XYs{}
	lo, hi, hidden := math.Inf(1), math.Inf(-1), 0
	for _, t := range c.Targets {
		if !(t.Observed > 0 && t.Simulated > 0) || math.IsInf(t.Observed, 0) || math.IsInf(t.Simulated, 0) {
			hidden++
			continue
		}
		if pts[t.Variable] == nil {
			pts[t.Variable] = map[bool]plotter.XYs{}
			vars = append(vars, t.Variable)
		}
		pts[t.Variable][t.Holdout] = append(pts[t.Variable][t.Holdout], plotter.XY{X: math.Log10(t.Observed), Y: math.Log10(t.Simulated)})
		lo, hi = min(lo, t.Observed, t.Simulated), max(hi, t.Observed, t.Simulated)
	}
	if hidden > 0 {
		title += fmt.Sprintf(" (%d not positive, not shown)", hidden)
	}
	return &Figure{Name: "fit", Title: title, draw: func(dc draw.Canvas) {
		dc = titled(dc, title)
		if len(vars) == 0 {
			note(dc, "no target with positive observed and simulated values")
			return
		}
		p := newPlot("", "observed (log scale)", "simulated, mean of the runs (log scale)")
		logAxis(&p.X, lo, hi)
		logAxis(&p.Y, lo, hi)
		lo, hi := p.X.Min, p.X.Max
		p.Add(plotter.NewGrid())
		one := &plotter.Line{XYs: plotter.XYs{{X: lo, Y: lo}, {X: hi, Y: hi}},
			LineStyle: draw.LineStyle{Color: identityColor, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}}
		p.Add(one)
		p.Legend.Add("1:1 (a perfect fit)", one)
		for i, v := range vars {
			for _, holdout := range []bool{false, true} {
				xy := pts[v][holdout]
				if len(xy) == 0 {
					continue
				}
				s, err := plotter.NewScatter(xy)
				if err != nil {
					continue
				}
				s.GlyphStyle = draw.GlyphStyle{Color: colorOf(i), Radius: vg.Points(4), Shape: draw.CircleGlyph{}}
				role := fmt.Sprintf("fit: %s (%d)", v, len(xy))
				if holdout {
					s.GlyphStyle = draw.GlyphStyle{Color: colorOf(i), Radius: vg.Points(5), Shape: draw.TriangleGlyph{}}
					role = fmt.Sprintf("holdout: %s (%d)", v, len(xy))
				}
				p.Add(s)
				p.Legend.Add(role, s)
			}
		}
		sideLegend(p, dc, vg.Points(200))
		c.lossNote(dc)
	}}
}

// lossNote writes the losses of the best point under the legend of a
// figure drawn with sideLegend.
func (c *Calibration) lossNote(dc draw.Canvas) {
	lines := []string{}
	obj := c.Objective
	if obj == "" {
		obj = "loss"
	}
	if finite(c.Fit) {
		lines = append(lines, fmt.Sprintf("%s, fit targets: %.4g", obj, c.Fit))
	}
	if c.Holdouts > 0 && finite(c.Holdout) {
		lines = append(lines, fmt.Sprintf("%s, %d holdout: %.4g", obj, c.Holdouts, c.Holdout))
	}
	sty := newPlot("", "", "").Legend.TextStyle
	sty.XAlign = draw.XLeft
	for i, l := range lines {
		dc.FillText(sty, vg.Point{X: dc.Max.X - vg.Points(194), Y: dc.Min.Y + vg.Points(60-16*float64(i))}, l)
	}
}

// logAxis makes a a log axis over [lo, hi] (> 0), widened to whole
// powers of ten: the data drawn on it must be log10 of the values.
// (gonum/plot's LogScale misplaces a centred axis label, and pads the
// plot for it.)
func logAxis(a *gplot.Axis, lo, hi float64) {
	l, h := math.Floor(math.Log10(lo)), math.Ceil(math.Log10(hi))
	if h == l {
		h++
	}
	a.Min, a.Max = l, h
	a.Tick.Marker = expTicks{}
}

// expTicks are the ticks of a log axis drawn in log10 units: labelled at
// the powers of ten, unlabelled at their multiples 2–9; with more than 8
// decades it labels every second, fifth or tenth power and leaves out the
// multiples.
type expTicks struct{}

// Ticks returns the ticks between the exponents lo and hi.
func (expTicks) Ticks(lo, hi float64) []gplot.Tick {
	if !(hi >= lo) || math.IsInf(hi-lo, 0) || hi-lo > 1000 {
		return nil
	}
	first, last := int(math.Floor(lo)), int(math.Ceil(hi))
	every := 1
	switch n := last - first; {
	case n > 40:
		every = 10
	case n > 16:
		every = 5
	case n > 8:
		every = 2
	}
	var ticks []gplot.Tick
	for k := first; k <= last; k++ {
		for m := 1; m <= 9; m++ {
			v := float64(k) + math.Log10(float64(m))
			if v < lo-1e-9 || v > hi+1e-9 || m > 1 && every > 1 {
				continue
			}
			t := gplot.Tick{Value: v}
			if m == 1 && k%every == 0 {
				pow, _ := strconv.ParseFloat("1e"+strconv.Itoa(k), 64)
				t.Label = strconv.FormatFloat(pow, 'g', -1, 64)
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}

// ConvergenceFigure plots the best loss found against the points
// evaluated, on a log axis: for CMA-ES and Nelder–Mead also each
// iteration's best, for ABC the tolerance of each generation. Losses that
// are not positive are left out.
func ConvergenceFigure(c *Calibration) *Figure {
	title := fmt.Sprintf("Convergence of %s: best objective by points evaluated", c.Method)
	ylabel := "objective (log scale)"
	if c.Objective != "" {
		ylabel = "objective " + c.Objective + " (log scale)"
	}
	series := []traceSeries{{name: "best so far", style: draw.LineStyle{Color: colorOf(0), Width: vg.Points(2.5)}}}
	switch c.Method {
	case "cmaes", "nelder-mead":
		series = append(series, traceSeries{name: "best of the iteration", style: draw.LineStyle{Color: colorOf(1)}, dots: true})
	case "abc-rejection", "abc-smc":
		series = append(series, traceSeries{name: "tolerance of the generation", style: draw.LineStyle{Color: colorOf(2), Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}})
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range c.Trace {
		x := float64(s.Evaluations)
		for k, y := range []float64{s.Best, s.Value}[:len(series)] {
			if y > 0 && !math.IsInf(y, 0) {
				series[k].pts = append(series[k].pts, plotter.XY{X: x, Y: math.Log10(y)})
				lo, hi = min(lo, y), max(hi, y)
			}
		}
	}
	return &Figure{Name: "convergence", Title: title, draw: func(dc draw.Canvas) {
		dc = titled(dc, title)
		if len(series[0].pts) == 0 {
			note(dc, "no positive loss in trace.csv to draw on a log axis")
			return
		}
		p := newPlot("", "points evaluated", ylabel)
		logAxis(&p.Y, lo, hi)
		p.Add(plotter.NewGrid())
		for _, s := range series {
			if len(s.pts) == 0 {
				continue
			}
			if s.dots {
				sc, err := plotter.NewScatter(s.pts)
				if err != nil {
					continue
				}
				sc.GlyphStyle = draw.GlyphStyle{Color: s.style.Color, Radius: vg.Points(3), Shape: draw.CircleGlyph{}}
				p.Add(sc)
				p.Legend.Add(s.name, sc)
				continue
			}
			l := newLine(s.pts, s.style)
			p.Add(l)
			p.Legend.Add(s.name, l)
		}
		sideLegend(p, dc, vg.Points(200))
		c.lossNote(dc)
	}}
}

// traceSeries is a series of the convergence figure, a line or, with
// dots, points.
type traceSeries struct {
	name  string
	pts   plotter.XYs
	style draw.LineStyle
	dots  bool
}

// PosteriorFigure draws, for each parameter, the histogram of its
// weighted posterior sample with the median and the credible interval of
// intervals.csv marked.
func PosteriorFigure(c *Calibration) *Figure {
	level := ""
	if len(c.Intervals) > 0 {
		level = fmt.Sprintf(" with %s %% credible intervals", strconv.FormatFloat(100*c.Intervals[0].Level, 'g', 4, 64))
	}
	title := fmt.Sprintf("Posterior marginals (%s, %d particles)%s", c.Method, len(c.Posterior), level)
	shown := min(len(c.Params), MaxPanels)
	if shown < len(c.Params) {
		title += fmt.Sprintf(", the first %d of %d parameters", shown, len(c.Params))
	}
	return &Figure{Name: "posterior", Title: title, Height: panelHeight(shown), draw: func(dc draw.Canvas) {
		if len(c.Posterior) == 0 {
			note(titled(dc, title), "the posterior sample is empty")
			return
		}
		plots := make([]*gplot.Plot, shown)
		for j, name := range c.Params[:shown] {
			plots[j] = c.marginal(j, name)
		}
		drawPanels(dc, title, plots, make([]string, len(plots)), min(2, len(plots)))
	}}
}

// MaxPanels is the most parameters the posterior and profile figures
// draw a panel for; their titles say when there are more.
const MaxPanels = 12

// panelHeight is the height of a figure of n panels in two columns.
func panelHeight(n int) vg.Length {
	rows := (n + 1) / 2
	return max(Height, vg.Length(rows)*3.5*vg.Inch+0.5*vg.Inch)
}

// marginal is the histogram of parameter j with its interval marked.
func (c *Calibration) marginal(j int, name string) *gplot.Plot {
	p := newPlot(name, name, "posterior weight")
	p.Title.TextStyle.Font.Size = vg.Points(labelSize + 1)
	xy := make(plotter.XYs, 0, len(c.Posterior))
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, x := range c.Posterior {
		if finite(x[j]) {
			xy = append(xy, plotter.XY{X: x[j], Y: c.Weights[i]})
			lo, hi = min(lo, x[j]), max(hi, x[j])
		}
	}
	if len(xy) == 0 || !drawable([]float64{lo, hi}) {
		return p
	}
	if lo == hi { // one value: a bin around it
		pad := math.Max(math.Abs(lo)*0.05, 1e-9)
		xy = append(xy, plotter.XY{X: lo - pad, Y: 0}, plotter.XY{X: hi + pad, Y: 0})
	}
	bins := min(30, max(5, int(math.Sqrt(float64(len(xy))))))
	h, err := plotter.NewHistogram(xy, bins)
	top := 0.0
	if err == nil {
		for _, b := range h.Bins {
			top = max(top, b.Weight)
		}
	}
	if err != nil || !finite(top) {
		return p
	}
	h.FillColor = histColor
	h.LineStyle.Color = color.RGBA{0x1f, 0x77, 0xb4, 0xff}
	p.Add(h)
	p.Legend.Add("posterior sample", h)
	for _, iv := range c.Intervals {
		if iv.Param != name || !drawable([]float64{lo, hi, iv.Lower, iv.Upper, iv.Median}) {
			continue
		}
		band := draw.LineStyle{Color: breakColor, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
		lower := vline(iv.Lower, top, band)
		upper := vline(iv.Upper, top, band)
		med := vline(iv.Median, top, draw.LineStyle{Color: color.Black, Width: vg.Points(2)})
		p.Add(lower, upper, med)
		p.Legend.Add(fmt.Sprintf("%s %% interval [%.3g, %.3g]", strconv.FormatFloat(100*iv.Level, 'g', 4, 64), iv.Lower, iv.Upper), lower)
		p.Legend.Add(fmt.Sprintf("median %.3g", iv.Median), med)
	}
	p.Legend.Top = true
	p.Y.Min = 0
	if top > 0 && finite(top*1.45) {
		p.Y.Max = top * 1.45
	}
	return p
}

// tooLarge is the note of a figure whose values are too far apart to
// draw.
const tooLarge = "values too far apart to draw on a linear axis"

// drawable reports whether the finite values of vs span a finite range,
// which a linear axis needs: gonum/plot cannot tick an infinite one.
func drawable(vs []float64) bool {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		if finite(v) {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	return lo > hi || finite(hi-lo) && finite(hi+0.1*(hi-lo)) && finite(lo-0.1*(hi-lo))
}

// vline is a vertical line at x from 0 to top (1 when top is 0).
func vline(x, top float64, sty draw.LineStyle) *plotter.Line {
	if top <= 0 {
		top = 1
	}
	return &plotter.Line{XYs: plotter.XYs{{X: x, Y: 0}, {X: x, Y: top * 1.05}}, LineStyle: sty}
}

// ProfileFigure draws the profile of one parameter: the best fit and
// holdout losses at each of its values (log axis when all are positive),
// and in one panel per other parameter its fitted value.
func ProfileFigure(c *Calibration) *Figure {
	name := "the profiled parameter"
	if c.Profiled >= 0 && c.Profiled < len(c.Params) {
		name = c.Params[c.Profiled]
	}
	title := "Profile of " + name + ": the best fit at each of its values"
	shown := min(len(c.Params), MaxPanels)
	if shown < len(c.Params) {
		title += fmt.Sprintf(" (%d of %d parameters)", shown-1, len(c.Params)-1)
	}
	return &Figure{Name: "profile", Title: title, Height: panelHeight(shown), draw: func(dc draw.Canvas) {
		if len(c.Profile) == 0 || c.Profiled < 0 {
			note(titled(dc, title), "the profile is empty")
			return
		}
		vals := append(append([]float64(nil), c.ProfileFit...), c.holdouts()...)
		for _, x := range c.Profile {
			vals = append(vals, x...)
		}
		if !drawable(vals) {
			note(titled(dc, title), tooLarge)
			return
		}
		plots := []*gplot.Plot{c.profileLoss(name)}
		for j, other := range c.Params {
			if j != c.Profiled && len(plots) < shown {
				plots = append(plots, c.profileParam(j, name, other))
			}
		}
		drawPanels(dc, title, plots, make([]string, len(plots)), min(2, len(plots)))
	}}
}

// profileLoss is the panel of the losses against the profiled value.
func (c *Calibration) profileLoss(name string) *gplot.Plot {
	obj := c.Objective
	if obj == "" {
		obj = "loss"
	}
	p := newPlot("Loss at the best fit of the others", name, obj)
	p.Title.TextStyle.Font.Size = vg.Points(labelSize + 1)
	logY := true
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, set := range [][]float64{c.ProfileFit, c.holdouts()} {
		for _, v := range set {
			if finite(v) {
				logY = logY && v > 0
				lo, hi = min(lo, v), max(hi, v)
			}
		}
	}
	logY = logY && lo <= hi
	if logY {
		logAxis(&p.Y, lo, hi)
		p.Y.Label.Text = obj + " (log scale)"
	}
	p.Add(plotter.NewGrid())
	for k, s := range []struct {
		name string
		ys   []float64
	}{{"fit targets", c.ProfileFit}, {fmt.Sprintf("holdout targets (%d)", c.Holdouts), c.holdouts()}} {
		pts := c.profilePoints(s.ys, logY)
		if len(pts) == 0 {
			continue
		}
		l := newLine(pts, lineStyle(k))
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			continue
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: colorOf(k), Radius: vg.Points(3), Shape: draw.CircleGlyph{}}
		p.Add(l, sc)
		p.Legend.Add(s.name, l, sc)
	}
	p.Legend.Top = true
	return p
}

// holdouts are the profile's holdout losses, or nil without holdout
// targets.
func (c *Calibration) holdouts() []float64 {
	if c.Holdouts == 0 {
		return nil
	}
	return c.ProfileHoldout
}

// profilePoints pairs the profiled values with ys, or with log10 of ys
// if log, leaving out the pairs that are not finite.
func (c *Calibration) profilePoints(ys []float64, log bool) plotter.XYs {
	var pts plotter.XYs
	for i, y := range ys {
		if log {
			y = math.Log10(y)
		}
		if x := c.Profile[i][c.Profiled]; finite(x) && finite(y) {
			pts = append(pts, plotter.XY{X: x, Y: y})
		}
	}
	return pts
}

// profileParam is the panel of parameter j's fitted value against the
// profiled value.
func (c *Calibration) profileParam(j int, name, other string) *gplot.Plot {
	p := newPlot("Fitted "+other, name, other)
	p.Title.TextStyle.Font.Size = vg.Points(labelSize + 1)
	p.Add(plotter.NewGrid())
	ys := make([]float64, len(c.Profile))
	for i, x := range c.Profile {
		ys[i] = x[j]
	}
	if pts := c.profilePoints(ys, false); len(pts) > 0 {
		l := newLine(pts, lineStyle(2))
		if sc, err := plotter.NewScatter(pts); err == nil {
			sc.GlyphStyle = draw.GlyphStyle{Color: colorOf(2), Radius: vg.Points(3), Shape: draw.CircleGlyph{}}
			p.Add(l, sc)
			p.Legend.Add("best fit", l, sc)
		}
	}
	p.Legend.Top = true
	return p
}
