package output_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"factorflow/scenarios"
	"factorflow/sim"
	"factorflow/sim/output"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// TestGoldenTeaching runs the teaching scenario for 5 years in both modes
// and compares every table byte for byte with testdata/golden. Refresh with
// go test ./sim/output -run Golden -update after a deliberate change of the
// model, and review the diff.
func TestGoldenTeaching(t *testing.T) {
	for _, mode := range []string{"mean-field", "stochastic"} {
		t.Run(mode, func(t *testing.T) {
			sc, err := scenarios.Load("teaching", []string{"years=5", "mode=" + mode})
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(t.TempDir(), "run")
			w, err := output.Create(dir, sc, output.Meta{Version: "golden"})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Close(sim.Run(context.Background(), sc, sim.Options{Check: true}, w)); err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{output.CitiesFile, output.FlowsFile, output.MetricsFile, "regions.csv", "scenario.toml"} {
				got, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				golden := filepath.Join("testdata", "golden", mode+"-"+name)
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
				if string(got) != string(want) {
					t.Errorf("%s differs from %s (run with -update after a deliberate change)", name, golden)
				}
			}
		})
	}
}
