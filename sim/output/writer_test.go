package output_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"factorflow/model"
	"factorflow/sim"
	"factorflow/sim/output"

	"github.com/google/go-cmp/cmp"
)

// toyScenario has 3 cities in 2 regions, 2 sectors and 1 policy.
func toyScenario() *model.Scenario {
	return &model.Scenario{
		Name: "toy", StartYear: 2015, Years: 2, Seed: 7, Mode: "mean-field",
		Sectors: []model.Sector{{Name: "tech"}, {Name: "farm"}},
		Regions: []model.Region{{Name: "North"}, {Name: "South"}},
		Cities: []model.City{
			{Name: "Alpha", Region: "North", Role: model.Core},
			{Name: "Beta", Region: "South", Role: model.Hinterland},
			{Name: "Gamma, Port", Region: "South", Role: model.Hinterland},
		},
		Policies: []model.Policy{{Name: "open borders", Kind: model.PolicyBarrier}},
	}
}

// toyFrame is a hand-filled frame of toyScenario. City c has 100·(c+1)
// residents in each group, output 10·(c+1) in each sector, capital 3 and
// knowledge 1 and 2 in the two sectors.
func toyFrame(sc *model.Scenario, year int) *sim.Frame {
	const n, r, s = 3, 2, 2
	st := &model.State{Year: year, N: n, R: r, S: s}
	city := func(v func(c int) float64) []float64 {
		x := make([]float64, n)
		for c := range x {
			x[c] = v(c)
		}
		return x
	}
	for g := range st.Pop {
		st.Pop[g] = city(func(c int) float64 { return 100 * float64(c+1) })
	}
	st.V = []float64{10, 10, 20, 20, 30, 30}
	st.K = []float64{1, 2, 1, 2, 1, 2}
	st.A = []float64{1, 2, 1, 2, 1, 2}
	st.Wage[0] = city(func(c int) float64 { return 0.1 })
	st.Wage[1] = city(func(c int) float64 { return 0.05 })
	for _, p := range []*[]float64{&st.LandPrice, &st.Market, &st.Revenue, &st.Education, &st.Health, &st.Pollution, &st.Amenity} {
		*p = city(func(c int) float64 { return float64(c) / 3 })
	}
	st.Rural = []float64{1e6, 2.5e6}
	st.RuralWage = []float64{0.012, 0.011}
	st.FarmFloor = []float64{8e4, 2e5}
	st.Firms = []model.Firm{{City: 0, Alive: true}, {City: 0, Alive: true}, {City: 1, Alive: false}, {City: 2, Alive: true}}
	if year > sc.StartYear {
		for k := range st.Flow {
			st.Flow[k] = make([]float64, n*n)
		}
		st.Flow[model.FlowTalent][0*n+1] = 5    // Alpha → Beta
		st.Flow[model.FlowTalent][1*n+1] = 99   // diagonal: not written
		st.Flow[model.FlowCapital][2*n+0] = 0.5 // Gamma → Alpha
		st.RuralFlow = make([]float64, r*n)
		st.RuralFlow[1*n+2] = 40 // rural South → Gamma
		st.ReturnFlow = make([]float64, n*r)
		st.ReturnFlow[0*r+0] = 3 // Alpha → rural North
		st.PolicyCost = []float64{12.5}
	}
	return &sim.Frame{
		Year: year, Scenario: sc, State: st, Metrics: new(model.Metrics),
		Cities:     []string{"Alpha", "Beta", "Gamma, Port"},
		Regions:    []string{"North", "South"},
		Sectors:    []string{"tech", "farm"},
		CityRegion: []int{0, 1, 1},
	}
}

