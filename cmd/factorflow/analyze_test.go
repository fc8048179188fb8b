package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"factorflow/sim/sensitivity"
)

// synthSweep describes a synthetic sweep directory: sweep.json and a
// runs.csv whose metrics are functions of the factor values, as the sweep
// runner would write them.
type synthSweep struct {
	info    sweepInfo
	points  [][]float64                       // the design, in [0,1]
	metrics []func(x []float64) float64       // of the factor values
	failed  func(point, replicate int) string // an error, or "" for ok
}

// write writes the sweep directory dir.
func (s synthSweep) write(t testing.TB, dir string) {
	t.Helper()
	b, err := json.MarshalIndent(map[string]any{
		"design": s.info.Design, "factors": s.info.Factors, "samples": s.info.Samples,
		"replications": s.info.Replications, "k": len(s.info.Factors), "morris_levels": s.info.MorrisLevels,
		"seed": s.info.Seed, "metrics": s.info.Metrics, "points": len(s.points),
	}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sweep.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "runs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	header := []string{"run", "point", "replicate", "seed"}
	for _, fa := range s.info.Factors {
		header = append(header, fa.Path)
	}
	w.Write(append(append(header, "status", "error"), s.info.Metrics...))
	for p, u := range s.points {
		x := make([]float64, len(u))
		for i, fa := range s.info.Factors {
			x[i] = fa.Min + u[i]*(fa.Max-fa.Min)
			if fa.Log {
				x[i] = fa.Min * math.Pow(fa.Max/fa.Min, u[i])
			}
		}
		for r := range s.info.Replications {
			run := p*s.info.Replications + r
			rec := []string{strconv.Itoa(run), strconv.Itoa(p), strconv.Itoa(r), strconv.Itoa(1000 + run)}
			for _, v := range x {
				rec = append(rec, g10(v))
			}
			if msg := s.failed(p, r); msg != "" {
				rec = append(rec, "failed", msg)
				for range s.metrics {
					rec = append(rec, "")
				}
			} else {
				rec = append(rec, "ok", "")
				// Replicates scatter symmetrically around f: their mean is f.
				noise := 0.25 * (float64(r) - float64(s.info.Replications-1)/2)
				for _, m := range s.metrics {
					rec = append(rec, g10(m(x)+noise))
				}
			}
			w.Write(rec)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func ishigamiX(x []float64) float64 {
	s2 := math.Sin(x[1])
	return math.Sin(x[0]) + 7*s2*s2 + 0.1*math.Pow(x[2], 4)*math.Sin(x[0])
}

// ishigamiSweep is a Saltelli sweep of the Ishigami function (metric
// "output") and of 2·x1 + x2 (metric "linear", indices 0.8 and 0.2) on
// [−π, π]³, two replicates a point; failed says which runs fail.
func ishigamiSweep(n int, failed func(p, r int) string) synthSweep {
	factors := []sweepFactor{{Path: "x1", Min: -math.Pi, Max: math.Pi}, {Path: "x2", Min: -math.Pi, Max: math.Pi}, {Path: "x3", Min: -math.Pi, Max: math.Pi}}
	return synthSweep{
		info: sweepInfo{Design: "sobol", Factors: factors, Samples: n, Replications: 2, Seed: 42,
			Metrics: []string{"output", "linear"}},
		points:  sensitivity.NewSaltelli(n, 3).Points,
		metrics: []func([]float64) float64{ishigamiX, func(x []float64) float64 { return 2*x[0] + x[1] }},
		failed:  failed,
	}
}

// tableRow matches a printed row of the Sobol table.
var tableRow = regexp.MustCompile(`^(\S+)\s+(\S+)\s+(\S+)\s+\[(\S+), (\S+)\]\s+(\S+)\s+\[(\S+), (\S+)\]$`)

// printedIndices returns the S1, its interval, ST and its interval that
// analyze printed for each metric and factor.
func printedIndices(t *testing.T, stdout string) map[string][6]float64 {
	t.Helper()
	got := map[string][6]float64{}
	for _, line := range strings.Split(stdout, "\n") {
		m := tableRow.FindStringSubmatch(line)
		if m == nil || m[1] == "metric" {
			continue
		}
		var v [6]float64
		for i, s := range []string{m[3], m[4], m[5], m[6], m[7], m[8]} {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("line %q: %v", line, err)
			}
			v[i] = f
		}
		got[m[1]+" "+m[2]] = v
	}
	return got
}

// TestAnalyzeIshigami runs analyze on a Saltelli sweep of the Ishigami
// function, some of whose runs failed, and checks the printed indices
// against the analytic ones (derived in sim/sensitivity's tests) and the
// CSV against the table. The design and the bootstrap seed are fixed: the
// test cannot fail by chance.
func TestAnalyzeIshigami(t *testing.T) {
	dir := t.TempDir()
	ishigamiSweep(1<<12, func(p, r int) string {
		if p%97 == 5 && r == 1 {
			return "engine: non-finite output"
		}
		return ""
	}).write(t, dir)
	code, stdout, stderr := factorflow("analyze", dir, "--bootstrap", "200", "--seed", "1")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit code %d\nstderr: %s\nstdout: %s", code, stderr, stdout)
	}
	t.Log(stdout)
	got := printedIndices(t, stdout)
	want := map[string][2]float64{ // S1, ST
		"output x1": {0.3139, 0.5576}, "output x2": {0.4424, 0.4424}, "output x3": {0, 0.2437},
		"linear x1": {0.8, 0.8}, "linear x2": {0.2, 0.2}, "linear x3": {0, 0},
	}
	if len(got) != len(want) {
		t.Fatalf("printed %d rows, want %d:\n%s", len(got), len(want), stdout)
	}
	for key, w := range want {
		g := got[key]
		if math.Abs(g[0]-w[0]) > 0.03 || math.Abs(g[3]-w[1]) > 0.03 {
			t.Errorf("%s: S1 %g, ST %g, want %g, %g within 0.03", key, g[0], g[3], w[0], w[1])
		}
		if !(g[1] <= g[0] && g[0] <= g[2]) || !(g[4] <= g[3] && g[3] <= g[5]) {
			t.Errorf("%s: intervals [%g, %g] and [%g, %g] do not hold their estimates %g and %g", key, g[1], g[2], g[4], g[5], g[0], g[3])
		}
	}
	rows := readSensitivity(t, filepath.Join(dir, "sensitivity.csv"), sensitivityCols["sobol"])
	for key, g := range got {
		r, ok := rows[key]
		if !ok {
			t.Errorf("%s is printed but not in the CSV", key)
			continue
		}
		for i := range g {
			if math.Abs(r[i]-g[i]) > 5e-4*math.Max(1, math.Abs(g[i])) {
				t.Errorf("%s: CSV value %d is %g, the table %g", key, i, r[i], g[i])
			}
		}
	}
}

// readSensitivity reads analyze's CSV, checks its header and returns its
// numbers by "metric factor".
func readSensitivity(t *testing.T, path string, header []string) map[string][]float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(header, recs[0]); diff != "" {
		t.Fatalf("header (-want +got):\n%s", diff)
	}
	rows := map[string][]float64{}
	for _, rec := range recs[1:] {
		var v []float64
		for _, s := range rec[2:] {
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("row %q: %v", rec, err)
			}
			v = append(v, x)
		}
		rows[rec[0]+" "+rec[1]] = v
	}
	return rows
}

