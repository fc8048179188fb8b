package plot

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	gplot "gonum.org/v1/plot"
)

// The calibration directories of testdata/ hold the files that plot reads
// from three runs of factorflow calibrate on sim/calibrate/testdata/tiny.toml
// (teaching scenario, 5 years, two parameters): as shipped (nelder-mead),
// with method = "abc-smc", budget = 120 and [abc] particles = 30,
// generations = 3, and with method = "profile", budget = 15 and [profile]
// param = "production.tfp_growth", points = 5.
func calibrationDir(method string) string {
	return filepath.Join("testdata", "calibration-"+method)
}

func TestReadCalibration(t *testing.T) {
	abc, err := ReadCalibration(calibrationDir("abc-smc"))
	if err != nil {
		t.Fatal(err)
	}
	holdouts := 0
	for _, tf := range abc.Targets {
		if tf.Holdout {
			holdouts++
		}
	}
	if abc.Method != "abc-smc" || abc.Evaluations != 120 || abc.Holdouts != 4 || holdouts != 4 || len(abc.Targets) != 24 ||
		abc.Objective != "sse-log" || len(abc.Posterior) != 30 || len(abc.Weights) != 30 || abc.Profile != nil {
		t.Errorf("abc: method %s, %d evaluations, %d/%d holdouts, %d targets, objective %q, %d particles, profile %v",
			abc.Method, abc.Evaluations, abc.Holdouts, holdouts, len(abc.Targets), abc.Objective, len(abc.Posterior), abc.Profile)
	}
	if diff := cmp.Diff([]string{"production.tfp_growth", "migration.rate"}, abc.Params); diff != "" {
		t.Errorf("params (-want +got):\n%s", diff)
	}
	if len(abc.Intervals) != 2 || abc.Intervals[1].Param != "migration.rate" || abc.Intervals[1].Level != 0.9 ||
		!(abc.Intervals[1].Lower < abc.Intervals[1].Median && abc.Intervals[1].Median < abc.Intervals[1].Upper) {
		t.Errorf("intervals %+v", abc.Intervals)
	}
	if abc.Trace[0].Evaluations != 30 || !math.IsInf(abc.Trace[0].Value, 1) {
		t.Errorf("trace %+v: the first generation has no tolerance", abc.Trace)
	}
	prof, err := ReadCalibration(calibrationDir("profile"))
	if err != nil {
		t.Fatal(err)
	}
	if prof.Profiled != 0 || len(prof.Profile) != 5 || prof.Profile[2][0] != 0.03 || prof.Posterior != nil || len(prof.ProfileFit) != 5 {
		t.Errorf("profile: profiled %d, rows %v", prof.Profiled, prof.Profile)
	}
}

// TestProfiled checks how the profiled parameter is found: from the
// values of trace.csv, else the first column that increases.
func TestProfiled(t *testing.T) {
	c := &Calibration{Params: []string{"a", "b"}, Profile: [][]float64{{0.5, 1}, {0.7, 2}, {0.6, 3}},
		Trace: []TraceStep{{Value: 1}, {Value: 2}, {Value: 3}}}
	if got := c.profiled(); got != 1 {
		t.Errorf("from the trace: %d, want 1", got)
	}
	c.Trace = nil
	if got := c.profiled(); got != 1 {
		t.Errorf("increasing column: %d, want 1", got)
	}
	c.Profile = [][]float64{{1, 0}, {2, 0}}
	if got := c.profiled(); got != 0 {
		t.Errorf("increasing first column: %d, want 0", got)
	}
}

