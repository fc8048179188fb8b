package sensitivity

import "testing"

// benchmarkSaltelli times the indices and a 100-resample bootstrap of the
// Ishigami function from n base rows.
func benchmarkSaltelli(b *testing.B, n int) {
	s := NewSaltelli(n, 3)
	y := evaluate(s.Points, ishigami)
	b.ReportAllocs()
	for b.Loop() {
		s.Indices(y)
		s.Bootstrap(y, 100, 1, 0.95)
	}
}

func BenchmarkSaltelli1024(b *testing.B) { benchmarkSaltelli(b, 1024) }
func BenchmarkSaltelli8192(b *testing.B) { benchmarkSaltelli(b, 8192) }

// benchmarkSobol times n points of a 20-dimensional Sobol sequence.
func benchmarkSobol(b *testing.B, n int) {
	b.ReportAllocs()
	for b.Loop() {
		Sobol(n, 20)
	}
}

func BenchmarkSobol1024(b *testing.B)  { benchmarkSobol(b, 1024) }
func BenchmarkSobol65536(b *testing.B) { benchmarkSobol(b, 65536) }
