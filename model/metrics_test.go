package model

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// approx compares floats to 1e-12, relative or absolute.
var approx = cmpopts.EquateApprox(1e-12, 1e-12)

func TestKrugman(t *testing.T) {
	tests := []struct {
		name string
		a, b []float64
		want float64
	}{
		{"identical", []float64{1, 2, 3}, []float64{1, 2, 3}, 0},
		{"same shares, other scale", []float64{1, 2, 3}, []float64{10, 20, 30}, 0},
		{"disjoint", []float64{5, 0, 0}, []float64{0, 2, 7}, 2},
		// shares (0.5, 0.25, 0.25) and (0.2, 0.2, 0.6):
		// |0.3| + |0.05| + |−0.35| = 0.7.
		{"hand", []float64{2, 1, 1}, []float64{1, 1, 3}, 0.7},
		{"zero structure is undefined", []float64{0, 0}, []float64{1, 1}, 0},
		{"empty", nil, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Krugman(tt.a, tt.b)
			if diff := cmp.Diff(tt.want, got, approx); diff != "" {
				t.Errorf("Krugman(%v, %v) mismatch (-want +got):\n%s", tt.a, tt.b, diff)
			}
		})
	}
}

type theilResult struct{ Total, Within, Between float64 }

func TestTheil(t *testing.T) {
	ln := math.Log
	tests := []struct {
		name    string
		y, pop  []float64
		group   []int
		ngroups int
		want    theilResult
	}{
		{
			name: "equal incomes",
			y:    []float64{3, 3, 3, 3}, pop: []float64{1, 5, 2, 7},
			group: []int{0, 1, 1, 0}, ngroups: 2,
		},
		{
			// Incomes 1, 1, 2, 4 (total 8, mean 2); region 0 = {1, 1} has
			// mean 1, region 1 = {2, 4} mean 3.
			name: "two regions four cities",
			y:    []float64{1, 1, 2, 4}, pop: []float64{1, 1, 1, 1},
			group: []int{0, 0, 1, 1}, ngroups: 2,
			want: theilResult{
				Total:   2*(1.0/8)*ln(1.0/2) + (2.0/8)*ln(2.0/2) + (4.0/8)*ln(4.0/2),
				Within:  (2.0/8)*ln(2.0/3) + (4.0/8)*ln(4.0/3),
				Between: (2.0/8)*ln(1.0/2) + (6.0/8)*ln(3.0/2),
			},
		},
		{
			// Incomes 3 and 3 (total 6) over populations 3 and 1: mean 1.5.
			name: "population-weighted",
			y:    []float64{1, 3}, pop: []float64{3, 1},
			group: []int{0, 1}, ngroups: 2,
			want: theilResult{
				Total:   0.5*ln(1/1.5) + 0.5*ln(3/1.5),
				Between: 0.5*ln(1/1.5) + 0.5*ln(3/1.5),
			},
		},
		{
			name: "same incomes, equal populations",
			y:    []float64{1, 3}, pop: []float64{1, 1},
			group: []int{0, 1}, ngroups: 2,
			want: theilResult{
				Total:   0.25*ln(0.5) + 0.75*ln(1.5),
				Between: 0.25*ln(0.5) + 0.75*ln(1.5),
			},
		},
		{
			name: "nil group is one group",
			y:    []float64{1, 3}, pop: []float64{1, 1},
			want: theilResult{
				Total:  0.25*ln(0.5) + 0.75*ln(1.5),
				Within: 0.25*ln(0.5) + 0.75*ln(1.5),
			},
		},
		{
			name: "empty city ignored, zero income counted",
			y:    []float64{1, 100, 0}, pop: []float64{1, 0, 1},
			group: []int{0, 1, 1}, ngroups: 2,
			want: theilResult{
				Total:   ln(2),
				Between: ln(2),
			},
		},
		{
			name: "no income",
			y:    []float64{0, 0}, pop: []float64{1, 1},
			group: []int{0, 1}, ngroups: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got theilResult
			got.Total, got.Within, got.Between = Theil(tt.y, tt.pop, tt.group, tt.ngroups)
			if diff := cmp.Diff(tt.want, got, approx); diff != "" {
				t.Errorf("Theil mismatch (-want +got):\n%s", diff)
			}
			if d := got.Within + got.Between - got.Total; math.Abs(d) > 1e-12 {
				t.Errorf("within + between - total = %g, want 0", d)
			}
		})
	}
}

