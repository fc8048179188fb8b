package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"factorflow/model"
)

// compareRow is a row of the compare CSV.
type compareRow struct {
	year                                int
	metric                              string
	base, variant, diff, low, high, rel float64
	reps                                int
}

// readCompare reads a compare CSV and checks its header.
func readCompare(t *testing.T, path string) []compareRow {
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
	if diff := cmp.Diff(compareCols, recs[0]); diff != "" {
		t.Fatalf("header (-want +got):\n%s", diff)
	}
	var rows []compareRow
	for _, rec := range recs[1:] {
		var r compareRow
		var nums [6]float64
		if r.year, err = strconv.Atoi(rec[0]); err != nil {
			t.Fatalf("row %q: %v", rec, err)
		}
		r.metric = rec[1]
		for i := range nums {
			if nums[i], err = strconv.ParseFloat(rec[2+i], 64); err != nil {
				t.Fatalf("row %q: %v", rec, err)
			}
		}
		r.base, r.variant, r.diff, r.low, r.high, r.rel = nums[0], nums[1], nums[2], nums[3], nums[4], nums[5]
		if r.reps, err = strconv.Atoi(rec[8]); err != nil {
			t.Fatalf("row %q: %v", rec, err)
		}
		rows = append(rows, r)
	}
	return rows
}

// isSynergy reports whether a metric is NaN without --synergy.
func isSynergy(metric string) bool { return strings.HasPrefix(metric, "synergy_") }

// compareCSV runs factorflow compare with args and --out into a temporary
// file, and returns the rows, stdout and the file.
func compareCSV(t *testing.T, args ...string) (rows []compareRow, stdout, path string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "cmp.csv")
	code, out, errs := factorflow(append(append([]string{"compare"}, args...), "--out", path, "--quiet")...)
	if code != exitOK {
		t.Fatalf("exit code %d\nstderr: %s", code, errs)
	}
	if errs != "" {
		t.Errorf("stderr not empty with --quiet:\n%s", errs)
	}
	return readCompare(t, path), out, path
}

// TestCompareSelf compares teaching with itself: common random numbers make
// every difference exactly 0, in stochastic as in mean-field mode, and
// every interval of zero width.
func TestCompareSelf(t *testing.T) {
	for _, tc := range []struct {
		mode string
		reps int // in the CSV
		out  []string
	}{
		{"mean-field", 1, []string{"mean-field, exact", "--reps 3 ignored"}},
		{"stochastic", 3, []string{"stochastic, 3 paired replications"}},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			rows, out, _ := compareCSV(t, "teaching", "teaching", "--mode", tc.mode, "--reps", "3", "--years", "5")
			cols := new(model.Metrics).Columns()
			if len(rows) != 6*len(cols) {
				t.Fatalf("%d rows, want 6 years × %d metrics", len(rows), len(cols))
			}
			for i, r := range rows {
				if want := 2020 + i/len(cols); r.year != want || r.metric != cols[i%len(cols)] {
					t.Fatalf("row %d is year %d metric %s, want %d %s", i, r.year, r.metric, want, cols[i%len(cols)])
				}
				if r.reps != tc.reps {
					t.Errorf("%d %s: reps %d, want %d", r.year, r.metric, r.reps, tc.reps)
				}
				if isSynergy(r.metric) {
					if !math.IsNaN(r.diff) || !math.IsNaN(r.base) {
						t.Errorf("%d %s without --synergy: base %v, difference %v, want NaN", r.year, r.metric, r.base, r.diff)
					}
					continue
				}
				if r.diff != 0 || r.low != 0 || r.high != 0 || r.base != r.variant {
					t.Errorf("%d %s: base %v variant %v difference %v [%v, %v], want equal and 0 [0, 0]", r.year, r.metric, r.base, r.variant, r.diff, r.low, r.high)
				}
			}
			for _, s := range append(tc.out, `"teaching"`, "seed 1", "2020–2025", "end year 2025", "output") {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
		})
	}
}

// TestCompareReplications checks that the stochastic replications of one
// scenario are distinct runs (else common random numbers would be exact
// trivially), paired by index, and that mean-field ones are all the same,
// which is why compare runs one.
func TestCompareReplications(t *testing.T) {
	nans := cmpopts.EquateNaNs() // the synergy metrics
	for _, mode := range []string{"stochastic", "mean-field"} {
		t.Run(mode, func(t *testing.T) {
			sc := loadTeaching(t, "years=3", "mode="+mode)
			reps, err := replicate(context.Background(), [2]*model.Scenario{sc, sc}, 2, 2, false, nil)
			if err != nil {
				t.Fatal(err)
			}
			if same := cmp.Equal(reps.vals[0][0], reps.vals[0][1], nans); same != (mode == "mean-field") {
				t.Errorf("replications 0 and 1 identical: %v", same)
			}
			if diff := cmp.Diff(reps.vals[0][1], reps.vals[1][1], nans); diff != "" {
				t.Errorf("base and variant of replication 1 differ (-base +variant):\n%s", diff)
			}
			if want := []int{2020, 2021, 2022, 2023}; !slices.Equal(reps.years, want) {
				t.Errorf("years %v, want %v", reps.years, want)
			}
		})
	}
}

