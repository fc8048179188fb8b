package calibrate

import (
	"math"
	"testing"
)

// TestSpaceRelative checks the values of parameters searched relative to
// another (Per: a ratio; Minus: a difference) at given coordinates, and
// that u inverts x.
func TestSpaceRelative(t *testing.T) {
	sp := space{
		{Path: "a", Lower: 0.01, Upper: 100, Log: true},
		{Path: "b", Lower: 1, Upper: 2},
		{Path: "c", Lower: 0.1, Upper: 10, Log: true, Per: "a"},
		{Path: "d", Lower: -0.5, Upper: 0.5, Minus: "b"},
	}
	tests := []struct {
		u, want []float64
	}{
		{[]float64{0.5, 0, 0.5, 0.5}, []float64{1, 1, 1, 1}},
		{[]float64{1, 0.5, 0, 1}, []float64{100, 1.5, 10, 2}},
		{[]float64{0, 1, 1, 0}, []float64{0.01, 2, 0.1, 1.5}},
		{[]float64{0.75, 0.25, 0.25, 0.25}, []float64{10, 1.25, 10 * math.Pow(10, -0.5), 1}},
		{[]float64{-1, 2, 0.5, 0.5}, []float64{0.01, 2, 0.01, 2}}, // clamped to the unit cube
	}
	for _, tt := range tests {
		x := sp.x(tt.u)
		for i := range x {
			if math.Abs(x[i]-tt.want[i]) > 1e-12*math.Max(1, math.Abs(tt.want[i])) {
				t.Errorf("x(%v) = %v, want %v", tt.u, x, tt.want)
				break
			}
		}
		u := sp.u(x)
		for i := range u {
			if c := min(max(tt.u[i], 0), 1); math.Abs(u[i]-c) > 1e-12 {
				t.Errorf("u(x(%v)) = %v", tt.u, u)
				break
			}
		}
	}
}

// TestSpaceStartX: a relative parameter's Start is its ratio or
// difference, and its value is derived from its ref's exact Start.
func TestSpaceStartX(t *testing.T) {
	sp := space{
		{Path: "a", Lower: 0.01, Upper: 100, Log: true, Start: ptr(0.3)},
		{Path: "c", Lower: 0.1, Upper: 10, Log: true, Per: "a", Start: ptr(3)},
		{Path: "d", Lower: -1, Upper: 1, Minus: "a"}, // no Start: the middle, 0
	}
	x := sp.startX()
	want := []float64{0.3, 0.9, 0.3}
	for i := range x {
		if math.Abs(x[i]-want[i]) > 1e-15 {
			t.Fatalf("startX() = %v, want %v", x, want)
		}
	}
	if a, r := 0.3, 3.0; x[1] != a*r {
		t.Errorf("derived value %v, want exactly 0.3 × 3", x[1])
	}
}

// TestSpaceValueRange: a relative parameter's values range over those
// derived at the corners of its range and its ref's.
func TestSpaceValueRange(t *testing.T) {
	sp := space{
		{Path: "a", Lower: 0.01, Upper: 10, Log: true},
		{Path: "c", Lower: 0.1, Upper: 100, Log: true, Per: "a"},
		{Path: "d", Lower: -0.5, Upper: 0.5, Minus: "a"},
	}
	tests := []struct{ lo, hi float64 }{{0.01, 10}, {0.001, 1000}, {-0.49, 10.5}}
	for i, tt := range tests {
		lo, hi := sp.valueRange(i)
		if math.Abs(lo-tt.lo) > 1e-12 || math.Abs(hi-tt.hi) > 1e-12 {
			t.Errorf("valueRange(%d) = %g, %g, want %g, %g", i, lo, hi, tt.lo, tt.hi)
		}
	}
}