// TestTheilPopulationWeights checks that a city of population 2 counts as
// two cities of population 1 with its income per capita.
func TestTheilPopulationWeights(t *testing.T) {
	var a, b theilResult
	a.Total, a.Within, a.Between = Theil([]float64{1, 2, 5}, []float64{2, 1, 3}, []int{0, 0, 1}, 2)
	b.Total, b.Within, b.Between = Theil(
		[]float64{1, 1, 2, 5, 5, 5}, []float64{1, 1, 1, 1, 1, 1}, []int{0, 0, 0, 1, 1, 1}, 2)
	if diff := cmp.Diff(b, a, approx); diff != "" {
		t.Errorf("Theil with weights vs repeated units (-want +got):\n%s", diff)
	}
}

func TestTheilDecompositionSums(t *testing.T) {
	y := []float64{0.3, 1.7, 2.2, 0.9, 5.1, 0.05, 3.3, 1.1}
	pop := []float64{4, 0.5, 2, 7, 1, 3, 0.2, 9}
	group := []int{2, 0, 1, 2, 0, 0, 1, 2}
	total, within, between := Theil(y, pop, group, 3)
	if total <= 0 || within <= 0 || between <= 0 {
		t.Fatalf("Theil = %g, %g, %g, want all positive", total, within, between)
	}
	if d := within + between - total; math.Abs(d) > 1e-12 {
		t.Errorf("within + between - total = %g, want 0", d)
	}
}

func TestRankSizeExponent(t *testing.T) {
	power := func(n int, q float64) []float64 {
		s := make([]float64, n)
		for r := range s {
			s[r] = 1e6 * math.Pow(float64(r+1), -q)
		}
		return s
	}
	shuffled := power(8, 1)
	shuffled[0], shuffled[5], shuffled[2] = shuffled[5], shuffled[2], shuffled[0]
	tests := []struct {
		name  string
		sizes []float64
		want  float64
	}{
		{"zipf", power(10, 1), 1},
		{"size ∝ rank^-0.5 gives 1/0.5", power(10, 0.5), 2},
		{"size ∝ rank^-2 gives 1/2", power(6, 2), 0.5},
		{"order does not matter", shuffled, 1},
		{"non-positive sizes ignored", append(power(5, 1), 0, -3), 1},
		{"one city", []float64{5}, 0},
		{"equal sizes", []float64{2, 2, 2}, 0},
		{"none", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RankSizeExponent(tt.sizes)
			if diff := cmp.Diff(tt.want, got, approx); diff != "" {
				t.Errorf("RankSizeExponent(%v) mismatch (-want +got):\n%s", tt.sizes, diff)
			}
		})
	}
}

func TestStageOf(t *testing.T) {
	tests := []struct {
		u    float64
		want string
	}{
		{0, StageInitiation},
		{0.2999, StageInitiation},
		{0.30, StageAgglomeration},
		{0.5, StageAgglomeration},
		{0.70, StageAgglomeration},
		{0.7001, StageSaturation},
		{1, StageSaturation},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.u), func(t *testing.T) {
			if diff := cmp.Diff(tt.want, StageOf(tt.u)); diff != "" {
				t.Errorf("StageOf(%g) mismatch (-want +got):\n%s", tt.u, diff)
			}
		})
	}
}

// newState returns a State of n cities, r regions and s sectors with every
// slice that metrics read allocated and zero.
func newState(n, r, s int) *State {
	st := &State{N: n, R: r, S: s, Rural: make([]float64, r)}
	for g := range st.Pop {
		st.Pop[g] = make([]float64, n)
	}
	for f := range st.Flow {
		st.Flow[f] = make([]float64, n*n)
	}
	st.K = make([]float64, n*s)
	st.V = make([]float64, n*s)
	st.Education = make([]float64, n)
	st.Health = make([]float64, n)
	return st
}

