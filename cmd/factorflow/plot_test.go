package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// plotRun makes a two-year teaching run and returns its directory.
func plotRun(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "run")
	if code, _, errs := factorflow("run", "teaching", "--out", dir, "--years", "2", "--quiet"); code != exitOK {
		t.Fatalf("run: exit code %d\n%s", code, errs)
	}
	return dir
}

func TestPlotCommand(t *testing.T) {
	dir := plotRun(t)
	code, out, errs := factorflow("plot", dir, "--format", "svg", "--factor", "talent")
	if code != exitOK || errs != "" {
		t.Fatalf("exit code %d\nstderr: %s", code, errs)
	}
	figs := filepath.Join(dir, "figures")
	var want []string
	for _, name := range []string{"population", "urbanisation", "sectors-2022", "flows-talent-2022", "metrics"} {
		want = append(want, filepath.Join(figs, name+".svg"))
	}
	if got := strings.Fields(out); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("printed %q, want %q", got, want)
	}
	for _, p := range want {
		b, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(b), "<svg ") {
			t.Errorf("%s: %d bytes, %v", p, len(b), err)
		}
	}
	first, _ := os.ReadFile(want[0])

	// Again, elsewhere, with every factor and PNG by default; in the start
	// year, whose empty flow matrices are quick to draw. PNGs are slow under
	// the race detector.
	if !raceEnabled {
		out2 := filepath.Join(t.TempDir(), "png")
		code, out, errs = factorflow("plot", "--out", out2, "--year", "2020", dir)
		if code != exitOK {
			t.Fatalf("exit code %d\nstderr: %s", code, errs)
		}
		if n := len(strings.Fields(out)); n != 8 {
			t.Errorf("%d figures printed, want 8:\n%s", n, out)
		}
		for _, name := range []string{"flows-workers-2020.png", "flows-firms-2020.png", "sectors-2020.png"} {
			if _, err := os.Stat(filepath.Join(out2, name)); err != nil {
				t.Error(err)
			}
		}
	}

	// The same run gives the same SVG bytes.
	if code, _, errs := factorflow("plot", dir, "--format", "svg", "--factor", "talent"); code != exitOK {
		t.Fatalf("again: exit code %d\n%s", code, errs)
	}
	if again, _ := os.ReadFile(want[0]); string(again) != string(first) {
		t.Error("a second plot of the same run wrote other bytes")
	}

	// report
	code, out, errs = factorflow("report", dir)
	if code != exitOK || strings.TrimSpace(out) != filepath.Join(dir, "report.html") {
		t.Fatalf("report: exit code %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil || strings.Count(string(page), "<svg ") != 8 {
		t.Errorf("report: %d bytes, %d figures, %v", len(page), strings.Count(string(page), "<svg "), err)
	}
	other := filepath.Join(t.TempDir(), "r.html")
	if code, _, errs := factorflow("report", "--out", other, dir); code != exitOK {
		t.Fatalf("report --out: exit code %d\n%s", code, errs)
	}
}

