package main

import (
	"context"
	"encoding/csv"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"factorflow/model/coreperiphery"
)

// TestBifurcation runs the command on both shipped two-region scenarios
// and checks the printed points and the files against the closed forms.
func TestBifurcation(t *testing.T) {
	for _, tc := range []struct {
		scenario string
		kind     coreperiphery.Kind
		from, to string
	}{
		{"core-periphery", coreperiphery.CP, "0.05", "0.3"},
		{"footloose-entrepreneur", coreperiphery.FE, "0.5", "0.9"},
	} {
		t.Run(tc.scenario, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			code, out, errs := factorflow("bifurcation", tc.scenario, "--param", "core_periphery.phi",
				"--from", tc.from, "--to", tc.to, "--steps", "8", "--out", dir)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			brk, _ := coreperiphery.BreakPoint(tc.kind, 5, 0.4)
			sus, _ := coreperiphery.SustainPoint(tc.kind, 5, 0.4)
			for _, want := range []string{"break point", "sustain point", "closed form", tomahawkFile} {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			rows := readCSV(t, filepath.Join(dir, pointsFile))
			if len(rows) != 3 {
				t.Fatalf("points.csv has %d rows, want a header and 2", len(rows))
			}
			for _, r := range rows[1:] {
				got, _ := strconv.ParseFloat(r[2], 64)
				want := brk
				if r[0] == "sustain" {
					want = sus
				}
				if math.Abs(got-want) > 1e-3 {
					t.Errorf("%s point %g, closed form %g", r[0], got, want)
				}
			}
			diagram := readCSV(t, filepath.Join(dir, tomahawkFile))
			if strings.Join(diagram[0], ",") != "core_periphery.phi,branch,lambda,stable" || len(diagram) < 9*5 {
				t.Errorf("tomahawk.csv: header %v, %d rows", diagram[0], len(diagram))
			}
			if tmps, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(tmps) > 0 {
				t.Errorf("temporary files left: %v", tmps)
			}
		})
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestBifurcationErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		errs string
	}{
		{[]string{"bifurcation"}, "want one SCENARIO"},
		{[]string{"bifurcation", "core-periphery", "--from", "0.1", "--to", "0.2"}, "--param is required"},
		{[]string{"bifurcation", "core-periphery", "--param", "core_periphery.phi", "--to", "0.2"}, "--from is required"},
		{[]string{"bifurcation", "core-periphery", "--param", "core_periphery.phi", "--from", "x", "--to", "0.2"}, `--from "x": want a finite number`},
		{[]string{"bifurcation", "core-periphery", "--param", "core_periphery.phi", "--from", "0.1", "--to", "0.2", "--steps", "0"}, "--steps 0"},
		{[]string{"bifurcation", "teaching", "--param", "core_periphery.phi", "--from", "0.1", "--to", "0.2"}, `family "synergy"`},
		{[]string{"bifurcation", "core-periphery", "--param", "core_periphery.phi", "--from", "0.1", "--to", "2"}, "out of range"},
		{[]string{"bifurcation", "core-periphery", "--param", "core_periphery.phi", "--from", "0.1", "--to", "0.2", "--set", "core_periphery.mu=2"}, "core_periphery.mu"},
	} {
		t.Run(strings.Join(tc.args[1:], " "), func(t *testing.T) {
			code, _, errs := factorflow(tc.args...)
			if code != exitUsage || !strings.Contains(errs, tc.errs) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errs, tc.errs)
			}
		})
	}
}

func TestBifurcationInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := filepath.Join(t.TempDir(), "out")
	var out, errs strings.Builder
	code := bifurcationDiagram(ctx, &out, &errs, []string{"core-periphery", "--param", "core_periphery.phi", "--from", "0.1", "--to", "0.2", "--out", dir})
	if code != exitInterrupted {
		t.Errorf("exit %d, want %d", code, exitInterrupted)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("an interrupted trace made %s", dir)
	}
}

// TestBifurcationHelp: every flag of the command is in its help.
func TestBifurcationHelp(t *testing.T) {
	var o bifurcationOptions
	help := commandHelp("bifurcation")
	bifurcationFlags(&o).VisitAll(func(f *flag.Flag) {
		if !strings.Contains(help, "--"+f.Name) || !strings.Contains(usageLine("bifurcation"), "--"+f.Name) {
			t.Errorf("help of bifurcation lacks --%s", f.Name)
		}
	})
}

// FuzzBifurcationSpec: any flag values give a message or a spec that
// Trace accepts as a range (finite, different ends, steps >= 1), never a
// panic.
func FuzzBifurcationSpec(f *testing.F) {
	f.Add("core_periphery.phi", "0.05", "0.3", 50)
	f.Add("x", "NaN", "inf", 0)
	f.Add("", "1e400", "-0", -3)
	f.Add("core_periphery.mu", "0x1p-3", "0.5", 100001)
	f.Fuzz(func(t *testing.T, param, from, to string, steps int) {
		o := bifurcationOptions{param: param, from: from, to: to, steps: steps}
		spec, msg := o.spec()
		if msg != "" {
			return
		}
		if spec.Param == "" || spec.Steps < 1 || spec.From == spec.To ||
			math.IsNaN(spec.From) || math.IsInf(spec.From, 0) || math.IsNaN(spec.To) || math.IsInf(spec.To, 0) {
			t.Errorf("accepted %+v from %q %q %q %d", spec, param, from, to, steps)
		}
	})
}

