package calibrate

import (
	"context"
	"math"
	"testing"
)

// TestABCGaussian checks both ABC methods on a toy whose posterior is
// known: n = 20 draws from N(μ, 1), observed mean 1, uniform prior on
// [-5, 5]. The posterior of μ is N(1, 1/20) (the prior's truncation is
// negligible): mean 1, sd 0.2236. The ABC approximation widens it by the
// tolerance (a uniform kernel of half-width δ adds δ²/3 to the variance:
// under 2 % of the sd here). Fixed seeds; the tolerances are over 4
// Monte Carlo standard errors of a 200-particle sample (mean ±0.07, sd
// ±20 %), so a false failure is very unlikely.
func TestABCGaussian(t *testing.T) {
	sp := space{{Path: "mu", Lower: -5, Upper: 5}}
	const n, want, wantSD = 20, 1.0, 0.2236
	tests := []struct {
		method string
		a      ABC
		budget int
	}{
		{"abc-rejection", ABC{Accept: 0.01, Batch: 1000, Level: 0.9}, 20000},
		{"abc-smc", ABC{Particles: 200, Generations: 8, Quantile: 0.5, Batch: 200, Level: 0.9}, 10000},
	}
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			f := &File{Method: tt.method, ABC: tt.a, Budget: tt.budget, Seed: 5}
			toy := &gaussToy{n: n, obs: want}
			p, trace, err := f.abc(context.Background(), toy, sp)
			if err != nil {
				t.Fatal(err)
			}
			iv := p.intervals[0]
			t.Logf("%d draws, %d generations, %d particles: mean %.4f sd %.4f, 90%% [%.3f, %.3f]",
				toy.next, len(trace), len(p.x), iv.Mean, iv.SD, iv.Lower, iv.Upper)
			if math.Abs(iv.Mean-want) > 0.07 {
				t.Errorf("posterior mean %.4f, want %.4f ± 0.07", iv.Mean, want)
			}
			if math.Abs(iv.SD-wantSD)/wantSD > 0.2 {
				t.Errorf("posterior sd %.4f, want %.4f ± 20 %%", iv.SD, wantSD)
			}
			// The 90 % interval of N(1, 0.2236²) is 1 ± 0.368.
			if math.Abs(iv.Lower-(want-0.368)) > 0.12 || math.Abs(iv.Upper-(want+0.368)) > 0.12 {
				t.Errorf("90%% interval [%.3f, %.3f], want [0.632, 1.368] ± 0.12", iv.Lower, iv.Upper)
			}
			var sum float64
			for _, w := range p.w {
				sum += w
			}
			if math.Abs(sum-1) > 1e-9 {
				t.Errorf("weights sum to %g", sum)
			}
		})
	}
}

func TestWeightedQuantile(t *testing.T) {
	vs := []float64{3, 1, 2, 4}
	ws := []float64{0.1, 0.4, 0.3, 0.2}
	tests := []struct{ q, want float64 }{{0, 1}, {0.4, 1}, {0.41, 2}, {0.7, 2}, {0.75, 3}, {0.81, 4}, {1, 4}}
	for _, tt := range tests {
		if got := wquantile(vs, ws, tt.q); got != tt.want {
			t.Errorf("wquantile(%g) = %g, want %g", tt.q, got, tt.want)
		}
	}
}
