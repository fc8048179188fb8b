package plot

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"factorflow/model"
	"factorflow/scenarios"
)

// svgTexts returns the text of every <text> element of an SVG of vgsvg,
// unescaped.
func svgTexts(t *testing.T, svg []byte) []string {
	t.Helper()
	var texts []string
	s := string(svg)
	for {
		i := strings.Index(s, "<text ")
		if i < 0 {
			return texts
		}
		s = s[i:]
		j := strings.IndexByte(s, '>')
		k := strings.Index(s, "</text>")
		if j < 0 || k < j {
			t.Fatalf("malformed <text> element in SVG: %.80s", s)
		}
		texts = append(texts, htmlUnescape(s[j+1:k]))
		s = s[k:]
	}
}

func htmlUnescape(s string) string {
	r := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&amp;", "&")
	return r.Replace(s)
}

// checkTexts renders f as SVG and reports each wanted text that no <text>
// element of it begins with, and each unwanted one that one does.
func checkTexts(t *testing.T, f *Figure, want, unwanted []string) {
	t.Helper()
	b, err := f.Render("svg")
	if err != nil {
		t.Fatal(err)
	}
	texts := svgTexts(t, b)
	has := func(w string) bool {
		return slices.ContainsFunc(texts, func(s string) bool { return strings.HasPrefix(s, w) })
	}
	for _, w := range want {
		if !has(w) {
			t.Errorf("%s.svg has no text %q; it has %q", f.Name, w, texts)
		}
	}
	for _, w := range unwanted {
		if has(w) {
			t.Errorf("%s.svg has text %q", f.Name, w)
		}
	}
}

