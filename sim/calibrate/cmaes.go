package calibrate

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// cmaState is the (μ/μ_w, λ) CMA-ES of Hansen's tutorial ("The CMA
// Evolution Strategy: A Tutorial", 2016), with the default strategy
// parameters given there. gonum's optimize.CmaEsChol was tried first: it
// samples from N(mean, A) and uses its step size only inside the updates
// of A, so the step size adaptation hardly acts, and on a 3-parameter
// sphere it had reached only 2e-3 after 2,000 evaluations. This one reaches
// 1e-10 in a few hundred.
type cmaState struct {
	n, lambda, mu       int
	w                   []float64
	muEff               float64
	cc, cs, c1, cmu, ds float64
	chiN                float64
	mean, pc, ps        []float64
	sigma               float64
	c                   *mat.SymDense
	b                   *mat.Dense // eigenvectors of c
	d                   []float64  // square roots of its eigenvalues
	gen                 int
	rng                 *rand.Rand
}

func newCMA(mean []float64, sigma float64, lambda int, seed uint64) *cmaState {
	n := len(mean)
	if lambda <= 0 {
		lambda = 4 + int(3*math.Log(float64(n)))
	}
	s := &cmaState{n: n, lambda: lambda, mu: lambda / 2, mean: slices.Clone(mean), sigma: sigma,
		pc: make([]float64, n), ps: make([]float64, n), rng: rand.New(rand.NewPCG(seed, 0x636d6165))}
	s.w = make([]float64, s.mu)
	var sum, sq float64
	for i := range s.w {
		s.w[i] = math.Log(float64(s.mu)+0.5) - math.Log(float64(i+1))
		sum += s.w[i]
	}
	for i := range s.w {
		s.w[i] /= sum
		sq += s.w[i] * s.w[i]
	}
	s.muEff = 1 / sq
	fn := float64(n)
	s.cc = (4 + s.muEff/fn) / (fn + 4 + 2*s.muEff/fn)
	s.cs = (s.muEff + 2) / (fn + s.muEff + 5)
	s.c1 = 2 / ((fn+1.3)*(fn+1.3) + s.muEff)
	s.cmu = math.Min(1-s.c1, 2*(s.muEff-2+1/s.muEff)/((fn+2)*(fn+2)+s.muEff))
	s.ds = 1 + 2*math.Max(0, math.Sqrt((s.muEff-1)/(fn+1))-1) + s.cs
	s.chiN = math.Sqrt(fn) * (1 - 1/(4*fn) + 1/(21*fn*fn))
	s.c = mat.NewSymDense(n, nil)
	s.b = mat.NewDense(n, n, nil)
	s.d = make([]float64, n)
	for i := range n {
		s.c.SetSym(i, i, 1)
		s.b.Set(i, i, 1)
		s.d[i] = 1
	}
	return s
}

// ask returns a generation of λ points m + σ·B·D·z.
func (s *cmaState) ask() [][]float64 {
	xs := make([][]float64, s.lambda)
	z := make([]float64, s.n)
	for k := range xs {
		for i := range z {
			z[i] = s.d[i] * s.rng.NormFloat64()
		}
		x := slices.Clone(s.mean)
		for i := range x {
			for j := range z {
				x[i] += s.sigma * s.b.At(i, j) * z[j]
			}
		}
		xs[k] = x
	}
	return xs
}

// tell updates the distribution from the generation's losses. It reports
// false when the distribution has collapsed (σ·max D below 1e-12) or
// become degenerate.
func (s *cmaState) tell(xs [][]float64, fs []float64) bool {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(fs[a], fs[b]) })
	old := slices.Clone(s.mean)
	for i := range s.mean {
		s.mean[i] = 0
		for k, w := range s.w {
			s.mean[i] += w * xs[idx[k]][i]
		}
	}
	n := s.n
	y := make([]float64, n)
	for i := range y {
		y[i] = (s.mean[i] - old[i]) / s.sigma
	}
	// C^(-1/2)·y = B·D⁻¹·Bᵀ·y
	bty := make([]float64, n)
	for j := range n {
		for i := range n {
			bty[j] += s.b.At(i, j) * y[i]
		}
		bty[j] /= s.d[j]
	}
	cs := math.Sqrt(s.cs * (2 - s.cs) * s.muEff)
	var psn float64
	for i := range n {
		var v float64
		for j := range n {
			v += s.b.At(i, j) * bty[j]
		}
		s.ps[i] = (1-s.cs)*s.ps[i] + cs*v
		psn += s.ps[i] * s.ps[i]
	}
	psn = math.Sqrt(psn)
	s.gen++
	hsig := 0.0
	if psn/math.Sqrt(1-math.Pow(1-s.cs, 2*float64(s.gen)))/s.chiN < 1.4+2/float64(n+1) {
		hsig = 1
	}
	cc := math.Sqrt(s.cc * (2 - s.cc) * s.muEff)
	for i := range n {
		s.pc[i] = (1-s.cc)*s.pc[i] + hsig*cc*y[i]
	}
	for i := range n {
		for j := i; j < n; j++ {
			v := (1-s.c1-s.cmu)*s.c.At(i, j) +
				s.c1*(s.pc[i]*s.pc[j]+(1-hsig)*s.cc*(2-s.cc)*s.c.At(i, j))
			for k, w := range s.w {
				x := xs[idx[k]]
				v += s.cmu * w * (x[i] - old[i]) * (x[j] - old[j]) / (s.sigma * s.sigma)
			}
			s.c.SetSym(i, j, v)
		}
	}
	s.sigma *= math.Exp(s.cs / s.ds * (psn/s.chiN - 1))
	var eig mat.EigenSym
	if !eig.Factorize(s.c, true) {
		return false
	}
	vals := eig.Values(nil)
	eig.VectorsTo(s.b)
	maxD := 0.0
	for i, v := range vals {
		if !(v > 0) {
			return false
		}
		s.d[i] = math.Sqrt(v)
		maxD = max(maxD, s.d[i])
	}
	return s.sigma*maxD > 1e-12 && !math.IsInf(s.sigma, 0)
}

