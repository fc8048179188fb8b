package calibrate_test

import (
	"context"
	"fmt"
	"os"

	"factorflow/sim/calibrate"
)

// Example calibrates two parameters of the teaching scenario (mean-field,
// five years) back to targets the model made at tfp_growth 0.03 and
// migration.rate 0.2, with Nelder–Mead.
func Example() {
	f, err := calibrate.Load("testdata/tiny.toml")
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, err := os.MkdirTemp("", "calibrate-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	res, err := calibrate.Run(context.Background(), f, dir, calibrate.Options{Workers: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d evaluations: tfp_growth %.3f, migration.rate %.2f, fit below 1e-6: %v\n",
		res.Evaluations, res.Best[0], res.Best[1], res.Fit < 1e-6)
	// Output:
	// 40 evaluations: tfp_growth 0.030, migration.rate 0.20, fit below 1e-6: true
}
