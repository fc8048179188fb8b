package facts

import (
	"context"
	"fmt"
	"math"

	"factorflow/model"
	"factorflow/sim"
)

// The national scenario starts at 20 % urbanisation (1980) and runs 70
// years; F1 and F3 read its path (F2 reads town-cluster, hierarchy.go).
const national = "national"

// chainCoreShare is the share of chain-sector output made in core cities.
func chainCoreShare(f *sim.Frame) float64 {
	st := f.State
	var core, all float64
	for c := 0; c < st.N; c++ {
		for s, sec := range f.Scenario.Sectors {
			if sec.Type != model.Chain {
				continue
			}
			v := st.V[c*st.S+s]
			all += v
			if isCore(f, c) {
				core += v
			}
		}
	}
	return ratio(core, all)
}

// primaryCities marks, in every region with core cities, its primary city:
// the core city with the most residents at the start (the scenario's
// population; the first listed on a tie).
func primaryCities(f *sim.Frame) []bool {
	cities := f.Scenario.Cities
	best := make(map[int]int, f.State.R)
	for c := range cities {
		if !isCore(f, c) {
			continue
		}
		r := f.CityRegion[c]
		if b, ok := best[r]; !ok || cities[c].Population > cities[b].Population {
			best[r] = c
		}
	}
	prim := make([]bool, len(cities))
	for _, c := range best {
		prim[c] = true
	}
	return prim
}

// primaryShare is the share of the core cities' output of sectors of type
// typ made in their regions' primary cities (primaryCities): F3's "moves to
// secondary and small cities" within the clusters.
func primaryShare(f *sim.Frame, typ model.SynergyType) float64 {
	st := f.State
	prim := primaryCities(f)
	var in, all float64
	for c := 0; c < st.N; c++ {
		if !isCore(f, c) {
			continue
		}
		for s, sec := range f.Scenario.Sectors {
			if sec.Type != typ {
				continue
			}
			v := st.V[c*st.S+s]
			all += v
			if prim[c] {
				in += v
			}
		}
	}
	return ratio(in, all)
}

// clusterShare is the share of the population living in the cities of the
// cluster regions — the regions with a core city (F1: "the major clusters'
// share of the national population").
func clusterShare(f *sim.Frame) float64 {
	st := f.State
	cluster := make([]bool, st.R)
	for c := 0; c < st.N; c++ {
		if isCore(f, c) {
			cluster[f.CityRegion[c]] = true
		}
	}
	var in, all float64
	for c := 0; c < st.N; c++ {
		p := st.CityPop(c)
		if cluster[f.CityRegion[c]] {
			in += p
		}
		all += p
	}
	for _, r := range st.Rural {
		all += r
	}
	return ratio(in, all)
}

// runNational runs the national scenario with the given probes.
func runNational(ctx context.Context, probes map[string]Probe) (*model.Scenario, *Series, error) {
	sc, err := load(ctx, national)
	if err != nil {
		return nil, nil, err
	}
	s, err := Run(ctx, sc, sim.Options{}, probes)
	return sc, s, err
}

// checkStages: F1.
func checkStages(ctx context.Context) (Result, error) {
	_, s, err := runNational(ctx, map[string]Probe{"cluster_share": clusterShare})
	if err != nil {
		return Result{}, err
	}
	u, share := s.Get("urbanisation"), s.Get("cluster_share")
	var r Result
	seen := map[string]bool{}
	for i := range u {
		seen[model.StageOf(u[i])] = true
	}
	for _, stage := range []string{model.StageInitiation, model.StageAgglomeration, model.StageSaturation} {
		r.cond(seen[stage], "the nation never reaches the %s stage (urbanisation %.1f %% → %.1f %%)", stage, 100*u[0], 100*u[len(u)-1])
	}
	// Speed = points of urbanisation a year.
	peak, peakAt := 0.0, 0.0
	for i := 1; i < len(u); i++ {
		if d := u[i] - u[i-1]; d > peak {
			peak, peakAt = d, u[i-1]
		}
	}
	r.cond(peakAt >= 0.3 && peakAt <= 0.7, "the fastest year starts at %.1f %% urbanisation (report: between 30 and 70 %%)", 100*peakAt)
	var above, n float64
	maxPast80 := 0.0
	for i := 1; i < len(u); i++ {
		if u[i-1] > 0.7 {
			above += u[i] - u[i-1]
			n++
		}
		if u[i-1] > 0.8 {
			maxPast80 = math.Max(maxPast80, u[i]-u[i-1])
		}
	}
	meanAbove := above / math.Max(n, 1)
	r.cond(n > 0 && meanAbove <= peak/2, "above 70 %% urbanisation grows %.2f points a year, more than half the peak %.2f", 100*meanAbove, 100*peak)
	r.cond(maxPast80 < 0.003, "past 80 %% urbanisation still grows %.2f points in a year (report: below 0.3)", 100*maxPast80)
	top := 0.0
	for _, x := range share {
		top = math.Max(top, x)
	}
	end := share[len(share)-1]
	// The report: "a maximum of 50 % to 60 % of a country's population
	// will reside in major city clusters, after which the rate will
	// flatten or gradually decline" — allow 2 points of decline.
	r.cond(top >= 0.5 && top <= 0.6, "the clusters' share of the population peaks at %.1f %% (report: 50–60 %%)", 100*top)
	r.cond(end >= top-0.02, "the clusters' share falls from %.1f %% to %.1f %% after its peak", 100*top, 100*end)
	r.Measured = fmt.Sprintf("urbanisation %.0f %% (%d) → %.0f %% (%d); fastest %.2f points/yr at %.0f %%; mean above 70 %%: %.2f; max past 80 %%: %.2f; clusters' share peaks at %.1f %%, ends at %.1f %%",
		100*u[0], s.Years[0], 100*u[len(u)-1], s.Years[len(u)-1], 100*peak, 100*peakAt, 100*meanAbove, 100*maxPast80, 100*top, 100*end)
	return r.finish(), nil
}

