package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"factorflow/model"
	"factorflow/sim/output"
)

// factorflow runs the command line args and returns the exit code and what
// it printed.
func factorflow(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(&out, &errOut, args)
	return code, out.String(), errOut.String()
}

func TestCommands(t *testing.T) {
	for _, tc := range []struct {
		args       []string
		code       int
		out, errs  []string // substrings of stdout and stderr
		quietOut   bool     // stdout must be empty
		quietError bool     // stderr must be empty
	}{
		{args: nil, code: 2, errs: []string{"usage: factorflow COMMAND"}, quietOut: true},
		{args: []string{"help"}, code: 0, out: []string{"factorflow run [SCENARIO]", "Exit codes", "manifest.json"}, quietError: true},
		{args: []string{"-h"}, code: 0, out: []string{"factorflow validate FILE..."}},
		{args: []string{"--help"}, code: 0, out: []string{"factorflow params"}},
		{args: []string{"help", "run"}, code: 0, out: []string{"--seed", "--check"}},
		{args: []string{"run", "-h"}, code: 0, out: []string{"usage: factorflow run", "--quiet"}},
		{args: []string{"run", "--help"}, code: 0, out: []string{"--out DIR"}},
		{args: []string{"help", "nope"}, code: 2, errs: []string{`unknown command "nope"`}},
		{args: []string{"version"}, code: 0, out: []string{"factorflow " + version, "go1."}},
		{args: []string{"version", "x"}, code: 2, errs: []string{"takes no arguments"}},
		{args: []string{"frobnicate"}, code: 2, errs: []string{`unknown command "frobnicate"`, "factorflow help"}},
		{args: []string{"scenarios"}, code: 0, out: []string{"jing-jin-ji", "teaching"}},
		{args: []string{"show", "teaching"}, code: 0, out: []string{"name"}},
		{args: []string{"show", "nope"}, code: 2, errs: []string{`"nope"`, "jing-jin-ji", "teaching"}, quietOut: true},
		{args: []string{"show"}, code: 2, errs: []string{"want one NAME"}},
		{args: []string{"validate"}, code: 2, errs: []string{"want at least one FILE"}},
		{args: []string{"validate", "teaching", "jing-jin-ji"}, code: 0, out: []string{"teaching: ok", "jing-jin-ji: ok"}},
		{args: []string{"validate", "no-such-file.toml"}, code: 2, errs: []string{"no-such-file.toml", "embedded scenarios"}},
		{args: []string{"params"}, code: 0, out: []string{"PATH", "UNIT", "DEFAULT", "RANGE", "SOURCE", "seed", "migration.rate", "stochastic|mean-field"}},
		{args: []string{"params", "migration."}, code: 0, out: []string{"migration.rate"}},
		{args: []string{"params", "zzz"}, code: 2, errs: []string{`"zzz"`}},
		{args: []string{"run", "--bogus"}, code: 2, errs: []string{"bogus", "usage: factorflow run"}},
		{args: []string{"run", "--set", "novalue"}, code: 2, errs: []string{"key=value"}},
		{args: []string{"run", "teaching", "jing-jin-ji"}, code: 2, errs: []string{"at most one SCENARIO"}},
		{args: []string{"run", "no-such-scenario"}, code: 2, errs: []string{`"no-such-scenario"`, "jing-jin-ji"}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errs := factorflow(tc.args...)
			if code != tc.code {
				t.Errorf("exit code %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errs)
			}
			for _, s := range tc.out {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tc.errs {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errs)
				}
			}
			if tc.quietOut && out != "" {
				t.Errorf("stdout not empty:\n%s", out)
			}
			if tc.quietError && errs != "" {
				t.Errorf("stderr not empty:\n%s", errs)
			}
		})
	}
}

// TestHelpComplete checks that the help names every command and every flag,
// and documents no command that does not exist.
func TestHelpComplete(t *testing.T) {
	help := fullHelp()
	for name := range commands {
		if findHelp(name) == nil || !strings.Contains(help, "factorflow "+name) {
			t.Errorf("help does not document command %q", name)
		}
	}
	for _, h := range helpCommands {
		if _, ok := commands[h.name]; !ok {
			t.Errorf("help documents command %q, which does not exist", h.name)
		}
	}
	var o runOptions
	runFlags(&o).VisitAll(func(f *flag.Flag) {
		for _, text := range []string{help, commandHelp("run"), usageLine("run")} {
			if !strings.Contains(text, "--"+f.Name) {
				t.Errorf("help lacks flag --%s", f.Name)
			}
		}
	})
	for _, name := range []string{"0 ", "1 ", "2 ", "130 "} {
		if !strings.Contains(help, "  "+name) {
			t.Errorf("help lacks exit code %s", name)
		}
	}
	for _, file := range []string{output.CitiesFile, output.RegionsFile, output.FlowsFile, output.MetricsFile, output.PoliciesFile, output.ScenarioFile, output.ManifestFile} {
		if !strings.Contains(help, file) {
			t.Errorf("help lacks output file %s", file)
		}
	}
}

