package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"factorflow/sim/output"
)

// TestRunMarius runs the MARIUS scenario to its first census through the
// CLI: the summary prints the family's fit, metrics.csv carries its
// columns, and the fit of 1970 is there.
func TestRunMarius(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "m")
	code, out, errs := factorflow("run", "marius", "--out", dir, "--years", "11", "--quiet", "--check")
	if code != exitOK {
		t.Fatalf("exit code %d\nstderr: %s", code, errs)
	}
	for _, s := range []string{"1959", "1970", "fit", "census_observed", "dead"} {
		if !strings.Contains(out, s) {
			t.Errorf("stdout lacks %q:\n%s", s, out)
		}
	}
	if !regexp.MustCompile(`(?m)^dead +0 +0$`).MatchString(out) {
		t.Errorf("summary does not show 0 dead cities at start and end:\n%s", out)
	}
	f, err := os.Open(filepath.Join(dir, output.MetricsFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	fit, year := slices.Index(rows[0], "fit"), slices.Index(rows[0], "census_year")
	if fit < 0 || year < 0 || len(rows) != 13 {
		t.Fatalf("metrics.csv: header %v, %d rows; want the family's columns and 12 years", rows[0], len(rows))
	}
	last := rows[len(rows)-1]
	if last[year] != "1970" || last[fit] == "0" {
		t.Errorf("last row census_year %s, fit %s: want the 1970 census counted", last[year], last[fit])
	}
}

// TestCompareMarius: compare lines up a family's own metrics, and refuses
// to compare scenarios of two families.
func TestCompareMarius(t *testing.T) {
	dir := t.TempDir()
	variant := filepath.Join(dir, "v.toml")
	if err := os.WriteFile(variant, []byte("name = \"v\"\nextends = \"marius\"\n[marius]\nbonus_multiplier = 150.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := factorflow("compare", "marius", variant, "--reps", "2", "--years", "11", "--quiet", "--out", filepath.Join(dir, "c.csv"))
	if code != exitOK {
		t.Fatalf("exit code %d\nstderr: %s", code, errs)
	}
	if !regexp.MustCompile(`(?m)^census_year +1970 +1970 `).MatchString(out) || !regexp.MustCompile(`(?m)^dead +0 +0 `).MatchString(out) {
		t.Errorf("the family's metrics are not lined up:\n%s", out)
	}
	code, _, errs = factorflow("compare", "teaching", "marius", "--reps", "2", "--years", "1", "--set", "start_year=1990", "--quiet", "--out", filepath.Join(dir, "d.csv"))
	if code == exitOK || !strings.Contains(errs, "compare two scenarios of one family") {
		t.Errorf("teaching against marius: exit code %d\n%s", code, errs)
	}
}

// TestSummaryOfAnotherFamily: a family other than the report's prints the
// common rows and its own metrics, not the report's urbanisation, cliff,
// Theil and specialisation, which mean nothing there.
func TestSummaryOfAnotherFamily(t *testing.T) {
	code, out, errs := factorflow("run", "core-periphery", "--years", "2", "--quiet", "--out", filepath.Join(t.TempDir(), "r"))
	if code != exitOK {
		t.Fatalf("exit code %d\nstderr: %s", code, errs)
	}
	for _, want := range []string{"population (M)", "max_share"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	for _, unwanted := range []string{"economic cliff", "urbanisation", "stage"} {
		if strings.Contains(out, unwanted) {
			t.Errorf("summary of a core-periphery run shows %q:\n%s", unwanted, out)
		}
	}
}
