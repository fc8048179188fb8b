package calibrate

import (
	"context"
	"path/filepath"
	"testing"
)

// recoveryTruth are the three parameters the recovery tests calibrate
// back, their true values and search ranges.
var recoveryTruth = []truth{
	{path: "production.tfp_growth", value: 0.03, lower: 0, upper: 0.06},
	{path: "migration.rate", value: 0.15, lower: 0.03, upper: 0.3, log: true},
	{path: "knowledge.rd", value: 0.2, lower: 0.02, upper: 0.5, log: true},
}

// TestRecoveryMeanField calibrates the teaching scenario (mean-field, 8
// years) back to targets it made itself at known values of three
// parameters; each must come back within 5 % of its true value.
func TestRecoveryMeanField(t *testing.T) {
	path := writeRecovery(t, "mean-field", 8, 1, recoveryTruth, []int{2024, 2028}, []string{"Pinefield"},
		"method = \"cmaes\"\nbudget = 320\nseed = 3\n[cmaes]\npopulation = 8\n")
	recoverWithin(t, path, recoveryTruth, 0.05)
}

// TestRecoveryStochastic calibrates the stochastic teaching scenario (5
// years) with 3 replications back to the mean of the same 3 replications (runs 0-2)
// at known values: with common random numbers the loss is 0 at the truth,
// and each parameter must come back within 10 %.
func TestRecoveryStochastic(t *testing.T) {
	path := writeRecovery(t, "stochastic", 5, 3, recoveryTruth, []int{2022, 2025}, []string{"Pinefield"},
		"method = \"cmaes\"\nbudget = 200\nseed = 3\n[cmaes]\npopulation = 8\n")
	recoverWithin(t, path, recoveryTruth, 0.10)
}

// TestRecoverySorted is the MARIUS way of fitting: city populations only,
// in three years, compared as sorted distributions (objective
// "sorted-log10"). The teaching scenario's cities differ enough in size
// that the ranking does not change, so two parameters that move people
// must come back within 5 %.
func TestRecoverySorted(t *testing.T) {
	ts := []truth{
		{path: "production.tfp_growth", value: 0.03, lower: 0, upper: 0.06},
		{path: "migration.rate", value: 0.15, lower: 0.03, upper: 0.3, log: true},
	}
	path := writeRecoveryOf(t, []string{"population"}, "mean-field", 10, 1, ts, []int{2024, 2027, 2030}, nil,
		"objective = \"sorted-log10\"\nmethod = \"cmaes\"\nbudget = 240\n[cmaes]\npopulation = 8\n")
	recoverWithin(t, path, ts, 0.05)
}

// recoverWithin runs the calibration file at path and checks that each
// parameter comes back within tol (relative) of its true value.
func recoverWithin(t *testing.T, path string, ts []truth, tol float64) {
	t.Helper()
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), f, filepath.Join(t.TempDir(), "out"), Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d evaluations, fit %g, holdout %g, best %v", res.Evaluations, res.Fit, res.Holdout, res.Best)
	for i, tr := range ts {
		if e := relErr(res.Best[i], tr.value); e > tol {
			t.Errorf("%s = %g, want %g within %g%% (off by %.1f%%)", tr.path, res.Best[i], tr.value, 100*tol, 100*e)
		}
	}
}
