package sweep

import (
	"strings"
	"testing"
)

// TestMariusSweepMetrics: a sweep of another model family keeps that family's
// own metrics (marius: the fit), by name, and rejects names it lacks.
func TestMariusSweepMetrics(t *testing.T) {
	const src = `scenario = "marius"
design = "grid"
levels = 2
years = 11
metrics = ["population", "fit", "dead"]

[[factors]]
path = "marius.distance_decay"
min = 0.6
max = 0.7
`
	s := parse(t, src)
	csv := sweepFiles(t, s, t.TempDir(), Options{Workers: 1})
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if len(lines) != 3 || !strings.HasSuffix(lines[0], ",population,fit,dead") {
		t.Fatalf("runs.csv:\n%s\nwant a header ending population,fit,dead and two runs", csv)
	}
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		if f[len(f)-1] != "0" || f[len(f)-2] == "0" || !strings.Contains(l, ",ok,") {
			t.Errorf("run %q: want ok, a fit of the 1970 census and no dead city", l)
		}
	}
	_, err := Parse(t.TempDir()+"/s.toml", []byte(strings.Replace(src, `"dead"`, `"cliff_fit"`, 1)))
	if err == nil || !strings.Contains(err.Error(), `unknown metric "cliff_fit"`) || !strings.Contains(err.Error(), "fit, census_year") {
		t.Errorf("unknown family metric: %v", err)
	}
}
