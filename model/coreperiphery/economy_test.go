package coreperiphery

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

// cases are the (σ, μ) pairs the closed forms are checked at; each meets
// the no-black-hole condition of both models.
var cases = []struct{ sigma, mu float64 }{
	{5, 0.4}, {4, 0.3}, {3, 0.2}, {6, 0.5}, {8, 0.6}, {2.5, 0.1},
}

// bisect finds the root of f in [lo, hi], where f(lo) and f(hi) have
// opposite signs, to within tol.
func bisect(t *testing.T, f func(float64) float64, lo, hi, tol float64) float64 {
	t.Helper()
	flo := f(lo)
	if flo*f(hi) > 0 {
		t.Fatalf("no sign change in [%g, %g]: %g, %g", lo, hi, flo, f(hi))
	}
	for hi-lo > tol {
		m := (lo + hi) / 2
		if fm := f(m); fm*flo > 0 {
			lo, flo = m, fm
		} else {
			hi = m
		}
	}
	return (lo + hi) / 2
}

// gapAt solves the two-region model and fails the test on error.
func gapAt(t *testing.T, gap func(Params) (float64, error), k Kind, sigma, mu float64) func(float64) float64 {
	return func(phi float64) float64 {
		g, err := gap(TwoRegion(k, sigma, mu, phi))
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
}

// TestBreakPoint: the freeness at which the reward gap just off symmetry
// changes sign, found by solving the model, is the closed form, for both
// models and several (σ, μ). The published CP value for σ = 5, μ = 0.4
// (FKV 1999 ch. 5) is pinned too.
func TestBreakPoint(t *testing.T) {
	for _, k := range []Kind{CP, FE} {
		for _, c := range cases {
			t.Run(fmt.Sprintf("%v/sigma=%g/mu=%g", k, c.sigma, c.mu), func(t *testing.T) {
				want, err := BreakPoint(k, c.sigma, c.mu)
				if err != nil {
					t.Fatal(err)
				}
				got := bisect(t, gapAt(t, SymmetricGap, k, c.sigma, c.mu), 1e-3, 0.999, 1e-7)
				if math.Abs(got-want) > 1e-5 {
					t.Errorf("break point from the model %.7f, closed form %.7f", got, want)
				}
			})
		}
	}
	rho := 0.8
	if got, _ := BreakPoint(CP, 5, 0.4); math.Abs(got-(rho-0.4)*0.6/((rho+0.4)*1.4)) > 1e-15 || math.Abs(got-1.0/7) > 1e-12 {
		t.Errorf("CP break point at sigma 5, mu 0.4 = %g, want 1/7", got)
	}
}

// TestSustainPoint: the freeness at which a deserter from full
// agglomeration stops gaining, found by solving the model, is the root of
// the closed-form sustain condition.
func TestSustainPoint(t *testing.T) {
	for _, k := range []Kind{CP, FE} {
		for _, c := range cases {
			t.Run(fmt.Sprintf("%v/sigma=%g/mu=%g", k, c.sigma, c.mu), func(t *testing.T) {
				want, err := SustainPoint(k, c.sigma, c.mu)
				if err != nil {
					t.Fatal(err)
				}
				if f := SustainFunc(k, c.sigma, c.mu, want); math.Abs(f) > 1e-10 {
					t.Errorf("sustain condition at its root = %g, want 0", f)
				}
				brk, _ := BreakPoint(k, c.sigma, c.mu)
				if !(want > 0 && want < brk) {
					t.Errorf("sustain point %g not in (0, break point %g): no hysteresis band", want, brk)
				}
				got := bisect(t, gapAt(t, CoreGap, k, c.sigma, c.mu), 1e-3, 0.999, 1e-7)
				if math.Abs(got-want) > 1e-5 {
					t.Errorf("sustain point from the model %.7f, closed form %.7f", got, want)
				}
			})
		}
	}
}

func TestBlackHole(t *testing.T) {
	for _, tt := range []struct {
		k         Kind
		sigma, mu float64
	}{{CP, 2, 0.6}, {FE, 1.5, 0.6}} {
		if _, err := BreakPoint(tt.k, tt.sigma, tt.mu); err == nil || !strings.Contains(err.Error(), "no-black-hole") {
			t.Errorf("%v sigma %g mu %g: %v, want the no-black-hole error", tt.k, tt.sigma, tt.mu, err)
		}
		if _, err := SustainPoint(tt.k, tt.sigma, tt.mu); err == nil {
			t.Errorf("%v sigma %g mu %g: SustainPoint gave no error", tt.k, tt.sigma, tt.mu)
		}
	}
	if _, err := BreakPoint(CP, 1, 0.4); err == nil {
		t.Error("sigma = 1 accepted")
	}
}

// TestSymmetricEquilibrium: with equal shares and equal immobile factors
// every region has W = 1, Y = 1/N and G^(1−σ) = (1 + (N−1)φ)/N, in both
// models (the units are chosen for it).
func TestSymmetricEquilibrium(t *testing.T) {
	for _, k := range []Kind{CP, FE} {
		for _, n := range []int{2, 3, 5} {
			for _, phi := range []float64{0.05, 0.3, 0.9} {
				t.Run(fmt.Sprintf("%v/N=%d/phi=%g", k, n, phi), func(t *testing.T) {
					p := Params{Kind: k, Sigma: 5, Mu: 0.4, Phi: make([]float64, n*n)}
					lambda := make([]float64, n)
					for i := range p.Phi {
						p.Phi[i] = phi
						if i/n == i%n {
							p.Phi[i] = 1
						}
					}
					for r := range lambda {
						lambda[r] = 1 / float64(n)
					}
					e, err := New(p, lambda)
					if err != nil {
						t.Fatal(err)
					}
					e.W[0] = 1.7 // start away from the solution
					if err := e.Solve(); err != nil {
						t.Fatal(err)
					}
					g := math.Pow((1+float64(n-1)*phi)/float64(n), 1/(1-p.Sigma))
					for r := range n {
						if math.Abs(e.W[r]-1) > 1e-10 || math.Abs(e.Y[r]-1/float64(n)) > 1e-10 || math.Abs(e.G[r]-g) > 1e-10 {
							t.Errorf("region %d: W %.12g Y %.12g G %.12g, want 1, %g, %g", r, e.W[r], e.Y[r], e.G[r], 1/float64(n), g)
						}
						if math.Abs(e.Omega[r]-math.Pow(g, -p.Mu)) > 1e-10 {
							t.Errorf("region %d: real reward %g, want G^-mu = %g", r, e.Omega[r], math.Pow(g, -p.Mu))
						}
					}
				})
			}
		}
	}
}

// TestAgglomeratedEquilibrium: with all the mobile factor in region 1 the
// core's reward is 1, its price index 1 (CP) and region 2's price index
// T = φ^(1/(1−σ)); the ratio of real rewards is the sustain condition's
// (its σ-th root for CP).
func TestAgglomeratedEquilibrium(t *testing.T) {
	for _, k := range []Kind{CP, FE} {
		for _, phi := range []float64{0.1, 0.5, 0.8} {
			e, err := New(TwoRegion(k, 5, 0.4, phi), []float64{1, 0})
			if err != nil {
				t.Fatal(err)
			}
			if err := e.Solve(); err != nil {
				t.Fatal(err)
			}
			ratio := e.Omega[1] / e.Omega[0]
			want := SustainFunc(k, 5, 0.4, phi) + 1
			if k == CP {
				ratio = math.Pow(ratio, 5)
			}
			if math.Abs(e.W[0]-1) > 1e-10 || math.Abs(e.G[1]/e.G[0]-math.Pow(phi, -0.25)) > 1e-10 || math.Abs(ratio-want) > 1e-9 {
				t.Errorf("%v phi %g: W1 %g, G2/G1 %g (want T %g), reward ratio %g (want %g)",
					k, phi, e.W[0], e.G[1]/e.G[0], math.Pow(phi, -0.25), ratio, want)
			}
		}
	}
}

// TestReplicate: the step conserves the mobile factor, matches the
// two-region form λ(1−λ)(ω₁−ω₂), and stops a share at 0 instead of
// crossing it.
func TestReplicate(t *testing.T) {
	e, err := New(Params{Kind: CP, Sigma: 5, Mu: 0.4, Phi: []float64{1, 0.3, 0.2, 0.3, 1, 0.25, 0.2, 0.25, 1}}, []float64{0.5, 0.3, 0.2})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Solve(); err != nil {
		t.Fatal(err)
	}
	delta := make([]float64, 3)
	e.Replicate(2, delta)
	var sum, dsum float64
	for r := range 3 {
		sum += e.Lambda[r]
		dsum += delta[r]
	}
	if math.Abs(sum-1) > 1e-15 || math.Abs(dsum) > 1e-15 {
		t.Errorf("after a step shares sum to %.17g, changes to %g", sum, dsum)
	}

	two, _ := New(TwoRegion(CP, 5, 0.4, 0.3), []float64{0.6, 0.4})
	two.Solve()
	want := 0.6 + 0.5*0.6*0.4*(two.Omega[0]-two.Omega[1])
	two.Replicate(0.5, nil)
	if math.Abs(two.Lambda[0]-want) > 1e-15 {
		t.Errorf("two-region step gave %.17g, want %.17g", two.Lambda[0], want)
	}

	big, _ := New(TwoRegion(CP, 5, 0.4, 0.3), []float64{0.9, 0.1})
	big.Solve()
	big.Replicate(1e6, delta[:2])
	if big.Lambda[1] != 0 || big.Lambda[0] != 1 || math.Abs(delta[1]+0.1) > 1e-15 {
		t.Errorf("an overshooting step gave shares %v, changes %v; want [1 0] and -0.1", big.Lambda, delta[:2])
	}
}

func TestParamErrors(t *testing.T) {
	good := TwoRegion(CP, 5, 0.4, 0.3)
	tests := []struct {
		name   string
		edit   func(p *Params)
		lambda []float64
		want   string
	}{
		{"sigma", func(p *Params) { p.Sigma = 1 }, []float64{0.5, 0.5}, "sigma = 1"},
		{"mu", func(p *Params) { p.Mu = 1 }, []float64{0.5, 0.5}, "mu = 1"},
		{"phi size", func(p *Params) { p.Phi = p.Phi[:3] }, []float64{0.5, 0.5}, "3 freeness values"},
		{"phi range", func(p *Params) { p.Phi = []float64{1, 0, 0, 1} }, []float64{0.5, 0.5}, "phi[0][1] = 0"},
		{"immobile", func(p *Params) { p.Immobile = []float64{0.5, 0.6} }, []float64{0.5, 0.5}, "sum to 1.1"},
		{"shares", func(p *Params) {}, []float64{0.5, 0.6}, "sum to 1.1"},
		{"share range", func(p *Params) {}, []float64{1.5, -0.5}, "region 0 = 1.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := good
			p.Phi = append([]float64(nil), good.Phi...)
			tt.edit(&p)
			_, err := New(p, tt.lambda)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestNoConvergence(t *testing.T) {
	p := TwoRegion(CP, 5, 0.4, 0.3)
	p.MaxIter = 2
	e, _ := New(p, []float64{0.7, 0.3})
	if err := e.Solve(); !errors.Is(err, ErrNoConvergence) {
		t.Errorf("two iterations: %v, want ErrNoConvergence", err)
	}
}

// TestImmobileShares: more farmers in region 1 raise its wage (home
// market effect) at equal mobile shares.
func TestImmobileShares(t *testing.T) {
	p := TwoRegion(CP, 5, 0.4, 0.3)
	p.Immobile = []float64{0.6, 0.4}
	e, _ := New(p, []float64{0.5, 0.5})
	if err := e.Solve(); err != nil {
		t.Fatal(err)
	}
	if !(e.W[0] > e.W[1]) {
		t.Errorf("wages %v: the region with more farmers should pay more", e.W)
	}
}

func BenchmarkSolve(b *testing.B) {
	for _, n := range []int{2, 10, 50} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			p := Params{Kind: CP, Sigma: 5, Mu: 0.4, Phi: make([]float64, n*n)}
			lambda := make([]float64, n)
			for i := range p.Phi {
				p.Phi[i] = 0.3
				if i/n == i%n {
					p.Phi[i] = 1
				}
			}
			for r := range lambda {
				lambda[r] = float64(r+1) / float64(n*(n+1)/2)
			}
			e, _ := New(p, lambda)
			b.ReportAllocs()
			for b.Loop() {
				e.W[0] = 1.1
				if err := e.Solve(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestWiggle: the reward gap ω₁ − ω₂ over region 1's share in (1/2, 1] at
// the three trade costs that FKV's chapter 5 illustrates with σ = 5,
// μ = 0.4: at T = 2.1 it is negative throughout (dispersion the only
// stable outcome), at T = 1.5 positive throughout (agglomeration the only
// one), at T = 1.7 negative near 1/2 and positive near 1, with one
// unstable interior equilibrium between (both stable: hysteresis).
func TestWiggle(t *testing.T) {
	for _, tc := range []struct {
		T       float64
		changes int  // sign changes of the gap over (1/2, 1]
		first   bool // sign of the gap just above 1/2: positive?
	}{{2.1, 0, false}, {1.5, 0, true}, {1.7, 1, false}} {
		p := TwoRegion(CP, 5, 0.4, math.Pow(tc.T, -4))
		changes, prev := 0, 0.0
		for i := 1; i <= 100; i++ {
			g, err := Gap(p, 0.5+0.005*float64(i))
			if err != nil {
				t.Fatal(err)
			}
			if i == 1 && (g > 0) != tc.first {
				t.Errorf("T = %g: gap just above 1/2 is %g", tc.T, g)
			}
			if i > 1 && (g > 0) != (prev > 0) {
				changes++
			}
			prev = g
		}
		if changes != tc.changes {
			t.Errorf("T = %g: the gap changes sign %d times over (1/2, 1], want %d", tc.T, changes, tc.changes)
		}
	}
}
