package coreperiphery

import (
	"errors"
	"fmt"
	"math"
)

// Kind selects the model.
type Kind int

// The two models.
const (
	// CP is Krugman's core-periphery model: the mobile factor is
	// manufacturing labour, paid a nominal wage w.
	CP Kind = iota
	// FE is the footloose-entrepreneur model: the mobile factor is
	// entrepreneurs, paid the operating profit π of their firm.
	FE
)

// String returns the family name of the model.
func (k Kind) String() string {
	if k == FE {
		return "footloose-entrepreneur"
	}
	return "core-periphery"
}

// Params are the parameters of an Economy of N regions.
type Params struct {
	Kind  Kind
	Sigma float64 // elasticity of substitution σ > 1
	Mu    float64 // expenditure share of manufactures μ in (0, 1)
	// Phi is the freeness of trade φ_rs = T_rs^(1−σ) between regions,
	// row-major [r*N+s], symmetric, 1 on the diagonal, in (0, 1].
	Phi []float64
	// Immobile is each region's share of the immobile factor (farmers in
	// CP, workers in FE), summing to 1; nil = equal shares, the classic
	// case.
	Immobile []float64
	// Tol is the convergence tolerance of the short-run fixed point: the
	// largest change of a log reward in one iteration; 0 = 1e-12.
	Tol float64
	// MaxIter caps the fixed-point iterations; 0 = 10000.
	MaxIter int
}

// Economy is the state of the model: the mobile shares and the short-run
// equilibrium that goes with them.
//
// Units: the population is 1, of which a share m is mobile (MobileShare)
// and 1−m immobile; the immobile factor's wage is the numéraire 1, and m
// is chosen so that the mobile reward is 1 too in the symmetric
// equilibrium. CP (FKV 1999 ch. 5): m = μ, G_r^(1−σ) = Σ_s λ_s w_s^(1−σ)
// φ_sr, w_r = (Σ_s φ_rs Y_s G_s^(σ−1))^(1/σ). FE: m = μ/σ (entrepreneurs
// then earn the share μ/σ of income, all operating profits), prices at
// the factory are 1, G_r^(1−σ) = Δ_r = Σ_s λ_s φ_sr, and
// π_r = Σ_s φ_rs μY_s/Δ_s / (σm), the operating profit (revenue/σ) of a
// firm, one per entrepreneur. Incomes Y_r = (1−m)θ_r + m λ_r W_r.
type Economy struct {
	P Params
	N int

	Lambda []float64 // mobile share λ_r, Σ λ = 1
	W      []float64 // nominal reward: CP wage w_r, FE operating profit π_r
	G      []float64 // price index of manufactures G_r
	Y      []float64 // income Y_r
	MA     []float64 // market access Σ_s φ_rs E_s G_s^(σ−1) (E = Y in CP, μY in FE)
	Omega  []float64 // real reward ω_r = W_r G_r^(−μ)

	// Iterations and Residual describe the last Solve: iterations taken
	// and the last largest change of a log reward.
	Iterations int
	Residual   float64

	theta []float64 // immobile shares
	next  []float64 // the rewards the iteration implies
	tmp   []float64 // scratch
}

// New returns an economy with the mobile factor in shares lambda (copied),
// not yet solved. It returns an error for parameters outside their domain.
func New(p Params, lambda []float64) (*Economy, error) {
	n := len(lambda)
	if err := p.check(n); err != nil {
		return nil, err
	}
	if p.Tol == 0 {
		p.Tol = 1e-12
	}
	if p.MaxIter == 0 {
		p.MaxIter = 10000
	}
	f := func() []float64 { return make([]float64, n) }
	e := &Economy{P: p, N: n, Lambda: f(), W: f(), G: f(), Y: f(), MA: f(), Omega: f(), theta: f(), next: f(), tmp: f()}
	if err := e.SetShares(lambda); err != nil {
		return nil, err
	}
	for r := range e.theta {
		e.theta[r] = 1 / float64(n)
		if p.Immobile != nil {
			e.theta[r] = p.Immobile[r]
		}
		e.W[r] = 1
	}
	return e, nil
}

