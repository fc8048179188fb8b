package calibrate

import (
	"context"
	"path/filepath"
	"testing"
)

// TestShipped loads every shipped calibration file and runs it on a small
// budget: the files must stay valid as the scenarios change. A MARIUS run
// (1,145 cities × 30 years) takes about half a second, so MARIUS files get
// four evaluations, and none under the race detector (TestMariusObjective
// runs one there).
func TestShipped(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "scenarios", "calibration", "*.toml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no shipped calibration files: %v", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			holdouts := 0
			for _, tg := range f.TargetList() {
				if tg.Role == Holdout {
					holdouts++
				}
			}
			want := 12
			if f.base.Family == "marius" {
				if raceEnabled {
					t.Skip("loaded; a MARIUS run is slow under the race detector")
				}
				want = 4
			}
			f.Budget, f.ABC.Particles, f.ABC.Batch, f.ABC.Generations = want, want/2, want/2, 1
			f.CMAES.Population, f.CMAES.Init = want/2, min(f.CMAES.Init, want/2)
			if f.Method == "evaluate" {
				want = 1
			}
			res, err := Run(context.Background(), f, filepath.Join(t.TempDir(), "out"), Options{Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			if res.Evaluations != want || res.Holdouts != holdouts || !(res.Fit < failLoss) {
				t.Errorf("%+v: want %d evaluations, %d holdout targets and a fit", res, want, holdouts)
			}
		})
	}
}
