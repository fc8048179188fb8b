package model_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"factorflow/model"
)

// TestEmissions checks that a city's emissions are Σ intensity × output /
// scale: at the start (steel is the only sector with an intensity of 1),
// and proportional to output and to the intensity.
func TestEmissions(t *testing.T) {
	tests := []struct {
		name  string
		sets  []string
		scale float64 // multiplier on every value of output
		want  func(e *model.Economy, st *model.State, c int) float64
	}{
		{"start", nil, 1, func(e *model.Economy, st *model.State, c int) float64 {
			return st.V[c*st.S+steel] / e.Sc.Environment.Scale
		}},
		{"double output", nil, 2, func(e *model.Economy, st *model.State, c int) float64 {
			return st.V[c*st.S+steel] / e.Sc.Environment.Scale
		}},
		{"two polluters", []string{"sectors.steel.pollution=3", "sectors.tech.pollution=0.5", "environment.scale=1e3"}, 1,
			func(e *model.Economy, st *model.State, c int) float64 {
				return (3*st.V[c*st.S+steel] + 0.5*st.V[c*st.S+tech]) / 1e3
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, st := world(t, "", "", tt.sets...)
			for i := range st.V {
				st.V[i] *= tt.scale
			}
			want := make([]float64, st.N)
			for c := range want {
				want[c] = tt.want(e, st, c)
			}
			if diff := cmp.Diff(want, e.Emissions(st), cmpopts.EquateApprox(1e-12, 0)); diff != "" {
				t.Errorf("emissions (-want +got):\n%s", diff)
			}
		})
	}
}

// TestEmissionsCap checks that a cap (as a multiple of start emissions),
// set on the lever or by an environment policy of form cap, limits
// emissions, and only where emissions would exceed it.
func TestEmissionsCap(t *testing.T) {
	const policy = `
[[policies]]
name = "cap"
kind = "environment"
form = "cap"
cities = ["Beta", "Gamma"]
magnitude = 1.2
`
	e, st := world(t, "", policy)
	e.ApplyPolicies(st, model.NewDraw(true, 1, 0, "policies"))
	e0 := e.Emission0()
	for i := range st.V {
		st.V[i] *= 1.5
	}
	em := e.Emissions(st)
	want := []float64{1.5 * e0[alpha], 1.2 * e0[beta], 1.2 * e0[gamma]}
	if diff := cmp.Diff(want, em, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("emissions at 1.5 × start output with a cap of 1.2 in Beta and Gamma (-want +got):\n%s", diff)
	}
	for i := range st.V {
		st.V[i] /= 1.5 * 1.5
	}
	em = e.Emissions(st)
	want = []float64{e0[alpha] / 1.5, e0[beta] / 1.5, e0[gamma] / 1.5}
	if diff := cmp.Diff(want, em, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("emissions below the cap (-want +got):\n%s", diff)
	}
}

// TestJointControl checks that an environment policy of joint control cuts
// the target cities' emissions by its magnitude and lowers pollution in
// every city (the others receive less carried pollution).
func TestJointControl(t *testing.T) {
	const policy = `
[[policies]]
name = "joint"
kind = "environment"
form = "joint"
cities = ["Beta"]
magnitude = 0.4
`
	e0, st0 := world(t, "", "")
	e1, st1 := world(t, "", policy)
	e1.ApplyPolicies(st1, model.NewDraw(true, 1, 0, "policies"))
	em0, em1 := e0.Emissions(st0), e1.Emissions(st1)
	if want := 0.6 * em0[beta]; !near(want, em1[beta], 1e-12) {
		t.Errorf("Beta's emissions under joint control %v, want %v", em1[beta], want)
	}
	e0.Pollute(st0)
	e1.Pollute(st1)
	for c := 0; c < st0.N; c++ {
		if !(st1.Pollution[c] < st0.Pollution[c]) {
			t.Errorf("city %d: pollution %v under joint control in Beta, want below %v", c, st1.Pollution[c], st0.Pollution[c])
		}
	}
}

// TestPollutionSpread checks that the carried share is conserved: every
// source's kernel column sums to 1, so with no persistence the cluster's
// pollution equals its emissions, and with persistence p (and dt = 1) it is
// p × last year's plus emissions. The start is the steady state.
func TestPollutionSpread(t *testing.T) {
	for _, sets := range [][]string{
		{"environment.persistence=0"},
		{"environment.persistence=0.5", "environment.spread_share=1"},
		{"environment.spread_share=0"},
		{"environment.spread_hours=50"},
		{"environment.persistence=0.6", "dt=0.5"},
	} {
		t.Run(fmt.Sprint(sets), func(t *testing.T) {
			e, st := world(t, "", "", sets...)
			k, N := e.PollutionKernel(), st.N
			for j := 0; j < N; j++ {
				var col float64
				for c := 0; c < N; c++ {
					col += k[c*N+j]
				}
				if !near(1, col, 1e-6) { // float32 kernel
					t.Errorf("source %d: kernel column sums to %v, want 1", j, col)
				}
			}
			before := append([]float64(nil), st.Pollution...)
			em := e.Emissions(st)
			e.Pollute(st)
			if diff := cmp.Diff(before, st.Pollution, cmpopts.EquateApprox(1e-6, 0)); diff != "" {
				t.Errorf("pollution moved at the start (-want +got):\n%s", diff)
			}
			st.Pollution[alpha] += 1
			before = append([]float64(nil), st.Pollution...)
			e.Pollute(st)
			// A step of dt keeps persistence^dt of the index and adds the
			// matching share of the steady state of this year's emissions.
			p := e.Sc.Environment.Persistence
			keep := math.Pow(p, e.Sc.Dt)
			want := keep*sum(before) + (1-keep)/(1-p)*sum(em)
			if got := sum(st.Pollution); !near(want, got, 1e-6) {
				t.Errorf("cluster pollution %v, want %v × %v + %v × emissions %v = %v", got, keep, sum(before), (1-keep)/(1-p), sum(em), want)
			}
		})
	}
}

// TestKuznets checks the environmental Kuznets curve: when every city's
// output is multiplied by s (and so urban output per resident), emissions
// per unit output fall by s^−κ, so emissions are the start's times s^(1−κ).
func TestKuznets(t *testing.T) {
	tests := []struct {
		kappa string
		s     float64
		want  float64 // emissions over the start's
	}{
		{"0", 2, 2},
		{"1", 2, 1},
		{"1", 4, 1},
		{"2", 2, 0.5},
		{"0.5", 4, 2},
		{"1", 0.5, 1},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("kappa %s, output x%g", tt.kappa, tt.s), func(t *testing.T) {
			e, st := world(t, "", "", "environment.income_elasticity="+tt.kappa)
			before := append([]float64(nil), e.Emissions(st)...)
			for i := range st.V {
				st.V[i] *= tt.s
			}
			got := e.Emissions(st)
			for c := range got {
				if !near(tt.want*before[c], got[c], 1e-12) {
					t.Errorf("city %d: emissions %v, want %v × %v", c, got[c], tt.want, before[c])
				}
			}
		})
	}
}
