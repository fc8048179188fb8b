package model_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestRevenue checks that each city's revenue of a step is tax × output ×
// dt when no firm has relocated.
func TestRevenue(t *testing.T) {
	for _, sets := range [][]string{{"fiscal.tax=0.15"}, {"fiscal.tax=0.3", "dt=0.5"}, {"fiscal.tax=0"}} {
		t.Run(fmt.Sprint(sets), func(t *testing.T) {
			e, st := world(t, "", "", sets...)
			e.Finance(st)
			want := make([]float64, st.N)
			for c := range want {
				want[c] = e.Sc.Fiscal.Tax * st.CityOutput(c) * e.Sc.Dt
			}
			if diff := cmp.Diff(want, st.Revenue, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
				t.Errorf("revenue (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSeatsSteadyState checks the calibrated service efficiency: at the
// start capacity does not move; a city whose capacity is cut moves back by
// adjust·dt of the gap each step and converges to its start level.
func TestSeatsSteadyState(t *testing.T) {
	for _, sets := range [][]string{nil, {"fiscal.adjust=0.5", "dt=0.5"}} {
		t.Run(fmt.Sprint(sets), func(t *testing.T) {
			e, st := world(t, "", "", sets...)
			edu0 := append([]float64(nil), st.Education...)
			health0 := append([]float64(nil), st.Health...)
			e.Finance(st)
			approx := cmpopts.EquateApprox(1e-9, 0)
			if diff := cmp.Diff(edu0, st.Education, approx); diff != "" {
				t.Errorf("education at the start moved (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(health0, st.Health, approx); diff != "" {
				t.Errorf("health at the start moved (-want +got):\n%s", diff)
			}
			step := e.Sc.Fiscal.Adjust * e.Sc.Dt
			st.Education[beta] /= 2
			st.Health[gamma] *= 3
			e.Finance(st)
			if want := edu0[beta]/2 + step*edu0[beta]/2; !near(want, st.Education[beta], 1e-9) {
				t.Errorf("Beta's education after a cut %v, want %v", st.Education[beta], want)
			}
			if want := 3*health0[gamma] - step*2*health0[gamma]; !near(want, st.Health[gamma], 1e-9) {
				t.Errorf("Gamma's health after a rise %v, want %v", st.Health[gamma], want)
			}
			for range 200 {
				e.Finance(st)
			}
			if diff := cmp.Diff(edu0, st.Education, cmpopts.EquateApprox(1e-6, 0)); diff != "" {
				t.Errorf("education did not return to the start (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(health0, st.Health, cmpopts.EquateApprox(1e-6, 0)); diff != "" {
				t.Errorf("health did not return to the start (-want +got):\n%s", diff)
			}
		})
	}
}

// TestServicesLeverRaisesSeats checks that more funding for services
// raises a city's seat target and its capacity.
func TestServicesLeverRaisesSeats(t *testing.T) {
	e, st := world(t, "", "")
	edu0, health0 := e.SeatTargets(st, alpha)
	e.Levers.Services[alpha] = 2
	before := st.Education[alpha]
	e.Finance(st)
	edu, health := e.SeatTargets(st, alpha)
	if !near(2*edu0, edu, 1e-9) || !near(2*health0, health, 1e-9) {
		t.Errorf("seat targets with double funding %v, %v, want %v, %v", edu, health, 2*edu0, 2*health0)
	}
	if !(st.Education[alpha] > before) {
		t.Errorf("Alpha's education %v with double funding, want above %v", st.Education[alpha], before)
	}
}

// TestBenefitSharing relocates a firm by hand and checks that the share of
// its tax (on its output this step) set by benefit sharing (or one half for an enclave firm) moves
// from its host city to its origin city, with total revenue unchanged.
func TestBenefitSharing(t *testing.T) {
	tests := []struct {
		name      string
		sharing   string
		origin    int
		treatment int
		share     float64
	}{
		{"across regions", "fiscal.sharing=0.5", alpha, -1, 0.5},
		{"across regions, all", "fiscal.sharing=1", beta, -1, 1},
		{"inside a region", "fiscal.sharing=0.5", -2, -1, 0}, // origin set below: a North city for a North host
		{"no sharing", "fiscal.sharing=0", alpha, -1, 0},
		{"enclave", "fiscal.sharing=0", alpha, alpha, 0.5},
		{"enclave, more sharing", "fiscal.sharing=0.8", alpha, alpha, 0.8},
		{"not relocated", "fiscal.sharing=0.5", -1, -1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, st := world(t, "", "", tt.sharing)
			host, origin := gamma, tt.origin
			if origin == -2 {
				host, origin = alpha, beta
			}
			id := firstFirm(t, st, host, steel)
			f := firm(st, id)
			// Output is last step's booking, possibly in another city: the
			// tax shared is on this step's output where the firm is now.
			f.Origin, f.Treatment, f.Output = origin, tt.treatment, 1000
			out := e.FirmOutput(st, f)
			if !(out > 0) || out == 1000 {
				t.Fatalf("the firm's output this step is %v", out)
			}
			base := make([]float64, st.N)
			for c := range base {
				base[c] = e.Sc.Fiscal.Tax * st.CityOutput(c) * e.Sc.Dt
			}
			e.Finance(st)
			moved := tt.share * e.Sc.Fiscal.Tax * out * e.Sc.Dt
			want := append([]float64(nil), base...)
			want[host] -= moved
			if origin >= 0 {
				want[origin] += moved
			}
			if diff := cmp.Diff(want, st.Revenue, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
				t.Errorf("revenue (-want +got):\n%s", diff)
			}
			if got := sum(st.Revenue); math.Abs(got-sum(base)) > 1e-9*sum(base) {
				t.Errorf("total revenue %v, want %v", got, sum(base))
			}
		})
	}
}
