package plot

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Styles of the tomahawk figure.
var (
	eqColor      = color.RGBA{0x1f, 0x3a, 0x93, 0xff}
	breakColor   = color.RGBA{0xd6, 0x27, 0x28, 0xff}
	sustainColor = color.RGBA{0x2c, 0xa0, 0x2c, 0xff}
	stableLine   = draw.LineStyle{Color: eqColor, Width: vg.Points(2.5)}
	unstableLine = draw.LineStyle{Color: eqColor, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(6), vg.Points(4)}}
)

// TomahawkFigure draws the bifurcation diagram: region 1's share λ of the
// mobile factor against the parameter, stable equilibria as solid lines,
// unstable ones dashed, where the replicator traces ended as markers, and
// the break and sustain points (with their closed forms when known).
func TomahawkFigure(t *Tomahawk) *Figure {
	title := "Tomahawk diagram: long-run equilibria against " + t.Param
	return &Figure{Name: "tomahawk", Title: title, draw: func(dc draw.Canvas) {
		xs := append([]float64(nil), t.Values...)
		for _, p := range t.Points {
			xs = append(xs, p.Value)
		}
		if !drawable(xs) {
			note(titled(dc, title), tooLarge)
			return
		}
		p := newPlot("", axisLabel(t.Param), "λ, region 1's share of the mobile factor")
		p.Add(plotter.NewGrid())
		for _, s := range t.branches() {
			l := &plotter.Line{XYs: s.pts, LineStyle: unstableLine}
			if s.stable {
				l.LineStyle = stableLine
			}
			p.Add(l)
		}
		p.Legend.Add("stable equilibrium", &plotter.Line{LineStyle: stableLine})
		p.Legend.Add("unstable equilibrium", &plotter.Line{LineStyle: unstableLine})
		t.addTraces(p)
		t.addPoints(p)
		p.Y.Min, p.Y.Max = -0.03, 1.03
		p.X.Min, p.X.Max = t.xRange()
		sideLegend(p, titled(dc, title), vg.Points(265))
	}}
}

// segment is a polyline of one stability.
type segment struct {
	pts    plotter.XYs
	stable bool
}

// branches returns the lines of the diagram: the symmetric equilibrium,
// full agglomeration at λ = 1 and 0, and the interior arms.
func (t *Tomahawk) branches() []segment {
	segs := t.flat(0.5, t.Symmetric, "break")
	segs = append(segs, t.flat(1, t.Core, "sustain")...)
	segs = append(segs, t.flat(0, t.Core, "sustain")...)
	return append(segs, t.arms()...)
}

// flat returns the horizontal line at λ = y over the grid, split where
// its stability changes: at the point of kind found between the two grid
// values, else half-way.
func (t *Tomahawk) flat(y float64, stable []bool, kind string) []segment {
	var segs []segment
	cur := segment{pts: plotter.XYs{{X: t.Values[0], Y: y}}, stable: stable[0]}
	for i := 1; i < len(t.Values); i++ {
		if stable[i] == cur.stable {
			cur.pts = append(cur.pts, plotter.XY{X: t.Values[i], Y: y})
			continue
		}
		x := (t.Values[i-1] + t.Values[i]) / 2
		if p, ok := t.pointBetween(t.Values[i-1], t.Values[i], kind); ok {
			x = p.Value
		}
		cur.pts = append(cur.pts, plotter.XY{X: x, Y: y})
		segs = append(segs, cur)
		cur = segment{pts: plotter.XYs{{X: x, Y: y}, {X: t.Values[i], Y: y}}, stable: stable[i]}
	}
	return append(segs, cur)
}

// pointBetween returns the first point of kind (any kind when "") between
// the grid values a and b.
func (t *Tomahawk) pointBetween(a, b float64, kind string) (BifurcationPoint, bool) {
	lo, hi := min(a, b), max(a, b)
	for _, p := range t.Points {
		if (kind == "" || p.Kind == kind) && p.Value >= lo && p.Value <= hi {
			return p, true
		}
	}
	return BifurcationPoint{}, false
}

// arms returns the interior equilibria as lines: the k-th upper
// equilibrium (λ > 1/2) at one value joins the k-th at the next when both
// values have as many, and likewise the mirror images. An arm that ends
// next to a break or sustain point is extended to it, at λ = 1/2 or at
// full agglomeration, where such an arm is born.
func (t *Tomahawk) arms() []segment {
	upper := make([][]Equilibrium, len(t.Values))
	for i, eqs := range t.Interior {
		for _, e := range eqs {
			if e.Lambda > 0.5 {
				upper[i] = append(upper[i], e)
			}
		}
		sort.Slice(upper[i], func(a, b int) bool { return upper[i][a].Lambda < upper[i][b].Lambda })
	}
	var segs []segment
	for i := 0; i < len(t.Values); {
		j := i
		for j+1 < len(t.Values) && len(upper[j+1]) == len(upper[i]) {
			j++
		}
		for k := range upper[i] {
			segs = append(segs, t.arm(upper, i, j, k, false)...)
			segs = append(segs, t.arm(upper, i, j, k, true)...)
		}
		i = j + 1
	}
	return segs
}