// figureNamed returns the figure of figs with the given name.
func figureNamed(t *testing.T, figs []*Figure, name string) *Figure {
	t.Helper()
	for _, f := range figs {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("no figure %s", name)
	return nil
}

func TestRunFiguresSVG(t *testing.T) {
	r, err := ReadRun(makeRun(t, "jing-jin-ji", "5", false))
	if err != nil {
		t.Fatal(err)
	}
	figs, err := RunFigures(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range figs {
		names = append(names, f.Name)
	}
	wantNames := []string{"population", "urbanisation", "sectors-2020", "flows-talent-2020",
		"flows-workers-2020", "flows-capital-2020", "flows-firms-2020", "metrics"}
	if diff := cmp.Diff(wantNames, names); diff != "" {
		t.Errorf("figures (-want +got):\n%s", diff)
	}
	suffix := " — jing-jin-ji, seed 1"
	for _, tc := range []struct {
		name           string
		want, unwanted []string
	}{
		{"population", []string{"Population by city" + suffix, "year", "urban residents (million persons)",
			"Beijing", "Tianjin", "Hengshui", "2015", "2020"}, nil},
		{"urbanisation", []string{"Urbanisation and its stages" + suffix, "year", "urban share of population (%)",
			"initiation (< 30 %)", "agglomeration (30–70 %)", "saturation (> 70 %)", "urbanisation", "0", "50", "100"}, nil},
		{"sectors-2020", []string{"Sector shares of output by city, 2020" + suffix, "city", "share of the city's output (%)",
			"Beijing", "Hengshui", "finance", "tech", "auto", "electronics", "parts", "steel", "logistics", "services"}, nil},
		{"flows-talent-2020", []string{"Flows of talent, 2020" + suffix, "origin", "destination", "Beijing", "Hengshui",
			"amount (persons/yr)", "≈ ", "no flow", "total "}, []string{"rural:Hebei"}},
		{"flows-workers-2020", []string{"Flows of workers, 2020", "rural:Hebei", "rural:Beijing", "amount (persons/yr)"}, nil},
		{"flows-capital-2020", []string{"Flows of capital, 2020", "amount (CNY million/yr)"}, nil},
		{"flows-firms-2020", []string{"Flows of firms, 2020", "amount (firms/yr)"}, nil},
		{"metrics", []string{"Cluster metrics" + suffix, "Economic cliff", "output per head, core / hinterland (ratio)",
			"Inequality across cities", "Theil T", "within regions", "between regions", "Specialisation",
			"Krugman dissimilarity (0–2)", "core pairs", "all pairs", "Synergy gain (1 + 1 > 2)",
			"not computed: run with --synergy", "year"}, []string{"links only"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkTexts(t, figureNamed(t, figs, tc.name), tc.want, tc.unwanted)
		})
	}
}

func TestMetricFigureSynergy(t *testing.T) {
	r, err := ReadRun(makeRun(t, "teaching", "2", true))
	if err != nil {
		t.Fatal(err)
	}
	if g := r.Metric("synergy_gain"); !finite(g[len(g)-1]) {
		t.Fatalf("synergy_gain %v: the run did not compute it", g)
	}
	checkTexts(t, MetricFigure(r), []string{"Synergy gain (1 + 1 > 2)", "output over isolated cities − 1 (%)",
		"total", "links only", "per capita"}, []string{"not computed"})
}

func TestRunFiguresOptions(t *testing.T) {
	r, err := ReadRun(makeRun(t, "teaching", "2", false))
	if err != nil {
		t.Fatal(err)
	}
	figs, err := RunFigures(r, Options{Year: 2021, Factor: "capital"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range figs {
		names = append(names, f.Name)
	}
	if diff := cmp.Diff([]string{"population", "urbanisation", "sectors-2021", "flows-capital-2021", "metrics"}, names); diff != "" {
		t.Errorf("figures (-want +got):\n%s", diff)
	}
	// The start year has no flows: the matrix says so.
	checkTexts(t, FlowFigure(r, 2020, "talent"), []string{"Flows of talent, 2020", "no flows of talent in 2020"}, []string{"no flow\x00"})
	for _, tc := range []struct {
		opt  Options
		want string
	}{
		{Options{Year: 2019}, "plot: year 2019 is not in the run: want 2020–2022"},
		{Options{Year: 2030}, "plot: year 2030 is not in the run: want 2020–2022"},
		{Options{Factor: "brains"}, `plot: factor "brains": want talent, workers, capital or firms`},
	} {
		if _, err := RunFigures(r, tc.opt); err == nil || err.Error() != tc.want {
			t.Errorf("RunFigures(%+v): %v, want %q", tc.opt, err, tc.want)
		}
	}
}

func TestCompareFigures(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.csv")
	os.WriteFile(path, []byte(compareSample), 0o644)
	c, err := ReadCompare(path)
	if err != nil {
		t.Fatal(err)
	}
	figs := CompareFigures(c)
	if len(figs) != 1 || figs[0].Name != "compare" {
		t.Fatalf("figures %v", figs)
	}
	checkTexts(t, figs[0], []string{"Variant − base, with 95 % confidence bands: c.csv (3 paired replications)", "Urbanisation", "percentage points",
		"Economic cliff", "ratio", "95 % CI", "mean difference", "year", "2015", "2016"},
		[]string{"Synergy gain", "Theil index"}) // all NaN; absent
}

// The same input gives the same bytes, in both formats.
func TestRenderDeterministic(t *testing.T) {
	dir := makeRun(t, "teaching", "3", false)
	render := func(format string) [][]byte {
		r, err := ReadRun(dir)
		if err != nil {
			t.Fatal(err)
		}
		figs, err := RunFigures(r, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if format == "png" { // slow to draw: a line plot and a heat map only
			figs = []*Figure{figs[1], figs[3]}
			if raceEnabled {
				figs = figs[:1]
			}
		}
		var out [][]byte
		for _, f := range figs {
			b, err := f.Render(format)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, b)
		}
		return out
	}
	for _, format := range []string{"svg", "png"} {
		a, b := render(format), render(format)
		for i := range a {
			if !bytes.Equal(a[i], b[i]) {
				t.Errorf("%s figure %d differs between two renderings", format, i)
			}
		}
	}
	png := render("png")[0]
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("png figure does not start with the PNG signature")
	}
	if _, err := (&Figure{Name: "x"}).Render("pdf"); err == nil || !strings.Contains(err.Error(), `format "pdf": want png or svg`) {
		t.Errorf("Render(pdf): %v", err)
	}
}

func TestWriteFigures(t *testing.T) {
	r, err := ReadRun(makeRun(t, "teaching", "2", false))
	if err != nil {
		t.Fatal(err)
	}
	figs := []*Figure{PopulationFigure(r), UrbanisationFigure(r)}
	dir := filepath.Join(t.TempDir(), "a", "figures")
	paths, err := WriteFigures(dir, figs, "svg")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "population.svg"), filepath.Join(dir, "urbanisation.svg")}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("%d files in %s, want 2 (no temporary files left)", len(entries), dir)
	}
	for _, p := range paths {
		if info, err := os.Stat(p); err != nil || info.Size() == 0 || info.Mode().Perm() != 0o644 {
			t.Errorf("%s: %v, %v", p, info, err)
		}
	}
	// A path under a regular file cannot be made.
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	if _, err := WriteFigures(filepath.Join(file, "figures"), figs, "svg"); err == nil || !strings.HasPrefix(err.Error(), "plot: ") {
		t.Errorf("WriteFigures under a file: %v", err)
	}
}

