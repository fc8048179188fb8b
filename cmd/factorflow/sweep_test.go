package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testSweep is a sweep of the teaching scenario: 3 grid points × 2 runs of
// 2 mean-field years; with bad, its third point is invalid.
func testSweep(t *testing.T, bad bool) string {
	t.Helper()
	max := "0.2"
	if bad {
		max = "0.4" // migration.rate·dt must stay <= 0.3
	}
	src := `scenario = "teaching"
design = "grid"
levels = 3
replications = 2
seed = 7
years = 2
mode = "mean-field"
metrics = ["output", "theil"]
[[factors]]
path = "migration.rate"
min = 0.05
max = ` + max + "\n"
	path := filepath.Join(t.TempDir(), "s.toml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSweepCommand(t *testing.T) {
	good, bad := testSweep(t, false), testSweep(t, true)
	for _, tc := range []struct {
		name  string
		args  []string
		code  int
		out   string // substring of stdout
		errs  string // substring of stderr
		files bool   // runs.csv written
	}{
		{"ok", []string{good, "-j", "2", "--quiet"}, 0, "6 runs, 0 failed", "", true},
		{"failed runs", []string{bad, "--quiet"}, 1, "6 runs, 2 failed", "2 of 6 runs failed", true},
		{"no file", []string{}, 2, "", "want one SWEEP.toml", false},
		{"bad shard", []string{good, "--shard", "3/2"}, 2, "", "want K/N", false},
		{"bad file", []string{filepath.Join(t.TempDir(), "none.toml")}, 2, "", "no such file", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			code, out, errs := factorflow(append([]string{"sweep", "--out", dir}, tc.args...)...)
			if code != tc.code || !strings.Contains(out, tc.out) || !strings.Contains(errs, tc.errs) {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, %q, %q", code, out, errs, tc.code, tc.out, tc.errs)
			}
			if _, err := os.Stat(filepath.Join(dir, "runs.csv")); (err == nil) != tc.files {
				t.Errorf("runs.csv: %v, want written %v", err, tc.files)
			}
		})
	}
}

// TestSweepInterrupted checks that an interrupted sweep says how to resume
// and exits 130, and that the command it prints completes the sweep.
func TestSweepInterrupted(t *testing.T) {
	file, dir := testSweep(t, false), filepath.Join(t.TempDir(), "out")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errs bytes.Buffer
	code := runSweep(ctx, &out, &errs, []string{file, "--out", dir, "--quiet"})
	want := "resume with: factorflow sweep " + file + " --out " + dir
	if code != exitInterrupted || !strings.Contains(errs.String(), want) {
		t.Fatalf("exit %d, stderr %q; want 130 and %q", code, errs.String(), want)
	}
	if code, _, errs := factorflow("sweep", file, "--out", dir, "--quiet"); code != 0 {
		t.Fatalf("resume: exit %d: %s", code, errs)
	}
}

// TestSweepHelp checks that the help documents every flag of sweep.
func TestSweepHelp(t *testing.T) {
	fs := newFlags("sweep")
	var o sweepOptions
	sweepFlags(fs, &o)
	fs.VisitAll(func(f *flag.Flag) {
		dash := "--"
		if len(f.Name) == 1 {
			dash = "-"
		}
		if !strings.Contains(commandHelp("sweep"), dash+f.Name) || !strings.Contains(usageLine("sweep"), dash+f.Name) {
			t.Errorf("sweep help lacks %s%s", dash, f.Name)
		}
	})
}

// TestMergeCommand makes a sweep in two shards and merges them, first with
// one missing.
func TestMergeCommand(t *testing.T) {
	file, dir := testSweep(t, true), filepath.Join(t.TempDir(), "out")
	if code, _, errs := factorflow("sweep", file, "--out", dir, "--shard", "1/2", "--quiet"); code != 1 {
		t.Fatalf("shard 1/2: exit %d: %s", code, errs)
	}
	code, _, errs := factorflow("merge", dir)
	want := "factorflow sweep " + file + " --out " + dir + " --shard 2/2"
	if code != 1 || !strings.Contains(errs, "3 of 6 runs missing") || !strings.Contains(errs, want) {
		t.Errorf("merge with a shard missing: exit %d, stderr %q; want 1 and %q", code, errs, want)
	}
	factorflow("sweep", file, "--out", dir, "--shard", "2/2", "--quiet")
	code, out, errs := factorflow("merge", dir)
	if code != 1 || !strings.Contains(out, "6 runs merged from 2 shards, 2 failed") || !strings.Contains(errs, "run 4 failed: ") {
		t.Errorf("merge: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if code, _, errs := factorflow("merge"); code != 2 || !strings.Contains(errs, "want one SWEEPDIR") {
		t.Errorf("merge without a directory: exit %d, %q", code, errs)
	}
}

func TestSweepSlurm(t *testing.T) {
	file, dir := testSweep(t, false), filepath.Join(t.TempDir(), "out")
	code, out, errs := factorflow("sweep", file, "--out", dir, "--slurm", "--array-size", "3", "--time", "0:10:00")
	if code != 0 || !strings.Contains(out, "bash "+filepath.Join(dir, "sweep.sbatch")) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	b, err := os.ReadFile(filepath.Join(dir, "sweep.sbatch"))
	if err != nil || !strings.Contains(string(b), "#SBATCH --array=1-3\n#SBATCH --time=0:10:00\n") {
		t.Errorf("sweep.sbatch: %v\n%s", err, b)
	}
	if code, _, _ := factorflow("sweep", file, "--out", dir, "--slurm", "--shard", "1/2"); code != 2 {
		t.Errorf("--slurm with --shard: exit %d, want 2", code)
	}
}

// TestSweepRefused checks the sweeps refused before anything runs.
func TestSweepRefused(t *testing.T) {
	good, bad := testSweep(t, false), testSweep(t, true)
	dir := filepath.Join(t.TempDir(), "out")
	if code, _, errs := factorflow("sweep", good, "--out", dir, "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	code, _, errs := factorflow("sweep", bad, "--out", dir, "--quiet")
	if code != 1 || !strings.Contains(errs, "holds a different sweep") {
		t.Errorf("a changed sweep into the same directory: exit %d, %q", code, errs)
	}
	code, _, errs = factorflow("sweep", good, "--shard", "1/2")
	if code != 2 || !strings.Contains(errs, "--shard needs --out") {
		t.Errorf("--shard without --out: exit %d, %q", code, errs)
	}
}
