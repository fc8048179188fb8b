package facts

import (
	"math"
	"testing"
)

func TestOLSSlope(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
		want float64
	}{
		{"line", []float64{1, 2, 3, 4}, []float64{3, 5, 7, 9}, 2},
		{"scatter", []float64{0, 1, 2}, []float64{0, 2, 1}, 0.5},
		{"one point", []float64{1}, []float64{1}, math.NaN()},
		{"no spread", []float64{2, 2, 2}, []float64{1, 2, 3}, math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a ols
			for i := range tt.x {
				a.add(tt.x[i], tt.y[i])
			}
			got := a.slope()
			if math.IsNaN(tt.want) != math.IsNaN(got) || (!math.IsNaN(got) && math.Abs(got-tt.want) > 1e-12) {
				t.Errorf("slope = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMeanCI(t *testing.T) {
	// Ten values 0..9: mean 4.5, sd √(82.5/9), half-width t95·sd/√10.
	x := make([]float64, 10)
	for i := range x {
		x[i] = float64(i)
	}
	m, h := meanCI(x)
	want := t95 * math.Sqrt(82.5/9) / math.Sqrt(10)
	if m != 4.5 || math.Abs(h-want) > 1e-12 {
		t.Errorf("meanCI = %v ± %v, want 4.5 ± %v", m, h, want)
	}
	if m, h := meanCI([]float64{3, 3, 3}); m != 3 || h != 0 {
		t.Errorf("constant: %v ± %v, want 3 ± 0", m, h)
	}
}
