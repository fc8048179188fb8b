package marius

import (
	"math"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"factorflow/model"
)

// approx compares floats to 1e-12 relative.
var approx = cmpopts.EquateApprox(1e-12, 1e-12)

// line3 is three cities whose kernel is given by hand: k01 = 1, k02 = 0.5,
// k12 = 0.25, populations 1, 2 and 3 thousand, m = 1 and unit size effects
// so that supply = demand = population.
func line3(p model.Marius) *Model {
	k := []float32{
		0, 1, 0.5,
		1, 0, 0.25,
		0.5, 0.25, 0,
	}
	if p.EconomicMultiplier == 0 {
		p.EconomicMultiplier = 1
	}
	p.SupplyExponent, p.DemandExponent = 1, 1
	p.PopulationToWealth = 1
	return build(p, []string{"a", "b", "c"}, k, []float64{1, 2, 3}, 1)
}

func TestInitialWealth(t *testing.T) {
	tests := []struct {
		name      string
		pop, want []float64
		beta      float64
	}{
		{"proportional", []float64{1, 4}, []float64{1, 4}, 1},
		{"square", []float64{1, 4}, []float64{5.0 / 17, 80.0 / 17}, 2}, // P² = 1, 16 scaled to sum 5
		{"one city", []float64{7}, []float64{7}, 1.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := make([]float64, len(tt.pop))
			initialWealth(w, tt.pop, tt.beta)
			if diff := cmp.Diff(tt.want, w, approx); diff != "" {
				t.Errorf("wealth (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSupplyDemand(t *testing.T) {
	m := line3(model.Marius{})
	m.p.EconomicMultiplier, m.p.SupplyExponent, m.p.DemandExponent = 0.5, 1, 2
	m.supplyDemand()
	if diff := cmp.Diff([]float64{0.5, 1, 1.5}, m.supply, approx); diff != "" {
		t.Errorf("supply (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]float64{0.5, 2, 4.5}, m.demand, approx); diff != "" {
		t.Errorf("demand (-want +got):\n%s", diff)
	}
}

// TestInteraction: IP01 = 2, IP02 = 1.5, IP12 = 1.5 both ways; the pulls
// (potential towards each city) are 3.5, 3.5 and 3. With a fixed cost of
// 0.5 the pair 0→2 (1.5·1 ≤ 0.5·3.5) is dropped, every other pair passes.
func TestInteraction(t *testing.T) {
	tests := []struct {
		name             string
		fixed            float64
		pull, rows, cols []float64
	}{
		{"no fixed cost", 0, []float64{3.5, 3.5, 3}, []float64{3.5, 3.5, 3}, []float64{3.5, 3.5, 3}},
		{"fixed cost 0.5", 0.5, []float64{3.5, 3.5, 3}, []float64{2, 3.5, 3}, []float64{3.5, 3.5, 1.5}},
		{"fixed cost 10", 10, []float64{3.5, 3.5, 3}, []float64{0, 0, 0}, []float64{0, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := line3(model.Marius{FixedCost: tt.fixed})
			m.interact()
			got := [][]float64{m.pull, m.rowIP, m.colIP}
			if diff := cmp.Diff([][]float64{tt.pull, tt.rows, tt.cols}, got, approx); diff != "" {
				t.Errorf("pull, row and column sums (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTrade: with fixed cost 0.5, T01 = 2·min(1/2, 4/7) = 1, T10 = 4/7,
// T12 = 6/7, T20 = 3/7, T21 = 6/7 (and T02 = 0, dropped).
func TestTrade(t *testing.T) {
	tests := []struct {
		name             string
		fixed            float64
		exports, imports []float64
		sellers, traders []int32
	}{
		{"no fixed cost", 0, []float64{1, 10.0 / 7, 9.0 / 7}, []float64{1, 10.0 / 7, 9.0 / 7}, []int32{2, 2, 2}, []int32{2, 2, 2}},
		{"fixed cost 0.5", 0.5, []float64{1, 10.0 / 7, 9.0 / 7}, []float64{1, 13.0 / 7, 6.0 / 7}, []int32{1, 2, 2}, []int32{2, 2, 2}},
		{"nothing passes", 10, []float64{0, 0, 0}, []float64{0, 0, 0}, []int32{0, 0, 0}, []int32{0, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := line3(model.Marius{FixedCost: tt.fixed})
			m.interact()
			m.trade()
			if diff := cmp.Diff([][]float64{tt.exports, tt.imports}, [][]float64{m.exports, m.imports}, approx); diff != "" {
				t.Errorf("exports and imports (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([][]int32{tt.sellers, tt.traders}, [][]int32{m.sellers, m.traders}); diff != "" {
				t.Errorf("export partners and partners either way (-want +got):\n%s", diff)
			}
			if err := m.CheckAfter(stageTrade); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestTradeFlows: with trade_flows the transactions are the capital flows
// (fixed cost 0.5: T01 = 1, T10 = 4/7, T12 = 6/7, T20 = 3/7, T21 = 6/7).
func TestTradeFlows(t *testing.T) {
	m := line3(model.Marius{FixedCost: 0.5})
	m.flow = make([]float64, 9)
	m.interact()
	m.trade()
	want := []float64{0, 1, 0, 4.0 / 7, 0, 6.0 / 7, 3.0 / 7, 6.0 / 7, 0}
	if diff := cmp.Diff(want, m.flow, approx); diff != "" {
		t.Errorf("flows (-want +got):\n%s", diff)
	}
}

// TestWealth: W' = W + exports − imports + bonus − cost, bonus = b·(I +
// E)·traders/N, cost = fixed·sellers; a city whose wealth would go below
// zero is floored at zero.
func TestWealth(t *testing.T) {
	tests := []struct {
		name       string
		start      []float64
		bonus, fix float64
		want       []float64
		floored    float64
	}{
		// city 0: E−I = 0, bonus (1+1)·2/3, cost 0.5; city 1: −3/7,
		// (13/7+10/7)·2/3 = 46/21, 1; city 2: 3/7, 15/7·2/3 = 10/7, 1.
		{"bonus and fixed cost", []float64{10, 10, 10}, 1, 0.5,
			[]float64{10 + 4.0/3 - 0.5, 10 - 3.0/7 + 46.0/21 - 1, 10 + 3.0/7 + 10.0/7 - 1}, 0},
		{"trade only", []float64{10, 10, 10}, 0, 0, []float64{10, 10 - 3.0/7, 10 + 3.0/7}, 0},
		// city 1 would end at 0.1 − 3/7 + 0 − 1 < 0.
		{"dead city", []float64{10, 0.1, 10}, 0, 0.5,
			[]float64{9.5, 0, 10 + 3.0/7 - 1}, 1 + 3.0/7 - 0.1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := line3(model.Marius{FixedCost: 0.5, BonusMultiplier: tt.bonus})
			copy(m.wealth, tt.start)
			m.interact()
			m.trade()
			m.p.FixedCost = tt.fix
			m.CheckBefore(stageWealth)
			m.updateWealth()
			if diff := cmp.Diff(tt.want, m.wealth, approx); diff != "" {
				t.Errorf("wealth (-want +got):\n%s", diff)
			}
			if math.Abs(m.floored-tt.floored) > 1e-12 {
				t.Errorf("floored %g, want %g", m.floored, tt.floored)
			}
			if err := m.CheckAfter(stageWealth); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestPopulation: P' = P + (W'^α − W^α)/m; a population that would turn
// negative stops the run.
func TestPopulation(t *testing.T) {
	m := line3(model.Marius{WealthToPopulation: 0.5, EconomicMultiplier: 0.5})
	copy(m.prev, []float64{4, 9, 16})
	copy(m.wealth, []float64{4, 9, 1})
	if err := m.updatePopulation(); err == nil || !strings.Contains(err.Error(), "city c") {
		t.Fatalf("city c: 3 + (1 − 4)/0.5 < 0: got %v, want an error naming it", err)
	}
	m = line3(model.Marius{WealthToPopulation: 0.5, EconomicMultiplier: 2})
	copy(m.prev, []float64{4, 9, 16})
	copy(m.wealth, []float64{9, 9, 4})
	if err := m.updatePopulation(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]float64{1 + 0.5, 2, 3 - 1}, m.pop, approx); diff != "" {
		t.Errorf("population (-want +got):\n%s", diff)
	}
}

// TestCheckCatchesBrokenTrade: exports that exceed supply are reported.
func TestCheckCatchesBrokenTrade(t *testing.T) {
	m := line3(model.Marius{})
	m.interact()
	m.trade()
	m.exports[1] += 5
	if err := m.CheckAfter(stageTrade); err == nil {
		t.Error("exports above supply passed the check")
	}
	m = line3(model.Marius{})
	m.CheckBefore(stageWealth)
	m.wealth[0] += 1
	if err := m.CheckAfter(stageWealth); err == nil {
		t.Error("wealth created from nothing passed the check")
	}
}

func TestKernel(t *testing.T) {
	lat, lon := []float64{0, 0, 0}, []float64{0, 1, 3}
	k, err := kernel(lat, lon, 1)
	if err != nil {
		t.Fatal(err)
	}
	if k[0] != 0 || k[4] != 0 || k[8] != 0 || k[1] != k[3] || k[5] != k[7] {
		t.Fatalf("kernel %v: want zero diagonal and symmetry", k)
	}
	// decay 1: k01/k12 = d12/d01 = 2 on the equator.
	if r := float64(k[1] / k[5]); math.Abs(r-2) > 1e-5 {
		t.Errorf("k01/k12 = %g, want 2", r)
	}
	if _, err := kernel([]float64{1, 1}, []float64{2, 2}, 1); err == nil {
		t.Error("two cities at one place: no error")
	}
}

// TestKernelCache: the kernel from the cached geometry is the kernel of a
// fresh computation, whether the places were the last asked for or not,
// and concurrent runs of the same places agree.
func TestKernelCache(t *testing.T) {
	a := [2][]float64{{55.75, 59.93, 50.45, 41.3}, {37.6, 30.3, 30.5, 69.3}}
	b := [2][]float64{{55.75, 59.93, 50.45}, {37.6, 30.3, 30.5}}
	fresh := func(lat, lon []float64, decay float64) []float32 {
		g, err := logDistances(lat, lon)
		if err != nil {
			t.Fatal(err)
		}
		n := len(lat)
		k := make([]float32, n*n)
		for ij, x := range g.logd {
			if ij%(n+1) != 0 {
				k[ij] = float32(math.Exp(-decay * (x - g.ref)))
			}
		}
		return k
	}
	for _, p := range [][2][]float64{a, a, b, a} {
		for _, decay := range []float64{0.5, 2} {
			got, err := kernel(p[0], p[1], decay)
			if err != nil {
				t.Fatal(err)
			}
			if want := fresh(p[0], p[1], decay); !slices.Equal(got, want) {
				t.Fatalf("%d places, decay %g: kernel %v, fresh %v", len(p[0]), decay, got, want)
			}
		}
	}
	var wg sync.WaitGroup
	ks := make([][]float32, 4)
	for i := range ks {
		p := [][2][]float64{a, b}[i%2]
		wg.Go(func() { ks[i], _ = kernel(p[0], p[1], 1) })
	}
	wg.Wait()
	if !slices.Equal(ks[0], ks[2]) || !slices.Equal(ks[1], ks[3]) || len(ks[0]) != 16 {
		t.Errorf("concurrent kernels differ: %v", ks)
	}
}
