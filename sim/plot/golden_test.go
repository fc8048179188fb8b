package plot

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"testing"

	"factorflow/sim/output"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// toyRun is a hand-made run of two cities over three years.
func toyRun() *Run {
	nan := math.NaN()
	return &Run{
		Dir:     "toy",
		Years:   []int{2000, 2001, 2002},
		Cities:  []string{"Alpha", "Beta, Port"},
		Sectors: []string{"cloud", "chain"},
		Population: [][]float64{
			{2e6, 1e6}, {2.2e6, 1.1e6}, {2.5e6, 1.15e6},
		},
		Output: [][][]float64{
			{{3, 1}, {1, 1}}, {{3, 1}, {1, 2}}, {{4, 1}, {1, 3}},
		},
		Stage:   []string{"initiation", "agglomeration", "agglomeration"},
		Metrics: []string{"urbanisation", "cliff", "theil", "theil_within", "theil_between", "specialisation", "specialisation_all", "synergy_gain", "synergy_links", "synergy_per_capita"},
		Values: [][]float64{
			{0.28, 2.5, 0.05, 0.02, 0.03, 0.4, 0.3, nan, nan, nan},
			{0.33, 2.4, 0.06, 0.02, 0.04, 0.5, 0.35, 0.1, 0.05, 0.08},
			{0.41, 2.2, 0.04, 0.01, 0.03, 0.6, 0.45, 0.12, 0.06, 0.09},
		},
		Flows: []Flow{
			{2001, "talent", "Alpha", "Beta, Port", 1200},
			{2001, "talent", "Beta, Port", "Alpha", 300},
			{2001, "workers", "rural:South", "Alpha", 45000},
			{2002, "talent", "Alpha", "Beta, Port", 1500},
		},
		Currency: "EUR million",
		Manifest: &output.Manifest{Scenario: "toy", Seed: 7},
	}
}

// TestGolden compares the SVG of each figure of toyRun, of the sample
// comparison, of the sample tomahawk and of the sample calibrations, with testdata/<name>.svg. After an intended change, refresh
// them with go test ./sim/plot -run TestGolden -update and look at them.
func TestGolden(t *testing.T) {
	figs, err := RunFigures(toyRun(), Options{Year: 2001})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "c.csv")
	os.WriteFile(path, []byte(compareSample), 0o644)
	c, err := ReadCompare(path)
	if err != nil {
		t.Fatal(err)
	}
	figs = append(figs, CompareFigures(c)...)
	tm, err := ReadTomahawk(tomahawkDir)
	if err != nil {
		t.Fatal(err)
	}
	figs = append(figs, TomahawkFigure(tm))
	for _, m := range []string{"abc-smc", "profile"} {
		c, err := ReadCalibration(calibrationDir(m))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range CalibrationFigures(c) {
			f.Name = m + "-" + f.Name
			figs = append(figs, f)
		}
	}
	for _, f := range figs {
		got, err := f.Render("svg")
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", f.Name+".svg")
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (%d bytes, want %d); if intended, run go test ./sim/plot -run TestGolden -update", f.Name, golden, len(got), len(want))
		}
	}
}