// handState is a cluster of three cities in two regions with a cloud and a
// chain sector: two cores (6 M and 1 M residents) in region 0 and one
// hinterland city (0.4 M) in region 1.
func handState() (*State, *MetricsInput) {
	st := newState(3, 2, 2)
	st.Pop[TalentLocal] = []float64{1e6, 0.1e6, 0.02e6}
	st.Pop[TalentNonLocal] = []float64{0.5e6, 0, 0.02e6}
	st.Pop[WorkerLocal] = []float64{3e6, 0.7e6, 0.3e6}
	st.Pop[WorkerNonLocal] = []float64{1.5e6, 0.2e6, 0.06e6}
	st.Rural = []float64{1.6e6, 1e6}
	st.V = []float64{400, 200, 10, 40, 5, 15}
	st.K = []float64{100, 200, 10, 40, 0, 30}
	st.Education = []float64{5500, 4300, 2100}
	st.Health = []float64{1000, 800, 500}
	st.Flow[FlowTalent] = []float64{99999, 1000, 500, 2000, 0, 0, 0, 0, 0}
	st.Flow[FlowWorkers] = []float64{0, 3000, 0, 1000, 0, 1000, 0, 0, 0}
	st.Flow[FlowCapital] = []float64{0, 0, 19, 0, 0, 0, 0, 0, 0}
	st.Flow[FlowFirms] = []float64{7, 0, 1, 0, 0, 0, 0, 1, 0}
	st.Firms = []Firm{
		{City: 0, Alive: true}, {City: 0, Alive: true}, {City: 0},
		{City: 1, Alive: true}, {City: 2, Alive: true},
	}
	st.PolicyCost = []float64{1, 2.5}
	in := &MetricsInput{
		CityRegion:       []int{0, 0, 1},
		Core:             []bool{true, true, false},
		SectorType:       []SynergyType{Cloud, Chain},
		NationPopulation: 100e6,
		TransportDensity: 0.13,
		Travel:           []float64{0, 1.5, 3, 2.5, 0, 2, 3, 2, 0},
		HukouAccess:      0.3,
	}
	return st, in
}

// columns returns the metrics named in want, by column name.
func columns(m *Metrics, want map[string]float64) map[string]float64 {
	got := make(map[string]float64)
	vals := m.Values(nil)
	for i, name := range m.Columns() {
		if _, ok := want[name]; ok {
			got[name] = vals[i]
		}
	}
	return got
}

