package facts

import (
	"math"
	"testing"

	"factorflow/model"
	"factorflow/sim"
)

// testFrame builds a frame of cities in regions with one chain and one cloud
// sector: pop is each city's start population, core its role, v its chain
// and cloud output.
func testFrame(region []int, pop []float64, core []bool, v [][2]float64) *sim.Frame {
	sc := &model.Scenario{Sectors: []model.Sector{{Name: "auto", Type: model.Chain}, {Name: "tech", Type: model.Cloud}}}
	st := &model.State{N: len(pop), S: 2, V: make([]float64, 2*len(pop))}
	for c := range pop {
		role := model.Hinterland
		if core[c] {
			role = model.Core
		}
		sc.Cities = append(sc.Cities, model.City{Population: pop[c], Role: role})
		st.V[2*c], st.V[2*c+1] = v[c][0], v[c][1]
		st.R = max(st.R, region[c]+1)
	}
	return &sim.Frame{Scenario: sc, State: st, CityRegion: region}
}

func TestPrimaryShare(t *testing.T) {
	tests := []struct {
		name         string
		region       []int
		pop          []float64
		core         []bool
		v            [][2]float64
		chain, cloud float64
	}{
		{
			name:   "one cluster: the largest core is primary",
			region: []int{0, 0, 0},
			pop:    []float64{5, 9, 2},
			core:   []bool{true, true, true},
			v:      [][2]float64{{1, 1}, {2, 6}, {1, 1}},
			chain:  0.5, cloud: 0.75,
		},
		{
			name:   "hinterland cities count neither way, however large",
			region: []int{0, 0, 1},
			pop:    []float64{5, 3, 50},
			core:   []bool{true, true, false},
			v:      [][2]float64{{3, 1}, {1, 3}, {100, 100}},
			chain:  0.75, cloud: 0.25,
		},
		{
			name:   "one primary per region",
			region: []int{0, 0, 1, 1},
			pop:    []float64{4, 2, 1, 3},
			core:   []bool{true, true, true, true},
			v:      [][2]float64{{1, 2}, {1, 0}, {1, 0}, {1, 2}},
			chain:  0.5, cloud: 1,
		},
		{
			name:   "a tie goes to the first listed",
			region: []int{0, 0},
			pop:    []float64{4, 4},
			core:   []bool{true, true},
			v:      [][2]float64{{1, 3}, {3, 1}},
			chain:  0.25, cloud: 0.75,
		},
		{
			name:   "no core output: 0",
			region: []int{0, 0},
			pop:    []float64{4, 2},
			core:   []bool{true, true},
			v:      [][2]float64{{0, 0}, {0, 0}},
			chain:  0, cloud: 0,
		},
		{
			name:   "no cores: 0",
			region: []int{0},
			pop:    []float64{4},
			core:   []bool{false},
			v:      [][2]float64{{1, 1}},
			chain:  0, cloud: 0,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := testFrame(tc.region, tc.pop, tc.core, tc.v)
			if got := primaryShare(f, model.Chain); math.Abs(got-tc.chain) > 1e-12 {
				t.Errorf("chain share %v, want %v", got, tc.chain)
			}
			if got := primaryShare(f, model.Cloud); math.Abs(got-tc.cloud) > 1e-12 {
				t.Errorf("cloud share %v, want %v", got, tc.cloud)
			}
		})
	}
}
