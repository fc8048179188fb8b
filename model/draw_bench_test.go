package model

import "testing"

func benchMultinomial(b *testing.B, n float64, options int) {
	d := NewDraw(false, 1, 0, "bench")
	w := make([]float64, options)
	for i := range w {
		w[i] = 1 / float64(i+1)
	}
	dst := make([]float64, options)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		d.Multinomial(dst, w, n)
	}
}

func BenchmarkMultinomial300of1000(b *testing.B)   { benchMultinomial(b, 300, 1000) }
func BenchmarkMultinomial3000of1000(b *testing.B)  { benchMultinomial(b, 3000, 1000) }
func BenchmarkMultinomial30000of1000(b *testing.B) { benchMultinomial(b, 30000, 1000) }
