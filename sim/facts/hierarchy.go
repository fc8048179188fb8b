package facts

import (
	"context"
	"fmt"
	"math"

	"factorflow/model"
	"factorflow/sim"
	"factorflow/sim/compare"
)

// F2 reads the town-cluster scenario: 30 invented towns of 15,000–450,000
// residents (a Zipf start) in a rural hinterland at 20 % urbanisation in
// 1980, with migrants from an interior without towns, run 70 years. The
// national scenario cannot show the report's hierarchy: its cities are
// whole prefectures of a nation of a billion, and the report's thresholds
// (5 M, 0.5 M) are absolute.
const townCluster = "town-cluster"

// hierarchyReps is the number of stochastic replications of F2 (seeds 1 to
// hierarchyReps). Which towns win depends on the draws of firms and
// movers, so the counts are a distribution, not one number.
const hierarchyReps = 10

// inflowScaling is the OLS slope of ln(arrivals) on ln(residents) across
// the cities that received anyone this year: arrivals from other cities
// and from the hinterlands, against residents at the end of the year. It
// is the scaling exponent that migration.size is calibrated to (1.19 for
// international immigrants across 384 US metro areas, Nature
// Communications 13, 2022).
func inflowScaling(f *sim.Frame) float64 {
	var acc model.OLS
	for j := 0; j < f.State.N; j++ {
		if in, p := arrivals(f, j), f.State.CityPop(j); in > 0 && p > 0 {
			acc.Add(math.Log(p), math.Log(in))
		}
	}
	if acc.N() < 2 {
		return math.NaN()
	}
	return acc.Slope()
}

// meanCI returns the mean of the replications x and the half-width of its
// 95 % confidence interval (compare.Interval).
func meanCI(x []float64) (mean, half float64) {
	m, _, high := compare.Interval(x)
	return m, high - m
}

// checkHierarchy: F2, on town-cluster at the end of its run, over
// hierarchyReps stochastic replications. The seeds are fixed, so the test
// is deterministic (no false failures); the intervals say how much the
// counts vary from one history to another.
func checkHierarchy(ctx context.Context) (Result, error) {
	n := hierarchyReps
	primary, secondary, small := make([]float64, n), make([]float64, n), make([]float64, n)
	zipf, zipf0, scaling := make([]float64, n), make([]float64, n), make([]float64, n)
	var start, end int // the run's years, set by replication 1
	err := replicate(ctx, n, func(rep int) error {
		sc, err := load(ctx, townCluster, "mode=stochastic", fmt.Sprintf("seed=%d", rep))
		if err != nil {
			return err
		}
		s, err := Run(ctx, sc, sim.Options{}, map[string]Probe{"inflow_scaling": inflowScaling})
		if err != nil {
			return err
		}
		y0, y1 := s.Years[0], s.Years[len(s.Years)-1]
		if rep == 1 {
			start, end = y0, y1
		}
		// Anyone above 0.5 M at the start would make the hierarchy an
		// input rather than an outcome.
		if s.At("primary", y0)+s.At("secondary", y0) > 0 {
			return fmt.Errorf("facts: %s starts with a town above %.0f residents", townCluster, model.SecondarySize)
		}
		i := rep - 1
		primary[i], secondary[i], small[i] = s.At("primary", y1), s.At("secondary", y1), s.At("small", y1)
		zipf[i], zipf0[i] = s.At("rank_size", y1), s.At("rank_size", y0)
		scaling[i] = mean(s, "inflow_scaling", y0+1, y1)
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	p, pCI := meanCI(primary)
	sec, secCI := meanCI(secondary)
	sm, smCI := meanCI(small)
	z, zCI := meanCI(zipf)
	z0, _ := meanCI(zipf0)
	b, bCI := meanCI(scaling)
	var r Result
	// Report 3: "one to two main core cities with a population of more
	// than 5 million ... 3-5 secondary core cities with a population of
	// between 500,000 to 5 million ... 10-30 small and medium-sized
	// cities with populations of less than 500,000". Asserted on the mean
	// over the replications.
	r.cond(p >= 1 && p <= 2, "%.1f ± %.1f primary cores (> 5 M; report: 1–2)", p, pCI)
	r.cond(sec >= 3 && sec <= 5, "%.1f ± %.1f secondary cores (0.5–5 M; report: 3–5)", sec, secCI)
	r.cond(sm >= 10 && sm > sec, "%.1f ± %.1f small cities (< 0.5 M; report: 10–30, more than the secondary cores)", sm, smCI)
	// "Rank-size exponent near 1": 0.8–1.2 is the literature's range for
	// national systems of hundreds of cities (Gabaix 1999; Soo 2005). A
	// cluster of 30 that has the report's counts cannot be there: 1–2
	// cities above 5 M, 3–5 in 0.5–5 M and 10–30 spread log-uniformly in
	// 0.05–0.5 M give an OLS exponent of 0.47–0.78 (computed for every
	// combination), and the real BosWash cities of shared/data (New York
	// 8.6 M ... Hartford 0.12 M) give 0.52. The band is therefore 0.45–1.2.
	r.cond(z >= 0.45 && z <= 1.2, "rank-size exponent %.2f ± %.2f (report-consistent clusters: 0.47–0.78; national systems 0.8–1.2)", z, zCI)
	r.Measured = fmt.Sprintf("%s %d (%d stochastic runs, mean ± 95 %% CI): %.1f ± %.1f primary, %.1f ± %.1f secondary, %.1f ± %.1f small (all 30 towns small in %d); rank-size exponent %.2f → %.2f ± %.2f; migrants' inflow scales with town size as %.2f ± %.2f (US metros: 1.19)",
		townCluster, end, hierarchyReps, p, pCI, sec, secCI, sm, smCI, start, z0, z, zCI, b, bCI)
	return r.finish(), nil
}
