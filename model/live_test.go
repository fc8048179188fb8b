package model_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"factorflow/model"
)

// TestLivePolicy adds a people-barrier policy to a running economy in 2021
// (from 2022) and checks the lever year by year and the cost slot.
func TestLivePolicy(t *testing.T) {
	const R = 2
	e, st := world(t, "", "")
	d := model.NewDraw(true, 1, 0, "policies")
	var got []float64
	for y := 2020; y <= 2025; y++ {
		st.Year = y
		clear(st.PolicyCost)
		e.ApplyPolicies(st, d)
		got = append(got, e.Levers.Barrier[model.BarrierPeople][north*R+south])
		switch y {
		case 2021:
			p := model.Policy{Name: "live", Kind: model.PolicyBarrier, Factor: "people", Magnitude: 0.5, UnitCost: 10}
			if err := e.AddPolicy(st, p); err != nil {
				t.Fatal(err)
			}
			if n := len(st.PolicyCost); n != len(e.Sc.Policies) || n != 1 {
				t.Fatalf("%d cost slots for %d policies, want 1", n, len(e.Sc.Policies))
			}
			if e.Sc.Policies[0].Start != 2022 {
				t.Errorf("start %d, want 2022", e.Sc.Policies[0].Start)
			}
		case 2022:
			if st.PolicyCost[0] != 5 {
				t.Errorf("2022 cost %g, want 10 × 0.5 = 5", st.PolicyCost[0])
			}
		}
	}
	want := []float64{0.8, 0.8, 0.4, 0.4, 0.4, 0.4}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("people barrier 2020-2025 (-want +got):\n%s", diff)
	}
}

// TestLiveErrors checks that a bad live policy is refused and leaves the
// economy as it was.
func TestLiveErrors(t *testing.T) {
	e, st := world(t, "", "")
	st.Year = 2021
	tests := []struct {
		name string
		p    model.Policy
	}{
		{"past start", model.Policy{Name: "p", Kind: model.PolicyHukou, Start: 2021}},
		{"unknown city", model.Policy{Name: "p", Kind: model.PolicyHukou, Cities: []string{"Atlantis"}}},
		{"unknown region", model.Policy{Name: "p", Kind: model.PolicyBarrier, Regions: []string{"Mu"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := e.AddPolicy(st, tt.p); err == nil {
				t.Error("no error")
			}
			if len(e.Sc.Policies) != 0 || len(st.PolicyCost) != 0 {
				t.Errorf("%d policies and %d cost slots after a refusal, want 0", len(e.Sc.Policies), len(st.PolicyCost))
			}
		})
	}
}

// TestAdjustBase lowers the base hukou penalty of one city while a hukou
// policy is in force: the policy's cut applies on top of the new base.
func TestAdjustBase(t *testing.T) {
	e, st := world(t, "", policyTOML("hukou", 2020, 0, `cities = ["Alpha"]`))
	d := model.NewDraw(true, 1, 0, "policies")
	st.Year = 2020
	e.ApplyPolicies(st, d)
	e.AdjustBase(func(b *model.Levers) { b.HukouPenalty[alpha] = 0.2 })
	if got := e.Levers.HukouPenalty[alpha]; got != 0.1 {
		t.Errorf("penalty %g, want 0.2 halved = 0.1", got)
	}
	if got := e.Levers.HukouPenalty[beta]; got != 0.6 {
		t.Errorf("Beta's penalty %g, want 0.6", got)
	}
}