// cmaes minimises from the mean u0 with CMA-ES, each generation evaluated
// as one batch, until the budget ends or the distribution collapses. With
// c.Init the mean is instead the best of a uniform screen (screen). With
// c.Restarts it is IPOP-CMA-ES (Auger & Hansen 2005): when a search
// collapses or stagnates (c.Stagnation), a new one starts with twice the
// population and the initial step, from the next best point of the
// screen not yet used as a start, or without a screen from a uniform draw.
func (s *search) cmaes(ctx context.Context, u0 []float64, c CMAES, seed uint64) error {
	var starts [][]float64
	if c.Init > 0 {
		us, err := s.screen(ctx, c.Init, seed)
		if err != nil {
			return stopErr(err)
		}
		starts, u0 = us, us[0]
	}
	rng := rand.New(rand.NewPCG(seed, 0x69706f70))
	lambda := c.Population // newCMA's default when 0
	for r := 0; ; r++ {
		// Each restart draws from its own stream, so that its path does
		// not depend on how long the earlier searches ran.
		es := newCMA(clampAll(u0), c.Sigma, lambda, seed+uint64(r)*0x9e3779b97f4a7c15)
		if err := s.cmaRun(ctx, es, c.Stagnation); err != nil || r >= c.Restarts {
			return stopErr(err)
		}
		lambda = 2 * es.lambda
		if r+1 < len(starts) {
			u0 = starts[r+1]
		} else {
			u0 = make([]float64, len(u0))
			for i := range u0 {
				u0[i] = rng.Float64()
			}
		}
	}
}

// stagnationTol is the relative improvement of a search's best loss below
// which its generations count as stagnant.
const stagnationTol = 1e-3

// cmaRun runs one CMA-ES search until it collapses, or, with stagnation
// above 0, until its best loss has improved by less than stagnationTol
// (relative) over the last stagnation generations.
func (s *search) cmaRun(ctx context.Context, es *cmaState, stagnation int) error {
	var bests []float64
	for {
		us := es.ask()
		fs, err := s.evaluate(ctx, us)
		if err != nil {
			return err
		}
		s.gens++
		b := minOf(fs)
		s.trace = append(s.trace, TraceRow{Step: s.gens, Evaluations: s.evals, Best: s.best, Value: b})
		if len(bests) > 0 {
			b = min(b, bests[len(bests)-1])
		}
		bests = append(bests, b)
		if !es.tell(us, fs) {
			return nil
		}
		if n := len(bests); stagnation > 0 && n > stagnation {
			old := bests[n-1-stagnation]
			if old-b <= stagnationTol*math.Abs(old) {
				return nil
			}
		}
	}
}

// screen evaluates n points drawn uniformly in the unit cube, as one batch
// (trace step 0), and returns them from the best to the worst (stable).
func (s *search) screen(ctx context.Context, n int, seed uint64) ([][]float64, error) {
	rng := rand.New(rand.NewPCG(seed, 0x73637265656e))
	us := make([][]float64, n)
	for i := range us {
		us[i] = make([]float64, len(s.sp))
		for j := range us[i] {
			us[i][j] = rng.Float64()
		}
	}
	fs, err := s.evaluate(ctx, us)
	if err != nil {
		return nil, err
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(fs[a], fs[b]) })
	s.trace = append(s.trace, TraceRow{Step: 0, Evaluations: s.evals, Best: s.best, Value: fs[idx[0]]})
	sorted := make([][]float64, n)
	for i, k := range idx {
		sorted[i] = us[k]
	}
	return sorted, nil
}