// writeToy writes the toy run's first `years` frames to dir and closes the
// writer with runErr.
func writeToy(t testing.TB, dir string, years int, runErr error) {
	t.Helper()
	sc := toyScenario()
	w, err := output.Create(dir, sc, output.Meta{Version: "test", Args: []string{"run", "toy"}})
	if err != nil {
		t.Fatal(err)
	}
	for y := range years {
		if err := w.Observe(toyFrame(sc, sc.StartYear+y)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(runErr); err != nil {
		t.Fatal(err)
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
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// noTemp fails if any temporary file is left in dir.
func noTemp(t *testing.T, dir string) {
	t.Helper()
	tmp, _ := filepath.Glob(filepath.Join(dir, "*.tmp"))
	if len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

func TestWriterComplete(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "run")
	writeToy(t, dir, 2, nil)
	noTemp(t, dir)

	m, err := output.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != output.StatusComplete || m.Error != "" || m.YearsWritten != 2 || m.LastYear == nil || *m.LastYear != 2016 {
		t.Errorf("manifest: status %q error %q years %d last %v", m.Status, m.Error, m.YearsWritten, m.LastYear)
	}
	if m.Seed != 7 || m.Mode != "mean-field" || m.Scenario != "toy" || len(m.ScenarioSHA256) != 64 || m.Factorflow != "test" {
		t.Errorf("manifest: %+v", m)
	}
	rows := map[string]int64{}
	for _, f := range m.Files {
		if f.Rows != nil {
			rows[f.Name] = *f.Rows
		} else {
			rows[f.Name] = -1
		}
	}
	want := map[string]int64{"cities.csv": 6, "regions.csv": 4, "flows.csv": 4, "metrics.csv": 2, "policies.csv": 1, "scenario.toml": -1}
	if d := cmp.Diff(want, rows); d != "" {
		t.Errorf("manifest files (-want +got):\n%s", d)
	}

	cities := readCSV(t, filepath.Join(dir, "cities.csv"))
	wantHeader := []string{"year", "city", "region", "role", "population",
		"talent_local", "talent_nonlocal", "workers_local", "workers_nonlocal",
		"output", "output_per_capita", "output_tech", "output_farm", "capital", "knowledge",
		"wage_talent", "wage_workers", "land_price", "market_access", "revenue",
		"education", "health", "pollution", "amenity", "firms"}
	if d := cmp.Diff(wantHeader, cities[0]); d != "" {
		t.Errorf("cities.csv header (-want +got):\n%s", d)
	}
	wantGamma := []string{"2015", "Gamma, Port", "South", "hinterland", "1200",
		"300", "300", "300", "300", "60", "0.05", "30", "30", "3", "1.5",
		"0.1", "0.05", "0.6666666667", "0.6666666667", "0.6666666667",
		"0.6666666667", "0.6666666667", "0.6666666667", "0.6666666667", "1"}
	if d := cmp.Diff(wantGamma, cities[3]); d != "" {
		t.Errorf("cities.csv Gamma 2015 (-want +got):\n%s", d)
	}
	if got := cities[1][len(cities[1])-1]; got != "2" {
		t.Errorf("Alpha firms = %s, want 2 (alive only)", got)
	}

	wantFlows := `year,factor,origin,destination,amount
2016,talent,Alpha,Beta,5
2016,capital,"Gamma, Port",Alpha,0.5
2016,workers,rural:South,"Gamma, Port",40
2016,workers,Alpha,rural:North,3
`
	if d := cmp.Diff(wantFlows, readFile(t, filepath.Join(dir, "flows.csv"))); d != "" {
		t.Errorf("flows.csv (-want +got):\n%s", d)
	}
	wantRegions := `year,region,rural,rural_wage,farm_floor
2015,North,1000000,0.012,80000
2015,South,2500000,0.011,200000
2016,North,1000000,0.012,80000
2016,South,2500000,0.011,200000
`
	if d := cmp.Diff(wantRegions, readFile(t, filepath.Join(dir, "regions.csv"))); d != "" {
		t.Errorf("regions.csv (-want +got):\n%s", d)
	}
	wantPolicies := "year,policy,fiscal_cost\n2016,open borders,12.5\n"
	if d := cmp.Diff(wantPolicies, readFile(t, filepath.Join(dir, "policies.csv"))); d != "" {
		t.Errorf("policies.csv (-want +got):\n%s", d)
	}
	metrics := readCSV(t, filepath.Join(dir, "metrics.csv"))
	if len(metrics) != 3 || metrics[0][0] != "year" || metrics[0][1] != "stage" || len(metrics[0]) != 2+len(new(model.Metrics).Columns()) {
		t.Errorf("metrics.csv: %q", metrics)
	}
	if _, err := os.Stat(filepath.Join(dir, "scenario.toml")); err != nil {
		t.Error(err)
	}
}

func TestWriterFailed(t *testing.T) {
	for _, tc := range []struct {
		name   string
		runErr error
		status string
	}{
		{"failed", errors.New("sim: year 2016: city Beta: population is NaN"), output.StatusFailed},
		{"interrupted", context.Canceled, output.StatusInterrupted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeToy(t, dir, 1, tc.runErr)
			noTemp(t, dir)
			m, err := output.ReadManifest(dir)
			if err != nil {
				t.Fatal(err)
			}
			if m.Status != tc.status || m.Error != tc.runErr.Error() || m.LastYear == nil || *m.LastYear != 2015 {
				t.Errorf("manifest: status %q error %q last year %v", m.Status, m.Error, m.LastYear)
			}
			if rows := readCSV(t, filepath.Join(dir, "cities.csv")); len(rows) != 4 {
				t.Errorf("cities.csv has %d lines, want header + 3 rows of 2015", len(rows))
			}
		})
	}
}

func TestWriterNoFrame(t *testing.T) {
	dir := t.TempDir()
	writeToy(t, dir, 0, errors.New("sim: calibration failed"))
	noTemp(t, dir)
	m, err := output.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != output.StatusFailed || m.LastYear != nil || m.YearsWritten != 0 {
		t.Errorf("manifest: %+v", m)
	}
	if got := readFile(t, filepath.Join(dir, "flows.csv")); got != "year,factor,origin,destination,amount\n" {
		t.Errorf("flows.csv = %q, want the header only", got)
	}
}

func TestObserveBadShape(t *testing.T) {
	dir := t.TempDir()
	sc := toyScenario()
	w, err := output.Create(dir, sc, output.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Observe(toyFrame(sc, 2015)); err != nil {
		t.Fatal(err)
	}
	f := toyFrame(sc, 2016)
	f.State.Wage[1] = f.State.Wage[1][:2]
	err = w.Observe(f)
	if err == nil || !strings.Contains(err.Error(), "Wage") || !strings.Contains(err.Error(), "2016") {
		t.Fatalf("Observe = %v, want an error naming Wage and the year", err)
	}
	if err := w.Close(nil); err != nil {
		t.Fatal(err)
	}
	m, _ := output.ReadManifest(dir)
	if m.Status != output.StatusFailed || *m.LastYear != 2015 {
		t.Errorf("manifest: status %q last year %d", m.Status, *m.LastYear)
	}
	if rows := readCSV(t, filepath.Join(dir, "cities.csv")); len(rows) != 4 {
		t.Errorf("cities.csv has %d lines, want header + 3 rows of 2015", len(rows))
	}
}

func TestCreateRefusesRun(t *testing.T) {
	dir := t.TempDir() // exists and is empty: accepted
	writeToy(t, dir, 1, nil)
	before := readFile(t, filepath.Join(dir, "cities.csv"))
	if _, err := output.Create(dir, toyScenario(), output.Meta{}); err == nil {
		t.Fatal("Create on a finished run directory succeeded")
	}
	if after := readFile(t, filepath.Join(dir, "cities.csv")); after != before {
		t.Error("refused Create changed cities.csv")
	}
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	if _, err := output.Create(file, toyScenario(), output.Meta{}); err == nil {
		t.Fatal("Create on a regular file succeeded")
	}
}

func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	writeToy(t, a, 2, nil)
	writeToy(t, b, 2, nil)
	for _, name := range []string{"cities.csv", "regions.csv", "flows.csv", "metrics.csv", "policies.csv", "scenario.toml"} {
		x, y := readFile(t, filepath.Join(a, name)), readFile(t, filepath.Join(b, name))
		if x != y {
			t.Errorf("%s differs between identical runs", name)
		}
	}
}

func TestObserveAllocs(t *testing.T) {
	sc := toyScenario()
	w, err := output.Create(t.TempDir(), sc, output.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close(nil)
	f := toyFrame(sc, 2016)
	w.Observe(f) // first frame: headers and buffers
	if n := testing.AllocsPerRun(100, func() {
		if err := w.Observe(f); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("Observe allocates %v times per year, want 0", n)
	}
}

// bigFrame is a frame of n cities in 10 regions with 8 sectors, every flow
// nonzero.
func bigFrame(n int) (*model.Scenario, *sim.Frame) {
	const r, s = 10, 8
	sc := &model.Scenario{Name: "big", StartYear: 2015}
	f := &sim.Frame{Year: 2016, Scenario: sc, Metrics: new(model.Metrics)}
	st := &model.State{N: n, R: r, S: s}
	f.State = st
	for i := range s {
		f.Sectors = append(f.Sectors, "s"+string(rune('a'+i)))
		sc.Sectors = append(sc.Sectors, model.Sector{Name: f.Sectors[i]})
	}
	for i := range r {
		f.Regions = append(f.Regions, "r"+string(rune('a'+i)))
	}
	fill := func(k int) []float64 {
		x := make([]float64, k)
		for i := range x {
			x[i] = 1.25 + float64(i)/7
		}
		return x
	}
	for c := range n {
		name := "city" + strings.Repeat("x", c%7) + string(rune('A'+c%26))
		f.Cities = append(f.Cities, name)
		f.CityRegion = append(f.CityRegion, c%r)
	}
	for g := range st.Pop {
		st.Pop[g] = fill(n)
	}
	st.V, st.K, st.A = fill(n*s), fill(n*s), fill(n*s)
	st.Wage[0], st.Wage[1] = fill(n), fill(n)
	st.LandPrice, st.Market, st.Revenue, st.Education = fill(n), fill(n), fill(n), fill(n)
	st.Health, st.Pollution, st.Amenity = fill(n), fill(n), fill(n)
	st.Rural, st.RuralWage, st.FarmFloor = fill(r), fill(r), fill(r)
	for k := range st.Flow {
		st.Flow[k] = fill(n * n)
	}
	st.RuralFlow, st.ReturnFlow = fill(r*n), fill(n*r)
	for c := range n * 50 {
		st.Firms = append(st.Firms, model.Firm{City: c % n, Alive: true})
	}
	return sc, f
}

// BenchmarkObserve measures writing one year of n cities with every flow
// nonzero (the worst case for flows.csv: 4·n·(n−1) rows).
func BenchmarkObserve13(b *testing.B)  { benchObserve(b, 13) }
func BenchmarkObserve100(b *testing.B) { benchObserve(b, 100) }

func benchObserve(b *testing.B, n int) {
	sc, f := bigFrame(n)
	w, err := output.Create(b.TempDir(), sc, output.Meta{})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close(nil)
	b.ReportAllocs()
	for b.Loop() {
		if err := w.Observe(f); err != nil {
			b.Fatal(err)
		}
	}
}

func TestNeedsQuotes(t *testing.T) {
	sc := toyScenario()
	sc.Policies[0].Name = ` say "hi"`
	dir := t.TempDir()
	w, err := output.Create(dir, sc, output.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	w.Observe(toyFrame(sc, 2016))
	w.Close(nil)
	rows := readCSV(t, filepath.Join(dir, "policies.csv"))
	if len(rows) != 2 || rows[1][1] != sc.Policies[0].Name {
		t.Errorf("policies.csv = %q", rows)
	}
	if !bytes.Contains([]byte(readFile(t, filepath.Join(dir, "policies.csv"))), []byte(`" say ""hi"""`)) {
		t.Error("policy name not quoted as RFC 4180 says")
	}
}
