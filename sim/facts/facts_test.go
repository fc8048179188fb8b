package facts_test

import (
	"context"
	"testing"

	"factorflow/sim/facts"
)

// notReproduced lists the facts the calibrated model does not reproduce
// yet, with the reason; docs/calibration.md says more. Their checks still
// run (an error fails the test) and their failures are logged, but they do
// not fail the suite. Remove an entry as soon as the fact holds: the test
// then fails if it breaks again.
var notReproduced = map[string]string{
	"F3": "with the exit hazard the cores' chain share in national goes 0.762 → 0.776 (it was 0.71 with the fixed k-year exit, holding in 6 of 12 one-knob perturbations): the move of chain manufacturing out of the cores is not robust; within the clusters the primary cities gain chain output and lose cloud output",
	"F7": "the leverage ordering holds in mean-field (barrier 4.90 at MODEL.md's literal cost, the compensation that keeps each region's tax share at the baseline run's, 0.52 M, which is the common budget; auxiliary 1.25, training 1.14 with 19 % of trainees becoming talent, the return to a 3-year vocational course; incentive -0.59; subsidy -7.33), but Hebei's steel capital never halves while nation.productivity is 0, so the subsidy cannot delay its restructuring; at this budget the levels' differences are within the mean-field path's jumps and unresolved over 20 stochastic seeds",
}

// TestFacts runs every stylized fact of the report against the shipped
// scenarios. Each fact states its thresholds and their reasons in its code
// (package facts). They run in mean-field mode, where paired runs differ
// only by the policy, so the test has no false-failure rate.
func TestFacts(t *testing.T) {
	for _, f := range facts.All() {
		t.Run(f.ID+" "+f.Name, func(t *testing.T) {
			r, err := f.Check(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			t.Log(r.Measured)
			if why, ok := notReproduced[f.ID]; ok {
				for _, msg := range r.Failures {
					t.Log("not reproduced:", msg)
				}
				if r.Pass {
					t.Fatalf("%s now holds: remove it from notReproduced", f.ID)
				}
				t.Skip("not reproduced yet: " + why)
			}
			for _, msg := range r.Failures {
				t.Error(msg)
			}
		})
	}
}