func TestPlotCompare(t *testing.T) {
	csv := filepath.Join(t.TempDir(), "cmp.csv")
	if code, _, errs := factorflow("compare", "teaching", "teaching", "--reps", "2", "--years", "2", "--quiet", "--out", csv); code != exitOK {
		t.Fatalf("compare: exit code %d\n%s", code, errs)
	}
	code, out, errs := factorflow("plot", csv, "--format", "svg")
	want := filepath.Join(strings.TrimSuffix(csv, ".csv")+"-figures", "compare.svg")
	if code != exitOK || strings.TrimSpace(out) != want {
		t.Fatalf("exit code %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	if code, _, errs := factorflow("plot", csv, "--year", "2021"); code != exitUsage || !strings.Contains(errs, "applies to a run directory") {
		t.Errorf("plot compare --year: exit code %d\n%s", code, errs)
	}
	if code, out, errs := factorflow("report", csv); code != exitOK || strings.TrimSpace(out) != strings.TrimSuffix(csv, ".csv")+".html" {
		t.Fatalf("report: exit code %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
}

func TestPlotErrors(t *testing.T) {
	dir := plotRun(t)
	tmp := t.TempDir()
	broken := filepath.Join(tmp, "broken")
	os.Mkdir(broken, 0o755)
	for _, name := range []string{"metrics.csv", "cities.csv", "flows.csv"} {
		b, _ := os.ReadFile(filepath.Join(dir, name))
		os.WriteFile(filepath.Join(broken, name), b, 0o644)
	}
	b, _ := os.ReadFile(filepath.Join(broken, "flows.csv"))
	os.WriteFile(filepath.Join(broken, "flows.csv"), []byte(strings.Replace(string(b), ",talent,", ",tallent,", 1)), 0o644)
	file := filepath.Join(tmp, "file")
	os.WriteFile(file, nil, 0o644)

	for _, tc := range []struct {
		args []string
		code int
		errs []string
	}{
		{[]string{"plot"}, exitUsage, []string{"want one RUNDIR", "usage: factorflow plot"}},
		{[]string{"plot", dir, dir}, exitUsage, []string{"want one RUNDIR"}},
		{[]string{"plot", dir, "--format", "pdf"}, exitUsage, []string{`--format "pdf": want png or svg`}},
		{[]string{"plot", dir, "--bogus"}, exitUsage, []string{"bogus", "usage: factorflow plot"}},
		{[]string{"plot", dir, "--year", "1999"}, exitUsage, []string{"year 1999 is not in the run: want 2020–2022"}},
		{[]string{"plot", dir, "--factor", "land"}, exitUsage, []string{`factor "land"`}},
		{[]string{"plot", filepath.Join(tmp, "nope")}, exitUsage, []string{filepath.Join(tmp, "nope") + ": missing"}},
		{[]string{"plot", tmp}, exitUsage, []string{"not a run directory"}},
		{[]string{"plot", broken}, exitUsage, []string{filepath.Join(broken, "flows.csv") + ":2:2: factor \"tallent\""}},
		{[]string{"plot", file}, exitUsage, []string{file + ": empty file"}},
		{[]string{"plot", dir, "--out", filepath.Join(file, "sub")}, exitFailed, []string{"factorflow plot: plot: "}},
		{[]string{"report"}, exitUsage, []string{"want one RUNDIR", "usage: factorflow report"}},
		{[]string{"report", broken}, exitUsage, []string{"flows.csv:2:2"}},
		{[]string{"report", dir, "--out", filepath.Join(file, "r.html")}, exitFailed, []string{"factorflow report: plot: "}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, _, errs := factorflow(tc.args...)
			if code != tc.code {
				t.Errorf("exit code %d, want %d\nstderr: %s", code, tc.code, errs)
			}
			for _, s := range tc.errs {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errs)
				}
			}
		})
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"plot", "-h"}, "usage: factorflow plot RUNDIR"},
		{[]string{"report", "--help"}, "usage: factorflow report RUNDIR"},
		{[]string{"help", "plot"}, "--factor F"},
	} {
		if code, out, _ := factorflow(tc.args...); code != exitOK || !strings.Contains(out, tc.want) {
			t.Errorf("%v: exit code %d, want 0 and %q:\n%s", tc.args, code, tc.want, out)
		}
	}
}

// TestPlotHelpComplete checks that the help names every flag of plot and
// report, as TestHelpComplete does for run.
func TestPlotHelpComplete(t *testing.T) {
	var o plotOptions
	var out string
	for name, fs := range map[string]*flag.FlagSet{"plot": plotFlags(&o), "report": reportFlags(&out)} {
		fs.VisitAll(func(f *flag.Flag) {
			for _, text := range []string{fullHelp(), commandHelp(name), usageLine(name)} {
				if !strings.Contains(text, "--"+f.Name) {
					t.Errorf("help of %s lacks flag --%s", name, f.Name)
				}
			}
		})
	}
}