// arm returns the k-th arm over grid values i to j, mirrored (λ → 1 − λ)
// if mirror, split where its stability changes.
func (t *Tomahawk) arm(upper [][]Equilibrium, i, j, k int, mirror bool) []segment {
	flip := func(l float64) float64 {
		if mirror {
			return 1 - l
		}
		return l
	}
	var pts plotter.XYs
	var stable []bool
	end := func(n int) { // extend towards grid value n, outside i..j
		if n < 0 || n >= len(t.Values) {
			return
		}
		m := i
		if n > j {
			m = j
		}
		p, ok := t.pointBetween(t.Values[n], t.Values[m], "")
		if !ok || len(upper[n]) > 0 {
			return
		}
		y := 0.5
		if p.Kind == "sustain" {
			y = flip(1)
		}
		pts = append(pts, plotter.XY{X: p.Value, Y: y})
		stable = append(stable, upper[m][k].Stable)
	}
	end(i - 1)
	for n := i; n <= j; n++ {
		pts = append(pts, plotter.XY{X: t.Values[n], Y: flip(upper[n][k].Lambda)})
		stable = append(stable, upper[n][k].Stable)
	}
	end(j + 1)
	return splitStable(pts, stable)
}

// splitStable cuts the polyline pts into runs of one stability; a piece
// between two points is stable when both are.
func splitStable(pts plotter.XYs, stable []bool) []segment {
	if len(pts) == 1 {
		return []segment{{pts: pts, stable: stable[0]}}
	}
	var segs []segment
	for n := 1; n < len(pts); n++ {
		s := stable[n-1] && stable[n]
		if len(segs) > 0 && segs[len(segs)-1].stable == s {
			segs[len(segs)-1].pts = append(segs[len(segs)-1].pts, pts[n])
			continue
		}
		segs = append(segs, segment{pts: plotter.XYs{pts[n-1], pts[n]}, stable: s})
	}
	return segs
}

// addTraces marks where the replicator traces ended, saying in the legend
// how many had not settled.
func (t *Tomahawk) addTraces(p *gplot.Plot) {
	for _, tr := range []struct {
		name    string
		at      []float64
		settled []bool
		glyph   draw.GlyphStyle
	}{
		{"replicator from λ = 1/2 + ε", t.FromSymmetric, t.SymmetricSettled,
			draw.GlyphStyle{Color: color.RGBA{0xff, 0x7f, 0x0e, 0xff}, Radius: vg.Points(4.5), Shape: draw.RingGlyph{}}},
		{"replicator from λ = 1 − ε", t.FromCore, t.CoreSettled,
			draw.GlyphStyle{Color: color.RGBA{0x94, 0x67, 0xbd, 0xff}, Radius: vg.Points(3.5), Shape: draw.CrossGlyph{}}},
	} {
		pts := make(plotter.XYs, len(t.Values))
		moving := 0
		for i, v := range t.Values {
			pts[i] = plotter.XY{X: v, Y: tr.at[i]}
			if !tr.settled[i] {
				moving++
			}
		}
		s, err := plotter.NewScatter(pts)
		if err != nil {
			continue
		}
		s.GlyphStyle = tr.glyph
		p.Add(s)
		name := tr.name
		if moving > 0 {
			name += fmt.Sprintf(" (%d still moving)", moving)
		}
		p.Legend.Add(name, s)
	}
}

// addPoints draws each break and sustain point as a dotted vertical line
// with a marker where the equilibrium changes stability.
func (t *Tomahawk) addPoints(p *gplot.Plot) {
	for _, pt := range t.Points {
		c, ys, shape := breakColor, []float64{0.5}, draw.GlyphDrawer(draw.PyramidGlyph{})
		if pt.Kind == "sustain" {
			c, ys, shape = sustainColor, []float64{0, 1}, draw.BoxGlyph{}
		}
		v := &plotter.Line{XYs: plotter.XYs{{X: pt.Value, Y: -0.03}, {X: pt.Value, Y: 1.03}},
			LineStyle: draw.LineStyle{Color: c, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(1.5), vg.Points(2.5)}}}
		marks := make(plotter.XYs, len(ys))
		for i, y := range ys {
			marks[i] = plotter.XY{X: pt.Value, Y: y}
		}
		s, err := plotter.NewScatter(marks)
		if err != nil {
			continue
		}
		s.GlyphStyle = draw.GlyphStyle{Color: c, Radius: vg.Points(5), Shape: shape}
		p.Add(v, s)
		p.Legend.Add(pt.label(), v, s)
	}
}

// xRange is the parameter's range with a margin, which also holds the
// break and sustain points.
func (t *Tomahawk) xRange() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range t.Values {
		lo, hi = min(lo, v), max(hi, v)
	}
	for _, p := range t.Points {
		lo, hi = min(lo, p.Value), max(hi, p.Value)
	}
	pad := 0.02 * (hi - lo)
	if pad == 0 {
		pad = math.Max(math.Abs(lo)*0.05, 0.5)
	}
	return lo - pad, hi + pad
}

// titled writes title centred over the whole width of dc, in the title
// font, and returns the area below it: for a figure whose plot leaves
// room at the side, where its own title would not fit.
func titled(dc draw.Canvas, title string) draw.Canvas {
	sty := newPlot("", "", "").Title.TextStyle
	sty.Font.Size = vg.Points(titleSize)
	dc.FillText(sty, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: dc.Max.Y - vg.Points(6)}, title)
	dc.Max.Y -= vg.Points(titleSize + 14)
	return dc
}