// TestAnalyzeMorris runs analyze on Morris trajectories of
// 2·x1 + 3·log10(x2) with x1 in [0, 10] and x2 in [1, 100] on a log scale:
// per unit of the [0,1] range the effects are 20 and 6, and 0 for the
// unused x3; σ is 0 as the function is linear in the design coordinates.
func TestAnalyzeMorris(t *testing.T) {
	dir := t.TempDir()
	m := sensitivity.NewMorris(12, 3, 4, 9)
	synthSweep{
		info: sweepInfo{Design: "morris", Samples: 12, Replications: 3, MorrisLevels: 4, Seed: 9, Metrics: []string{"output"},
			Factors: []sweepFactor{{Path: "a.x1", Min: 0, Max: 10}, {Path: "b.x2", Min: 1, Max: 100, Log: true}, {Path: "c.x3", Min: 5, Max: 6}}},
		points:  m.Points,
		metrics: []func([]float64) float64{func(x []float64) float64 { return 2*x[0] + 3*math.Log10(x[1]) }},
		failed:  func(p, r int) string { return "" },
	}.write(t, dir)
	out := filepath.Join(t.TempDir(), "morris.csv")
	code, stdout, stderr := factorflow("analyze", "--out", out, dir)
	if code != exitOK || stderr != "" {
		t.Fatalf("exit code %d\nstderr: %s\nstdout: %s", code, stderr, stdout)
	}
	t.Log(stdout)
	printed := regexp.MustCompile(`(?m)^output\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)$`).FindAllStringSubmatch(stdout, -1)
	if len(printed) != 3 {
		t.Fatalf("printed %d rows of metric output, want 3", len(printed))
	}
	rows := readSensitivity(t, out, sensitivityCols["morris"])
	want := map[string][3]float64{"output a.x1": {20, 20, 0}, "output b.x2": {6, 6, 0}, "output c.x3": {0, 0, 0}}
	for key, w := range want {
		for i := range w {
			if math.Abs(rows[key][i]-w[i]) > 1e-6 {
				t.Errorf("%s: CSV %v, want %v", key, rows[key], w)
			}
		}
	}
	// The table shows the same, to 4 digits; σ is the rounding of runs.csv's
	// 10 significant digits.
	for _, p := range printed {
		w := want["output "+p[1]]
		for i := range w {
			v, err := strconv.ParseFloat(p[2+i], 64)
			if err != nil || math.Abs(v-w[i]) > 1e-6 {
				t.Errorf("printed %s: %q, want %v", p[1], p[0], w)
			}
		}
	}
}

