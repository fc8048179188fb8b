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

// tinyCalibration is the calibrate package's tiny test file.
var tinyCalibration = filepath.Join("..", "..", "sim", "calibrate", "testdata", "tiny.toml")

func TestCalibrateCommand(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.toml")
	if err := os.WriteFile(bad, []byte("scenario = \"teaching\"\nmethod = \"magic\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		args  []string
		code  int
		out   []string // substrings of stdout
		errs  string   // substring of stderr
		files bool     // best.toml and the figures written
	}{
		{"ok", []string{tinyCalibration, "-j", "2", "--quiet"}, 0,
			[]string{"nelder-mead, 40 evaluations", "production.tfp_growth  0.03", "out of sample (4 holdout targets)", "factorflow run ", "figures: ", "fit.png", "convergence.png"}, "", true},
		{"no file", nil, 2, nil, "want one CALIBRATION.toml", false},
		{"bad -j", []string{tinyCalibration, "-j", "-1"}, 2, nil, "-j -1", false},
		{"bad file", []string{bad}, 2, nil, `bad.toml:2:1: method: "magic"`, false},
		{"bad --format", []string{tinyCalibration, "--format", "jpg"}, 2, nil, `--format "jpg": want png or svg`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			code, out, errs := factorflow(append([]string{"calibrate", "--out", dir}, tc.args...)...)
			if code != tc.code || !strings.Contains(errs, tc.errs) {
				t.Errorf("exit %d, stderr %q; want %d, %q", code, errs, tc.code, tc.errs)
			}
			for _, s := range tc.out {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
			for _, name := range []string{"best.toml", "fit.png", "convergence.png"} {
				if _, err := os.Stat(filepath.Join(dir, name)); (err == nil) != tc.files {
					t.Errorf("%s: %v, want written %v", name, err, tc.files)
				}
			}
			if tc.files {
				if code, _, errs := factorflow("run", filepath.Join(dir, "best.toml"), "--out", filepath.Join(t.TempDir(), "run"), "--quiet", "--years", "1"); code != 0 {
					t.Errorf("run best.toml: exit %d: %s", code, errs)
				}
			}
		})
	}
}

// TestCalibrateInterrupted checks that an interrupted calibration writes
// nothing but its journal, says how to resume and exits 130, and that the
// command it prints completes it.
func TestCalibrateInterrupted(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errs bytes.Buffer
	code := runCalibrate(ctx, &out, &errs, []string{tinyCalibration, "--out", dir, "--quiet"})
	want := "resume with: factorflow calibrate " + tinyCalibration + " --out " + dir
	if code != exitInterrupted || !strings.Contains(errs.String(), want) {
		t.Fatalf("exit %d, stderr %q; want 130 and %q", code, errs.String(), want)
	}
	if _, err := os.Stat(filepath.Join(dir, "summary.json")); err == nil {
		t.Error("an interrupted calibration wrote summary.json")
	}
	if code, _, errs := factorflow("calibrate", tinyCalibration, "--out", dir, "--quiet"); code != 0 {
		t.Fatalf("resume: exit %d: %s", code, errs)
	}
}

// TestCalibrateHelp checks that the help documents every flag of calibrate.
func TestCalibrateHelp(t *testing.T) {
	fs := newFlags("calibrate")
	var o calibrateOptions
	calibrateFlags(fs, &o)
	fs.VisitAll(func(f *flag.Flag) {
		dash := "--"
		if len(f.Name) == 1 {
			dash = "-"
		}
		if !strings.Contains(commandHelp("calibrate"), dash+f.Name) || !strings.Contains(usageLine("calibrate"), dash+f.Name) {
			t.Errorf("calibrate help lacks %s%s", dash, f.Name)
		}
	})
}

// TestCalibrateFigures checks that calibrate draws the figures of its
// method in the format asked, and that plot draws the same bytes from the
// calibration directory.
func TestCalibrateFigures(t *testing.T) {
	dir := t.TempDir()
	toml, err := os.ReadFile(tinyCalibration)
	if err != nil {
		t.Fatal(err)
	}
	abc := strings.Replace(string(toml), `method = "nelder-mead"`, `method = "abc-rejection"`, 1)
	targets, err := filepath.Abs(filepath.Join(filepath.Dir(tinyCalibration), "tiny-targets.csv"))
	if err != nil {
		t.Fatal(err)
	}
	abc = strings.Replace(abc, `targets = "tiny-targets.csv"`, `targets = "`+filepath.ToSlash(targets)+`"`, 1)
	file := filepath.Join(dir, "abc.toml")
	if err := os.WriteFile(file, []byte(abc), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, stdout, errs := factorflow("calibrate", file, "--out", out, "--quiet", "--format", "svg", "-j", "2")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	first := map[string]string{}
	for _, name := range []string{"fit", "convergence", "posterior"} {
		path := filepath.Join(out, name+".svg")
		if !strings.Contains(stdout, path) {
			t.Errorf("stdout does not name %s:\n%s", path, stdout)
		}
		first[name] = readFile(t, path)
	}
	if !strings.Contains(first["posterior"], "Posterior marginals (abc-rejection") || !strings.Contains(first["posterior"], "90 % interval [") {
		t.Error("posterior.svg lacks its title or interval")
	}
	if code, _, errs := factorflow("plot", out, "--format", "svg"); code != exitOK {
		t.Fatalf("plot: exit %d: %s", code, errs)
	}
	for name, b := range first {
		if readFile(t, filepath.Join(out, name+".svg")) != b {
			t.Errorf("plot DIR drew another %s.svg than calibrate", name)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "profile.svg")); err == nil {
		t.Error("an abc calibration has a profile figure")
	}
}
