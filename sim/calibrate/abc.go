package calibrate

import (
	"cmp"
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Interval is a parameter's posterior summary.
type Interval struct {
	Param  string  `json:"param"`
	Mean   float64 `json:"mean"`
	SD     float64 `json:"sd"`
	Median float64 `json:"median"`
	Lower  float64 `json:"lower"` // the (1 − Level)/2 quantile
	Upper  float64 `json:"upper"` // the (1 + Level)/2 quantile
	Level  float64 `json:"level"`
}

// posterior is a weighted sample of parameter points.
type posterior struct {
	x         [][]float64 // parameter values
	w         []float64   // weights, summing to 1
	d         []float64   // distances (fit losses)
	intervals []Interval
}

// streamABC is the PCG stream of the ABC methods' generator.
const streamABC = 0x616263

// abc runs f's ABC method.
func (f *File) abc(ctx context.Context, prob Problem, sp space) (*posterior, []TraceRow, error) {
	if f.Method == "abc-rejection" {
		return abcRejection(ctx, prob, sp, f.ABC, f.Budget, uint64(f.Seed))
	}
	return abcSMC(ctx, prob, sp, f.ABC, f.Budget, uint64(f.Seed))
}

// abcRejection draws budget points from the prior (uniform on each range,
// on the log scale for a Log parameter), evaluates them in batches, and
// keeps those within a.Tolerance, or else the a.Accept share closest to
// the data.
func abcRejection(ctx context.Context, prob Problem, sp space, a ABC, budget int, seed uint64) (*posterior, []TraceRow, error) {
	rng := rand.New(rand.NewPCG(seed, streamABC))
	k := len(sp)
	var xs [][]float64
	var ds []float64
	var trace []TraceRow
	best := math.Inf(1)
	for len(xs) < budget {
		n := min(a.Batch, budget-len(xs))
		batch := make([][]float64, n)
		for i := range batch {
			u := make([]float64, k)
			for j := range u {
				u[j] = rng.Float64()
			}
			batch[i] = sp.x(u)
		}
		d, err := prob.Evaluate(ctx, batch)
		if err != nil {
			return nil, nil, err
		}
		xs, ds = append(xs, batch...), append(ds, d...)
		best = min(best, minOf(d))
		trace = append(trace, TraceRow{Step: len(trace), Evaluations: len(xs), Best: best, Value: a.Tolerance})
	}
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int { return cmp.Compare(ds[i], ds[j]) })
	keep := max(1, int(math.Ceil(a.Accept*float64(len(xs)))))
	if a.Tolerance > 0 {
		keep = 0
		for keep < len(idx) && ds[idx[keep]] <= a.Tolerance {
			keep++
		}
		if keep == 0 {
			return nil, nil, errors.New("calibrate: abc-rejection: no draw within abc.tolerance; raise it or the budget")
		}
	}
	slices.Sort(idx[:keep])
	p := &posterior{}
	for _, i := range idx[:keep] {
		p.x, p.d, p.w = append(p.x, xs[i]), append(p.d, ds[i]), append(p.w, 1/float64(keep))
	}
	p.summarise(sp, a.Level)
	return p, trace, nil
}

// abcSMC is ABC by sequential Monte Carlo (population Monte Carlo, Beaumont
// et al. 2009; Toni et al. 2009). Generation 0 is a.Particles draws from
// the prior. Each later generation's tolerance is the a.Quantile quantile of
// the last generation's distances; its particles are drawn from the last
// generation by weight, moved by a Gaussian kernel with twice the weighted
// covariance of the last generation, redrawn while outside the prior's
// support, evaluated a.Batch at a time, and kept while within the
// tolerance until there are a.Particles. Weights are prior / Σ_j w_j·K.
// It stops after a.Generations generations or when the budget cannot
// complete one more; the last complete generation is the posterior.
func abcSMC(ctx context.Context, prob Problem, sp space, a ABC, budget int, seed uint64) (*posterior, []TraceRow, error) {
	rng := rand.New(rand.NewPCG(seed, streamABC))
	k, n := len(sp), a.Particles
	us := make([][]float64, n)
	for i := range us {
		us[i] = make([]float64, k)
		for j := range us[i] {
			us[i][j] = rng.Float64()
		}
	}
	xs := make([][]float64, n)
	for i, u := range us {
		xs[i] = sp.x(u)
	}
	var ds []float64
	for lo := 0; lo < n; lo += a.Batch {
		d, err := prob.Evaluate(ctx, xs[lo:min(lo+a.Batch, n)])
		if err != nil {
			return nil, nil, err
		}
		ds = append(ds, d...)
	}
	ws := make([]float64, n)
	for i := range ws {
		ws[i] = 1 / float64(n)
	}
	used, best := n, minOf(ds)
	trace := []TraceRow{{Step: 0, Evaluations: used, Best: best, Value: math.Inf(1)}}
	for g := 1; g <= a.Generations; g++ {
		eps := quantile(ds, a.Quantile)
		kern, err := newKernel(us, ws)
		if err != nil {
			break // a degenerate population: nothing left to learn
		}
		var nu [][]float64
		var nd []float64
		for len(nu) < n {
			m := min(a.Batch, budget-used)
			if m <= 0 {
				break
			}
			batch := make([][]float64, m)
			bx := make([][]float64, m)
			for i := range batch {
				batch[i] = kern.propose(rng, us, ws)
				bx[i] = sp.x(batch[i])
			}
			d, err := prob.Evaluate(ctx, bx)
			if err != nil {
				return nil, nil, err
			}
			used += m
			best = min(best, minOf(d))
			for i := range batch {
				if d[i] <= eps && len(nu) < n {
					nu, nd = append(nu, batch[i]), append(nd, d[i])
				}
			}
		}
		if len(nu) < n {
			break // the budget ended the generation: keep the last complete one
		}
		nw := make([]float64, n)
		var sum float64
		for i, u := range nu {
			var den float64
			for j, v := range us {
				den += ws[j] * kern.density(u, v)
			}
			nw[i] = 1 / den
			sum += nw[i]
		}
		for i := range nw {
			nw[i] /= sum
		}
		us, ds, ws = nu, nd, nw
		trace = append(trace, TraceRow{Step: g, Evaluations: used, Best: best, Value: eps})
		if used >= budget {
			break
		}
	}
	p := &posterior{w: ws, d: ds}
	for _, u := range us {
		p.x = append(p.x, sp.x(u))
	}
	p.summarise(sp, a.Level)
	return p, trace, nil
}

