package plot

import "testing"

// benchRun reads a 35-year run of the named scenario.
func benchRun(b *testing.B, name string) *Run {
	r, err := ReadRun(makeRun(b, name, "35", false))
	if err != nil {
		b.Fatal(err)
	}
	return r
}

// BenchmarkReadRun13 reads a Jing-Jin-Ji run directory: 13 cities, 36
// years, about 19,000 flows.
func BenchmarkReadRun13(b *testing.B) {
	dir := makeRun(b, "jing-jin-ji", "35", false)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadRun(dir); err != nil {
			b.Fatal(err)
		}
	}
}

func benchmarkRender(b *testing.B, scenario, format string) {
	r := benchRun(b, scenario)
	figs, err := RunFigures(r, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range figs {
			if _, err := f.Render(format); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// Every figure of a run: 8 figures.
func BenchmarkRenderSVG6(b *testing.B)  { benchmarkRender(b, "teaching", "svg") }
func BenchmarkRenderSVG13(b *testing.B) { benchmarkRender(b, "jing-jin-ji", "svg") }
func BenchmarkRenderPNG13(b *testing.B) { benchmarkRender(b, "jing-jin-ji", "png") }
