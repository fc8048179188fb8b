package plot

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestReport(t *testing.T) {
	dir := makeRun(t, "teaching", "2", false)
	in, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	figs, err := in.Figures(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := Report(&a, in, figs); err != nil {
		t.Fatal(err)
	}
	if err := Report(&b, in, figs); err != nil || !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("a second report differs (err %v)", err)
	}
	page := a.String()
	if n := strings.Count(page, "<svg "); n != len(figs) {
		t.Errorf("%d inline SVGs, want %d", n, len(figs))
	}
	for _, want := range []string{
		"<!DOCTYPE html>", "<h2>Summary</h2>", "<th>2020</th><th>2022</th>",
		"<tr><td>stage</td><td>agglomeration</td>", "<td>urbanisation</td>",
		`<figure id="population" title="Population by city — teaching, seed 1">`,
		`<figure id="flows-firms-2022" title="Flows of firms, 2022 — teaching, seed 1">`,
		"Scenario teaching, seed 1, stochastic mode, status complete",
		"<h2>Scenario</h2>", "name = &#34;teaching&#34;", // the TOML, escaped
	} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	// Self-contained: nothing loaded from elsewhere, no XML prolog inside.
	for _, bad := range []string{"<script", "<link", " src=", "<?xml", "<img"} {
		if strings.Contains(page, bad) {
			t.Errorf("report holds %q", bad)
		}
	}
	if href := regexp.MustCompile(`href="[^#"]`).FindString(page); href != "" {
		t.Errorf("report links out: %s", href)
	}

	// WriteReport writes the same bytes, atomically.
	path := filepath.Join(t.TempDir(), "r.html")
	if err := WriteReport(path, in, figs); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, a.Bytes()) {
		t.Errorf("WriteReport wrote %d bytes, want %d (err %v)", len(got), a.Len(), err)
	}
	if tmp, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp")); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

func TestReportCompare(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.csv")
	os.WriteFile(path, []byte(compareSample), 0o644)
	in, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	figs, _ := in.Figures(Options{})
	var buf bytes.Buffer
	if err := Report(&buf, in, figs); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{"<th>metric (2016)</th>", "<td>cliff</td><td>2.8</td><td>2.7</td><td>-0.1</td><td>[-0.2, 0]</td><td>-3.57 %</td>",
		"<td>synergy_gain</td><td>n/a</td>", "<svg "} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(page, "<h2>Scenario</h2>") {
		t.Error("a compare report has a scenario section")
	}
}

func TestNum(t *testing.T) {
	for v, want := range map[float64]string{102078002: "102,078,002", 6851951.5: "6,851,952", -12345: "-12,345",
		9999: "9999", 0.06712466: "0.06712", 2.862125827: "2.862", 0: "0", 2.3e15: "2.3e+15", math.NaN(): "n/a", math.Inf(1): "+Inf"} {
		if got := num(v); got != want {
			t.Errorf("num(%g) = %q, want %q", v, got, want)
		}
	}
}
