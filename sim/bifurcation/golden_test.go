package bifurcation

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// TestGolden compares the files of a small trace of each shipped scenario
// with testdata/*.csv. Refresh them with
// go test ./sim/bifurcation -run Golden -update after a deliberate change.
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		scenario string
		from, to float64
	}{{"core-periphery", 0.05, 0.25}, {"footloose-entrepreneur", 0.6, 0.8}} {
		t.Run(tc.scenario, func(t *testing.T) {
			sc := load(t, tc.scenario)
			res, err := Trace(context.Background(), sc, Spec{Param: "core_periphery.phi", From: tc.from, To: tc.to, Steps: 4})
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := res.WriteCSV(&got); err != nil {
				t.Fatal(err)
			}
			if err := res.WritePoints(&got, sc); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", tc.scenario+".csv")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("the trace differs from %s (run with -update after a deliberate change):\n%s", golden, got.String())
			}
		})
	}
}