func TestComputeMetrics(t *testing.T) {
	ln := math.Log
	// Theil by hand: per capita 1e-4, 5e-5, 5e-5; cluster mean 670/7.4e6;
	// region 0 mean 650/7e6, region 1 has one city.
	mean, mean0 := 670/7.4e6, 650/7e6
	theilWithin := 600.0/670*ln(1e-4/mean0) + 50.0/670*ln(5e-5/mean0)
	zipf := []float64{6e6, 3e6, 2e6, 1.5e6}
	tests := []struct {
		name  string
		setup func() (*State, *MetricsInput)
		stage string
		want  map[string]float64
	}{
		{
			name:  "hand",
			setup: handState,
			stage: StageSaturation,
			want: map[string]float64{
				"population":            10e6,
				"urban":                 7.4e6,
				"rural":                 2.6e6,
				"output":                670,
				"output_per_capita":     670 / 10e6,
				"urbanisation":          0.74,
				"nation_share":          0.1,
				"core_population_share": 0.7,
				// Shares (2/3, 1/3), (0.2, 0.8), (0.25, 0.75): the core
				// pair 14/15; the others 5/6 and 1/10.
				"specialisation":        14.0 / 15,
				"specialisation_all":    (14.0/15 + 5.0/6 + 1.0/10) / 3,
				"homogenisation":        1 - (14.0/15+5.0/6+1.0/10)/6,
				"core_cloud_share":      410.0 / 415,
				"periphery_chain_share": 15.0 / 255,
				"theil":                 600.0/670*ln(1e-4/mean) + 70.0/670*ln(5e-5/mean),
				"theil_within":          theilWithin,
				"theil_between":         650.0/670*ln(mean0/mean) + 20.0/670*ln(5e-5/mean),
				// Region 0 holds the cores: regions with their rural
				// people (no farm income: RuralWage is unset).
				"cliff":             (650 / (7e6 + 1.6e6)) / (20 / (0.4e6 + 1e6)),
				"hinterland_output": 20,
				// The diagonal (99999 talents, 7 firms) is not a flow.
				"flow_talent":       3500 / 1.64e6,
				"flow_workers":      5000 / 5.76e6,
				"flow_capital":      19.0 / 380,
				"flow_firms":        2.0 / 4,
				"spillover":         (500.0/3500 + 1000.0/5000 + 19.0/19) / 3,
				"spillover_capital": 1,
				"firm_spillover":    1.0 / 3,
				"primacy":           6,
				"rank_size":         RankSizeExponent([]float64{6e6, 1e6, 0.4e6}),
				"primary":           1,
				"secondary":         1,
				"small":             1,
				"firms":             4,
				"transport_density": 0.13,
				"core_travel_hours": 2,
				"education_ratio":   5500.0 / 2100,
				"health_ratio":      2,
				"education_gap":     0.7 * (6e6*5500 + 1e6*4300 + 0.4e6*2100) / 7.4e6,
				"policy_cost":       3.5,
			},
		},
		{
			name: "city access",
			setup: func() (*State, *MetricsInput) {
				st, in := handState()
				in.CityAccess = []float64{1, 0.3, 0}
				return st, in
			},
			stage: StageSaturation,
			want: map[string]float64{
				"education_gap": (0.7*1e6*4300 + 0.4e6*2100) / 7.4e6,
			},
		},
		{
			name: "no nation, no cores: fall back to the largest three",
			setup: func() (*State, *MetricsInput) {
				st, in := handState()
				in.Core, in.NationPopulation = nil, 0
				return st, in
			},
			stage: StageSaturation,
			want: map[string]float64{
				"nation_share":          0,
				"specialisation":        (14.0/15 + 5.0/6 + 1.0/10) / 3,
				"cliff":                 0,
				"spillover":             0,
				"core_travel_hours":     0,
				"core_cloud_share":      0,
				"periphery_chain_share": 1,
			},
		},
		{
			// Zipf sizes, output ∝ residents^1.2, one sector, no rural.
			name: "scaling and Zipf",
			setup: func() (*State, *MetricsInput) {
				st := newState(4, 1, 1)
				for c, p := range zipf {
					st.Pop[WorkerLocal][c] = p
					st.V[c] = 1e-6 * math.Pow(p, 1.2)
				}
				return st, &MetricsInput{}
			},
			stage: StageSaturation,
			want: map[string]float64{
				"urbanisation":       1,
				"scaling_exponent":   1.2,
				"rank_size":          1,
				"primacy":            2,
				"primary":            1,
				"secondary":          3,
				"small":              0,
				"specialisation_all": 0,
				"homogenisation":     1,
				"theil_between":      0,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, in := tt.setup()
			var m Metrics
			ComputeMetrics(&m, st, in)
			if diff := cmp.Diff(tt.stage, m.Stage); diff != "" {
				t.Errorf("stage mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, columns(&m, tt.want), approx); diff != "" {
				t.Errorf("metrics mismatch (-want +got):\n%s", diff)
			}
			if d := m.TheilWithin + m.TheilBetween - m.Theil; math.Abs(d) > 1e-12 {
				t.Errorf("within + between - total = %g, want 0", d)
			}
		})
	}
}

// TestComputeMetricsUndefined checks that a cluster with nobody and
// nothing gives zeros, not NaN (the synergy columns, computed by package sim
// only on request, are NaN until then), and that a reused Metrics forgets
// the previous year.
func TestComputeMetricsUndefined(t *testing.T) {
	var m Metrics
	st, in := handState()
	ComputeMetrics(&m, st, in)
	ComputeMetrics(&m, newState(3, 2, 2), nil)
	got := m.Values(nil)
	want := make([]float64, len(got))
	for i, c := range m.Columns() {
		switch {
		case c == "small":
			want[i] = 3 // emptied cities count as small
		case strings.HasPrefix(c, "synergy_"):
			want[i] = math.NaN()
		}
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateNaNs()); diff != "" {
		t.Errorf("values of an empty cluster (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(StageInitiation, m.Stage); diff != "" {
		t.Errorf("stage mismatch (-want +got):\n%s", diff)
	}
}

func TestMetricsColumns(t *testing.T) {
	var m Metrics
	st, in := handState()
	ComputeMetrics(&m, st, in)
	cols := m.Columns()
	if got, want := len(m.Values(nil)), len(cols); got != want {
		t.Fatalf("len(Values) = %d, want len(Columns) = %d", got, want)
	}
	seen := make(map[string]bool)
	for _, c := range cols {
		if seen[c] || c != strings.ToLower(c) || strings.ContainsAny(c, " -") {
			t.Errorf("column %q is repeated or not snake_case", c)
		}
		seen[c] = true
	}
	prefix := []float64{-1}
	got := m.Values(prefix)
	if diff := cmp.Diff(append([]float64{-1}, m.Values(nil)...), got, cmpopts.EquateNaNs()); diff != "" {
		t.Errorf("Values does not append (-want +got):\n%s", diff)
	}
}

func TestMetricsAllocs(t *testing.T) {
	var m Metrics
	st, in := handState()
	ComputeMetrics(&m, st, in)
	dst := make([]float64, 0, len(m.Columns()))
	if n := testing.AllocsPerRun(100, func() { dst = m.Values(dst[:0]) }); n != 0 {
		t.Errorf("Values allocates %g times per call, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { ComputeMetrics(&m, st, in) }); n != 0 {
		t.Errorf("ComputeMetrics allocates %g times per call in steady state, want 0", n)
	}
}

func BenchmarkComputeMetrics13(b *testing.B)  { benchmarkComputeMetrics(b, 13) }
func BenchmarkComputeMetrics300(b *testing.B) { benchmarkComputeMetrics(b, 300) }

func benchmarkComputeMetrics(b *testing.B, n int) {
	const s, r = 10, 4
	st := newState(n, r, s)
	in := &MetricsInput{
		CityRegion: make([]int, n), Core: make([]bool, n),
		SectorType: make([]SynergyType, s), Travel: make([]float64, n*n),
	}
	for c := 0; c < n; c++ {
		st.Pop[WorkerLocal][c] = 1e7 / float64(c+1)
		st.Education[c], st.Health[c] = 2000, 500
		in.CityRegion[c], in.Core[c] = c%r, c < 2
		for k := 0; k < s; k++ {
			st.V[c*s+k] = float64((c+1)*(k+2)%7 + 1)
		}
	}
	for k := range in.SectorType {
		in.SectorType[k] = [...]SynergyType{Cloud, Chain, Base, Local}[k%4]
	}
	var m Metrics
	b.ReportAllocs()
	for b.Loop() {
		ComputeMetrics(&m, st, in)
	}
}

func ExampleTheil() {
	// Output per capita of four cities with equal populations, the first
	// two in region 0 and the last two in region 1.
	y := []float64{1, 1, 2, 4}
	pop := []float64{1, 1, 1, 1}
	total, within, between := Theil(y, pop, []int{0, 0, 1, 1}, 2)
	fmt.Printf("total %.4f = within %.4f + between %.4f\n", total, within, between)
	// Output:
	// total 0.1733 = within 0.0425 + between 0.1308
}

func ExampleRankSizeExponent() {
	// Zipf's law: the k-th city has 1/k of the largest one's residents.
	fmt.Printf("%.2f\n", RankSizeExponent([]float64{12e6, 6e6, 4e6, 3e6, 2.4e6}))
	// Output:
	// 1.00
}

func TestOLS(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
		want float64
	}{
		{"line", []float64{1, 2, 3, 4}, []float64{3, 5, 7, 9}, 2},
		{"scatter", []float64{0, 1, 2}, []float64{0, 2, 1}, 0.5},
		{"one point", []float64{1}, []float64{1}, 0},
		{"no spread", []float64{2, 2, 2}, []float64{1, 2, 3}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a OLS
			for i := range tt.x {
				a.Add(tt.x[i], tt.y[i])
			}
			if a.N() != len(tt.x) {
				t.Errorf("N = %d, want %d", a.N(), len(tt.x))
			}
			if got := a.Slope(); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("Slope = %v, want %v", got, tt.want)
			}
		})
	}
}
