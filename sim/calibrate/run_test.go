package calibrate

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// smallTruth are two parameters for the short end-to-end tests.
var smallTruth = []truth{
	{path: "production.tfp_growth", value: 0.03, lower: 0, upper: 0.06},
	{path: "migration.rate", value: 0.15, lower: 0.03, upper: 0.3, log: true},
}

// methodFiles are short calibrations of every method, stochastic with 2
// replications so that common random numbers and the journal of several
// runs per point are exercised.
var methodFiles = map[string]string{
	"cmaes":         "method = \"cmaes\"\nbudget = 24\n[cmaes]\npopulation = 6\n",
	"nelder-mead":   "method = \"nelder-mead\"\nbudget = 16\n",
	"abc-rejection": "method = \"abc-rejection\"\nbudget = 24\n[abc]\naccept = 0.25\nbatch = 8\n",
	"abc-smc":       "method = \"abc-smc\"\nbudget = 30\n[abc]\nparticles = 8\ngenerations = 2\n",
	"profile":       "method = \"profile\"\nbudget = 6\n[profile]\nparam = \"migration.rate\"\npoints = 3\n",
	"evaluate":      "method = \"evaluate\"\n",
	// IPOP-CMA-ES from a screen, with a constraint that binds
	"cmaes-ipop": "method = \"cmaes\"\nbudget = 40\n[cmaes]\npopulation = 4\ninit = 6\nrestarts = 2\nstagnation = 1\n" +
		"[[constraints]]\nvariable = \"urbanisation\"\nmax = 0.5\npenalty = 10.0\n",
}

// outputFiles are the files compared across workers and interruptions.
var outputFiles = []string{BestFile, FitFile, TraceFile, EvaluationsFile, SummaryFile, PosteriorFile, IntervalsFile, ProfileFile}