// TestCompareFamily: compare pairs two scenarios of a model family with
// the family's own metrics in their places, and refuses two families.
func TestCompareFamily(t *testing.T) {
	dir := t.TempDir()
	variant := filepath.Join(dir, "freer.toml")
	src := "name = \"freer\"\nextends = \"core-periphery\"\n[core_periphery]\nphi = 0.05\n"
	if err := os.WriteFile(variant, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "cmp.csv")
	code, _, errs := factorflow("compare", "core-periphery", variant, "--years", "30", "--out", out, "--quiet")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	got := map[string][]string{}
	for _, r := range readCSV(t, out) {
		if r[0] == "2030" {
			got[r[1]] = r
		}
	}
	if r := got["population"]; r == nil || r[2] != "5000000" || r[3] != "5000000" {
		t.Errorf("population row %v, want 5e6 in both", r)
	}
	if r := got["max_share"]; r == nil || !strings.HasPrefix(r[3], "0.5") || !strings.HasPrefix(r[2], "0.9") {
		t.Errorf("max_share row %v: want base agglomerating (0.9...), variant symmetric (0.5...)", r)
	}
	code, _, errs = factorflow("compare", "core-periphery", "teaching", "--out", out, "--quiet")
	if code != exitUsage || !strings.Contains(errs, "of one family") {
		t.Errorf("two families: exit %d, %s", code, errs)
	}
}

// TestRunFamilyBytes: a family's run writes the same bytes for the same
// seed, and in stochastic mode another seed tilts the start elsewhere.
func TestRunFamilyBytes(t *testing.T) {
	dir := t.TempDir()
	tables := func(name, seed string) string {
		out := filepath.Join(dir, name)
		code, _, errs := factorflow("run", "footloose-entrepreneur", "--mode", "stochastic", "--seed", seed, "--years", "20", "--check", "--quiet", "--out", out)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var all string
		for _, f := range []string{"cities.csv", "metrics.csv", "flows.csv"} {
			b, err := os.ReadFile(filepath.Join(out, f))
			if err != nil {
				t.Fatal(err)
			}
			all += string(b)
		}
		return all
	}
	a, b, c := tables("a", "7"), tables("b", "7"), tables("c", "8")
	if a != b {
		t.Error("two runs with seed 7 wrote different tables")
	}
	if a == c {
		t.Error("seeds 7 and 8 wrote the same tables")
	}
	if !strings.Contains(a, "talent,West,East") && !strings.Contains(a, "talent,East,West") {
		t.Error("flows.csv has no move of the mobile factor between the regions")
	}
}

// TestBifurcationFigure checks that bifurcation draws its figure in the
// format asked, that plot draws the same bytes from its directory, and
// that a bad --format is refused before any work.
func TestBifurcationFigure(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	args := []string{"bifurcation", "core-periphery", "--param", "core_periphery.phi", "--from", "0.05", "--to", "0.25", "--steps", "4", "--out", dir}
	code, out, errs := factorflow(append(args, "--format", "svg")...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	fig := filepath.Join(dir, "tomahawk.svg")
	if !strings.Contains(out, fig) {
		t.Errorf("output does not name %s:\n%s", fig, out)
	}
	first, err := os.ReadFile(fig)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Tomahawk diagram", "unstable equilibrium", "break point 0.1429 (closed form 0.1429)"} {
		if !strings.Contains(string(first), want) {
			t.Errorf("tomahawk.svg lacks %q", want)
		}
	}
	if code, _, errs := factorflow("plot", dir, "--format", "svg"); code != exitOK {
		t.Fatalf("plot: exit %d: %s", code, errs)
	}
	if again, _ := os.ReadFile(fig); string(again) != string(first) {
		t.Error("plot DIR drew another tomahawk.svg than bifurcation")
	}
	if code, _, errs := factorflow(args...); code != exitOK {
		t.Fatalf("png: exit %d: %s", code, errs)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "tomahawk.png")); err != nil || !strings.HasPrefix(string(b), "\x89PNG") {
		t.Errorf("tomahawk.png: %v", err)
	}
	if code, _, errs := factorflow("report", dir); code != exitOK || !strings.Contains(readFile(t, filepath.Join(dir, "report.html")), "break") {
		t.Errorf("report: exit %d: %s", code, errs)
	}
	bad := filepath.Join(t.TempDir(), "bad")
	code, _, errs = factorflow(append(args[:len(args)-1], bad, "--format", "gif")...)
	if code != exitUsage || !strings.Contains(errs, `--format "gif": want png or svg`) {
		t.Errorf("--format gif: exit %d, %s", code, errs)
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Errorf("a refused --format made %s", bad)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