func TestStageBands(t *testing.T) {
	// The bands are model.StageOf's: each band's inner points and its
	// bounds map to its stage.
	stages := []string{model.StageInitiation, model.StageAgglomeration, model.StageSaturation}
	for i, b := range stageBands {
		if !strings.HasPrefix(b.name, stages[i]) {
			t.Errorf("band %d is %q, want %s", i, b.name, stages[i])
		}
		for _, u := range []float64{b.lo + 0.001, (b.lo + b.hi) / 2, b.hi - 0.001} {
			if got := model.StageOf(u / 100); got != stages[i] {
				t.Errorf("StageOf(%g %%) = %s, band %q", u, got, b.name)
			}
		}
	}
	if stageBands[0].lo != 0 || stageBands[2].hi != 100 || stageBands[0].hi != stageBands[1].lo || stageBands[1].hi != stageBands[2].lo {
		t.Errorf("bands do not tile 0–100 %%: %+v", stageBands)
	}
}

func TestSectorShares(t *testing.T) {
	nan := math.NaN()
	got := sectorShares([][]float64{{1, 3}, {0, 0}, {nan, 1}, {2, -1}})
	want := [][]float64{{0.25, 0.75}, {0, 0}, {0, 0}, {1, 0}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sectorShares (-want +got):\n%s", diff)
	}
}

func TestMatrix(t *testing.T) {
	r := &Run{Cities: []string{"A", "B"}, Flows: []Flow{
		{2001, "talent", "A", "B", 5},
		{2001, "talent", "B", "A", 2},
		{2001, "workers", "rural:R", "A", 7},
		{2001, "talent", "A", "B", 1}, // summed
		{2002, "talent", "A", "B", 100},
	}}
	m := r.Matrix(2001, "talent")
	want := &FlowMatrix{Names: []string{"A", "B"}, Amount: [][]float64{{0, 6}, {2, 0}}, Total: 8}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("talent (-want +got):\n%s", diff)
	}
	m = r.Matrix(2001, "workers")
	want = &FlowMatrix{Names: []string{"A", "B", "rural:R"}, Amount: [][]float64{{0, 0, 0}, {0, 0, 0}, {7, 0, 0}}, Total: 7}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("workers (-want +got):\n%s", diff)
	}
	g := flowGrid{m}
	if c, rows := g.Dims(); c != 3 || rows != 3 || g.Z(0, 0) != math.Log10(7) || !math.IsNaN(g.Z(1, 0)) {
		t.Errorf("grid: dims %d×%d, Z(0,0) %g (rural:R → A, bottom row), Z(1,0) %g", c, rows, g.Z(0, 0), g.Z(1, 0))
	}
}

func TestShort(t *testing.T) {
	for v, want := range map[float64]string{0.05: "0.05", 1: "1", 950: "950", 1234: "1.2k", 35_000: "35k",
		562_341: "562k", 2.1e6: "2.1M", 3.4e9: "3.4G", 100: "100"} {
		if got := short(v); got != want {
			t.Errorf("short(%g) = %q, want %q", v, got, want)
		}
	}
}

func TestYearTicks(t *testing.T) {
	var got []string
	for _, tk := range (yearTicks{}).Ticks(2015, 2050) {
		got = append(got, tk.Label)
	}
	if diff := cmp.Diff([]string{"2015", "2020", "2025", "2030", "2035", "2040", "2045", "2050"}, got); diff != "" {
		t.Errorf("ticks (-want +got):\n%s", diff)
	}
	if n := len((yearTicks{}).Ticks(2020, 2022)); n != 3 {
		t.Errorf("%d ticks over 2020–2022, want 3", n)
	}
}

func TestYearTicksWide(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		step   float64
	}{{2015, 2050, 5}, {2015, 2016, 1}, {2000, 2100, 20}, {-1e6, 1e6, 5e5}, {1900, 2000, 20}, {2015, 2030, 2}} {
		ticks := (yearTicks{}).Ticks(tc.lo, tc.hi)
		if len(ticks) > 9 || len(ticks) < 2 || ticks[1].Value-ticks[0].Value != tc.step {
			t.Errorf("Ticks(%g, %g): %d ticks, step %g, want step %g", tc.lo, tc.hi, len(ticks), ticks[1].Value-ticks[0].Value, tc.step)
		}
	}
}

