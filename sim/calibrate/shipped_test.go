package calibrate

import (
	"context"
	"path/filepath"
	"testing"
)

// TestShipped loads every shipped calibration file and runs it on a small
// budget: the files must stay valid as the scenarios change.
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
			f.Budget, f.ABC.Particles, f.ABC.Batch, f.ABC.Generations, f.CMAES.Population = 12, 6, 6, 1, 6
			res, err := Run(context.Background(), f, filepath.Join(t.TempDir(), "out"), Options{Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			if res.Evaluations != 12 || res.Holdouts == 0 || !(res.Fit < failLoss) {
				t.Errorf("%+v", res)
			}
		})
	}
}
