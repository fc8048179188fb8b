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

// benchmarkFigures reads the figures of a directory and renders them.
func benchmarkFigures(b *testing.B, dir, format string) {
	b.ReportAllocs()
	for b.Loop() {
		in, err := Read(dir)
		if err != nil {
			b.Fatal(err)
		}
		figs, err := in.Figures(Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range figs {
			if _, err := f.Render(format); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// The tomahawk of testdata/bifurcation (9 values), read and drawn.
func BenchmarkTomahawkSVG(b *testing.B) { benchmarkFigures(b, tomahawkDir, "svg") }
func BenchmarkTomahawkPNG(b *testing.B) { benchmarkFigures(b, tomahawkDir, "png") }

// The 3 figures of testdata/calibration-abc-smc (24 targets, 30
// particles of 2 parameters), read and drawn.
func BenchmarkCalibrationSVG(b *testing.B) { benchmarkFigures(b, calibrationDir("abc-smc"), "svg") }
func BenchmarkCalibrationPNG(b *testing.B) { benchmarkFigures(b, calibrationDir("abc-smc"), "png") }