// MobileShare returns the mobile factor's share of the population: μ in
// CP, μ/σ in FE.
func (p *Params) MobileShare() float64 {
	if p.Kind == FE {
		return p.Mu / p.Sigma
	}
	return p.Mu
}

// check verifies the parameters for n regions.
func (p *Params) check(n int) error {
	switch {
	case n < 1:
		return errors.New("coreperiphery: no regions")
	case !(p.Sigma > 1) || math.IsInf(p.Sigma, 0):
		return fmt.Errorf("coreperiphery: sigma = %g, want > 1", p.Sigma)
	case !(p.Mu > 0 && p.Mu < 1):
		return fmt.Errorf("coreperiphery: mu = %g, want in (0, 1)", p.Mu)
	case len(p.Phi) != n*n:
		return fmt.Errorf("coreperiphery: %d freeness values for %d regions, want %d", len(p.Phi), n, n*n)
	case p.Immobile != nil && len(p.Immobile) != n:
		return fmt.Errorf("coreperiphery: %d immobile shares for %d regions", len(p.Immobile), n)
	}
	for i, f := range p.Phi {
		if !(f > 0 && f <= 1) {
			return fmt.Errorf("coreperiphery: phi[%d][%d] = %g, want in (0, 1]", i/n, i%n, f)
		}
	}
	if p.Immobile != nil {
		var sum float64
		for r, x := range p.Immobile {
			if !(x >= 0) {
				return fmt.Errorf("coreperiphery: immobile share of region %d = %g, want >= 0", r, x)
			}
			sum += x
		}
		if math.Abs(sum-1) > 1e-9 {
			return fmt.Errorf("coreperiphery: immobile shares sum to %g, want 1", sum)
		}
	}
	return nil
}

// SetShares sets the mobile shares (copied); they must be >= 0 and sum
// to 1 within 1e-9.
func (e *Economy) SetShares(lambda []float64) error {
	if len(lambda) != e.N {
		return fmt.Errorf("coreperiphery: %d shares for %d regions", len(lambda), e.N)
	}
	var sum float64
	for r, x := range lambda {
		if !(x >= 0 && x <= 1) {
			return fmt.Errorf("coreperiphery: mobile share of region %d = %g, want in [0, 1]", r, x)
		}
		sum += x
	}
	if math.Abs(sum-1) > 1e-9 {
		return fmt.Errorf("coreperiphery: mobile shares sum to %g, want 1", sum)
	}
	copy(e.Lambda, lambda)
	return nil
}

// ErrNoConvergence is returned by Solve when the fixed point does not
// reach the tolerance within the iteration cap.
var ErrNoConvergence = errors.New("coreperiphery: short-run equilibrium did not converge")

// Solve finds the short-run equilibrium at the current shares, starting
// from the current rewards: a damped fixed-point iteration on the log
// nominal rewards until no log reward changes by more than P.Tol. After
// each update the rewards are rescaled so that Σ λ_r W_r = 1, an identity
// of every equilibrium of both models (the mobile factor's income is the
// share m of world income, which is then 1): it removes the slow mode of
// the iteration, a common level of the rewards that only the immobile
// factor's income pins down when μ is large. On ErrNoConvergence the
// fields hold the last iterate.
func (e *Economy) Solve() error {
	damp := 1.0
	prev := math.Inf(1)
	for it := 1; it <= e.P.MaxIter; it++ {
		e.iterate()
		res, level := 0.0, 0.0
		for r := range e.W {
			d := math.Log(e.next[r]) - math.Log(e.W[r])
			res = math.Max(res, math.Abs(d))
			e.W[r] *= math.Exp(damp * d)
			level += e.Lambda[r] * e.W[r]
		}
		for r := range e.W {
			e.W[r] /= level
		}
		e.Iterations, e.Residual = it, res
		if res <= e.P.Tol {
			e.iterate() // prices, incomes and access at the solution
			e.real()
			return nil
		}
		switch {
		case res > prev && damp > 1.0/64: // oscillating: damp harder
			damp /= 2
		case res < prev:
			damp = math.Min(1, damp*1.25) // converging: relax the damping again
		}
		prev = res
	}
	e.real()
	return fmt.Errorf("%w after %d iterations (residual %.3g, tolerance %.3g)", ErrNoConvergence, e.P.MaxIter, e.Residual, e.P.Tol)
}

