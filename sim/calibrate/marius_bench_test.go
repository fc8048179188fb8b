package calibrate

import (
	"context"
	"path/filepath"
	"testing"
)

// BenchmarkMariusEvaluate evaluates the published MARIUS parameters: one
// 30-year run of the 1,145 cities and the objective, as a calibration
// evaluates each point.
func BenchmarkMariusEvaluate(b *testing.B) {
	f, err := Load(filepath.Join("..", "..", "scenarios", "calibration", "marius-published.toml"))
	if err != nil {
		b.Fatal(err)
	}
	x := space(f.Params).startX()
	ev := &evaluator{f: f}
	b.ReportAllocs()
	for b.Loop() {
		if rec := ev.run(0, x); rec.Status != "ok" {
			b.Fatal(rec.Error)
		}
	}
	_ = context.Background
}