// checkDifferentiation: F3.
func checkDifferentiation(ctx context.Context) (Result, error) {
	probes := map[string]Probe{
		"chain_core_share":    chainCoreShare,
		"primary_chain_share": func(f *sim.Frame) float64 { return primaryShare(f, model.Chain) },
		"primary_cloud_share": func(f *sim.Frame) float64 { return primaryShare(f, model.Cloud) },
	}
	sc, s, err := runNational(ctx, probes)
	if err != nil {
		return Result{}, err
	}
	var r Result
	// Specialisation among cores by stage.
	byStage := map[string][]float64{}
	for i, x := range s.Get("specialisation") {
		st := model.StageOf(s.Get("urbanisation")[i])
		byStage[st] = append(byStage[st], x)
	}
	avg := func(x []float64) float64 {
		var t float64
		for _, v := range x {
			t += v
		}
		return t / math.Max(float64(len(x)), 1)
	}
	ini, agg, sat := avg(byStage[model.StageInitiation]), avg(byStage[model.StageAgglomeration]), avg(byStage[model.StageSaturation])
	r.cond(ini < agg && agg < sat, "specialisation among cores by stage %.3f, %.3f, %.3f (report: rising)", ini, agg, sat)
	first, last := 0, len(s.Years)-1
	cloud0, cloud1 := s.Get("core_cloud_share")[first], s.Get("core_cloud_share")[last]
	chain0, chain1 := s.Get("chain_core_share")[first], s.Get("chain_core_share")[last]
	r.cond(cloud1 > cloud0, "the cores' share of cloud output does not rise (%.3f → %.3f)", cloud0, cloud1)
	r.cond(chain1 < chain0, "chain manufacturing does not move out of the cores (their share %.3f → %.3f)", chain0, chain1)
	// Within the clusters (Exhibit 4: New York and Boston cloud,
	// Philadelphia chain with its hinterland): the primary city of each
	// cluster region, the largest at the start, keeps a growing share of
	// the clusters' cloud output while the chain output moves to the
	// secondary and small cities.
	pc0, pc1 := s.Get("primary_chain_share")[first], s.Get("primary_chain_share")[last]
	pd0, pd1 := s.Get("primary_cloud_share")[first], s.Get("primary_cloud_share")[last]
	r.cond(pc1 < pc0, "within the clusters chain manufacturing does not move out of the primary cities (their share of the cores' chain output %.3f → %.3f)", pc0, pc1)
	r.cond(pd1 > pd0, "within the clusters the primary cities' share of the cores' cloud output does not rise (%.3f → %.3f)", pd0, pd1)
	// The land channel on its own: cheaper land everywhere but in the
	// cores (equivalently, dearer core land) — every other lever equal.
	land, err := variant(ctx, national, "national-dear-core-land", landBody(sc))
	if err != nil {
		return Result{}, err
	}
	l, err := Run(ctx, land, sim.Options{}, map[string]Probe{"chain_core_share": chainCoreShare})
	if err != nil {
		return Result{}, err
	}
	lc := l.Get("chain_core_share")[last]
	r.cond(lc < chain1, "dearer core land does not lower the cores' chain share (%.3f vs %.3f)", lc, chain1)
	r.Measured = fmt.Sprintf("specialisation among cores: %.3f initiation, %.3f agglomeration, %.3f saturation; cores' cloud share %.2f → %.2f; cores' chain share %.2f → %.2f (%.2f with dearer core land); primary cities' share of the cores' cloud %.2f → %.2f, of their chain %.2f → %.2f",
		ini, agg, sat, cloud0, cloud1, chain0, chain1, lc, pd0, pd1, pc0, pc1)
	return r.finish(), nil
}

// landBody is a land_cost policy halving land costs in every non-core city.
func landBody(sc *model.Scenario) string {
	body := "[[policies]]\nname = \"land elsewhere\"\nkind = \"land_cost\"\nmagnitude = 0.5\ncities = ["
	first := true
	for _, c := range sc.Cities {
		if c.Role == model.Core {
			continue
		}
		if !first {
			body += ", "
		}
		body += fmt.Sprintf("%q", c.Name)
		first = false
	}
	return body + "]\n"
}
