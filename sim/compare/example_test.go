package compare_test

import (
	"fmt"

	"factorflow/sim/compare"
)

// Three replications of a base and a variant, paired by seed: the variant
// adds 1, 2 and 3. The mean difference is 2, and its 95 % interval is
// 2 ± t(0.975, 2 df) · s/√3 = 2 ± 4.303 · 1/√3.
func ExamplePaired() {
	base := []float64{10, 10, 10}
	variant := []float64{11, 12, 13}
	d := compare.Paired(base, variant, false)
	fmt.Printf("base %.4g, variant %.4g\n", d.Base, d.Variant)
	fmt.Printf("difference %.4g, 95 %% CI [%.4f, %.4f], relative change %+.4g %%\n", d.Mean, d.Low, d.High, 100*d.Rel)
	fmt.Println("significant:", d.Significant())
	// Output:
	// base 10, variant 12
	// difference 2, 95 % CI [-0.4841, 4.4841], relative change +20 %
	// significant: false
}

// Three replications of one quantity: its mean is 12, and its 95 % interval
// 12 ± t(0.975, 2 df) · s/√3, the same width as the paired difference above.
func ExampleInterval() {
	m, low, high := compare.Interval([]float64{11, 12, 13})
	fmt.Printf("mean %.4g, 95 %% CI [%.4f, %.4f]\n", m, low, high)
	// Output:
	// mean 12, 95 % CI [9.5159, 14.4841]
}
