package sweep

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parquet-go/parquet-go"
)

// teaching is a small sweep of the teaching scenario: 4 random points × 2
// replications of 2 mean-field years.
const teaching = `scenario = "teaching"
design = "random"
samples = 4
replications = 2
seed = 42
years = 2
mode = "mean-field"
metrics = ["output", "cliff", "theil"]

[[factors]]
path = "migration.rate"
min = 0.05
max = 0.2

[[factors]]
path = "migration.moving_cost"
min = 1
max = 5
log = true
`

// parse parses src as a sweep file in a temporary directory.
func parse(t *testing.T, src string) *Sweep {
	t.Helper()
	s, err := Parse(filepath.Join(t.TempDir(), "sweep.toml"), []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// sweepFiles runs s into dir with opt and returns runs.csv.
func sweepFiles(t *testing.T, s *Sweep, dir string, opt Options) string {
	t.Helper()
	res, err := Run(context.Background(), s, dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Interrupted || res.Done != res.Total {
		t.Fatalf("result %+v: want every run done", res)
	}
	b, err := os.ReadFile(filepath.Join(res.Dir, RunsCSV))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, from, to string
		want           []string // substrings of the error
	}{
		{"unknown key", "replications = 2", "replications = 2\nreplicatoins = 3", []string{"sweep.toml:5:1: replicatoins: unknown key"}},
		{"unknown factor key", "log = true", "log = true\nstep = 1", []string{"factors.step: unknown key"}},
		{"bad design", `"random"`, `"factorial"`, []string{"sweep.toml:2:1: design: ", `"factorial" is not a design`}},
		{"unknown factor path", `"migration.rate"`, `"migration.rat"`, []string{"sweep.toml:11:8: factors.path: ", `"migration.rat" gives an invalid scenario`, "unknown parameter"}},
		{"min > max", "min = 1\n", "min = 6\n", []string{"sweep.toml:16:8: factors.min", `"migration.moving_cost": min 6 > max 5`}},
		{"log of 0", "min = 1", "min = 0", []string{"a log scale needs min > 0"}},
		{"synergy metric", `"theil"]`, `"synergy_gain"]`, []string{"needs synergy runs"}},
		{"unknown metric", `"theil"]`, `"theyl"]`, []string{`unknown metric "theyl"`}},
		{"metric twice", `"cliff", "theil"]`, `"cliff", "output"]`, []string{`metrics: "output" given twice`}},
		{"odd morris levels", "seed = 42", "seed = 42\nmorris_levels = 3", []string{"morris_levels: 3: want an even number"}},
		{"too many runs", "samples = 4", "samples = 9000000", []string{"more than 10000000 runs"}},
		{"bad mode", `"mean-field"`, `"exact"`, []string{`"exact": want stochastic or mean-field`}},
		{"unknown scenario", `"teaching"`, `"no-such-place"`, []string{"sweep.toml:1:1: scenario: "}},
		{"syntax", "seed = 42", "seed = = 42", []string{"sweep.toml:5:8: seed: "}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(teaching, tc.from, tc.to, 1)
			if src == teaching {
				t.Fatalf("%q not in the sweep file", tc.from)
			}
			_, err := Parse("sweep.toml", []byte(src))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

// TestRunSeed pins the seed derivation: it depends on the sweep seed and
// the run id only.
func TestRunSeed(t *testing.T) {
	got := []int64{RunSeed(42, 0), RunSeed(42, 1), RunSeed(1, 0), RunSeed(42, 9999)}
	want := []int64{3419864383188818853, 737456523031723072, 2612804094800205616, 1782117696815701731}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("seeds (-want +got):\n%s", diff)
	}
	a, b := parse(t, teaching), parse(t, strings.Replace(teaching, `"random"`, `"grid"`, 1))
	ra, rb := a.run(3, []float64{0, 0}, nil, ""), b.run(3, []float64{1, 1}, nil, "")
	if ra.Seed != rb.Seed || ra.Seed != RunSeed(42, 3) {
		t.Errorf("run 3 seeds %d and %d, want %d in both designs", ra.Seed, rb.Seed, RunSeed(42, 3))
	}
	for i := range 1000 {
		if s := RunSeed(int64(i), i); s < 0 || s >= 1<<62 {
			t.Fatalf("RunSeed(%d, %d) = %d outside [0, 2^62)", i, i, s)
		}
	}
}

// TestPoints checks the number of points of each design and that the
// grid varies its last factor fastest.
func TestPoints(t *testing.T) {
	for _, tc := range []struct {
		design string
		want   int
	}{{"grid", 9}, {"random", 4}, {"lhs", 4}, {"sobol", 16}, {"morris", 12}} {
		s := parse(t, strings.Replace(teaching, `"random"`, `"`+tc.design+`"`, 1))
		if got := len(s.Points()); got != tc.want {
			t.Errorf("%s: %d points, want %d", tc.design, got, tc.want)
		}
	}
	pts := parse(t, strings.Replace(teaching, `"random"`, `"grid"`, 1)).Points()
	if diff := cmp.Diff([][]float64{{0, 0}, {0, 0.5}, {0, 1}, {0.5, 0}}, pts[:4]); diff != "" {
		t.Errorf("grid (-want +got):\n%s", diff)
	}
}

func TestFactorValue(t *testing.T) {
	lin, log := Factor{Min: 1, Max: 3}, Factor{Min: 1, Max: 100, Log: true}
	got := []float64{lin.Value(0), lin.Value(0.5), lin.Value(1), log.Value(0), log.Value(0.5)}
	want := []float64{1, 2, 3, 1, 10}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b float64) bool { return a == b || (a-b)*(a-b) < 1e-24 })); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
}

// TestWorkers checks that the files are the same with 1 and 2 workers.
func TestWorkers(t *testing.T) {
	s := parse(t, teaching)
	one := sweepFiles(t, s, t.TempDir(), Options{Workers: 1})
	two := sweepFiles(t, s, t.TempDir(), Options{Workers: 2})
	if one != two {
		t.Errorf("runs.csv differs with -j 1 and -j 2:\n%s\n%s", one, two)
	}
	if n := strings.Count(one, "\n"); n != 9 {
		t.Errorf("runs.csv has %d lines, want 9", n)
	}
	if !strings.HasPrefix(one, "run,point,replicate,seed,migration.rate,migration.moving_cost,status,error,output,cliff,theil\n0,0,0,3419864383188818853,") {
		t.Errorf("runs.csv starts:\n%.200s", one)
	}
}

func TestResume(t *testing.T) {
	s := parse(t, teaching)
	want := sweepFiles(t, s, t.TempDir(), Options{Workers: 2})

	t.Run("cancelled", func(t *testing.T) {
		dir := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		res, err := Run(ctx, s, dir, Options{Workers: 1, Progress: func(done, _, _ int) {
			if done == 3 {
				cancel()
			}
		}})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Interrupted || res.Done < 3 || res.Done >= res.Total {
			t.Fatalf("result %+v: want interrupted after 3 runs", res)
		}
		if _, err := os.Stat(filepath.Join(dir, RunsCSV)); err == nil {
			t.Error("an interrupted sweep wrote runs.csv")
		}
		if got := sweepFiles(t, s, dir, Options{Workers: 2}); got != want {
			t.Errorf("resumed runs.csv differs:\n%s\nwant\n%s", got, want)
		}
	})

	t.Run("torn journal", func(t *testing.T) {
		whole := t.TempDir()
		sweepFiles(t, s, whole, Options{Workers: 2})
		lines := strings.SplitAfter(readFile(t, filepath.Join(whole, JournalFile)), "\n")
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, ContractFile), []byte(readFile(t, filepath.Join(whole, ContractFile))), 0o644); err != nil {
			t.Fatal(err)
		}
		partial := lines[5] + lines[1] + lines[3][:len(lines[3])/2] // a write cut short
		if err := os.WriteFile(filepath.Join(dir, "runs.csv.123.tmp"), []byte("run,point\n0,"), 0o644); err != nil {
			t.Fatal(err) // a table cut short by an earlier kill
		}
		if err := os.WriteFile(filepath.Join(dir, JournalFile), []byte(partial), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := sweepFiles(t, s, dir, Options{Workers: 2}); got != want {
			t.Errorf("resumed runs.csv differs:\n%s\nwant\n%s", got, want)
		}
		if n := strings.Count(readFile(t, filepath.Join(dir, JournalFile)), "\n"); n != 8 {
			t.Errorf("journal has %d lines, want 8", n)
		}
		if tmps, _ := filepath.Glob(filepath.Join(dir, "*.tmp")); len(tmps) > 0 {
			t.Errorf("temporary files left: %v", tmps)
		}
	})
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFailedRun checks that a run whose factor value is invalid is recorded
// as failed and the others are made.
func TestFailedRun(t *testing.T) {
	src := strings.Replace(strings.Replace(teaching, `"random"`, `"grid"`, 1), "max = 0.2", "max = 0.4\nlevels = 3", 1)
	s := parse(t, src) // migration.rate 0.05, 0.225, 0.4: the last exceeds 0.3 a step
	dir := t.TempDir()
	res, err := Run(context.Background(), s, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 18 || res.Failed != 6 {
		t.Errorf("result %+v: want 18 runs, 6 failed", res)
	}
	csv := readFile(t, filepath.Join(dir, RunsCSV))
	if !strings.Contains(csv, `,0.4,1,failed,--set: migration.rate: `) || strings.Count(csv, ",ok,,") != 12 {
		t.Errorf("runs.csv:\n%s", csv)
	}
}

// TestChanged checks that a directory of another sweep is refused.
func TestChanged(t *testing.T) {
	dir := t.TempDir()
	sweepFiles(t, parse(t, teaching), dir, Options{})
	s := parse(t, strings.Replace(teaching, "seed = 42", "seed = 43", 1))
	_, err := Run(context.Background(), s, dir, Options{})
	var ce *ChangedError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "holds a different sweep") {
		t.Errorf("error %v, want a ChangedError", err)
	}
	// Comments and layout do not change the sweep.
	s = parse(t, "# the same sweep\n"+strings.ReplaceAll(teaching, " = ", "="))
	if _, err := Run(context.Background(), s, dir, Options{}); err != nil {
		t.Errorf("the same sweep, reformatted: %v", err)
	}
}

// TestParquet reads runs.parquet back and compares it with the records.
func TestParquet(t *testing.T) {
	src := strings.Replace(strings.Replace(teaching, `"random"`, `"grid"`, 1), "max = 0.2", "max = 0.4\nlevels = 3", 1)
	s := parse(t, src)
	dirs := [2]string{t.TempDir(), t.TempDir()}
	for i, dir := range dirs {
		if _, err := Run(context.Background(), s, dir, Options{Workers: i + 1}); err != nil {
			t.Fatal(err)
		}
	}
	one, two := readFile(t, filepath.Join(dirs[0], RunsParquet)), readFile(t, filepath.Join(dirs[1], RunsParquet))
	if one != two {
		t.Error("runs.parquet differs with -j 1 and -j 2")
	}
	type run struct {
		Run       int64    `parquet:"run"`
		Point     int64    `parquet:"point"`
		Replicate int64    `parquet:"replicate"`
		Seed      int64    `parquet:"seed"`
		Rate      float64  `parquet:"migration.rate"`
		Cost      float64  `parquet:"migration.moving_cost"`
		Status    string   `parquet:"status"`
		Error     string   `parquet:"error"`
		Output    *float64 `parquet:"output,optional"`
		Cliff     *float64 `parquet:"cliff,optional"`
		Theil     *float64 `parquet:"theil,optional"`
	}
	got, err := parquet.ReadFile[run](filepath.Join(dirs[0], RunsParquet))
	if err != nil {
		t.Fatal(err)
	}
	pts := s.Points()
	if len(got) != 18 {
		t.Fatalf("%d rows, want 18", len(got))
	}
	for i, r := range got {
		p := pts[i/2]
		want := run{Run: int64(i), Point: int64(i / 2), Replicate: int64(i % 2), Seed: RunSeed(42, i),
			Rate: s.Factors[0].Value(p[0]), Cost: s.Factors[1].Value(p[1]), Status: "ok"}
		if r.Rate > 0.3 {
			want.Status, want.Error = "failed", r.Error
		}
		if want.Status == "ok" {
			want.Output, want.Cliff, want.Theil = r.Output, r.Cliff, r.Theil
			if r.Output == nil || r.Theil == nil || *r.Output <= 0 {
				t.Errorf("row %d: metrics %v %v", i, r.Output, r.Theil)
			}
		}
		if diff := cmp.Diff(want, r); diff != "" {
			t.Errorf("row %d (-want +got):\n%s", i, diff)
		}
		if want.Status == "failed" && (r.Output != nil || !strings.Contains(r.Error, "exceeds 0.3")) {
			t.Errorf("row %d: failed run with metric %v, error %q", i, r.Output, r.Error)
		}
	}
	// The columns keep the order of runs.csv.
	f, err := os.Open(filepath.Join(dirs[0], RunsParquet))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	pf, err := parquet.OpenFile(f, info.Size())
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	for _, c := range pf.Schema().Fields() {
		cols = append(cols, c.Name())
	}
	header := strings.SplitN(readFile(t, filepath.Join(dirs[0], RunsCSV)), "\n", 2)[0]
	if diff := cmp.Diff(strings.Split(header, ","), cols); diff != "" {
		t.Errorf("columns (-csv +parquet):\n%s", diff)
	}
}

// TestShards checks that shards 1/2 and 2/2 merged equal the unsharded
// sweep, and what merge says of missing and foreign shards.
func TestShards(t *testing.T) {
	s := parse(t, teaching)
	whole := t.TempDir()
	sweepFiles(t, s, whole, Options{Workers: 2})
	dir := t.TempDir()
	sweepFiles(t, s, dir, Options{Shard: Shard{1, 2}})

	res, err := Merge(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{1, 3, 5, 7}, res.Missing); diff != "" || !slices.Equal(res.Incomplete, []int{2}) {
		t.Errorf("missing (-want +got):\n%s; incomplete shards %v, want [2]", diff, res.Incomplete)
	}
	if _, err := os.Stat(filepath.Join(dir, RunsCSV)); err == nil {
		t.Error("merge wrote runs.csv with runs missing")
	}

	sweepFiles(t, s, dir, Options{Shard: Shard{2, 2}})
	res, err = Merge(dir, false)
	if err != nil || len(res.Missing) > 0 || len(res.Failed) > 0 {
		t.Fatalf("merge: %v, %+v", err, res)
	}
	for _, f := range []string{RunsCSV, RunsParquet, ContractFile} {
		if readFile(t, filepath.Join(dir, f)) != readFile(t, filepath.Join(whole, f)) {
			t.Errorf("merged %s differs from the unsharded one", f)
		}
	}

	// A shard of another sweep is refused.
	other := t.TempDir()
	sweepFiles(t, parse(t, strings.Replace(teaching, "seed = 42", "seed = 43", 1)), other, Options{Shard: Shard{2, 2}})
	if err := os.RemoveAll(filepath.Join(dir, "shard-2-of-2")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(other, "shard-2-of-2"), filepath.Join(dir, "shard-2-of-2")); err != nil {
		t.Fatal(err)
	}
	if _, err := Merge(dir, false); err == nil || !strings.Contains(err.Error(), "shard of another sweep") {
		t.Errorf("merging a foreign shard: %v", err)
	}
}

func TestSlurm(t *testing.T) {
	s := parse(t, teaching)
	dir := t.TempDir()
	path, err := WriteSlurm(s, Slurm{Binary: "/opt/bin/factorflow", File: "/home/me/s.toml", Dir: dir, Tasks: 4, Partition: "short"})
	if err != nil {
		t.Fatal(err)
	}
	script := readFile(t, path)
	for _, want := range []string{
		"#SBATCH --array=1-4\n", "#SBATCH --partition=short\n", "#SBATCH --time=1:00:00\n",
		`--shard "$SLURM_ARRAY_TASK_ID/4"`, `--dependency=afterany:"${job%%;*}"`,
		`--wrap ''\''/opt/bin/factorflow'\'' merge '\''` + dir + `'\'''`,
	} {
		if !strings.Contains(script, want) {
			t.Errorf("script lacks %q:\n%s", want, script)
		}
	}
	if out, err := exec.Command("bash", "-n", path).CombinedOutput(); err != nil {
		t.Errorf("bash -n: %v\n%s", err, out)
	}
	if _, err := ReadContract(dir); err != nil {
		t.Errorf("no sweep.json: %v", err)
	}
	path, _ = WriteSlurm(s, Slurm{Binary: "f", File: "s", Dir: t.TempDir(), Tasks: 100})
	if !strings.Contains(readFile(t, path), "--array=1-8\n") {
		t.Error("more tasks than runs")
	}
}

// TestTimeseries checks the long table of a timeseries sweep: the same
// for any workers and for shards merged, one row per ok run, year, city
// and variable, readable as Parquet.
func TestTimeseries(t *testing.T) {
	src := strings.Replace(strings.Replace(teaching, `"random"`, `"grid"`, 1), "max = 0.2", "max = 0.4\nlevels = 3", 1)
	s := parse(t, strings.Replace(src, "seed = 42", "seed = 42\noutputs = \"timeseries\"", 1))
	dirs := []string{t.TempDir(), t.TempDir(), t.TempDir()}
	for i, dir := range dirs[:2] {
		if _, err := Run(context.Background(), s, dir, Options{Workers: i + 1, TimeseriesCSV: true}); err != nil {
			t.Fatal(err)
		}
	}
	for k := 1; k <= 3; k++ {
		if _, err := Run(context.Background(), s, dirs[2], Options{Shard: Shard{k, 3}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Merge(dirs[2], true); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{TimeseriesParquet, TimeseriesCSV, RunsParquet} {
		want := readFile(t, filepath.Join(dirs[0], f))
		for _, dir := range dirs[1:] {
			if readFile(t, filepath.Join(dir, f)) != want {
				t.Errorf("%s differs in %s", f, dir)
			}
		}
	}
	rows, err := parquet.ReadFile[tsRow](filepath.Join(dirs[0], TimeseriesParquet))
	if err != nil {
		t.Fatal(err)
	}
	const ok, years, cities = 12, 3, 6 // runs, years observed (start + 2), cities of teaching
	if len(rows) != ok*years*cities*len(Variables) {
		t.Fatalf("%d rows, want %d", len(rows), ok*years*cities*len(Variables))
	}
	csv := strings.Split(readFile(t, filepath.Join(dirs[0], TimeseriesCSV)), "\n")
	if csv[0] != "run,year,city,variable,value" || len(csv) != len(rows)+2 {
		t.Errorf("timeseries.csv: header %q, %d lines", csv[0], len(csv))
	}
	if r := rows[len(rows)-1]; r.Run != 11 || r.Variable != "amenity" || r.Year != 2022 {
		t.Errorf("last row %+v", r)
	}
	for i, r := range rows {
		if want := fmt.Sprintf("%d,%d,%s,%s,%s", r.Run, r.Year, r.City, r.Variable, num(r.Value)); csv[i+1] != want {
			t.Fatalf("csv line %d %q, parquet row %q", i+1, csv[i+1], want)
		}
	}
}

// TestLocked checks that a sweep directory in use is refused.
func TestLocked(t *testing.T) {
	s := parse(t, teaching)
	dir := t.TempDir()
	sweepFiles(t, s, dir, Options{})
	j, err := openJournal(filepath.Join(dir, JournalFile), 8)
	if err != nil {
		t.Fatal(err)
	}
	defer j.close()
	if _, err := Run(context.Background(), s, dir, Options{}); err == nil || !strings.Contains(err.Error(), "in use by another sweep") {
		t.Errorf("a second sweep into a directory in use: %v", err)
	}
}
