package model_test

import (
	"fmt"
	"testing"

	"factorflow/model"
)

// TestInvestedEqualsSavings checks that each city invests savings·dt times
// its output plus its pool of liquidated capital, that st.Invested counts
// the fresh savings only, and that all of it waits in pending capital.
func TestInvestedEqualsSavings(t *testing.T) {
	tests := []struct {
		name string
		sets []string
		pool []float64
	}{
		{"defaults", nil, []float64{0, 0, 0}},
		{"half-year step", []string{"dt=0.5", "investment.savings=0.2"}, []float64{0, 0, 0}},
		{"with a pool", nil, []float64{1000, 0, 2500}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, st := world(t, "", "", tt.sets...)
			copy(e.Pool(), tt.pool)
			N := st.N
			p := e.Sc.Investment
			var fresh float64
			for c := 0; c < N; c++ {
				fresh += p.Savings * e.Sc.Dt * st.CityOutput(c)
			}
			want := make([]float64, N)
			for c := range want {
				want[c] = p.Savings*e.Sc.Dt*st.CityOutput(c) + tt.pool[c]
			}
			clearFlows(st)
			e.Invest(st)
			for i := 0; i < N; i++ {
				var out float64
				for j := 0; j < N; j++ {
					out += st.Flow[model.FlowCapital][i*N+j]
				}
				if !near(want[i], out, 1e-12) {
					t.Errorf("city %d invests %v, want savings + pool %v", i, out, want[i])
				}
			}
			if !near(fresh, st.Invested, 1e-12) {
				t.Errorf("Invested = %v, want fresh savings %v", st.Invested, fresh)
			}
			if got := sum(e.Pending()); !near(sum(want), got, 1e-12) {
				t.Errorf("pending capital %v, want %v", got, sum(want))
			}
			if got := sum(e.Pool()); got != 0 {
				t.Errorf("pool after investing %v, want 0", got)
			}
		})
	}
}

// TestCapitalBarrier checks that an infinite capital barrier keeps every
// city's savings inside its region (Gamma, alone in South, keeps all its
// own), while a finite one lets some cross.
func TestCapitalBarrier(t *testing.T) {
	for _, b := range []string{"inf", "1"} {
		t.Run("barrier "+b, func(t *testing.T) {
			e, st := world(t, "", "", "barriers.capital="+b)
			N := st.N
			clearFlows(st)
			e.Invest(st)
			flow := st.Flow[model.FlowCapital]
			var across float64
			for i := 0; i < N; i++ {
				for j := 0; j < N; j++ {
					if e.CityRegion[i] != e.CityRegion[j] {
						across += flow[i*N+j]
					}
				}
			}
			if b == "inf" && across != 0 {
				t.Errorf("investment across regions %v, want 0", across)
			}
			if b != "inf" && !(across > 0) {
				t.Errorf("investment across regions %v, want > 0", across)
			}
			if b == "inf" {
				want := e.Sc.Investment.Savings * st.CityOutput(gamma)
				if got := flow[gamma*N+gamma]; !near(want, got, 1e-12) {
					t.Errorf("Gamma invests %v at home, want all its savings %v", got, want)
				}
			}
		})
	}
}

// TestIncentiveAttractsInvestment gives one city-sector an incentive and
// checks that its share of the cluster's new capital rises.
func TestIncentiveAttractsInvestment(t *testing.T) {
	for _, i := range []int{beta*3 + steel, gamma*3 + tech, alpha*3 + services} {
		t.Run(fmt.Sprint("city-sector ", i), func(t *testing.T) {
			share := func(incentive float64) float64 {
				e, st := world(t, "", "")
				e.Levers.Incentive[i] = incentive
				clearFlows(st)
				e.Invest(st)
				return e.Pending()[i] / sum(e.Pending())
			}
			without, with := share(0), share(0.03)
			if !(with > without) {
				t.Errorf("share of investment %v with an incentive, want above %v", with, without)
			}
		})
	}
}

// TestDepreciation checks that investment removes δ·dt of every firm's
// capital and records it.
func TestDepreciation(t *testing.T) {
	for _, sets := range [][]string{
		{"investment.depreciation=0.08"},
		{"investment.depreciation=0.2", "dt=0.25"},
		{"investment.depreciation=0"},
	} {
		t.Run(fmt.Sprint(sets), func(t *testing.T) {
			e, st := world(t, "", "", sets...)
			k0 := make([]float64, len(st.Firms))
			for f := range st.Firms {
				k0[f] = st.Firms[f].K
			}
			keep := 1 - e.Sc.Investment.Depreciation*e.Sc.Dt
			clearFlows(st)
			e.Invest(st)
			for f := range st.Firms {
				if got := st.Firms[f].K; !near(keep*k0[f], got, 1e-12) {
					t.Fatalf("firm %d: capital %v, want %v", st.Firms[f].ID, got, keep*k0[f])
				}
			}
			if want := (1 - keep) * sum(k0); !near(want, st.Depreciated, 1e-12) {
				t.Errorf("Depreciated = %v, want %v", st.Depreciated, want)
			}
		})
	}
}
