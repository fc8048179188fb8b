package model_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"factorflow/model"
)

// draws is the sample size of the statistical tests of this file. Each
// compares a sample mean with its expectation at 4 standard errors, so a
// correct draw fails a given seed with probability 2·Φ(−4) ≈ 6.3e-5 per
// check; the seeds are fixed, so the outcome is reproducible.
const draws = 20000

func TestBinomialMeanField(t *testing.T) {
	tests := []struct {
		name string
		n, p float64
		want float64
	}{
		{"n·p", 1000, 0.25, 250},
		{"fractional n", 12.5, 0.4, 5},
		{"small p", 3e6, 1e-4, 300},
		{"p above one half", 80, 0.9, 72},
		{"p = 0", 100, 0, 0},
		{"p < 0", 100, -0.2, 0},
		{"p = 1", 37.5, 1, 37.5},
		{"p > 1", 10, 1.5, 10},
		{"n = 0", 0, 0.5, 0},
		{"n < 0", -4, 0.5, 0},
	}
	d := model.NewDraw(true, 1, 0, "test")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := d.Binomial(tt.n, tt.p)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Binomial(%v, %v) mismatch (-want +got):\n%s", tt.n, tt.p, diff)
			}
		})
	}
	if !d.MeanField() || d.Source() != nil {
		t.Errorf("mean-field draw: MeanField() = %v, Source() = %v; want true, nil", d.MeanField(), d.Source())
	}
}

// TestBinomialStochastic checks both sampling paths (waiting times for small
// means, the normal approximation for large ones) and the p > 1/2 reflection:
// every draw is an integer in [0, floor(n)] and the mean of 20,000 draws is
// within 4 standard errors of floor(n)·p (false-failure rate ~6e-5 per case).
func TestBinomialStochastic(t *testing.T) {
	tests := []struct {
		name string
		n, p float64
	}{
		{"waiting times", 40, 0.2},
		{"waiting times, rare", 5000, 0.001},
		{"normal approximation", 999, 0.37},
		{"reflection, small", 30, 0.85},
		{"reflection, large", 2000, 0.7},
		{"fractional n is floored", 100.9, 0.3},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := model.NewDraw(false, int64(11+i), 0, "binomial")
			n := math.Floor(tt.n)
			var sum float64
			for range draws {
				x := d.Binomial(tt.n, tt.p)
				if x != math.Trunc(x) || x < 0 || x > n {
					t.Fatalf("Binomial(%v, %v) = %v, want an integer in [0, %v]", tt.n, tt.p, x, n)
				}
				sum += x
			}
			mean, want := sum/draws, n*tt.p
			se := math.Sqrt(n * tt.p * (1 - tt.p) / draws)
			if math.Abs(mean-want) > 4*se {
				t.Errorf("mean of %d draws of Binomial(%v, %v) = %.4f, want %.4f ± %.4f (4 s.e.)", draws, tt.n, tt.p, mean, want, 4*se)
			}
		})
	}
}

// TestPoisson checks the mean-field value and the mean of 20,000 stochastic
// draws of both paths (multiplication for small means, the normal
// approximation above 30) to 4 standard errors (false-failure rate ~6e-5
// per case).
func TestPoisson(t *testing.T) {
	for i, m := range []float64{0.3, 4, 29, 120} {
		t.Run(fmt.Sprint("mean ", m), func(t *testing.T) {
			if got := model.NewDraw(true, 1, 0, "poisson").Poisson(m); got != m {
				t.Errorf("mean-field Poisson(%v) = %v, want %v", m, got, m)
			}
			d := model.NewDraw(false, int64(21+i), 0, "poisson")
			var sum float64
			for range draws {
				x := d.Poisson(m)
				if x != math.Trunc(x) || x < 0 {
					t.Fatalf("Poisson(%v) = %v, want a non-negative integer", m, x)
				}
				sum += x
			}
			mean, se := sum/draws, math.Sqrt(m/draws)
			if math.Abs(mean-m) > 4*se {
				t.Errorf("mean of %d draws of Poisson(%v) = %.4f, want %v ± %.4f (4 s.e.)", draws, m, mean, m, 4*se)
			}
		})
	}
	for _, mf := range []bool{true, false} {
		if got := model.NewDraw(mf, 1, 0, "poisson").Poisson(-1); got != 0 {
			t.Errorf("Poisson(-1), mean-field %v = %v, want 0", mf, got)
		}
	}
}

func TestMultinomial(t *testing.T) {
	tests := []struct {
		name string
		w    []float64
		n    float64
		// mean-field counts; a stochastic draw places floor(n) unless
		// every weight is zero.
		want []float64
	}{
		{"proportional", []float64{1, 2, 7}, 1000, []float64{100, 200, 700}},
		{"any scale", []float64{0.5, 0, 1.5}, 40, []float64{10, 0, 30}},
		{"fractional n", []float64{1, 1}, 7.5, []float64{3.75, 3.75}},
		{"one option", []float64{3}, 12, []float64{12}},
		{"zero weight last", []float64{2, 2, 0}, 9, []float64{4.5, 4.5, 0}},
		{"all weights zero", []float64{0, 0}, 10, []float64{0, 0}},
		{"nobody", []float64{1, 2}, 0, []float64{0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := make([]float64, len(tt.w))
			placed := model.NewDraw(true, 1, 0, "multinomial").Multinomial(got, tt.w, tt.n)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mean-field Multinomial(%v, %v) mismatch (-want +got):\n%s", tt.w, tt.n, diff)
			}
			if want := sum(tt.want); placed != want {
				t.Errorf("mean-field Multinomial placed %v, want %v", placed, want)
			}
			d := model.NewDraw(false, 5, 0, "multinomial")
			for range 200 {
				got := []float64{}
				for range tt.w {
					got = append(got, 1) // counts are added to dst
				}
				placed := d.Multinomial(got, tt.w, tt.n)
				want := math.Floor(tt.n)
				if sum(tt.want) == 0 {
					want = 0
				}
				if placed != want || sum(got) != want+float64(len(tt.w)) {
					t.Fatalf("stochastic Multinomial(%v, %v) placed %v, counts %v; want %v placed", tt.w, tt.n, placed, got, want)
				}
				for i, x := range got {
					if x != math.Trunc(x) || x < 1 || (tt.w[i] == 0 && x != 1) {
						t.Fatalf("stochastic Multinomial(%v, %v) counts %v: want integers, none to zero weights", tt.w, tt.n, got)
					}
				}
			}
		})
	}
}