// quantile returns the q quantile of vs (the smallest v with at least a
// share q of vs at or below it).
func quantile(vs []float64, q float64) float64 {
	s := slices.Clone(vs)
	slices.Sort(s)
	i := int(math.Ceil(q*float64(len(s)))) - 1
	return s[min(max(i, 0), len(s)-1)]
}

// kernel is the Gaussian perturbation kernel N(0, 2Σ).
type kernel struct {
	l   *mat.TriDense // lower Cholesky factor of 2Σ
	inv *mat.SymDense // (2Σ)⁻¹
}

// newKernel returns the kernel with twice the weighted covariance of the
// particles us.
func newKernel(us [][]float64, ws []float64) (*kernel, error) {
	k := len(us[0])
	mean := make([]float64, k)
	for i, u := range us {
		for j, v := range u {
			mean[j] += ws[i] * v
		}
	}
	cov := mat.NewSymDense(k, nil)
	for a := range k {
		for b := a; b < k; b++ {
			var c float64
			for i, u := range us {
				c += ws[i] * (u[a] - mean[a]) * (u[b] - mean[b])
			}
			cov.SetSym(a, b, 2*c)
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(cov) {
		return nil, errors.New("calibrate: abc-smc: singular particle covariance")
	}
	kn := &kernel{l: mat.NewTriDense(k, mat.Lower, nil), inv: mat.NewSymDense(k, nil)}
	ch.LTo(kn.l)
	if err := ch.InverseTo(kn.inv); err != nil {
		return nil, err
	}
	return kn, nil
}

// propose draws a particle by weight and moves it, redrawing until it is
// inside the unit cube (the prior's support).
func (kn *kernel) propose(rng *rand.Rand, us [][]float64, ws []float64) []float64 {
	k := len(us[0])
	z := make([]float64, k)
	out := make([]float64, k)
	for {
		u := us[pick(rng, ws)]
		for i := range z {
			z[i] = rng.NormFloat64()
		}
		inside := true
		for i := range out {
			out[i] = u[i]
			for j := 0; j <= i; j++ {
				out[i] += kn.l.At(i, j) * z[j]
			}
			inside = inside && out[i] >= 0 && out[i] <= 1
		}
		if inside {
			return slices.Clone(out)
		}
	}
}

// density returns the kernel's density of moving v to u, up to a constant.
func (kn *kernel) density(u, v []float64) float64 {
	k := len(u)
	d := make([]float64, k)
	for i := range d {
		d[i] = u[i] - v[i]
	}
	var q float64
	for i := range k {
		for j := range k {
			q += d[i] * kn.inv.At(i, j) * d[j]
		}
	}
	return math.Exp(-q / 2)
}

// pick draws an index with probability ws[i].
func pick(rng *rand.Rand, ws []float64) int {
	r := rng.Float64()
	for i, w := range ws {
		if r -= w; r < 0 {
			return i
		}
	}
	return len(ws) - 1
}

// summarise computes the intervals of each parameter.
func (p *posterior) summarise(sp space, level float64) {
	p.intervals = make([]Interval, len(sp))
	for j, prm := range sp {
		vs := make([]float64, len(p.x))
		for i, x := range p.x {
			vs[i] = x[j]
		}
		var mean, m2 float64
		for i, v := range vs {
			mean += p.w[i] * v
		}
		for i, v := range vs {
			m2 += p.w[i] * (v - mean) * (v - mean)
		}
		p.intervals[j] = Interval{Param: prm.Path, Mean: mean, SD: math.Sqrt(m2),
			Median: wquantile(vs, p.w, 0.5), Lower: wquantile(vs, p.w, (1-level)/2),
			Upper: wquantile(vs, p.w, (1+level)/2), Level: level}
	}
}

// wquantile returns the weighted q quantile of vs: the smallest v whose
// cumulative weight reaches q.
func wquantile(vs, ws []float64, q float64) float64 {
	idx := make([]int, len(vs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(vs[a], vs[b]) })
	var c float64
	for _, i := range idx {
		if c += ws[i]; c >= q-1e-12 {
			return vs[i]
		}
	}
	return vs[idx[len(idx)-1]]
}
