package sweep

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// cpSweep varies the freeness of trade of the core-periphery scenario
// across its break point (0.143) and keeps the family's own metric.
const cpSweep = `scenario = "core-periphery"
design = "grid"
seed = 1
years = 50
mode = "mean-field"
metrics = ["max_share", "theil"]

[[factors]]
path = "core_periphery.phi"
min = 0.05
max = 0.25
levels = 2
`

// TestFamilyMetrics: a sweep of a model family keeps the family's own
// metrics by name (below the break point the mobile factor stays spread,
// above it agglomerates), checks their names, and keeps them all by
// default.
func TestFamilyMetrics(t *testing.T) {
	s := parse(t, cpSweep)
	runs := sweepFiles(t, s, filepath.Join(t.TempDir(), "out"), Options{Workers: 1})
	lines := strings.Split(strings.TrimSpace(runs), "\n")
	if lines[0] != "run,point,replicate,seed,core_periphery.phi,status,error,max_share,theil" || len(lines) != 3 {
		t.Fatalf("runs.csv:\n%s", runs)
	}
	for i, want := range []float64{0.5, 1} {
		share, _ := strconv.ParseFloat(strings.Split(lines[i+1], ",")[7], 64)
		if d := share - want; d > 1e-3 || d < -1e-3 {
			t.Errorf("run %d: max_share %g, want %g", i, share, want)
		}
	}
	_, err := Parse(filepath.Join(t.TempDir(), "sweep.toml"), []byte(strings.Replace(cpSweep, `"max_share"`, `"max_shar"`, 1)))
	if err == nil || !strings.Contains(err.Error(), `unknown metric "max_shar"`) || !strings.Contains(err.Error(), "share:West") {
		t.Errorf("misspelt family metric: %v", err)
	}
	all := parse(t, strings.Replace(cpSweep, `metrics = ["max_share", "theil"]`, "", 1))
	if got := all.Metrics[len(all.Metrics)-1]; got != "real_reward:East" {
		t.Errorf("default metrics end with %q, want the family's last, real_reward:East", got)
	}
}
