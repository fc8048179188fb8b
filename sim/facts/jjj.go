package facts

import (
	"context"
	"fmt"
	"math"

	"factorflow/model"
	"factorflow/sim"
)

// The Jing-Jin-Ji facts compare the baseline with its shipped what-ifs,
// from 2016 (their policies' start) to the horizons below, in mean-field
// mode: expected values, so the differences are exact and need no
// replications (F9 adds stochastic replications: checkMarket).
const (
	startYear = 2015
	horizon20 = 2035 // "20 years" (F5)
	horizon   = 2050 // the scenarios' end
	discount  = 0.03 // F7: one discount rate for every cost and gain
)

// probes used by the Jing-Jin-Ji facts.
var jjjProbes = map[string]Probe{
	// Share of the cores' capital flows (new investment, their own city
	// included, and relocated firms' capital) that lands in hinterland cities.
	"core_invest_hinterland": func(f *sim.Frame) float64 {
		to, all := flowCoreTo(f, model.FlowCapital, func(j int) bool { return !isCore(f, j) })
		return ratio(to, all)
	},
	// Firms relocating from core to hinterland cities in the year.
	"firms_core_to_hinterland": func(f *sim.Frame) float64 {
		to, _ := flowCoreTo(f, model.FlowFirms, func(j int) bool { return !isCore(f, j) })
		return to
	},
	// People arriving in core cities from other cities and hinterlands.
	"migration_into_cores": func(f *sim.Frame) float64 {
		var in float64
		for j := 0; j < f.State.N; j++ {
			if isCore(f, j) {
				in += arrivals(f, j)
			}
		}
		return in
	},
}

// hinterlandSteelCapital is the capital of the steel sector in hinterland
// cities (F7's restructuring).
func hinterlandSteelCapital(f *sim.Frame) float64 {
	s := sectorIndex(f, "steel")
	if s < 0 {
		return 0
	}
	var k float64
	for c := 0; c < f.State.N; c++ {
		if !isCore(f, c) {
			k += f.State.K[c*f.State.S+s]
		}
	}
	return k
}