// TestMultinomialMean checks that each option's mean count over 20,000
// stochastic draws is within 4 standard errors of n·w/Σw (false-failure rate
// ~6e-5 per option).
func TestMultinomialMean(t *testing.T) {
	w, n := []float64{1, 2, 7, 0.5}, 60.0
	d := model.NewDraw(false, 3, 0, "multinomial")
	total := make([]float64, len(w))
	for range draws {
		d.Multinomial(total, w, n)
	}
	for i := range w {
		p := w[i] / sum(w)
		mean, se := total[i]/draws, math.Sqrt(n*p*(1-p)/draws)
		if math.Abs(mean-n*p) > 4*se {
			t.Errorf("option %d: mean count %.4f, want %.4f ± %.4f (4 s.e.)", i, mean, n*p, 4*se)
		}
	}
}

// TestDrawStreams checks that a stream depends on the seed, the run and the
// purpose and on nothing else.
func TestDrawStreams(t *testing.T) {
	type stream struct {
		meanField bool
		seed      int64
		run       uint64
		purpose   string
	}
	first := func(s stream) []float64 {
		d := model.NewDraw(s.meanField, s.seed, s.run, s.purpose)
		x := make([]float64, 20)
		for i := range x {
			x[i] = d.Uniform()
			if x[i] < 0 || x[i] >= 1 {
				t.Fatalf("%+v: Uniform() = %v, want [0, 1)", s, x[i])
			}
		}
		return x
	}
	base := stream{false, 42, 0, "migration"}
	tests := []struct {
		name  string
		other stream
		same  bool
	}{
		{"same seed and purpose", base, true},
		{"other purpose", stream{false, 42, 0, "firms"}, false},
		{"other seed", stream{false, 43, 0, "migration"}, false},
		{"other run", stream{false, 42, 1, "migration"}, false},
		{"mean-field, same purpose", stream{true, 42, 0, "migration"}, false},
	}
	want := first(base)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := first(tt.other)
			diff := cmp.Diff(want, got)
			if tt.same && diff != "" {
				t.Errorf("stream %+v differs from %+v (-want +got):\n%s", tt.other, base, diff)
			}
			if !tt.same && diff == "" {
				t.Errorf("stream %+v equals %+v, want a different sequence", tt.other, base)
			}
		})
	}
	mf := stream{true, 1, 0, "migration"}
	if diff := cmp.Diff(first(mf), first(stream{true, 2, 5, "migration"})); diff != "" {
		t.Errorf("mean-field sequences of one purpose differ (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(first(mf), first(stream{true, 1, 0, "firms"})); diff == "" {
		t.Errorf("mean-field sequences of two purposes are equal")
	}
}

// TestUniformMean checks the mean of 20,000 uniforms, 1/2 ± 4 standard
// errors (false-failure rate ~6e-5), and that the mean-field sequence
// covers [0, 1) evenly (every tenth holds 10% ± 0.5%).
func TestUniformMean(t *testing.T) {
	for _, mf := range []bool{false, true} {
		d := model.NewDraw(mf, 7, 0, "uniform")
		var s float64
		bins := make([]float64, 10)
		for range draws {
			u := d.Uniform()
			s += u
			bins[int(10*u)]++
		}
		if se := math.Sqrt(1.0 / 12 / draws); math.Abs(s/draws-0.5) > 4*se {
			t.Errorf("mean-field %v: mean of %d uniforms %.4f, want 0.5 ± %.4f", mf, draws, s/draws, 4*se)
		}
		if mf {
			for i, b := range bins {
				if math.Abs(b/draws-0.1) > 0.005 {
					t.Errorf("mean-field uniforms: share in [%.1f, %.1f) = %.4f, want 0.1", float64(i)/10, float64(i+1)/10, b/draws)
				}
			}
		}
	}
}

func sum(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s
}

// ExampleNewDraw shows the two modes of a draw: a mean-field draw returns
// expected values, a stochastic one integer counts from a seeded stream.
func ExampleNewDraw() {
	mf := model.NewDraw(true, 1, 0, "example")
	fmt.Println(mf.Binomial(1000, 0.25), mf.Poisson(3.5))
	shares := make([]float64, 3)
	mf.Multinomial(shares, []float64{1, 1, 2}, 100)
	fmt.Println(shares)

	d := model.NewDraw(false, 1, 0, "example")
	x := d.Binomial(1000, 0.25)
	fmt.Println(x == math.Trunc(x), x >= 0 && x <= 1000)
	// Output:
	// 250 3.5
	// [25 25 50]
	// true true
}