func loadTeaching(t *testing.T, sets ...string) *model.Scenario {
	t.Helper()
	var errs bytes.Buffer
	sc, _ := load(&errs, "teaching", sets)
	if sc == nil {
		t.Fatal(errs.String())
	}
	return sc
}

// writeVariant writes a variant of teaching with a barrier policy into a
// temporary directory and returns its path.
func writeVariant(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "open.toml")
	src := "name = \"teaching-open\"\nextends = \"teaching\"\n[[policies]]\nkind = \"barrier\"\nmagnitude = 1\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCompareVariant checks that removing the barriers changes output, by
// an exact amount in mean-field mode.
func TestCompareVariant(t *testing.T) {
	rows, out, _ := compareCSV(t, "teaching", writeVariant(t), "--mode", "mean-field", "--years", "5")
	i := slices.IndexFunc(rows, func(r compareRow) bool { return r.year == 2025 && r.metric == "output" })
	if i < 0 {
		t.Fatal("no row for output in 2025")
	}
	r := rows[i]
	if r.diff == 0 || r.low != r.diff || r.high != r.diff || r.reps != 1 {
		t.Errorf("output 2025: difference %v [%v, %v] reps %d, want nonzero and exact", r.diff, r.low, r.high, r.reps)
	}
	if want := r.diff / r.base; math.Abs(r.rel-want) > 1e-9*math.Abs(want) {
		t.Errorf("output 2025: relative change %v, want %v", r.rel, want)
	}
	if !regexp.MustCompile(`(?m)^output +\S+ +\S+ +[-+]\S+ \*`).MatchString(out) {
		t.Errorf("stdout does not mark the output difference with *:\n%s", out)
	}
}

// TestCompareWorkers checks that the CSV does not depend on -j.
func TestCompareWorkers(t *testing.T) {
	variant := writeVariant(t)
	var files [][]byte
	for _, j := range []string{"1", "2", "3"} {
		_, _, path := compareCSV(t, "teaching", variant, "--reps", "3", "--years", "5", "-j", j)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, b)
	}
	for i := 1; i < len(files); i++ {
		if !bytes.Equal(files[0], files[i]) {
			t.Errorf("the CSV of -j 1 and of the run %d differ", i+1)
		}
	}
}

// TestCompareSynergy checks that --synergy fills the synergy metrics.
func TestCompareSynergy(t *testing.T) {
	rows, _, _ := compareCSV(t, "teaching", "teaching", "--mode", "mean-field", "--years", "2", "--synergy")
	for _, r := range rows {
		if isSynergy(r.metric) && (math.IsNaN(r.base) || r.diff != 0) {
			t.Errorf("%d %s with --synergy: base %v difference %v", r.year, r.metric, r.base, r.diff)
		}
	}
}