func TestReadCalibrationErrors(t *testing.T) {
	for _, tc := range []struct {
		method, file, old, new, want string
	}{
		{"abc-smc", SummaryFile, `"method": "abc-smc",`, `"method": "abc-smc"`, "summary.json:3:3: invalid character"},
		{"abc-smc", SummaryFile, `"evaluations": 120`, `"evaluations": "many"`, "summary.json:3:"},
		{"abc-smc", SummaryFile, `"method": "abc-smc",`, ``, `summary.json: no "method"`},
		{"abc-smc", TraceFile, "1,90,", "1,-90,", `trace.csv:3:2: column evaluations: "-90": want a whole number`},
		{"abc-smc", TraceFile, "step,", "steps,", `trace.csv:1: no column "step"`},
		{"abc-smc", FitFile, "2023,Capital,population,fit", "2023,Capital,population,train", `fit.csv:2:4: role "train": want fit or holdout`},
		{"abc-smc", FitFile, "2023,Capital,output,fit,1,1.695443843e+06", "2023,Capital,output,fit,1,many", `fit.csv:3:6: column observed: "many" is not a number`},
		{"abc-smc", FitFile, "2023,Capital,population", "20x3,Capital,population", `fit.csv:2:1: column year: "20x3"`},
		{"abc-smc", PosteriorFile, "weight,distance", "distance,weight", `posterior.csv:1:3: column "distance": want the parameters, then [weight distance]`},
		{"abc-smc", PosteriorFile, "0.026783189585446336", "-1", "posterior.csv:2:3: column weight: -1: want a finite weight"},
		{"abc-smc", PosteriorFile, "0.022068199824780796", "x", `posterior.csv:2:1: column production.tfp_growth: "x" is not a number`},
		{"abc-smc", IntervalsFile, ",0.9\n", ",1.5\n", "intervals.csv:2:7: column level: 1.5: want a probability in (0, 1)"},
		{"profile", ProfileFile, ",15\n", ",x\n", `profile.csv:2:5: column evaluations: "x"`},
		{"profile", ProfileFile, "migration.rate,fit", "migration.rate,fits", `profile.csv:1: no column "fit"`},
	} {
		t.Run(tc.file+" "+tc.want, func(t *testing.T) {
			dir := copyRun(t, calibrationDir(tc.method))
			edit(t, dir, tc.file, tc.old, tc.new)
			_, err := Read(dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if !strings.Contains(err.Error(), filepath.Join(dir, tc.file)) {
				t.Errorf("error %v does not name the file's path", err)
			}
		})
	}
	// A calibration that has not finished: calibration.json, no summary.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, contractFile), []byte("{}"), 0o644)
	if _, err := Read(dir); err == nil || !strings.Contains(err.Error(), "summary.json: missing: the calibration has not finished") {
		t.Errorf("unfinished calibration: %v", err)
	}
	dir = copyRun(t, calibrationDir("nelder-mead"))
	os.Remove(filepath.Join(dir, TraceFile))
	if _, err := Read(dir); err == nil || !strings.Contains(err.Error(), "trace.csv: missing") {
		t.Errorf("no trace.csv: %v", err)
	}
}

func TestCalibrationFigures(t *testing.T) {
	for _, tc := range []struct {
		method string
		want   map[string][]string // texts of each figure, in order
	}{
		{"nelder-mead", map[string][]string{
			"fit": {"Observed and simulated targets at the best fit", "observed (log scale)", "simulated, mean of the runs (log scale)",
				"1:1 (a perfect fit)", "fit: population (10)", "holdout: population (2)", "fit: output (10)", "holdout: output (2)",
				"sse-log, fit targets: ", "sse-log, 4 holdout: ", "1e+06", "100000"},
			"convergence": {"Convergence of nelder-mead: best objective by points evaluated", "points evaluated",
				"objective sse-log (log scale)", "best so far", "best of the iteration"},
		}},
		{"abc-smc", map[string][]string{
			"fit":         {"fit: population (10)"},
			"convergence": {"Convergence of abc-smc", "best so far", "tolerance of the generation"},
			"posterior": {"Posterior marginals (abc-smc, 30 particles) with 90 % credible intervals",
				"production.tfp_growth", "migration.rate", "posterior weight", "posterior sample",
				"90 % interval [0.0158, 0.0448]", "median 0.0319", "90 % interval [0.0235, 0.224]"},
		}},
		{"profile", map[string][]string{
			"fit":         {"fit: output (10)"},
			"convergence": {"Convergence of profile", "best so far"},
			"profile": {"Profile of production.tfp_growth: the best fit at each of its values",
				"Loss at the best fit of the others", "sse-log (log scale)", "fit targets", "holdout targets (4)",
				"Fitted migration.rate", "best fit", "1e-08"},
		}},
	} {
		t.Run(tc.method, func(t *testing.T) {
			in, err := Read(calibrationDir(tc.method))
			if err != nil {
				t.Fatal(err)
			}
			if in.Calibration == nil || in.DefaultDir() != calibrationDir(tc.method) {
				t.Fatalf("Read: %+v", in)
			}
			figs, err := in.Figures(Options{})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, f := range figs {
				names = append(names, f.Name)
				checkTexts(t, f, tc.want[f.Name], []string{"NaN", "Inf"})
				a, _ := f.Render("svg")
				b, _ := f.Render("svg")
				if !bytes.Equal(a, b) {
					t.Errorf("%s: two renderings differ", f.Name)
				}
			}
			if len(names) != len(tc.want) {
				t.Errorf("figures %v, want those of %v", names, tc.want)
			}
		})
	}
}

// TestCalibrationFiguresEmpty: figures of degenerate calibrations say so
// rather than fail.
func TestCalibrationFiguresEmpty(t *testing.T) {
	c := &Calibration{Method: "abc-rejection", Params: []string{"a"}, Posterior: [][]float64{}, Profile: [][]float64{}, Profiled: -1,
		Targets: []TargetFit{{Year: 2000, Observed: 0, Simulated: 1}}, Trace: []TraceStep{{Best: 0}}}
	for _, f := range CalibrationFigures(c) {
		want := map[string]string{"fit": "no target with positive", "convergence": "no positive loss",
			"posterior": "the posterior sample is empty", "profile": "the profile is empty"}[f.Name]
		checkTexts(t, f, []string{want}, nil)
	}
	// One particle value: a histogram around it.
	c.Posterior, c.Weights = [][]float64{{2}, {2}}, []float64{0.5, 0.5}
	checkTexts(t, PosteriorFigure(c), []string{"posterior sample"}, nil)
}

func TestExpTicks(t *testing.T) {
	label := func(ts []gplot.Tick) []string {
		var s []string
		for _, tk := range ts {
			if tk.Label != "" {
				s = append(s, tk.Label)
			}
		}
		return s
	}
	for _, tc := range []struct {
		lo, hi float64
		want   []string
		n      int
	}{
		{-2, 1, []string{"0.01", "0.1", "1", "10"}, 28},
		{4, 8, []string{"10000", "100000", "1e+06", "1e+07", "1e+08"}, 37},
		{-12, 0, []string{"1e-12", "1e-10", "1e-08", "1e-06", "0.0001", "0.01", "1"}, 13},
		{1, 0, nil, 0},
	} {
		got := expTicks{}.Ticks(tc.lo, tc.hi)
		if diff := cmp.Diff(tc.want, label(got)); diff != "" || len(got) != tc.n {
			t.Errorf("[%g, %g]: %d ticks, want %d; labels (-want +got):\n%s", tc.lo, tc.hi, len(got), tc.n, diff)
		}
	}
}

func FuzzCalibration(f *testing.F) {
	for _, m := range []string{"abc-smc", "profile"} {
		for _, name := range []string{TraceFile, FitFile, PosteriorFile, IntervalsFile, ProfileFile} {
			if b, err := os.ReadFile(filepath.Join(calibrationDir(m), name)); err == nil {
				f.Add(b, name)
			}
		}
	}
	f.Add([]byte("year,unit,variable,role,observed,simulated\n2000,A,x,fit,-1,0\n,total,x,holdout,,\n"), FitFile)
	f.Add([]byte("a,b,weight,distance\n1,NaN,0,1\n1,Inf,1e300,1\n"), PosteriorFile)
	f.Add([]byte("a,fit,holdout,evaluations\n1,0,-1,3\n1,1e-300,NaN,0\n"), ProfileFile)
	f.Add([]byte("step,evaluations,best,value\n0,1,0,-Inf\n1,2,1e-320,1e308\n"), TraceFile)
	f.Fuzz(func(t *testing.T, b []byte, name string) {
		c := &Calibration{Method: "profile", Profiled: -1, Fit: 1, Holdout: 2, Holdouts: 1}
		parse := map[string]struct {
			want  []string
			parse func(*table) error
		}{
			TraceFile:     {[]string{"step", "evaluations", "best", "value"}, c.parseTrace},
			FitFile:       {[]string{"year", "unit", "variable", "role", "observed", "simulated"}, c.parseFit},
			PosteriorFile: {[]string{"weight", "distance"}, c.parsePosterior},
			IntervalsFile: {[]string{"param", "mean", "sd", "median", "lower", "upper", "level"}, c.parseIntervals},
			ProfileFile:   {[]string{"fit", "holdout", "evaluations"}, c.parseProfile},
		}[name]
		if parse.parse == nil {
			return
		}
		tab, err := readTable(bytes.NewReader(b), "f.csv", parse.want...)
		if err == nil {
			err = parse.parse(tab)
		}
		if err != nil {
			checkParseError(t, err)
			return
		}
		if len(c.Posterior) != len(c.Weights) || len(c.Profile) != len(c.ProfileFit) || c.Profile != nil && (c.Profiled < 0 || c.Profiled >= len(c.Params)) {
			t.Fatalf("%d particles, %d weights; %d profile rows, %d fits, profiled %d of %d",
				len(c.Posterior), len(c.Weights), len(c.Profile), len(c.ProfileFit), c.Profiled, len(c.Params))
		}
		for _, fig := range CalibrationFigures(c) {
			if _, err := fig.Render("svg"); err != nil && !strings.HasPrefix(err.Error(), "plot: ") {
				t.Fatal(err)
			}
		}
	})
}

// TestFiguresExtreme: values too far apart for a linear axis (which made
// gonum/plot loop on its ticks) give a note, and the figures still render.
func TestFiguresExtreme(t *testing.T) {
	figs := CalibrationFigures(&Calibration{Method: "profile", Params: []string{"a", "b"},
		Profile: [][]float64{{-1e308, 1}, {1e308, 2}}, ProfileFit: []float64{1, 2}, ProfileHoldout: []float64{1, 2}, Profiled: 0, Holdouts: 1,
		Trace: []TraceStep{{Evaluations: 0, Best: 1e-320, Value: 1e308}, {Evaluations: 1e9, Best: 1, Value: 1}}})
	figs = append(figs, PosteriorFigure(&Calibration{Method: "abc-smc", Params: []string{"a", "b"},
		Posterior: [][]float64{{-1e308, 1}, {1e308, 2}}, Weights: []float64{1e308, 1e308}, Intervals: []Interval{{Param: "b", Lower: -1e308, Upper: 1e308, Level: 0.9}}}))
	figs = append(figs, TomahawkFigure(&Tomahawk{Param: "p", Values: []float64{-1e308, 1e308}, Symmetric: []bool{true, false}, Core: []bool{false, true},
		Interior: make([][]Equilibrium, 2), FromSymmetric: []float64{0.5, 1}, FromCore: []float64{1, 1}, SymmetricSettled: []bool{true, true}, CoreSettled: []bool{true, true}}))
	for _, f := range figs {
		want := map[string][]string{"profile": {tooLarge}, "tomahawk": {tooLarge}, "posterior": {"a", "b", "posterior sample"}}[f.Name]
		checkTexts(t, f, want, nil)
	}
}

// TestCalibrationReport checks the report page of a calibration: its
// figures and the table of losses and intervals.
func TestCalibrationReport(t *testing.T) {
	in, err := Read(calibrationDir("abc-smc"))
	if err != nil {
		t.Fatal(err)
	}
	figs, err := in.Figures(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Report(&buf, in, figs); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{"Calibration testdata/calibration-abc-smc: method abc-smc, 120 points evaluated.",
		"loss on the fit targets", "loss on the 4 holdout targets", "migration.rate", "90 %: [0.0235277, 0.22446]",
		"Posterior marginals (abc-smc, 30 particles)"} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if in.DefaultReport() != filepath.Join(calibrationDir("abc-smc"), "report.html") {
		t.Errorf("default report %s", in.DefaultReport())
	}
}
