package sensitivity_test

import (
	"fmt"

	"factorflow/sim/sensitivity"
)

func ExampleGrid() {
	for _, x := range sensitivity.Grid([]int{2, 3}) {
		fmt.Println(x)
	}
	// Output:
	// [0 0]
	// [0 0.5]
	// [0 1]
	// [1 0]
	// [1 0.5]
	// [1 1]
}

func ExampleSobol() {
	for _, x := range sensitivity.Sobol(4, 2) {
		fmt.Println(x)
	}
	// Output:
	// [0.5 0.5]
	// [0.75 0.25]
	// [0.25 0.75]
	// [0.375 0.375]
}

func ExampleLatinHypercube() {
	for _, x := range sensitivity.LatinHypercube(4, 2, 1) {
		fmt.Printf("%.3f\n", x)
	}
	// Output:
	// [0.698 0.639]
	// [0.223 0.486]
	// [0.371 0.796]
	// [0.756 0.176]
}

// The Saltelli design of y = u1 + 2·u2: u2 explains 4/5 of the variance.
func ExampleSaltelli_Indices() {
	s := sensitivity.NewSaltelli(1024, 2)
	y := make([]float64, len(s.Points))
	for i, u := range s.Points {
		y[i] = u[0] + 2*u[1]
	}
	first, total := s.Indices(y)
	fmt.Printf("first %.3f\ntotal %.3f\n", first, total)
	lo, hi, _, _ := s.Bootstrap(y, 200, 1, 0.95)
	fmt.Printf("S2 in [%.2f, %.2f]\n", lo[1], hi[1])
	// Output:
	// first [0.201 0.803]
	// total [0.201 0.804]
	// S2 in [0.73, 0.86]
}

// Morris screening of y = 3·u1 − u2: every elementary effect of a linear
// function is its coefficient, so σ is 0.
func ExampleMorris_Effects() {
	m := sensitivity.NewMorris(10, 2, 4, 1)
	y := make([]float64, len(m.Points))
	for i, u := range m.Points {
		y[i] = 3*u[0] - u[1]
	}
	muStar, mu, sigma := m.Effects(y)
	fmt.Printf("μ* %.2f\nμ  %.2f\nσ  %.2f\n", muStar, mu, sigma)
	// Output:
	// μ* [3.00 1.00]
	// μ  [3.00 -1.00]
	// σ  [0.00 0.00]
}