// iterate computes incomes, price indices and market access from the
// current rewards W, and the implied rewards into next.
func (e *Economy) iterate() {
	n, p := e.N, &e.P
	s1, m := 1-p.Sigma, p.MobileShare()
	a, b := e.next, e.tmp // a_s, then reused for the rewards; b_s
	for s := range n {
		e.Y[s] = (1-m)*e.theta[s] + m*e.Lambda[s]*e.W[s]
		a[s] = e.Lambda[s] // varieties of s at factory price^(1−σ)
		if p.Kind == CP {
			a[s] *= math.Pow(e.W[s], s1)
		}
	}
	for r := range n { // b_r = E_r G_r^(σ−1) = E_r / Σ_s a_s φ_sr
		var sum float64
		for s := range n {
			sum += a[s] * p.Phi[s*n+r]
		}
		e.G[r] = math.Pow(sum, 1/s1)
		b[r] = e.Y[r] / sum
		if p.Kind == FE {
			b[r] *= p.Mu
		}
	}
	for r := range n {
		var ma float64
		for s := range n {
			ma += p.Phi[r*n+s] * b[s]
		}
		e.MA[r] = ma
		if p.Kind == CP {
			e.next[r] = math.Pow(ma, 1/p.Sigma) // wage equation
		} else {
			e.next[r] = ma / (p.Sigma * m) // profit = revenue / σ per entrepreneur
		}
	}
}

// real computes the real rewards ω_r = W_r G_r^(−μ).
func (e *Economy) real() {
	for r := range e.Omega {
		e.Omega[r] = e.W[r] * math.Pow(e.G[r], -e.P.Mu)
	}
}

// MeanOmega returns the λ-weighted mean real reward ω̄ = Σ λ_r ω_r.
func (e *Economy) MeanOmega() float64 {
	var m float64
	for r, l := range e.Lambda {
		m += l * e.Omega[r]
	}
	return m
}

// Replicate moves the mobile factor for a time step h (γ·dt, in units of
// 1/reward) by the replicator λ_r ← λ_r + h·λ_r·(ω_r − ω̄), with ω̄ the
// λ-weighted mean real reward: for two regions this is
// λ ← λ + h·λ(1−λ)(ω₁ − ω₂). The step conserves Σ λ. When it would push a
// share below 0 it is shortened so that the share reaches 0 exactly. It
// uses the real rewards of the last Solve, and writes the change of each
// share into delta when delta is not nil.
func (e *Economy) Replicate(h float64, delta []float64) {
	bar := e.MeanOmega()
	step := e.next
	scale := 1.0
	for r, l := range e.Lambda {
		step[r] = h * l * (e.Omega[r] - bar)
		if step[r] < 0 && l+step[r] < 0 {
			scale = math.Min(scale, l/-step[r])
		}
	}
	var sum float64
	for r := range e.Lambda {
		e.Lambda[r] = math.Max(0, e.Lambda[r]+scale*step[r])
		sum += e.Lambda[r]
	}
	for r := range e.Lambda { // remove the rounding drift
		e.Lambda[r] /= sum
	}
	for r := range delta { // none when delta is nil
		delta[r] = scale * step[r]
	}
}
