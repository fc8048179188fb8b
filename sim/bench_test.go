package sim_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"factorflow/model"
	"factorflow/sim"
)

// synthetic returns a scenario of n cities in 10 regions, with the eight
// sectors of the teaching scenario, cities scattered over a 600 km square
// with Zipf-like populations and about 50 firms each.
func synthetic(b *testing.B, n int, mode string) *model.Scenario {
	sc := load(b, "teaching", "mode="+mode, "years=500", "migration.calibrate=false")
	rng := rand.New(rand.NewPCG(7, uint64(n)))
	sc.Regions = sc.Regions[:0]
	for r := 0; r < 10; r++ {
		sc.Regions = append(sc.Regions, model.Region{Name: fmt.Sprintf("R%d", r), Rural: 2e6, RuralWage: 0.012,
			FarmFloor: 0.08, FloorDecline: 0.01, FarmGrowth: 0.03, Steepness: 0.5, Outflow: -1})
	}
	template := sc.Cities[0]
	sc.Cities = sc.Cities[:0]
	for c := 0; c < n; c++ {
		ct := template
		ct.Name = fmt.Sprintf("C%d", c)
		ct.Region = fmt.Sprintf("R%d", c%10)
		ct.Lat, ct.Lon = 35+5*rng.Float64(), 115+6*rng.Float64()
		ct.Population = 1e7 / float64(c+1)
		ct.Output = ct.Population * 0.08
		ct.Role = model.Hinterland
		if c < 2 {
			ct.Role = model.Core
		}
		sc.Cities = append(sc.Cities, ct)
	}
	sc.Policies = nil
	return sc
}

func benchStep(b *testing.B, n int, mode string) {
	benchSteps(b, synthetic(b, n, mode))
}

// benchSteps times the steps of sc once its buffers have reached a steady
// state.
func benchSteps(b *testing.B, sc *model.Scenario) {
	s, err := sim.New(sc, sim.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 3; i++ { // reach a steady state of buffers
		if err := s.Step(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.Step(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStep13(b *testing.B)            { benchStep(b, 13, "stochastic") }
func BenchmarkStep100(b *testing.B)           { benchStep(b, 100, "stochastic") }
func BenchmarkStep1000(b *testing.B)          { benchStep(b, 1000, "stochastic") }
func BenchmarkStep5000(b *testing.B)          { benchStep(b, 5000, "stochastic") }
func BenchmarkStepMeanField13(b *testing.B)   { benchStep(b, 13, "mean-field") }
func BenchmarkStepMeanField100(b *testing.B)  { benchStep(b, 100, "mean-field") }
func BenchmarkStepMeanField1000(b *testing.B) { benchStep(b, 1000, "mean-field") }
func BenchmarkStepMeanField5000(b *testing.B) { benchStep(b, 5000, "mean-field") }

// BenchmarkStepPolicies: a Jing-Jin-Ji step with every policy kind of the
// what-ifs in force allocates no more than one without.
func BenchmarkStepPolicies(b *testing.B) {
	sc := load(b, "jing-jin-ji", "mode=mean-field", "years=500")
	for _, n := range []string{"jjj-pyramid-1-barrier", "jjj-pyramid-2-auxiliary", "jjj-pyramid-3-supportive",
		"jjj-pyramid-4-incentive", "jjj-pyramid-5-subsidy", "jjj-hukou-reform", "jjj-benefit-sharing", "jjj-park-enclave", "jjj-pollution-joint"} {
		v := load(b, n)
		sc.Policies = append(sc.Policies, v.Policies...)
	}
	for i := range sc.Policies {
		sc.Policies[i].Name = fmt.Sprint("p", i)
	}
	benchSteps(b, sc)
}

// BenchmarkStepIndustrialLand100 is BenchmarkStep100 with the firms' land
// demand in the land market (production.industrial_land 0.25): one Newton
// solve per city and step more, and no allocation.
func BenchmarkStepIndustrialLand100(b *testing.B) {
	sc := synthetic(b, 100, "stochastic")
	sc.Production.IndustrialLand = 0.25
	benchSteps(b, sc)
}
