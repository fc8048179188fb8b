package compare

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Student's t quantiles at 0.975, from tables.
// t1 is tan(0.475π); t2 is √(2/(4·0.975·0.025) − 2).
const (
	t1 = 12.706204736174707 // 1 degree of freedom
	t2 = 4.302652729749464  // 2 degrees of freedom
)

var nan = math.NaN()

func TestPaired(t *testing.T) {
	for _, tc := range []struct {
		name          string
		base, variant []float64
		exact         bool
		want          Diff
	}{
		{
			name: "differences 1 2 3", base: []float64{10, 10, 10}, variant: []float64{11, 12, 13},
			want: Diff{Base: 10, Variant: 12, Mean: 2, Low: 2 - t2/math.Sqrt(3), High: 2 + t2/math.Sqrt(3), Rel: 0.2, N: 3},
		},
		{
			name: "two replications", base: []float64{1, 3}, variant: []float64{2, 6},
			// differences 1 and 3: mean 2, standard deviation √2
			want: Diff{Base: 2, Variant: 4, Mean: 2, Low: 2 - t1, High: 2 + t1, Rel: 1, N: 2},
		},
		{
			name: "exact runs: the point itself", base: []float64{4}, variant: []float64{5}, exact: true,
			want: Diff{Base: 4, Variant: 5, Mean: 1, Low: 1, High: 1, Rel: 0.25, N: 1},
		},
		{
			name: "one stochastic replication: no interval", base: []float64{4}, variant: []float64{5},
			want: Diff{Base: 4, Variant: 5, Mean: 1, Low: nan, High: nan, Rel: 0.25, N: 1},
		},
		{
			name: "base mean 0: no relative change", base: []float64{0, 0}, variant: []float64{1, 1},
			want: Diff{Base: 0, Variant: 1, Mean: 1, Low: 1, High: 1, Rel: nan, N: 2},
		},
		{
			name: "NaN propagates", base: []float64{nan, nan}, variant: []float64{nan, nan},
			want: Diff{Base: nan, Variant: nan, Mean: nan, Low: nan, High: nan, Rel: nan, N: 2},
		},
		{
			name: "one NaN replication", base: []float64{1, 1}, variant: []float64{2, nan},
			want: Diff{Base: 1, Variant: nan, Mean: nan, Low: nan, High: nan, Rel: nan, N: 2},
		},
		{
			name: "infinite in both", base: []float64{math.Inf(1), math.Inf(1)}, variant: []float64{math.Inf(1), math.Inf(1)},
			want: Diff{Base: math.Inf(1), Variant: math.Inf(1), Mean: nan, Low: nan, High: nan, Rel: nan, N: 2},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Paired(tc.base, tc.variant, tc.exact)
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateNaNs(), cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("Paired(%v, %v, %v) (-want +got):\n%s", tc.base, tc.variant, tc.exact, diff)
			}
		})
	}
}

// TestZeroWidth checks that equal differences give an interval of exactly
// zero width, not one of rounding error.
func TestZeroWidth(t *testing.T) {
	b, v := 0.1, 0.3
	d := Paired([]float64{b, b, b}, []float64{v, v, v}, false)
	if d.Low != d.Mean || d.High != d.Mean || d.Mean != v-b {
		t.Errorf("interval [%v, %v] around %v, want the point %v", d.Low, d.High, d.Mean, v-b)
	}
}

func TestSignificant(t *testing.T) {
	for _, tc := range []struct {
		low, high float64
		want      bool
	}{
		{1, 2, true}, {-2, -1, true}, {-1, 1, false}, {0, 1, false}, {0, 0, false}, {nan, nan, false},
	} {
		if got := (Diff{Low: tc.low, High: tc.high}).Significant(); got != tc.want {
			t.Errorf("[%v, %v].Significant() = %v, want %v", tc.low, tc.high, got, tc.want)
		}
	}
}

func TestVectors(t *testing.T) {
	base := [][]float64{{1, 0}, {1, 0}, {1, 0}}
	variant := [][]float64{{2, 1}, {3, 2}, {4, 3}}
	got := Vectors(base, variant, false)
	want := []Diff{
		Paired([]float64{1, 1, 1}, []float64{2, 3, 4}, false),
		Paired([]float64{0, 0, 0}, []float64{1, 2, 3}, false),
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateNaNs()); diff != "" {
		t.Errorf("Vectors (-want +got):\n%s", diff)
	}
}

func TestPanics(t *testing.T) {
	for name, fn := range map[string]func(){
		"Paired lengths":  func() { Paired([]float64{1}, []float64{1, 2}, false) },
		"Paired empty":    func() { Paired(nil, nil, false) },
		"Vectors reps":    func() { Vectors([][]float64{{1}}, nil, false) },
		"Vectors lengths": func() { Vectors([][]float64{{1}}, [][]float64{{1, 2}}, false) },
		"Vectors no reps": func() { Vectors(nil, nil, false) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			fn()
		})
	}
}