func sectorIndex(f *sim.Frame, name string) int {
	for i, s := range f.Sectors {
		if s == name {
			return i
		}
	}
	return -1
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// checkSynergy: F4.
func checkSynergy(ctx context.Context) (Result, error) {
	runs, err := runAll(ctx, sim.Options{Synergy: true}, nil, "jing-jin-ji", "jjj-boswash-transport", "jjj-pyramid-1-barrier")
	if err != nil {
		return Result{}, err
	}
	base, dense, open := runs["jing-jin-ji"], runs["jjj-boswash-transport"], runs["jjj-pyramid-1-barrier"]
	var r Result
	minGain, minLinks := math.Inf(1), math.Inf(1)
	for i := range base.Years {
		minGain = math.Min(minGain, base.Get("synergy_gain")[i])
		minLinks = math.Min(minLinks, base.Get("synergy_links")[i])
	}
	// Positive in every year, in total and from links alone: "1 + 1 > 2"
	// must not hinge on the extra urbanisation the cluster attracts.
	r.cond(minGain > 0, "synergy gain not positive every year (min %.4f)", minGain)
	r.cond(minLinks > 0, "links-only synergy gain not positive every year (min %.4f)", minLinks)
	g := func(s *Series) float64 { return mean(s, "synergy_gain", startYear+1, horizon) }
	l := func(s *Series) float64 { return mean(s, "synergy_links", startYear+1, horizon) }
	// Transport to BosWash's density (0.13 km/km² of highway against
	// 0.04) and a halved barrier must each raise the synergy gain. The
	// links-only gain is reported beside it: MODEL.md section 8 warns that
	// the total is partly the extra urbanisation the cluster attracts.
	r.cond(g(dense) > g(base), "denser transport does not raise the synergy gain (%.4f vs %.4f)", g(dense), g(base))
	r.cond(g(open) > g(base), "a lower barrier does not raise the synergy gain (%.4f vs %.4f)", g(open), g(base))
	r.Measured = fmt.Sprintf("synergy gain, mean 2016–50 (links only): base %.2f %% (%.2f %%), BosWash density %.2f %% (%.2f %%), barrier halved %.2f %% (%.2f %%)",
		100*g(base), 100*l(base), 100*g(dense), 100*l(dense), 100*g(open), 100*l(open))
	return r.finish(), nil
}

// checkCliff: F5.
func checkCliff(ctx context.Context) (Result, error) {
	base, err := runAll(ctx, sim.Options{}, jjjProbes, "jing-jin-ji")
	if err != nil {
		return Result{}, err
	}
	b := base["jing-jin-ji"]
	// The paired run lowers the barriers on what the report says does not
	// spill over to Hebei: investment and knowledge (section 4.2).
	open, err := variant(ctx, "jing-jin-ji", "jjj-open-capital-knowledge", `
[[policies]]
name = "capital"
kind = "barrier"
factor = "capital"
start = 2016
magnitude = 0.5
[[policies]]
name = "knowledge"
kind = "barrier"
factor = "knowledge"
start = 2016
magnitude = 0.5
`)
	if err != nil {
		return Result{}, err
	}
	o, err := Run(ctx, open, sim.Options{}, jjjProbes)
	if err != nil {
		return Result{}, err
	}
	var r Result
	minCliff := math.Inf(1)
	for i, y := range b.Years {
		if y <= horizon20 {
			minCliff = math.Min(minCliff, b.Get("cliff")[i])
		}
	}
	r.cond(minCliff > 2.5, "cliff falls to %.2f before %d (report: above 2.5 for 20 years)", minCliff, horizon20)
	invest := mean(b, "core_invest_hinterland", startYear+1, horizon20)
	// "Little": Hebei holds over half the cluster's urban people; with
	// free-flowing capital its cities would draw about that share of the
	// cores' investment. Less than a quarter is little.
	r.cond(invest < 0.25, "the cores send %.0f %% of their investment to the hinterland (little: < 25 %%)", 100*invest)
	bc, oc := b.At("cliff", horizon20), o.At("cliff", horizon20)
	bh, oh := b.At("hinterland_output", horizon20), o.At("hinterland_output", horizon20)
	oinv := mean(o, "core_invest_hinterland", startYear+1, horizon20)
	r.cond(oc < bc, "lower barriers do not lower the cliff in %d (%.3f vs %.3f)", horizon20, oc, bc)
	r.cond(oh > bh, "lower barriers do not raise Hebei's output in %d (%.4g vs %.4g)", horizon20, oh, bh)
	r.cond(oinv > invest, "lower barriers do not raise the cores' investment share to Hebei (%.3f vs %.3f)", oinv, invest)
	r.Measured = fmt.Sprintf("cliff ≥ %.2f to %d; cores' investment to Hebei %.1f %%; barriers on capital and knowledge halved: cliff %d %.3f → %.3f, Hebei output %+.1f %%, investment share %.1f %%",
		minCliff, horizon20, 100*invest, horizon20, bc, oc, 100*(oh/bh-1), 100*oinv)
	return r.finish(), nil
}

// checkHukou: F6.
func checkHukou(ctx context.Context) (Result, error) {
	runs, err := runAll(ctx, sim.Options{}, jjjProbes, "jing-jin-ji", "jjj-hukou-reform")
	if err != nil {
		return Result{}, err
	}
	tight, err := variant(ctx, "jing-jin-ji", "jjj-hukou-tightened", `
[[policies]]
name = "tighter hukou"
kind = "hukou"
cities = ["Beijing", "Tianjin"]
start = 2016
magnitude = -0.5
`)
	if err != nil {
		return Result{}, err
	}
	t, err := Run(ctx, tight, sim.Options{}, jjjProbes)
	if err != nil {
		return Result{}, err
	}
	b, relax := runs["jing-jin-ji"], runs["jjj-hukou-reform"]
	in := func(s *Series) float64 { return total(s, "migration_into_cores", startYear, horizon20) }
	gap := func(s *Series) float64 { return mean(s, "education_gap", startYear+1, horizon20) }
	var r Result
	r.cond(in(relax) > in(b), "relaxing hukou does not raise migration into the cores (%.4g vs %.4g)", in(relax), in(b))
	r.cond(gap(relax) < gap(b), "relaxing hukou does not lower the service-access gap (%.0f vs %.0f)", gap(relax), gap(b))
	r.cond(in(t) < in(b), "tightening hukou does not lower migration into the cores (%.4g vs %.4g)", in(t), in(b))
	r.cond(gap(t) > gap(b), "tightening hukou does not raise the service-access gap (%.0f vs %.0f)", gap(t), gap(b))
	r.Measured = fmt.Sprintf("migration into the cores 2016–35: %+.1f %% relaxed, %+.1f %% tightened; service gap (seats/100k): %.0f base, %.0f relaxed, %.0f tightened",
		100*(in(relax)/in(b)-1), 100*(in(t)/in(b)-1), gap(b), gap(relax), gap(t))
	return r.finish(), nil
}

// pyramid lists the five levels' what-ifs, base to top.
var pyramid = []string{"jjj-pyramid-1-barrier", "jjj-pyramid-2-auxiliary", "jjj-pyramid-3-supportive", "jjj-pyramid-4-incentive", "jjj-pyramid-5-subsidy"}

// checkPyramid: F7.
func checkPyramid(ctx context.Context) (Result, error) {
	barrier, err := load(ctx, pyramid[0])
	if err != nil {
		return Result{}, err
	}
	probes := map[string]Probe{"hinterland_steel_capital": hinterlandSteelCapital}
	for r, reg := range barrier.Regions {
		probes["revenue "+reg.Name] = func(f *sim.Frame) float64 { return regionRevenue(f, r) }
	}
	// The baseline runs once, to steelYears: the leverages read it to the
	// horizon, the restructuring past it (its first years are the same as
	// a run that stops at the horizon).
	b, err := runLong(ctx, "jing-jin-ji", probes)
	if err != nil {
		return Result{}, err
	}
	runs, err := runAll(ctx, sim.Options{}, probes, pyramid...)
	if err != nil {
		return Result{}, err
	}
	gainBase := discounted(b, "output", startYear, horizon, discount)
	lev := make([]float64, len(pyramid))
	gain := func(n string) float64 { return discounted(runs[n], "output", startYear, horizon, discount) - gainBase }
	// Barrier removal is charged MODEL.md F7's cost model literally: the
	// compensation that keeps each region's tax share at its baseline,
	// measured against the paired baseline run (docs/calibration.md,
	// section 4, "Which cost F7 asserts on"). The other levels' costs are
	// their cash outlays, as the model books them.
	comp := shareCompensation(b, runs[pyramid[0]], barrier, startYear, horizon, discount)
	measured := "leverage (discounted output gained / discounted fiscal cost, 3 %, 2016–50):"
	var r Result
	for i, n := range pyramid {
		cost := discounted(runs[n], "policy_cost", startYear, horizon, discount)
		if i == 0 {
			cost = comp
		}
		// The issue asks for every level at the same fiscal budget: the
		// magnitudes of levels 2-5 are tuned to level 1's cost; 1 % is
		// the tuning's tolerance, well inside the leverages' differences.
		r.cond(math.Abs(cost/comp-1) < 0.01, "level %d's cost %.4g is not within 1 %% of the common budget %.4g (retune its magnitude: jjj-pyramid-1-barrier.toml's header)", i+1, cost, comp)
		lev[i] = gain(n) / cost
		measured += fmt.Sprintf(" %d %.2f (cost %.4g);", i+1, lev[i], cost)
	}
	for i := 1; i < len(lev); i++ {
		r.cond(lev[0] > lev[i], "barrier removal's leverage %.3f is not above level %d's %.3f", lev[0], i+1, lev[i])
		if i < len(lev)-1 {
			r.cond(lev[4] < lev[i], "subsidy's leverage %.3f is not below level %d's %.3f", lev[4], i+1, lev[i])
		}
	}
	r.cond(lev[4] < 1, "subsidy's leverage %.3f is not below 1", lev[4])
	// Restructuring: years until the hinterland's steel capital halves,
	// with the subsidy and without. Both runs go on past the horizon (to
	// steelYears) so that the years are measured, not cut off at 2050: the
	// subsidy runs "to the end of the run", so it stays a long one.
	sub, err := runLong(ctx, "jjj-steel-subsidy", probes)
	if err != nil {
		return Result{}, err
	}
	hb, kb := steelHalving(b)
	hs, ks := steelHalving(sub)
	r.cond(hs > hb, "the steel subsidy does not delay restructuring (steel capital halves after %s with it, %s without)", years(hs), years(hb))
	// Reported, not asserted: the barrier's cost as the model books it
	// inside the run, which has no baseline at hand (the tax of the firms
	// that crossed the opened boundary because the policy opened it).
	inRun := discounted(runs[pyramid[0]], "policy_cost", startYear, horizon, discount)
	r.Measured = measured + fmt.Sprintf(" Hebei's steel capital halves after %s without subsidy, %s with it (2050/2015: %.2f, %.2f with subsidy); barrier removal at the cost the run books (compensation for the firms it moved): cost %.4g, leverage %.2f",
		years(hb), years(hs), kb, ks, inRun, gain(pyramid[0])/inRun)
	return r.finish(), nil
}

// steelYears is how long F7's baseline and steel-subsidy runs go
// (2015-2080).
const steelYears = 65

// runLong runs the embedded scenario name for steelYears.
func runLong(ctx context.Context, name string, probes map[string]Probe) (*Series, error) {
	sc, err := load(ctx, name, fmt.Sprint("years=", steelYears))
	if err != nil {
		return nil, err
	}
	return Run(ctx, sc, sim.Options{}, probes)
}

// steelHalving returns the years until the hinterland's steel capital
// halves in s (math.MaxInt if it does not) and its horizon/start ratio.
func steelHalving(s *Series) (n int, atHorizon float64) {
	k := s.Get("hinterland_steel_capital")
	n = math.MaxInt
	for i, y := range s.Years {
		if k[i] <= k[0]/2 && n == math.MaxInt {
			n = y - s.Years[0]
		}
		if y == horizon {
			atHorizon = k[i] / k[0]
		}
	}
	return n, atHorizon
}

// regionRevenue is the fiscal revenue of region r's cities in the frame's
// year.
func regionRevenue(f *sim.Frame, r int) float64 {
	var x float64
	for c, rc := range f.CityRegion {
		if rc == r {
			x += f.State.Revenue[c]
		}
	}
	return x
}

// shareCompensation is the discounted cost of a barrier-removal run pol
// under MODEL.md F7's cost model, against the baseline run base: each
// year, the transfers that lift every region's share of the regions' tax
// revenue back to its share in the baseline run that year,
// Σ_r max(0, s_r^base · R^pol − R_r^pol), plus the administrative cost of
// the scenario's barrier policies (unit_cost × the share removed, a year,
// as the model charges it). Revenues come from the "revenue <region>"
// probes.
func shareCompensation(base, pol *Series, sc *model.Scenario, from, to int, rate float64) float64 {
	R := len(sc.Regions)
	keys := make([]string, R)
	for r, reg := range sc.Regions {
		keys[r] = "revenue " + reg.Name
	}
	rb, rp := make([]float64, R), make([]float64, R) // the year's revenues by region
	var sum float64
	for i, y := range pol.Years {
		if y <= from || y > to {
			continue
		}
		var tb, tp float64
		for r, k := range keys {
			rb[r], rp[r] = base.At(k, y), pol.Get(k)[i]
			tb += rb[r]
			tp += rp[r]
		}
		var x float64
		for r := range keys {
			x += math.Max(0, rb[r]/tb*tp-rp[r])
		}
		for _, p := range sc.Policies {
			start := p.Start
			if start == 0 {
				start = sc.StartYear
			}
			if p.Kind == model.PolicyBarrier && y >= start && (p.End == 0 || y <= p.End) {
				x += p.UnitCost * math.Min(p.Magnitude, 1)
			}
		}
		sum += x / math.Pow(1+rate, float64(y-from))
	}
	return sum
}

func years(n int) string {
	if n == math.MaxInt {
		return "more than the run"
	}
	return fmt.Sprintf("%d years", n)
}

// checkPath: F8.
func checkPath(ctx context.Context) (Result, error) {
	// Industrial coordination: the three co-built parks of the report
	// (incubation, duplication, enclave) together, with and without
	// transport raised to BosWash's density.
	var industry []model.Policy
	for _, n := range []string{"jjj-park-incubation", "jjj-park-duplication", "jjj-park-enclave"} {
		sc, err := load(ctx, n)
		if err != nil {
			return Result{}, err
		}
		industry = append(industry, sc.Policies...)
	}
	lo, err := load(ctx, "jing-jin-ji")
	if err != nil {
		return Result{}, err
	}
	hi, err := load(ctx, "jjj-boswash-transport")
	if err != nil {
		return Result{}, err
	}
	loInd, hiInd := *lo, *hi
	loInd.Policies = append(append([]model.Policy(nil), lo.Policies...), industry...)
	hiInd.Policies = append(append([]model.Policy(nil), hi.Policies...), industry...)
	out := map[string]float64{}
	for name, sc := range map[string]*model.Scenario{"lo": lo, "hi": hi, "loInd": &loInd, "hiInd": &hiInd} {
		s, err := Run(ctx, sc, sim.Options{}, nil)
		if err != nil {
			return Result{}, err
		}
		out[name] = discounted(s, "output", startYear, horizon, discount)
	}
	gLo, gHi := out["loInd"]-out["lo"], out["hiInd"]-out["hi"]
	var r Result
	r.cond(gHi > gLo, "the co-built parks gain no more with dense transport (%.4g vs %.4g)", gHi, gLo)
	r.Measured = fmt.Sprintf("discounted output gained by the three co-built parks together: %.4g at Jing-Jin-Ji's density, %.4g at BosWash's", gLo, gHi)
	return r.finish(), nil
}

// marketReps is the number of stochastic replications of F9: relocation is
// a discrete choice of few firms (about 20 from the cores to Hebei in 35
// years), so its expected rate is measured over many histories; 40 resolve
// the enclave park's effect (about one firm) from zero.
const marketReps = 40

// checkMarket: F9, over marketReps stochastic replications with common
// random numbers (replication r of every scenario has seed r), asserting
// that the 95 % interval of each policy's paired difference in firms
// moved lies above zero. The mean-field counts are reported beside: one
// path of whole-firm decisions keyed by hashes, not the expected rate.
func checkMarket(ctx context.Context) (Result, error) {
	names := []string{"jing-jin-ji", "jjj-benefit-sharing", "jjj-park-enclave", "jjj-park-duplication", "jjj-park-incubation"}
	const firms = "firms_core_to_hinterland"
	probes := map[string]Probe{firms: jjjProbes[firms]}
	moved := func(s *Series) float64 { return total(s, firms, startYear, horizon) }
	// Mean-field: only the three scenarios the report line names.
	mf, err := runAll(ctx, sim.Options{}, probes, names[:3]...)
	if err != nil {
		return Result{}, err
	}
	// diff[n][rep-1]: firms moved under scenario n minus the baseline's,
	// replication rep.
	diff := map[string][]float64{}
	for _, n := range names[1:] {
		diff[n] = make([]float64, marketReps)
	}
	err = replicate(ctx, marketReps, func(rep int) error {
		var base float64
		for i, n := range names {
			sc, err := load(ctx, n, "mode=stochastic", fmt.Sprintf("seed=%d", rep))
			if err != nil {
				return err
			}
			s, err := Run(ctx, sc, sim.Options{}, probes)
			if err != nil {
				return err
			}
			if i == 0 {
				base = moved(s)
				continue
			}
			diff[n][rep-1] = moved(s) - base
		}
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	var r Result
	for _, c := range []struct{ name, what string }{{"jjj-benefit-sharing", "benefit sharing"}, {"jjj-park-enclave", "an enclave park"}} {
		m, half := meanCI(diff[c.name])
		r.cond(m-half > 0, "%s does not raise relocation from the cores (%+.2f ± %.2f firms over %d stochastic runs)", c.what, m, half, marketReps)
	}
	ci := func(n string) string {
		m, half := meanCI(diff[n])
		return fmt.Sprintf("%+.1f ± %.1f", m, half)
	}
	r.Measured = fmt.Sprintf("firms moved from cores to the hinterland 2016–50, change against the baseline (%d stochastic runs, mean ± 95 %% CI): benefit sharing %s, enclave park %s (duplication %s, incubation %s, reported only); mean-field: base %.2f, benefit sharing %.2f, enclave park %.2f",
		marketReps, ci("jjj-benefit-sharing"), ci("jjj-park-enclave"), ci("jjj-park-duplication"), ci("jjj-park-incubation"),
		moved(mf["jing-jin-ji"]), moved(mf["jjj-benefit-sharing"]), moved(mf["jjj-park-enclave"]))
	return r.finish(), nil
}
