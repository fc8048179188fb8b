package facts

import (
	"math"
	"testing"
)

func TestMeanCI(t *testing.T) {
	// Ten values 0..9: mean 4.5, sd √(82.5/9), half-width t·sd/√10 with
	// Student's t quantile 0.975 for 9 degrees of freedom.
	const t975 = 2.2621571627982
	x := make([]float64, 10)
	for i := range x {
		x[i] = float64(i)
	}
	m, h := meanCI(x)
	want := t975 * math.Sqrt(82.5/9) / math.Sqrt(10)
	if m != 4.5 || math.Abs(h-want) > 1e-9 {
		t.Errorf("meanCI = %v ± %v, want 4.5 ± %v", m, h, want)
	}
	if m, h := meanCI([]float64{3, 3, 3}); m != 3 || h != 0 {
		t.Errorf("constant: %v ± %v, want 3 ± 0", m, h)
	}
}