// TestAnalyzeUndefined checks that a point whose replicates all failed
// makes the indices undefined, says why, and exits 1.
func TestAnalyzeUndefined(t *testing.T) {
	dir := t.TempDir()
	ishigamiSweep(64, func(p, r int) string {
		if p == 3 || p == 70 {
			return fmt.Sprintf("engine: boom at %d", r)
		}
		return ""
	}).write(t, dir)
	code, stdout, stderr := factorflow("analyze", dir)
	if code != exitFailed {
		t.Fatalf("exit code %d, want %d\nstderr: %s\nstdout: %s", code, exitFailed, stderr, stdout)
	}
	for _, s := range []string{
		"output: indices undefined: point 3 has no ok replicate with a finite output (run 6: engine: boom at 0; run 7: engine: boom at 1), and 1 more points",
		"linear: indices undefined: point 3",
	} {
		if !strings.Contains(stdout, s) {
			t.Errorf("stdout lacks %q:\n%s", s, stdout)
		}
	}
	rows := readSensitivity(t, filepath.Join(dir, "sensitivity.csv"), sensitivityCols["sobol"])
	if v := rows["output x1"]; len(v) != 6 || !math.IsNaN(v[0]) {
		t.Errorf("CSV row of output x1 %v, want NaN", v)
	}
}

func TestAnalyzeErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(t *testing.T, dir string) // spoils a valid sweep directory
		args []string
		code int
		errs string
	}{
		{"no SWEEPDIR", nil, []string{}, exitUsage, "want one SWEEPDIR"},
		{"negative bootstrap", nil, []string{"--bootstrap", "-1"}, exitUsage, "--bootstrap -1"},
		{"grid design", func(t *testing.T, dir string) {
			replace(t, filepath.Join(dir, "sweep.json"), `"sobol"`, `"grid"`)
		}, nil, exitUsage, "analyze needs a sobol (Saltelli) or morris design"},
		{"bad point", func(t *testing.T, dir string) {
			replace(t, filepath.Join(dir, "runs.csv"), "\n1,0,1,", "\n1,x,1,")
		}, nil, exitUsage, `runs.csv:3: column point: "x" is not a design point index`},
		{"point beyond the design", func(t *testing.T, dir string) {
			replace(t, filepath.Join(dir, "runs.csv"), "\n1,0,1,", "\n1,99999,1,")
		}, nil, exitUsage, `"99999" is not a design point index: the design has 40 points (0 to 39)`},
		{"missing metric column", func(t *testing.T, dir string) {
			replace(t, filepath.Join(dir, "runs.csv"), ",linear\n", ",other\n")
		}, nil, exitUsage, `no column "linear"`},
		{"wrong samples", func(t *testing.T, dir string) {
			replace(t, filepath.Join(dir, "sweep.json"), `"samples": 8`, `"samples": 7`)
		}, nil, exitUsage, `"35" is not a design point index: the design has 35 points`},
		{"no runs.csv", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "runs.csv"))
		}, nil, exitUsage, "has the sweep finished (and, if it ran in shards, been merged by 'factorflow merge"},
		{"no sweep.json", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "sweep.json"))
		}, nil, exitUsage, "sweep.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			ishigamiSweep(8, func(p, r int) string { return "" }).write(t, dir)
			args := append([]string{"analyze"}, tc.args...)
			if tc.edit != nil {
				tc.edit(t, dir)
				args = append(args, dir)
			}
			code, stdout, stderr := factorflow(args...)
			if code != tc.code || !strings.Contains(stderr, tc.errs) {
				t.Errorf("exit code %d, want %d; stderr lacks %q?\nstderr: %s\nstdout: %s", code, tc.code, tc.errs, stderr, stdout)
			}
		})
	}
}

// replace replaces old, which must occur, by new in the file at path.
func replace(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s lacks %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// FuzzAnalyzeRuns feeds arbitrary runs.csv files to analyze: it must not
// panic, and exits 0, 1 or 2.
func FuzzAnalyzeRuns(f *testing.F) {
	dir := f.TempDir()
	ishigamiSweep(2, func(p, r int) string {
		if p == 1 {
			return "failed"
		}
		return ""
	}).write(f, dir)
	seed, err := os.ReadFile(filepath.Join(dir, "runs.csv"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("run,point\n"))
	f.Add([]byte("run,point,replicate,,x1,x2,x3,status,error,output,linear\n\"0000")) // a quote left open
	f.Fuzz(func(t *testing.T, runs []byte) {
		d := t.TempDir()
		info, err := os.ReadFile(filepath.Join(dir, "sweep.json"))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(d, "sweep.json"), info, 0o644)
		os.WriteFile(filepath.Join(d, "runs.csv"), runs, 0o644)
		if code, _, _ := factorflow("analyze", d, "--bootstrap", "10"); code > exitUsage {
			t.Errorf("exit code %d", code)
		}
	})
}

// TestAnalyzeOptions checks --bootstrap 0 (no intervals) and the warning
// when runs.csv's points are not the Saltelli design's.
func TestAnalyzeOptions(t *testing.T) {
	dir := t.TempDir()
	s := ishigamiSweep(16, func(p, r int) string { return "" })
	s.points[5] = []float64{0.1, 0.2, 0.3}
	s.write(t, dir)
	code, stdout, stderr := factorflow("analyze", dir, "--bootstrap", "0")
	if code != exitOK {
		t.Fatalf("exit code %d\nstderr: %s\nstdout: %s", code, stderr, stdout)
	}
	for _, want := range []string{"--bootstrap 0: no intervals", "output      x1"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "warning: runs.csv point 5, factor 1: design coordinate 0.1") {
		t.Errorf("stderr lacks the design warning:\n%s", stderr)
	}
	rows := readSensitivity(t, filepath.Join(dir, "sensitivity.csv"), sensitivityCols["sobol"])
	if v := rows["output x1"]; math.IsNaN(v[0]) || !math.IsNaN(v[1]) || !math.IsNaN(v[2]) {
		t.Errorf("CSV row of output x1 %v, want S1 and no interval", v)
	}
}