func loadMethod(t *testing.T, method string) *File {
	t.Helper()
	path := writeRecovery(t, "stochastic", 4, 2, smallTruth, []int{2022, 2024}, []string{"Pinefield"}, methodFiles[method])
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// readOutputs returns the outputs present in dir by name.
func readOutputs(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, name := range outputFiles {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err == nil {
			out[name] = b
		}
	}
	return out
}

// TestDeterminism runs every method with 1 and with 2 workers: the
// outputs must be the same bytes.
func TestDeterminism(t *testing.T) {
	for method := range methodFiles {
		t.Run(method, func(t *testing.T) {
			f := loadMethod(t, method)
			var outs []map[string][]byte
			for _, j := range []int{1, 2} {
				dir := filepath.Join(t.TempDir(), "out")
				res, err := Run(context.Background(), f, dir, Options{Workers: j})
				if err != nil {
					t.Fatal(err)
				}
				if res.Evaluations == 0 || len(res.Best) != len(smallTruth) {
					t.Fatalf("-j %d: %+v", j, res)
				}
				outs = append(outs, readOutputs(t, dir))
			}
			if len(outs[0]) < 5 {
				t.Errorf("only %d output files", len(outs[0]))
			}
			for name, b := range outs[0] {
				if !bytes.Equal(b, outs[1][name]) {
					t.Errorf("%s differs between -j 1 and -j 2", name)
				}
			}
		})
	}
}

// TestResume interrupts a calibration after its second batch, checks
// that nothing looks complete, resumes it with another number of
// workers, and wants the outputs of an uninterrupted run.
func TestResume(t *testing.T) {
	for _, method := range []string{"cmaes", "abc-smc", "cmaes-ipop"} {
		t.Run(method, func(t *testing.T) {
			f := loadMethod(t, method)
			whole := filepath.Join(t.TempDir(), "whole")
			if _, err := Run(context.Background(), f, whole, Options{Workers: 1}); err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(t.TempDir(), "cut")
			ctx, cancel := context.WithCancel(context.Background())
			batches := 0
			res, err := Run(ctx, f, dir, Options{Workers: 2, Progress: func(done, budget int) {
				if batches++; batches == 2 {
					cancel()
				}
			}})
			cancel()
			if err != nil {
				t.Fatal(err)
			}
			if !res.Interrupted {
				t.Fatalf("not interrupted: %+v", res)
			}
			if got := readOutputs(t, dir); len(got) != 0 {
				t.Errorf("an interrupted calibration left outputs: %v", keys(got))
			}
			res, err = Run(context.Background(), f, dir, Options{Workers: 2})
			if err != nil || res.Interrupted {
				t.Fatalf("resume: %v %+v", err, res)
			}
			want, got := readOutputs(t, whole), readOutputs(t, dir)
			for name, b := range want {
				if !bytes.Equal(b, got[name]) {
					t.Errorf("%s differs after a resume", name)
				}
			}
			j, err := os.ReadFile(filepath.Join(dir, JournalFile))
			if err != nil {
				t.Fatal(err)
			}
			if n := bytes.Count(j, []byte("\n")); n != res.Evaluations*f.Reps {
				t.Errorf("journal has %d runs, want %d: runs were made twice", n, res.Evaluations*f.Reps)
			}
		})
	}
}

func keys(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// TestChangedDir refuses a directory of another calibration.
func TestChangedDir(t *testing.T) {
	f := loadMethod(t, "nelder-mead")
	dir := filepath.Join(t.TempDir(), "out")
	if _, err := Run(context.Background(), f, dir, Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	f.Budget++
	_, err := Run(context.Background(), f, dir, Options{Workers: 1})
	if err == nil || !strings.Contains(err.Error(), "holds a different calibration") {
		t.Errorf("err = %v, want a refusal", err)
	}
}

// TestOutputs checks the structure of the outputs: fit.csv has a row per
// target and the two totals, equal to the Result's losses; best.toml is a
// scenario extending the calibrated one that loads with the best values;
// the ABC files have a row per particle and per parameter.
func TestOutputs(t *testing.T) {
	f := loadMethod(t, "abc-smc")
	dir := filepath.Join(t.TempDir(), "out")
	res, err := Run(context.Background(), f, dir, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, filepath.Join(dir, FitFile))
	if want := 1 + len(f.TargetList()) + 2; len(rows) != want {
		t.Fatalf("fit.csv has %d rows, want %d", len(rows), want)
	}
	fitTotal, holdTotal := rows[len(rows)-2], rows[len(rows)-1]
	if fitTotal[7] != num(res.Fit) || holdTotal[7] != num(res.Holdout) || holdTotal[3] != "holdout" {
		t.Errorf("totals %v %v, want fit %g holdout %g", fitTotal, holdTotal, res.Fit, res.Holdout)
	}
	best, err := os.ReadFile(filepath.Join(dir, BestFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(best, []byte("extends = \"teaching\"")) || !bytes.Contains(best, []byte("[production]\ntfp_growth = ")) {
		t.Errorf("best.toml:\n%s", best)
	}
	sc, err := scenarioOf(filepath.Join(dir, BestFile))
	if err != nil {
		t.Fatal(err)
	}
	if sc.Production.TFPGrowth != res.Best[0] || sc.Migration.Rate != res.Best[1] {
		t.Errorf("best.toml has %g %g, want %v", sc.Production.TFPGrowth, sc.Migration.Rate, res.Best)
	}
	if post := readCSV(t, filepath.Join(dir, PosteriorFile)); len(post) != 1+f.ABC.Particles {
		t.Errorf("posterior.csv has %d rows, want %d", len(post), 1+f.ABC.Particles)
	}
	iv := readCSV(t, filepath.Join(dir, IntervalsFile))
	if len(iv) != 1+len(f.Params) || iv[1][0] != "production.tfp_growth" {
		t.Errorf("intervals.csv: %v", iv)
	}
	for _, r := range res.Intervals {
		if !(r.Lower <= r.Median && r.Median <= r.Upper) {
			t.Errorf("interval %+v out of order", r)
		}
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestEvaluate checks that method "evaluate" evaluates the parameters'
// start values once: at the true values of the targets, the fit is 0.
func TestEvaluate(t *testing.T) {
	path := writeRecovery(t, "mean-field", 4, 1, smallTruth, []int{2022, 2024}, []string{"Pinefield"}, "method = \"evaluate\"\n")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(b), "upper = 0.06\n", "upper = 0.06\nstart = 0.03\n", 1)
	src = strings.Replace(src, "upper = 0.3\n", "upper = 0.3\nstart = 0.15\n", 1)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), f, filepath.Join(t.TempDir(), "out"), Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Evaluations != 1 || res.Best[0] != 0.03 || res.Best[1] != 0.15 || res.Fit > 1e-20 || res.Holdout > 1e-20 {
		t.Errorf("%+v, want one evaluation at (0.03, 0.15) with fit 0", res)
	}
}