func TestCompareUsage(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.toml")
	if err := os.WriteFile(bad, []byte("name = \"bad\"\nextends = \"teaching\"\nyears = \"ten\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "long.toml")
	if err := os.WriteFile(other, []byte("name = \"long\"\nextends = \"teaching\"\nyears = 7\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		errs []string
	}{
		{"invalid variant", []string{"teaching", bad}, []string{bad + ":3:"}},
		{"invalid both", []string{bad, bad, "--set", "migration.rate=-1"}, []string{bad + ":3:", "--set: migration.rate"}},
		{"unknown base", []string{"no-such-scenario", "teaching"}, []string{`"no-such-scenario"`}},
		{"reps 0", []string{"teaching", "teaching", "--reps", "0"}, []string{"--reps must be at least 1"}},
		{"j 0", []string{"teaching", "teaching", "-j", "0"}, []string{"-j must be at least 1"}},
		{"one scenario", []string{"teaching"}, []string{"want BASE and VARIANT"}},
		{"three scenarios", []string{"teaching", "teaching", "teaching"}, []string{"want BASE and VARIANT"}},
		{"bad flag", []string{"teaching", "teaching", "--check"}, []string{"usage: factorflow compare"}},
		{"other years", []string{"teaching", other}, []string{"2020–2050", "2020–2027", "--years"}},
		{"bad mode", []string{"teaching", "teaching", "--mode", "quantum"}, []string{"--set: mode"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			args := append([]string{"compare", "--quiet"}, tc.args...)
			code, out, errs := factorflow(args...)
			if code != exitUsage {
				t.Errorf("exit code %d, want 2\nstderr: %s", code, errs)
			}
			for _, s := range tc.errs {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errs)
				}
			}
			if out != "" {
				t.Errorf("stdout not empty:\n%s", out)
			}
			if _, err := os.Stat(resultsDir); !os.IsNotExist(err) {
				t.Errorf("%s was created (stat: %v)", resultsDir, err)
			}
		})
	}
}

func TestCompareModesDiffer(t *testing.T) {
	mf := filepath.Join(t.TempDir(), "mf.toml")
	if err := os.WriteFile(mf, []byte("name = \"mf\"\nextends = \"teaching\"\nmode = \"mean-field\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := factorflow("compare", "teaching", mf, "--quiet", "--out", filepath.Join(t.TempDir(), "x.csv"))
	if code != exitUsage || !strings.Contains(errs, "--mode") {
		t.Errorf("exit code %d, want 2 and a hint to --mode\nstderr: %s", code, errs)
	}
}

// TestCompareFailed makes every replication fail (prices cannot converge in
// one iteration): the error names the first in replication order, whatever
// the workers, with its scenario, and nothing is written.
func TestCompareFailed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.csv")
	code, out, errs := factorflow("compare", "teaching", "teaching", "--years", "2", "--reps", "4", "-j", "4", "--quiet",
		"--set", "production.max_iterations=1", "--out", path)
	if code != exitFailed {
		t.Errorf("exit code %d, want 1\nstderr: %s", code, errs)
	}
	if !strings.Contains(errs, `base "teaching", replication 0: model: prices`) {
		t.Errorf("stderr does not name the scenario, replication and error:\n%s", errs)
	}
	if out != "" {
		t.Errorf("stdout not empty:\n%s", out)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("%s written for a failed compare (stat: %v)", path, err)
	}
}

func TestCompareInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	path := filepath.Join(dir, "x.csv")
	var out, errs bytes.Buffer
	code := compareScenarios(ctx, &out, &errs, []string{"teaching", "teaching", "--years", "3", "--quiet", "--out", path})
	if code != exitInterrupted {
		t.Errorf("exit code %d, want 130\nstderr: %s", code, errs.String())
	}
	if files, _ := os.ReadDir(dir); len(files) > 0 {
		t.Errorf("files written when interrupted: %v", files)
	}
}

func TestCompareDefaultPath(t *testing.T) {
	t.Chdir(t.TempDir())
	code, out, errs := factorflow("compare", "teaching", "teaching", "--years", "1", "--reps", "2", "--quiet")
	if code != exitOK {
		t.Fatalf("exit code %d\n%s", code, errs)
	}
	files, _ := filepath.Glob(filepath.Join(resultsDir, "*"))
	hidden, _ := filepath.Glob(filepath.Join(resultsDir, ".*"))
	if len(files) != 1 || len(hidden) > 0 || !strings.HasPrefix(filepath.Base(files[0]), "compare-teaching-teaching-") ||
		!strings.HasSuffix(files[0], ".csv") || !strings.Contains(out, files[0]) {
		t.Fatalf("files %q, temporary %q; stdout:\n%s", files, hidden, out)
	}
}

func TestNewComparePath(t *testing.T) {
	parent := filepath.Join(t.TempDir(), "results")
	now := time.Date(2026, 3, 1, 14, 5, 9, 0, time.UTC)
	var got []string
	for range 3 {
		path, err := newComparePath(parent, [2]string{"teaching", "what if/2"}, now)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		got = append(got, filepath.Base(path))
	}
	want := []string{"compare-teaching-what-if-2-20260301-140509.csv", "compare-teaching-what-if-2-20260301-140509-2.csv", "compare-teaching-what-if-2-20260301-140509-3.csv"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("newComparePath names (-want +got):\n%s", diff)
	}
}

func TestCompareFormat(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		got, want string
	}{
		{g4(21700000), "2.17e+07"},
		{g4(0.123456), "0.1235"},
		{g4(nan), "n/a"},
		{signed(2), "+2"},
		{signed(-0.00012345), "-0.0001234"},
		{signed(0), "0"},
		{interval(-1, 2.5), "[-1, +2.5]"},
		{interval(nan, nan), "n/a"},
		{percent(0.0123), "+1.23 %"},
		{percent(nan), "n/a"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// TestCompareHelpComplete checks that the help names every flag of
// compare, as TestHelpComplete does for run.
func TestCompareHelpComplete(t *testing.T) {
	var o compareOptions
	compareFlags(&o).VisitAll(func(f *flag.Flag) {
		name := "--" + f.Name
		if len(f.Name) == 1 {
			name = "-" + f.Name
		}
		for _, text := range []string{fullHelp(), commandHelp("compare"), usageLine("compare")} {
			if !strings.Contains(text, name) {
				t.Errorf("help lacks flag %s", name)
			}
		}
	})
}
