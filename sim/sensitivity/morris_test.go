package sensitivity

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMorrisLayout checks the trajectories: K+1 points on the p-level grid,
// each step moving one factor by ±Δ, every factor once.
func TestMorrisLayout(t *testing.T) {
	for _, p := range []int{2, 4, 6} {
		const r, k = 20, 5
		m := NewMorris(r, k, p, 3)
		if diff := cmp.Diff(m, NewMorris(r, k, p, 3)); diff != "" {
			t.Errorf("p=%d: same seed, different designs (-first +second):\n%s", p, diff)
		}
		if len(m.Points) != r*(k+1) {
			t.Fatalf("p=%d: %d points, want %d", p, len(m.Points), r*(k+1))
		}
		if want := float64(p) / float64(2*(p-1)); m.Delta != want {
			t.Errorf("p=%d: Delta %g, want %g", p, m.Delta, want)
		}
		for i, x := range m.Points {
			for f, v := range x {
				if l := v * float64(p-1); math.Abs(l-math.Round(l)) > 1e-12 || v < 0 || v > 1+1e-12 {
					t.Errorf("p=%d: point %d factor %d = %g is not on the grid", p, i, f, v)
				}
			}
		}
		for tr := range r {
			moved := make([]int, k)
			for j := tr*(k+1) + 1; j < (tr+1)*(k+1); j++ {
				changed := 0
				for f := range k {
					if d := m.Points[j][f] - m.Points[j-1][f]; d != 0 {
						changed++
						moved[f]++
						if math.Abs(math.Abs(d)-m.Delta) > 1e-12 {
							t.Errorf("p=%d: trajectory %d step %d moves factor %d by %g, want ±%g", p, tr, j, f, d, m.Delta)
						}
					}
				}
				if changed != 1 {
					t.Errorf("p=%d: trajectory %d step %d changes %d factors, want 1", p, tr, j, changed)
				}
			}
			if diff := cmp.Diff([]int{1, 1, 1, 1, 1}, moved); diff != "" {
				t.Errorf("p=%d: trajectory %d moves (-want +got):\n%s", p, tr, diff)
			}
		}
	}
}

// TestMorrisLinear checks that for y = Σ c_i u_i every elementary effect of
// factor i is c_i: μ* = |c_i|, μ = c_i, σ = 0 (up to rounding).
func TestMorrisLinear(t *testing.T) {
	c := []float64{1, -2, 3, 0.5, 0}
	f, _ := linear(c)
	m := NewMorris(10, len(c), 4, 1)
	muStar, mu, sigma := m.Effects(evaluate(m.Points, f))
	for i, ci := range c {
		if math.Abs(muStar[i]-math.Abs(ci)) > 1e-12 || math.Abs(mu[i]-ci) > 1e-12 || sigma[i] > 1e-12 {
			t.Errorf("factor %d: μ* %g, μ %g, σ %g, want %g, %g, 0", i+1, muStar[i], mu[i], sigma[i], math.Abs(ci), ci)
		}
	}
}

// TestMorrisIshigami checks the qualitative screening of Ishigami: x2 has
// the largest μ* (its effect a sin² x2 is non-monotonic, so its μ is near 0
// and μ* is the measure to read), and x3, which acts only through its
// interaction with x1, has σ large relative to μ and to μ*. Fixed seed;
// the test cannot fail by chance.
func TestMorrisIshigami(t *testing.T) {
	m := NewMorris(50, 3, 4, 1)
	muStar, mu, sigma := m.Effects(evaluate(m.Points, ishigami))
	for i := range 3 {
		t.Logf("x%d: μ* %.3f, μ %+.3f, σ %.3f", i+1, muStar[i], mu[i], sigma[i])
	}
	if muStar[1] <= muStar[0] || muStar[1] <= muStar[2] {
		t.Errorf("μ* = %.3f, want x2 the largest", muStar)
	}
	if sigma[2] < 2*math.Abs(mu[2]) || sigma[2] < 0.5*muStar[2] {
		t.Errorf("x3: μ %.3f, μ* %.3f, σ %.3f, want σ large against μ (interaction)", mu[2], muStar[2], sigma[2])
	}
}

func TestMorrisPanics(t *testing.T) {
	for _, p := range []int{0, 1, 3} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewMorris(1, 1, %d, 0) did not panic", p)
				}
			}()
			NewMorris(1, 1, p, 0)
		}()
	}
}
