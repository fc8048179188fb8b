package model_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"factorflow/model"
)

// TestAgeMeanField checks that in mean-field mode every group of every city
// grows by urban × dt and every hinterland by rural × dt, and that Births is
// the net change.
func TestAgeMeanField(t *testing.T) {
	tests := [][]string{
		{"demography.urban=0.004", "demography.rural=0.006"},
		{"demography.urban=-0.02", "demography.rural=-0.05"},
		{"demography.urban=0.03", "demography.rural=-0.01", "dt=0.5"},
		{"demography.urban=0", "demography.rural=0"},
	}
	for _, sets := range tests {
		t.Run(fmt.Sprint(sets), func(t *testing.T) {
			e, st := world(t, "", "", sets...)
			p, dt := e.Sc.Demography, e.Sc.Dt
			var want [model.NumGroups][]float64
			for g := range want {
				for _, n := range st.Pop[g] {
					want[g] = append(want[g], n*(1+p.Urban*dt))
				}
			}
			var wantRural []float64
			for _, n := range st.Rural {
				wantRural = append(wantRural, n*(1+p.Rural*dt))
			}
			before := totalPeople(st)
			e.Age(st, model.NewDraw(true, 1, 0, "demography"))
			approx := cmpopts.EquateApprox(1e-12, 0)
			if diff := cmp.Diff(want, st.Pop, approx); diff != "" {
				t.Errorf("residents (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantRural, st.Rural, approx); diff != "" {
				t.Errorf("hinterlands (-want +got):\n%s", diff)
			}
			if net := totalPeople(st) - before; math.Abs(net-st.Births) > 1e-6 {
				t.Errorf("Births = %v, want the net change %v", st.Births, net)
			}
		})
	}
}

// TestAgeStochastic checks that stochastic growth adds (or removes, for
// negative rates) whole persons, near rate × dt × population (5 standard
// deviations: false-failure rate ~6e-7 per group and city), and that
// Births is the net change.
func TestAgeStochastic(t *testing.T) {
	for _, rate := range []string{"0.01", "-0.03"} {
		t.Run("rate "+rate, func(t *testing.T) {
			e, st := world(t, "", "", "mode=stochastic", "demography.urban="+rate, "demography.rural="+rate)
			r := e.Sc.Demography.Urban
			var pop [model.NumGroups][]float64
			for g := range pop {
				pop[g] = append([]float64(nil), st.Pop[g]...)
			}
			before := totalPeople(st)
			e.Age(st, model.NewDraw(false, 4, 0, "demography"))
			for g := range pop {
				for c, n := range pop[g] {
					change := st.Pop[g][c] - n
					sd := math.Sqrt(n * math.Abs(r) * (1 - math.Abs(r)))
					if change != math.Trunc(change) || math.Abs(change-r*n) > 5*sd || change*r < 0 {
						t.Errorf("group %d, city %d: change %v, want a whole number near %v ± %v", g, c, change, r*n, 5*sd)
					}
				}
			}
			if net := totalPeople(st) - before; net != st.Births {
				t.Errorf("Births = %v, want the net change %v", st.Births, net)
			}
			if r < 0 && !(totalPeople(st) < before) {
				t.Errorf("population %v after a negative rate, want below %v", totalPeople(st), before)
			}
		})
	}
}

// TestGraduate checks in mean-field mode that each city turns a share
// graduation·dt·(education/100,000)·residents/workers of its workers, of
// each registration, into talent of the same registration (at most all of
// them), and that nobody is created or destroyed.
func TestGraduate(t *testing.T) {
	tests := []struct {
		name string
		sets []string
	}{
		{"off", []string{"demography.graduation=0"}},
		{"four-year programmes", []string{"demography.graduation=0.25"}},
		{"half-year step", []string{"demography.graduation=0.25", "dt=0.5"}},
		{"more seats than workers", []string{"demography.graduation=1", "cities.Alpha.education=1e5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, st := world(t, "", "", tt.sets...)
			var want [model.NumGroups][]float64
			for g := range want {
				want[g] = append([]float64(nil), st.Pop[g]...)
			}
			rate := e.Sc.Demography.Graduation * e.Sc.Dt
			for c := 0; c < st.N; c++ {
				p := math.Min(1, rate*st.Education[c]/1e5*st.CityPop(c)/st.CitySkill(c, model.Worker))
				for _, s := range []model.Status{model.LocalHukou, model.NonLocal} {
					n := p * st.Pop[model.GroupOf(model.Worker, s)][c]
					want[model.GroupOf(model.Worker, s)][c] -= n
					want[model.GroupOf(model.Talent, s)][c] += n
				}
			}
			before := totalPeople(st)
			e.Graduate(st, model.NewDraw(true, 1, 0, "demography"))
			if diff := cmp.Diff(want, st.Pop, cmpopts.EquateApprox(1e-12, 1e-9)); diff != "" {
				t.Errorf("residents (-want +got):\n%s", diff)
			}
			if after := totalPeople(st); math.Abs(after-before) > 1e-6 {
				t.Errorf("people %v before, %v after", before, after)
			}
		})
	}
}

// TestGraduateStochastic checks that stochastic graduation moves whole
// persons from workers to talent and creates nobody.
func TestGraduateStochastic(t *testing.T) {
	e, st := world(t, "", "", "demography.graduation=0.25")
	before := totalPeople(st)
	talent := make([]float64, st.N)
	for c := range talent {
		talent[c] = st.CitySkill(c, model.Talent)
	}
	e.Graduate(st, model.NewDraw(false, 1, 0, "demography"))
	for c := 0; c < st.N; c++ {
		gain := st.CitySkill(c, model.Talent) - talent[c]
		if gain <= 0 || gain != math.Round(gain) {
			t.Errorf("city %d: %v new talent, want a positive whole number", c, gain)
		}
	}
	if after := totalPeople(st); after != before {
		t.Errorf("people %v before, %v after", before, after)
	}
}
