package sweep

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// jjj is the speed target: the Jing-Jin-Ji baseline, 35 years in
// mean-field mode, summary outputs (10,000 runs in 30 s on 2 cores is
// 333 runs/s). The benchmark makes 20 of them per iteration.
const jjj = `scenario = "jing-jin-ji"
design = "random"
samples = 20
seed = 1
years = 35
mode = "mean-field"
[[factors]]
path = "migration.rate"
min = 0.05
max = 0.2
`

// BenchmarkSweepJJJ reports runs per second with 1 and 2 workers.
func BenchmarkSweepJJJ(b *testing.B) {
	s, err := Parse(filepath.Join(b.TempDir(), "jjj.toml"), []byte(jjj))
	if err != nil {
		b.Fatal(err)
	}
	for _, j := range []int{1, 2} {
		b.Run(fmt.Sprintf("j%d", j), func(b *testing.B) {
			b.ReportAllocs()
			runs := 0
			for b.Loop() {
				res, err := Run(context.Background(), s, b.TempDir(), Options{Workers: j})
				if err != nil || res.Failed > 0 {
					b.Fatal(err, res)
				}
				runs += res.Total
			}
			b.ReportMetric(float64(runs)/b.Elapsed().Seconds(), "runs/s")
		})
	}
}

// BenchmarkLoadJJJ is the part of a run spent loading its scenario (the
// base scenario with a run's overrides).
func BenchmarkLoadJJJ(b *testing.B) {
	s, err := Parse(filepath.Join(b.TempDir(), "jjj.toml"), []byte(jjj))
	if err != nil {
		b.Fatal(err)
	}
	sets := append([]string{"migration.rate=0.1"}, s.fixed()...)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.base.load(sets); err != nil {
			b.Fatal(err)
		}
	}
}
