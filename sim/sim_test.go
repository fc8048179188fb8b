package sim_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"

	"factorflow/model"
	"factorflow/scenarios"
	"factorflow/sim"
)

func load(t testing.TB, name string, sets ...string) *model.Scenario {
	t.Helper()
	sc, err := scenarios.Load(name, sets)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// trace records every number of every frame, to compare two runs.
func trace(t *testing.T, sc *model.Scenario, opt sim.Options) []float64 {
	t.Helper()
	var out []float64
	rec := sim.ObserverFunc(func(f *sim.Frame) error {
		st := f.State
		for g := range st.Pop {
			out = append(out, st.Pop[g]...)
		}
		out = append(out, st.V...)
		out = append(out, st.K...)
		out = append(out, st.Rural...)
		for k := range st.Flow {
			out = append(out, st.Flow[k]...)
		}
		out = f.Metrics.Values(out)
		return nil
	})
	if err := sim.Run(context.Background(), sc, opt, rec); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDeterminism: the same scenario and seed give bit-identical states
// and metrics in both modes; another seed gives a different stochastic run.
func TestDeterminism(t *testing.T) {
	for _, mode := range []string{"stochastic", "mean-field"} {
		t.Run(mode, func(t *testing.T) {
			sc := load(t, "teaching", "mode="+mode, "years=8")
			a, b := trace(t, sc, sim.Options{}), trace(t, sc, sim.Options{})
			if len(a) != len(b) {
				t.Fatalf("lengths differ: %d vs %d", len(a), len(b))
			}
			for i := range a {
				if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
					t.Fatalf("value %d differs: %v vs %v", i, a[i], b[i])
				}
			}
			if mode == "mean-field" {
				return
			}
			c := trace(t, load(t, "teaching", "mode="+mode, "years=8", "seed=2"), sim.Options{})
			same := true
			for i := range a {
				same = same && a[i] == c[i]
			}
			if same {
				t.Error("seed 2 gave the same run as seed 1")
			}
		})
	}
}

// TestShippedScenariosConserve runs every embedded scenario for 50 years in
// both modes with the conservation checks on.
func TestShippedScenariosConserve(t *testing.T) {
	for _, name := range scenarios.Names() {
		for _, mode := range []string{"stochastic", "mean-field"} {
			t.Run(name+"/"+mode, func(t *testing.T) {
				sc := load(t, name, "mode="+mode, "years=50")
				years := 0
				count := sim.ObserverFunc(func(*sim.Frame) error { years++; return nil })
				if err := sim.Run(context.Background(), sc, sim.Options{Check: true}, count); err != nil {
					t.Fatal(err)
				}
				if years != 51 {
					t.Errorf("observed %d frames, want 51", years)
				}
			})
		}
	}
}

// TestIndustrialLandRuns: with firms' land demand in the land market
// (production.industrial_land 0.25) the teaching and Jing-Jin-Ji scenarios
// run 50 years in both modes with the conservation checks on, and each run
// repeats bit for bit.
func TestIndustrialLandRuns(t *testing.T) {
	for _, name := range []string{"teaching", "jing-jin-ji"} {
		for _, mode := range []string{"stochastic", "mean-field"} {
			t.Run(name+"/"+mode, func(t *testing.T) {
				sc := load(t, name, "mode="+mode, "years=50", "production.industrial_land=0.25")
				a, b := trace(t, sc, sim.Options{Check: true}), trace(t, sc, sim.Options{})
				if len(a) != len(b) {
					t.Fatalf("lengths differ: %d vs %d", len(a), len(b))
				}
				for i := range a {
					if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
						t.Fatalf("value %d differs: %v vs %v", i, a[i], b[i])
					}
				}
			})
		}
	}
}

// TestCheckReportsViolation: people removed inside the migration stage
// are reported with year, stage, city and quantity; capital removed inside
// the firm stage too.
func TestCheckReportsViolation(t *testing.T) {
	tests := []struct {
		stage, quantity string
		breakIt         func(st *model.State)
	}{
		{"migration", "people", func(st *model.State) { st.Pop[model.WorkerLocal][1] -= 1000 }},
		{"firms", "capital", func(st *model.State) { st.Firms[0].K *= 0.5 }},
	}
	for _, tt := range tests {
		t.Run(tt.stage, func(t *testing.T) {
			sc := load(t, "teaching", "mode=mean-field", "years=3")
			opt := sim.Options{Check: true, AfterStage: func(stage string, st *model.State) {
				if stage == tt.stage && st.Year == sc.StartYear+2 {
					tt.breakIt(st)
				}
			}}
			err := sim.Run(context.Background(), sc, opt)
			var ce *sim.ConservationError
			if !errors.As(err, &ce) {
				t.Fatalf("got %v, want a ConservationError", err)
			}
			if ce.Year != sc.StartYear+2 || ce.Stage != tt.stage || ce.Quantity != tt.quantity {
				t.Errorf("got %+v", ce)
			}
		})
	}
}

// TestNonFiniteStopsRun: a NaN in the state stops the run naming year,
// city and variable.
func TestNonFiniteStopsRun(t *testing.T) {
	sc := load(t, "teaching", "mode=mean-field", "years=5")
	s, err := sim.New(sc, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Frame().State.Education[2] = math.NaN()
	s.Economy().Sc.Mechanisms.Fiscal = false
	s.Economy().Sc.Mechanisms.Migration = false
	err = s.Step()
	var nf *sim.NonFiniteError
	if !errors.As(err, &nf) {
		t.Fatalf("got %v, want a NonFiniteError", err)
	}
	if nf.City != sc.Cities[2].Name || nf.Variable != "education" || nf.Year != sc.StartYear+1 {
		t.Errorf("got %+v", nf)
	}
}

// TestMechanismSwitches: with every mechanism off, nothing changes.
func TestMechanismSwitches(t *testing.T) {
	sets := []string{"mode=mean-field", "years=3"}
	for _, m := range []string{"policies", "transport", "production", "prices", "fiscal", "knowledge", "migration", "investment", "firms", "environment", "demography"} {
		sets = append(sets, "mechanisms."+m+"=false")
	}
	sc := load(t, "teaching", sets...)
	var pops []float64
	rec := sim.ObserverFunc(func(f *sim.Frame) error {
		pops = append(pops, f.Metrics.Population, f.Metrics.Output)
		return nil
	})
	if err := sim.Run(context.Background(), sc, sim.Options{Check: true}, rec); err != nil {
		t.Fatal(err)
	}
	for i := 2; i < len(pops); i += 2 {
		if pops[i] != pops[0] || pops[i+1] != pops[1] {
			t.Fatalf("frame %d: population %v output %v, want %v %v", i/2, pops[i], pops[i+1], pops[0], pops[1])
		}
	}
}

func ExampleRun() {
	sc, err := scenarios.Load("teaching", []string{"mode=mean-field", "years=5"})
	if err != nil {
		panic(err)
	}
	last := sim.ObserverFunc(func(f *sim.Frame) error {
		if f.Year == sc.StartYear+5 {
			fmt.Printf("%d: %s, urbanisation above 60%%: %v\n", f.Year, f.Metrics.Stage, f.Metrics.Urbanisation > 0.6)
		}
		return nil
	})
	if err := sim.Run(context.Background(), sc, sim.Options{}, last); err != nil {
		panic(err)
	}
	// Output:
	// 2025: agglomeration, urbanisation above 60%: true
}
