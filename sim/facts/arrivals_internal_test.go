package facts

import (
	"testing"

	"factorflow/model"
	"factorflow/sim"
)

// TestArrivals checks that a city's arrivals are the talent and workers
// from other cities and the movers from every hinterland, not its own
// stayers, its capital or its firms.
func TestArrivals(t *testing.T) {
	const N, R = 3, 2
	st := &model.State{N: N, R: R, RuralFlow: make([]float64, R*N)}
	for k := range st.Flow {
		st.Flow[k] = make([]float64, N*N)
	}
	// Flows into city 1 (o*N + 1) and a stay in city 1.
	st.Flow[model.FlowTalent][0*N+1] = 2
	st.Flow[model.FlowWorkers][2*N+1] = 5
	st.Flow[model.FlowWorkers][1*N+1] = 100 // stayers
	st.Flow[model.FlowCapital][0*N+1] = 1000
	st.Flow[model.FlowFirms][2*N+1] = 7
	st.RuralFlow[0*N+1], st.RuralFlow[1*N+1] = 3, 4
	// Flows out of city 1, into city 0.
	st.Flow[model.FlowTalent][1*N+0] = 11
	st.RuralFlow[1*N+0] = 13
	f := &sim.Frame{State: st}
	for _, tc := range []struct {
		city int
		want float64
	}{{0, 24}, {1, 14}, {2, 0}} {
		if got := arrivals(f, tc.city); got != tc.want {
			t.Errorf("arrivals(%d) = %v, want %v", tc.city, got, tc.want)
		}
	}
}