// A run of which only the start year was written (one killed during its
// first year) still shows its values, as points.
func TestOneYear(t *testing.T) {
	dir := copyRun(t, makeRun(t, "teaching", "2", false))
	for _, name := range []string{"metrics.csv", "cities.csv", "flows.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(string(b), "\n")
		keep := lines[0]
		for _, l := range lines[1:] {
			if strings.HasPrefix(l, "2020,") {
				keep += l
			}
		}
		os.WriteFile(filepath.Join(dir, name), []byte(keep), 0o644)
	}
	r, err := ReadRun(dir)
	if err != nil {
		t.Fatal(err)
	}
	figs, err := RunFigures(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range figs {
		b, err := f.Render("svg")
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "population" {
			// Each city's point is a circle of radius 3.5 pt: two arcs.
			if n := strings.Count(string(b), "A3.5,3.5"); n != 2*len(r.Cities) {
				t.Errorf("population.svg has %d arcs, want %d", n, 2*len(r.Cities))
			}
		}
	}
	full, _ := PopulationFigure(mustRun(t, makeRun(t, "teaching", "2", false))).Render("svg")
	if n := strings.Count(string(full), "A3.5,3.5"); n != 0 {
		t.Errorf("population.svg of 3 years has %d point marks, want lines only", n)
	}
}

func mustRun(t *testing.T, dir string) *Run {
	t.Helper()
	r, err := ReadRun(dir)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Every shipped scenario's run gives every figure, each naming the
// scenario and, for the population, every city (the MaxCities largest of a
// bigger scenario).
func TestShippedScenarios(t *testing.T) {
	for _, name := range scenarios.Names() {
		t.Run(name, func(t *testing.T) {
			r := mustRun(t, makeRun(t, name, "2", false))
			figs, err := RunFigures(r, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(figs) != 8 {
				t.Errorf("%d figures, want 8", len(figs))
			}
			for _, f := range figs {
				if !strings.Contains(f.Title, "— "+name+", seed ") {
					t.Errorf("figure %s: title %q does not name the scenario", f.Name, f.Title)
				}
				if f.Name == "population" { // every city, or the MaxCities largest
					var want []string
					for _, c := range r.largest(MaxCities) {
						want = append(want, r.Cities[c])
					}
					checkTexts(t, f, want, nil)
				} else if _, err := f.Render("svg"); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

func TestFigureEdges(t *testing.T) {
	if _, err := RunFigures(&Run{Dir: "d"}, Options{}); err == nil || err.Error() != "plot: d: the run has no year" {
		t.Errorf("RunFigures(no years): %v", err)
	}
	r := mustRun(t, makeRun(t, "teaching", "2", false))
	checkTexts(t, SectorFigure(r, 1999), []string{"plot: year 1999 is not in the run: want 2020–2022"}, []string{"Capital"})
}

func TestLargest(t *testing.T) {
	nan := math.NaN()
	r := &Run{Years: []int{1, 2}, Cities: []string{"a", "b", "c", "d", "e"},
		Population: [][]float64{{1, 1, 1, 1, 1}, {5, nan, 9, 2, 9}}}
	for n, want := range map[int][]int{1: {2}, 2: {2, 4}, 3: {0, 2, 4}, 4: {0, 2, 3, 4}, 5: {0, 1, 2, 3, 4}, 9: {0, 1, 2, 3, 4}} {
		if diff := cmp.Diff(want, r.largest(n)); diff != "" {
			t.Errorf("largest(%d) (-want +got):\n%s", n, diff)
		}
	}
	r.Cities = make([]string, MaxCities+5)
	r.Population = [][]float64{make([]float64, MaxCities+5), make([]float64, MaxCities+5)}
	for c := range r.Cities {
		r.Cities[c] = fmt.Sprintf("city %02d", c)
		r.Population[1][c] = float64(c)
	}
	f := PopulationFigure(r)
	if want := "Population of the 30 largest of 35 cities"; f.Title != want {
		t.Errorf("title %q, want %q", f.Title, want)
	}
	checkTexts(t, f, []string{"city 05", "city 34"}, []string{"city 04", "city 00"})
}
