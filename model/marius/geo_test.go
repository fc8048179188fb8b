package marius

import (
	"math"
	"testing"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		want, tol              float64 // m
	}{
		// Vincenty (1975)'s test line, Flinders Peak to Buninyong (Geoscience
		// Australia): 54,972.271 m.
		{"Flinders Peak - Buninyong", -(37 + 57/60.0 + 3.72030/3600), 144 + 25/60.0 + 29.52440/3600,
			-(37 + 39/60.0 + 10.15610/3600), 143 + 55/60.0 + 35.38390/3600, 54972.271, 0.001},
		{"same point", 55.75, 37.62, 55.75, 37.62, 0, 0},
		// A degree of longitude on the equator: a·π/180.
		{"equator degree", 0, 0, 0, 1, 6378137 * math.Pi / 180, 0.001},
		// Pole to pole along a meridian: twice the meridian quadrant 10,001,965.729 m.
		{"pole to pole", 90, 0, -90, 0, 2 * 10001965.729, 0.01},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Distance(tt.lat1, tt.lon1, tt.lat2, tt.lon2)
			if math.Abs(got-tt.want) > tt.tol {
				t.Errorf("Distance = %.4f m, want %.4f ± %g", got, tt.want, tt.tol)
			}
			if back := Distance(tt.lat2, tt.lon2, tt.lat1, tt.lon1); math.Abs(back-got) > 1e-6 {
				t.Errorf("not symmetric: %.6f and %.6f", got, back)
			}
		})
	}
	// Nearly antipodal points need the fallback: finite, about half the
	// circumference.
	if d := Distance(0, 0, 0.5, 179.7); !(d > 1.9e7 && d < 2.01e7) {
		t.Errorf("nearly antipodal distance %g m", d)
	}
}