func TestValidateBadFile(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.toml")
	src := "name = \"bad\"\nyears = \"ten\"\nno_such_key = 1\n"
	if err := os.WriteFile(bad, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := factorflow("validate", "teaching", bad)
	if code != exitUsage {
		t.Errorf("exit code %d, want 2", code)
	}
	if !strings.Contains(out, "teaching: ok") || strings.Contains(out, "bad.toml: ok") {
		t.Errorf("stdout:\n%s", out)
	}
	pos := regexp.MustCompile(regexp.QuoteMeta(bad) + `:\d+:\d+: `)
	if !pos.MatchString(errs) {
		t.Errorf("stderr has no %s:line:col: message:\n%s", bad, errs)
	}
}

// runFiles are the files of a finished run directory.
var runFiles = []string{output.CitiesFile, output.RegionsFile, output.FlowsFile, output.MetricsFile, output.PoliciesFile, output.ScenarioFile, output.ManifestFile}

func TestRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "x")
	code, out, errs := factorflow("run", "teaching", "--out", dir, "--years", "2", "--quiet", "--mode", "mean-field")
	if code != exitOK {
		t.Fatalf("exit code %d\nstderr: %s", code, errs)
	}
	for _, name := range runFiles {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	tmp, _ := filepath.Glob(filepath.Join(dir, "*.tmp"))
	if len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	m, err := output.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != output.StatusComplete || m.Mode != "mean-field" || m.Scenario != "teaching" {
		t.Errorf("manifest: status %q mode %q scenario %q", m.Status, m.Mode, m.Scenario)
	}
	if !strings.HasPrefix(m.Factorflow, version) || len(m.Args) < 2 || m.Args[1] != "run" {
		t.Errorf("manifest: version %q args %q", m.Factorflow, m.Args)
	}
	for _, s := range []string{"run directory: " + dir, "population", "urbanisation", "stage", "economic cliff", "Theil", "specialisation"} {
		if !strings.Contains(out, s) {
			t.Errorf("stdout lacks %q:\n%s", s, out)
		}
	}
	if errs != "" {
		t.Errorf("stderr not empty with --quiet:\n%s", errs)
	}

	// The resolved scenario repeats the run.
	again := filepath.Join(t.TempDir(), "again")
	if code, _, errs := factorflow("run", filepath.Join(dir, output.ScenarioFile), "--out", again, "--quiet"); code != exitOK {
		t.Fatalf("rerun from scenario.toml: exit code %d\n%s", code, errs)
	}
	same(t, dir, again)

	// A directory that holds a run is refused.
	if code, _, errs := factorflow("run", "teaching", "--out", dir, "--years", "1", "--quiet"); code != exitFailed || !strings.Contains(errs, "already holds a run") {
		t.Errorf("run into a finished run directory: exit code %d\n%s", code, errs)
	}
}

func TestRunInvalid(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"set out of range", []string{"--set", "years=0"}},
		{"unknown key", []string{"--set", "no_such.key=1"}},
		{"bad mode", []string{"--mode", "quantum"}},
		{"bad seed", []string{"--seed", "minus-one"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "x")
			args := append([]string{"run", "teaching", "--out", dir, "--quiet"}, tc.args...)
			code, out, errs := factorflow(args...)
			if code != exitUsage {
				t.Errorf("exit code %d, want 2\nstderr: %s", code, errs)
			}
			if !strings.Contains(errs, "--set") {
				t.Errorf("stderr does not name the override:\n%s", errs)
			}
			if out != "" {
				t.Errorf("stdout not empty:\n%s", out)
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("the run directory was created for an invalid scenario (stat: %v)", err)
			}
		})
	}
}

func TestRunInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := filepath.Join(t.TempDir(), "x")
	var out, errs bytes.Buffer
	code := runScenario(ctx, &out, &errs, []string{"teaching", "--out", dir, "--quiet", "--years", "3"})
	if code != exitInterrupted {
		t.Errorf("exit code %d, want 130\nstderr: %s", code, errs.String())
	}
	m, err := output.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != output.StatusInterrupted {
		t.Errorf("manifest status %q, want interrupted", m.Status)
	}
}

// TestRunDeterministic runs the same scenario and seed twice and compares
// the tables byte by byte.
func TestRunDeterministic(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, dir := range []string{a, b} {
		if code, _, errs := factorflow("run", "teaching", "--seed", "3", "--years", "3", "--quiet", "--out", dir); code != exitOK {
			t.Fatalf("exit code %d\n%s", code, errs)
		}
	}
	same(t, a, b)
}

// same fails unless the tables and the scenario of two run directories are
// byte-identical.
func same(t *testing.T, a, b string) {
	t.Helper()
	for _, name := range []string{output.CitiesFile, output.RegionsFile, output.FlowsFile, output.MetricsFile, output.PoliciesFile, output.ScenarioFile} {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between %s and %s", name, a, b)
		}
	}
}

func TestRunDefaultDir(t *testing.T) {
	t.Chdir(t.TempDir())
	code, out, errs := factorflow("run", "teaching", "--years", "1", "--quiet", "--seed", "5")
	if code != exitOK {
		t.Fatalf("exit code %d\n%s", code, errs)
	}
	dirs, _ := filepath.Glob(filepath.Join(resultsDir, "teaching-5-*"))
	if len(dirs) != 1 || !strings.Contains(out, dirs[0]) {
		t.Fatalf("run directories %q; stdout:\n%s", dirs, out)
	}
	if _, err := output.ReadManifest(dirs[0]); err != nil {
		t.Error(err)
	}
}

func TestNewRunDir(t *testing.T) {
	parent := filepath.Join(t.TempDir(), "results")
	sc := &model.Scenario{Name: "what if/2", Seed: 9}
	now := time.Date(2026, 3, 1, 14, 5, 9, 0, time.UTC)
	var got []string
	for range 3 {
		dir, err := newRunDir(parent, sc, now)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, filepath.Base(dir))
	}
	want := []string{"what-if-2-9-20260301-140509", "what-if-2-9-20260301-140509-2", "what-if-2-9-20260301-140509-3"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("newRunDir names %q, want %q", got, want)
	}
}
