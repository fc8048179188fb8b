package model

import (
	"math"
	"slices"
)

// Urbanisation stages of MODEL.md section 5 (report, Exhibit 3).
const (
	StageInitiation    = "initiation"    // urbanisation < 30 %
	StageAgglomeration = "agglomeration" // 30 % ≤ urbanisation ≤ 70 %
	StageSaturation    = "saturation"    // urbanisation > 70 %
)

// City size classes of the hierarchy metrics, in residents.
const (
	PrimarySize   = 5e6   // a primary core has more residents than this
	SecondarySize = 0.5e6 // a secondary core has at least this many, and at most PrimarySize
)

// Metrics are the cluster metrics of one year (MODEL.md section 5),
// computed from the State by ComputeMetrics. "The cluster" is the scenario's
// cities and the rural hinterlands of its regions. A metric whose
// definition divides by zero (no people, no output, fewer than two cities,
// no core or no hinterland city, a nil input) is 0, never NaN or Inf.
// Flows and policy costs are those of the year (summed over its steps).
//
// Metrics keeps scratch buffers in unexported fields so that ComputeMetrics
// does not allocate once they have grown; compare Metrics values with
// cmpopts.IgnoreUnexported(Metrics{}) or through Values.
type Metrics struct {
	// Stage is StageOf(Urbanisation). It is not among Columns.
	Stage string

	// Family holds the metrics of a model family other than the report's,
	// named by FamilyNames, after the common columns.
	Family      []float64
	FamilyNames []string

	// Population is urban plus rural residents, persons.
	Population float64
	// Urban is the residents of all cities, persons.
	Urban float64
	// Rural is the rural hinterland population of all regions, persons.
	Rural float64
	// Output is the value of output of all cities, Σ V, currency/yr.
	Output float64
	// OutputPerCapita is Output / Population (rural people counted, their
	// farm income not), currency/yr per person.
	OutputPerCapita float64
	// Urbanisation is Urban / (Urban + Rural), share in [0, 1].
	Urbanisation float64
	// NationShare is Population / MetricsInput.NationPopulation, share; 0
	// when the nation's population is unknown (zero), as for a scenario
	// that is the nation itself.
	NationShare float64
	// CorePopShare is the residents of core cities / Population, share: the
	// share of the major clusters in a national scenario whose cores are
	// the clusters (F1).
	CorePopShare float64

	// Specialisation is the mean Krugman dissimilarity index (Krugman) of
	// the sector structure of output over pairs of core cities, in [0, 2];
	// with fewer than two cores, over pairs of the three most populous
	// cities. Pairs with a city of zero output are left out.
	Specialisation float64
	// SpecialisationAll is the mean Krugman index over all pairs of cities
	// with positive output, in [0, 2].
	SpecialisationAll float64
	// Homogenisation is 1 − SpecialisationAll/2, in [0, 1]: 1 when every
	// city has the same sector structure, 0 when every pair is disjoint;
	// 0 when no pair is defined.
	Homogenisation float64
	// CoreCloudShare is the core cities' share of the cluster's output of
	// cloud sectors, share in [0, 1].
	CoreCloudShare float64
	// PeripheryChainShare is the hinterland (non-core) cities' share of the
	// cluster's output of chain sectors, share in [0, 1].
	PeripheryChainShare float64

	// Theil is the Theil T index of output per capita across cities,
	// population-weighted (see Theil), ≥ 0.
	Theil float64
	// TheilWithin is the part of Theil within regions.
	TheilWithin float64
	// TheilBetween is the part of Theil between regions; Within + Between
	// = Theil.
	TheilBetween float64
	// Cliff is the "economic cliff": output per head of the regions that
	// hold core cities over that of the other regions, counting rural
	// people and farm income (rural wage × rural population); when every
	// region or none holds a core, output per head of the core cities over
	// that of the hinterland cities. Ratio.
	Cliff float64
	// HinterlandOutput is the value of output of the hinterland (the
	// regions without a core, farm income included; else the hinterland
	// cities), currency/yr.
	HinterlandOutput float64

	// FlowTalent is the talent that moved between cities (off-diagonal sum
	// of the flow matrix) over the talent residents of all cities, per year.
	FlowTalent float64
	// FlowWorkers is as FlowTalent for workers, per year.
	FlowWorkers float64
	// FlowCapital is the capital invested across cities over the capital
	// stock Σ K, per year.
	FlowCapital float64
	// FlowFirms is the firms that relocated between cities over the firms
	// alive, per year.
	FlowFirms float64
	// Spillover is the share of the cores' outflows that reaches hinterland
	// cities: for each of talent, workers and capital, the flow from core
	// to hinterland cities over the flow from core cities to any other
	// city; then the mean over the factors whose core outflow is positive.
	// Share in [0, 1]; factors in different units are not summed.
	Spillover float64
	// SpilloverCapital is the capital part of Spillover: the hinterland's
	// share of the capital that core cities invest in other cities (F5).
	SpilloverCapital float64
	// FirmSpillover is the firms that relocated from core to hinterland
	// cities over the firms alive in core cities, per year (F9).
	FirmSpillover float64

	// Primacy is the residents of the largest city over those of the
	// second largest, ratio.
	Primacy float64
	// RankSize is the rank-size (Zipf) exponent of city residents, see
	// RankSizeExponent; 1 is Zipf's law.
	RankSize float64
	// ScalingExponent is the OLS slope of ln(output) on ln(residents)
	// across cities with both positive (urban scaling; the literature
	// finds 1.06–1.23 for Chinese GDP).
	ScalingExponent float64
	// Primary is the number of cities with more than 5 M residents.
	Primary float64
	// Secondary is the number of cities with 0.5–5 M residents (inclusive).
	Secondary float64
	// Small is the number of cities with fewer than 0.5 M residents,
	// emptied cities included.
	Small float64
	// Firms is the number of firms alive.
	Firms float64

	// TransportDensity is MetricsInput.TransportDensity, highway plus rail
	// km per km² of the cluster.
	TransportDensity float64
	// CoreTravelHours is the mean travel time between core cities over
	// ordered pairs, hours (the report's 2–4 h benchmark).
	CoreTravelHours float64

	// EducationRatio is the max/min across inhabited cities of education
	// seats (college students) per 100,000 residents, ratio; 0 when the
	// minimum is 0.
	EducationRatio float64
	// HealthRatio is as EducationRatio for health resources.
	HealthRatio float64
	// EducationGap is the service-access gap of hukou: the
	// population-weighted mean over cities of the education seats per
	// 100,000 usable by a local resident minus those usable by a non-local
	// one, (1 − access)·Education[c], seats per 100,000.
	EducationGap float64

	// PolicyCost is Σ State.PolicyCost, the fiscal cost of all policies
	// this year, currency.
	PolicyCost float64

	// SynergyGain is the "1 + 1 > 2" gain: cluster output over the output
	// of the same cities run in isolation (no person, capital, firm, good or
	// idea crossing between cities; MODEL.md section 5), minus 1. NaN unless
	// the run computes it (sim.Options.Synergy).
	SynergyGain float64
	// SynergyLinks is the gain from connections only: the isolated run
	// replays the cluster run's residents year by year. NaN unless computed.
	SynergyLinks float64
	// SynergyPerCapita is the gain in output per head of the cities: cluster
	// over isolated, minus 1. NaN unless computed.
	SynergyPerCapita float64

	pop, out, sorted []float64 // scratch, by city
	shares           []float64 // scratch, by city
	pairs            int       // pairs of cities with output
	coreRegion       []bool    // scratch, by region
}

// MetricsInput holds what the State does not carry. Slices are indexed by
// city and must have st.N entries (Travel st.N×st.N) or be nil; a metric
// whose input is nil is 0.
type MetricsInput struct {
	// CityRegion is the region of each city, in [0, st.R). Nil puts every
	// city in one region.
	CityRegion []int
	// Core marks the cities whose role is core.
	Core []bool
	// SectorType is the synergy type of each sector, [s].
	SectorType []SynergyType
	// NationPopulation is the nation's population, persons; 0 = unknown.
	NationPopulation float64
	// TransportDensity is highway plus rail km per km² of the cluster.
	TransportDensity float64
	// Travel is the travel time between cities, hours, row-major [o*N+d].
	// Nil leaves CoreTravel in its place.
	Travel []float64
	// CoreTravel is the mean travel time between core cities, hours, for a
	// caller that computes it once per network (MeanCoreTravel) instead of
	// keeping an N×N matrix.
	CoreTravel float64
	// HukouAccess is the share of public services open to non-local
	// residents, in [0, 1].
	HukouAccess float64
	// CityAccess overrides HukouAccess city by city (a hukou policy that
	// targets cities); nil = HukouAccess everywhere.
	CityAccess []float64
}

type metricColumn struct {
	name string
	get  func(m *Metrics) float64
}

// metricColumns lists every numeric metric once, with its column name, so
// that Columns and Values cannot disagree.
var metricColumns = []metricColumn{
	{"population", func(m *Metrics) float64 { return m.Population }},
	{"urban", func(m *Metrics) float64 { return m.Urban }},
	{"rural", func(m *Metrics) float64 { return m.Rural }},
	{"output", func(m *Metrics) float64 { return m.Output }},
	{"output_per_capita", func(m *Metrics) float64 { return m.OutputPerCapita }},
	{"urbanisation", func(m *Metrics) float64 { return m.Urbanisation }},
	{"nation_share", func(m *Metrics) float64 { return m.NationShare }},
	{"core_population_share", func(m *Metrics) float64 { return m.CorePopShare }},
	{"specialisation", func(m *Metrics) float64 { return m.Specialisation }},
	{"specialisation_all", func(m *Metrics) float64 { return m.SpecialisationAll }},
	{"homogenisation", func(m *Metrics) float64 { return m.Homogenisation }},
	{"core_cloud_share", func(m *Metrics) float64 { return m.CoreCloudShare }},
	{"periphery_chain_share", func(m *Metrics) float64 { return m.PeripheryChainShare }},
	{"theil", func(m *Metrics) float64 { return m.Theil }},
	{"theil_within", func(m *Metrics) float64 { return m.TheilWithin }},
	{"theil_between", func(m *Metrics) float64 { return m.TheilBetween }},
	{"cliff", func(m *Metrics) float64 { return m.Cliff }},
	{"hinterland_output", func(m *Metrics) float64 { return m.HinterlandOutput }},
	{"flow_talent", func(m *Metrics) float64 { return m.FlowTalent }},
	{"flow_workers", func(m *Metrics) float64 { return m.FlowWorkers }},
	{"flow_capital", func(m *Metrics) float64 { return m.FlowCapital }},
	{"flow_firms", func(m *Metrics) float64 { return m.FlowFirms }},
	{"spillover", func(m *Metrics) float64 { return m.Spillover }},
	{"spillover_capital", func(m *Metrics) float64 { return m.SpilloverCapital }},
	{"firm_spillover", func(m *Metrics) float64 { return m.FirmSpillover }},
	{"primacy", func(m *Metrics) float64 { return m.Primacy }},
	{"rank_size", func(m *Metrics) float64 { return m.RankSize }},
	{"scaling_exponent", func(m *Metrics) float64 { return m.ScalingExponent }},
	{"primary", func(m *Metrics) float64 { return m.Primary }},
	{"secondary", func(m *Metrics) float64 { return m.Secondary }},
	{"small", func(m *Metrics) float64 { return m.Small }},
	{"firms", func(m *Metrics) float64 { return m.Firms }},
	{"transport_density", func(m *Metrics) float64 { return m.TransportDensity }},
	{"core_travel_hours", func(m *Metrics) float64 { return m.CoreTravelHours }},
	{"education_ratio", func(m *Metrics) float64 { return m.EducationRatio }},
	{"health_ratio", func(m *Metrics) float64 { return m.HealthRatio }},
	{"education_gap", func(m *Metrics) float64 { return m.EducationGap }},
	{"policy_cost", func(m *Metrics) float64 { return m.PolicyCost }},
	{"synergy_gain", func(m *Metrics) float64 { return m.SynergyGain }},
	{"synergy_links", func(m *Metrics) float64 { return m.SynergyLinks }},
	{"synergy_per_capita", func(m *Metrics) float64 { return m.SynergyPerCapita }},
}

// Columns returns the snake_case names of the numeric metrics in the order
// Values writes them. Stage is not among them. The slice is new on each call.
func (m *Metrics) Columns() []string {
	names := make([]string, len(metricColumns))
	for i, c := range metricColumns {
		names[i] = c.name
	}
	return append(names, m.FamilyNames...)
}

// Values appends the numeric metrics to dst in Columns order and returns
// the extended slice. It does not allocate when dst has the capacity.
func (m *Metrics) Values(dst []float64) []float64 {
	for _, c := range metricColumns {
		dst = append(dst, c.get(m))
	}
	return append(dst, m.Family...)
}

// StageOf returns the urbanisation stage of an urbanisation rate (share):
// initiation below 0.30, saturation above 0.70, agglomeration between them,
// bounds included.
func StageOf(urbanisation float64) string {
	switch {
	case urbanisation < 0.30:
		return StageInitiation
	case urbanisation > 0.70:
		return StageSaturation
	}
	return StageAgglomeration
}

// ComputeMetrics fills dst with the metrics of st. It reuses dst's scratch
// buffers and does not allocate once they have grown to st.N. A nil in is
// an empty MetricsInput. It panics if in's slices are shorter than their
// documented length or a region is outside [0, st.R) (programmer errors).
func ComputeMetrics(dst *Metrics, st *State, in *MetricsInput) {
	if in == nil {
		in = &MetricsInput{}
	}
	m := dst
	pop, out, sorted, coreRegion, shares := m.pop, m.out, m.sorted, m.coreRegion, m.shares
	*m = Metrics{coreRegion: coreRegion, shares: shares}
	m.SynergyGain, m.SynergyLinks, m.SynergyPerCapita = math.NaN(), math.NaN(), math.NaN()
	n := st.N
	m.pop, m.out = grow(pop, n), grow(out, n)
	m.sorted = grow(sorted, n)[:0]
	for c := 0; c < n; c++ {
		m.pop[c], m.out[c] = st.CityPop(c), st.CityOutput(c)
	}
	m.people(st, in)
	m.structure(st, in)
	m.inequality(st, in)
	m.flows(st, in)
	m.hierarchy()
	m.services(st, in)
	m.TransportDensity = in.TransportDensity
	m.CoreTravelHours = in.CoreTravel
	if in.Travel != nil {
		m.CoreTravelHours = MeanCoreTravel(in.Travel, in.Core, n)
	}
	for _, c := range st.PolicyCost {
		m.PolicyCost += c
	}
}

// grow returns buf resliced to n entries, reallocated only when too small.
func grow(buf []float64, n int) []float64 {
	if cap(buf) < n {
		return make([]float64, n)
	}
	return buf[:n]
}

// ratio returns a/b, or 0 when b is not positive.
func ratio(a, b float64) float64 {
	if b <= 0 {
		return 0
	}
	return a / b
}

// isCore reports whether city c is a core city.
func isCore(core []bool, c int) bool { return core != nil && core[c] }

// people fills the population, output and urbanisation metrics.
func (m *Metrics) people(st *State, in *MetricsInput) {
	var corePop float64
	for c, p := range m.pop {
		m.Urban += p
		m.Output += m.out[c]
		if isCore(in.Core, c) {
			corePop += p
		}
	}
	for _, r := range st.Rural {
		m.Rural += r
	}
	m.Population = m.Urban + m.Rural
	m.OutputPerCapita = ratio(m.Output, m.Population)
	m.Urbanisation = ratio(m.Urban, m.Population)
	m.Stage = StageOf(m.Urbanisation)
	m.NationShare = ratio(m.Population, in.NationPopulation)
	m.CorePopShare = ratio(corePop, m.Population)
}

// structure fills the specialisation and sector-location metrics.
func (m *Metrics) structure(st *State, in *MetricsInput) {
	var cores int
	for c := range m.pop {
		if isCore(in.Core, c) {
			cores++
		}
	}
	var core, top meanAcc
	largest := largest3(m.pop)
	for i := range m.pop {
		if m.out[i] <= 0 || !(isCore(in.Core, i) || slices.Contains(largest[:], i)) {
			continue
		}
		for j := i + 1; j < len(m.pop); j++ {
			if m.out[j] <= 0 {
				continue
			}
			ci, cj := isCore(in.Core, i) && isCore(in.Core, j), slices.Contains(largest[:], i) && slices.Contains(largest[:], j)
			if !ci && !cj {
				continue
			}
			k := Krugman(st.V[i*st.S:(i+1)*st.S], st.V[j*st.S:(j+1)*st.S])
			if ci {
				core.add(k)
			}
			if cj {
				top.add(k)
			}
		}
	}
	m.SpecialisationAll = m.meanPairDissimilarity(st)
	if m.pairs > 0 {
		m.Homogenisation = 1 - m.SpecialisationAll/2
	}
	m.Specialisation = core.mean()
	if cores < 2 {
		m.Specialisation = top.mean()
	}
	m.CoreCloudShare, m.PeripheryChainShare = sectorShares(st, in)
}

// meanPairDissimilarity is the mean Krugman index over all pairs of cities
// with output. As the index is Σ_s |a_s − b_s|, the mean over pairs is Σ_s
// of the mean absolute difference of sector s's shares, which sorting makes
// O(S·N log N) instead of O(S·N²): over sorted x, Σ_{i<j} |x_i − x_j| =
// Σ_k x_(k)·(2k − n + 1), k from 0.
func (m *Metrics) meanPairDissimilarity(st *State) float64 {
	m.pairs = 0
	n := 0
	for _, o := range m.out {
		if o > 0 {
			n++
		}
	}
	if n < 2 {
		return 0
	}
	m.shares = grow(m.shares, n)
	var total float64
	for s := 0; s < st.S; s++ {
		x := m.shares[:0]
		for c, o := range m.out {
			if o > 0 {
				x = append(x, st.V[c*st.S+s]/o)
			}
		}
		slices.Sort(x)
		for k, v := range x {
			total += v * float64(2*k-n+1)
		}
	}
	m.pairs = n * (n - 1) / 2
	return total / float64(m.pairs)
}

// meanAcc accumulates a mean; the mean of nothing is 0.
type meanAcc struct {
	sum float64
	n   int
}

func (a *meanAcc) add(x float64) { a.sum += x; a.n++ }

func (a *meanAcc) mean() float64 {
	if a.n == 0 {
		return 0
	}
	return a.sum / float64(a.n)
}

// largest3 returns the indices of the three largest entries of x, largest
// first, lower index first among ties; -1 fills missing places.
func largest3(x []float64) [3]int {
	top := [3]int{-1, -1, -1}
	for i, v := range x {
		for k := range top {
			if top[k] < 0 || v > x[top[k]] {
				copy(top[k+1:], top[k:])
				top[k] = i
				break
			}
		}
	}
	return top
}

// sectorShares returns the cores' share of cloud output and the
// hinterland's share of chain output.
func sectorShares(st *State, in *MetricsInput) (coreCloud, peripheryChain float64) {
	if in.SectorType == nil {
		return 0, 0
	}
	var cloud, cloudCore, chain, chainPeriphery float64
	for c := 0; c < st.N; c++ {
		for s, typ := range in.SectorType {
			v := st.V[c*st.S+s]
			switch typ {
			case Cloud:
				cloud += v
				if isCore(in.Core, c) {
					cloudCore += v
				}
			case Chain:
				chain += v
				if !isCore(in.Core, c) {
					chainPeriphery += v
				}
			}
		}
	}
	return ratio(cloudCore, cloud), ratio(chainPeriphery, chain)
}

// inequality fills the Theil index and the economic cliff.
func (m *Metrics) inequality(st *State, in *MetricsInput) {
	m.Theil, m.TheilWithin, m.TheilBetween = theilTotals(m.out, m.pop, in.CityRegion, max(st.R, 1))
	m.Cliff, m.HinterlandOutput = 0, 0
	if in.Core == nil {
		return
	}
	if m.regionCliff(st, in) {
		return
	}
	var coreOut, corePop, hintOut, hintPop float64
	for c, p := range m.pop {
		if isCore(in.Core, c) {
			coreOut, corePop = coreOut+m.out[c], corePop+p
		} else {
			hintOut, hintPop = hintOut+m.out[c], hintPop+p
		}
	}
	m.HinterlandOutput = hintOut
	m.Cliff = ratio(ratio(coreOut, corePop), ratio(hintOut, hintPop))
}

// regionCliff computes the cliff between whole regions when the cores sit
// in some regions and not others (Beijing and Tianjin against Hebei): a
// region's output per head counts its rural people and their farm income
// (rural wage × rural population). It reports false when every region or
// no region holds a core, leaving the city-level cliff.
func (m *Metrics) regionCliff(st *State, in *MetricsInput) bool {
	if in.CityRegion == nil || st.R < 2 || len(st.Rural) < st.R {
		return false
	}
	if cap(m.coreRegion) < st.R {
		m.coreRegion = make([]bool, st.R)
	}
	core := m.coreRegion[:st.R]
	clear(core)
	for c := range m.pop {
		if isCore(in.Core, c) {
			core[in.CityRegion[c]] = true
		}
	}
	var nCore int
	for _, x := range core {
		if x {
			nCore++
		}
	}
	if nCore == 0 || nCore == st.R {
		return false
	}
	var out, pop [2]float64 // [hinterland, core]
	side := func(b bool) int {
		if b {
			return 1
		}
		return 0
	}
	for c, p := range m.pop {
		k := side(core[in.CityRegion[c]])
		out[k] += m.out[c]
		pop[k] += p
	}
	for r, n := range st.Rural[:st.R] {
		k := side(core[r])
		pop[k] += n
		if len(st.RuralWage) > r {
			out[k] += n * st.RuralWage[r]
		}
	}
	m.HinterlandOutput = out[0]
	m.Cliff = ratio(ratio(out[1], pop[1]), ratio(out[0], pop[0]))
	return true
}

// flows fills the flow-intensity and spillover metrics.
func (m *Metrics) flows(st *State, in *MetricsInput) {
	var talent, workers, capital, firms, coreFirms float64
	for c := range m.pop {
		talent += st.CitySkill(c, Talent)
		workers += st.CitySkill(c, Worker)
	}
	for _, k := range st.K {
		capital += k
	}
	for i := range st.Firms {
		f := &st.Firms[i]
		if !f.Alive {
			continue
		}
		firms += f.Count()
		if f.City >= 0 && f.City < st.N && isCore(in.Core, f.City) {
			coreFirms += f.Count()
		}
	}
	m.Firms = firms
	m.FlowTalent = ratio(offDiagonal(st.Flow[FlowTalent], st.N), talent)
	m.FlowWorkers = ratio(offDiagonal(st.Flow[FlowWorkers], st.N), workers)
	m.FlowCapital = ratio(offDiagonal(st.Flow[FlowCapital], st.N), capital)
	m.FlowFirms = ratio(offDiagonal(st.Flow[FlowFirms], st.N), firms)
	if in.Core == nil {
		return
	}
	var spill meanAcc
	for _, f := range [...]Factor{FlowTalent, FlowWorkers, FlowCapital} {
		toHint, total := coreOutflow(st.Flow[f], in.Core, st.N)
		if total > 0 {
			spill.add(toHint / total)
		}
		if f == FlowCapital {
			m.SpilloverCapital = ratio(toHint, total)
		}
	}
	m.Spillover = spill.mean()
	toHint, _ := coreOutflow(st.Flow[FlowFirms], in.Core, st.N)
	m.FirmSpillover = ratio(toHint, coreFirms)
}

// offDiagonal returns the sum of the off-diagonal entries of an n×n
// row-major matrix, 0 if flow is not n×n.
func offDiagonal(flow []float64, n int) float64 {
	if len(flow) != n*n {
		return 0
	}
	var sum float64
	for o := 0; o < n; o++ {
		for d := 0; d < n; d++ {
			if o != d {
				sum += flow[o*n+d]
			}
		}
	}
	return sum
}

// coreOutflow returns the flow from core cities to hinterland cities and
// from core cities to any other city, 0 if flow is not n×n.
func coreOutflow(flow []float64, core []bool, n int) (toHinterland, total float64) {
	if len(flow) != n*n {
		return 0, 0
	}
	for o := 0; o < n; o++ {
		if !core[o] {
			continue
		}
		for d := 0; d < n; d++ {
			if o == d {
				continue
			}
			total += flow[o*n+d]
			if !core[d] {
				toHinterland += flow[o*n+d]
			}
		}
	}
	return toHinterland, total
}

// hierarchy fills primacy, the rank-size and scaling exponents and the size
// classes. It sorts the positive city populations into m.sorted.
func (m *Metrics) hierarchy() {
	var scaling OLS
	for c, p := range m.pop {
		switch {
		case p > PrimarySize:
			m.Primary++
		case p >= SecondarySize:
			m.Secondary++
		default:
			m.Small++
		}
		if p > 0 {
			m.sorted = append(m.sorted, p)
			if m.out[c] > 0 {
				scaling.Add(math.Log(p), math.Log(m.out[c]))
			}
		}
	}
	m.ScalingExponent = scaling.Slope()
	slices.Sort(m.sorted)
	if n := len(m.sorted); n >= 2 {
		m.Primacy = m.sorted[n-1] / m.sorted[n-2]
	}
	m.RankSize = rankSizeSorted(m.sorted)
}

// services fills the public-service metrics.
func (m *Metrics) services(st *State, in *MetricsInput) {
	m.EducationRatio = maxMinRatio(st.Education, m.pop)
	m.HealthRatio = maxMinRatio(st.Health, m.pop)
	if st.Education == nil {
		return
	}
	var gap float64
	for c, p := range m.pop {
		access := in.HukouAccess
		if in.CityAccess != nil {
			access = in.CityAccess[c]
		}
		gap += p * (1 - access) * st.Education[c]
	}
	m.EducationGap = ratio(gap, m.Urban)
}

// maxMinRatio returns max/min of x over the cities with positive
// population, 0 if there are none or the minimum is not positive.
func maxMinRatio(x, pop []float64) float64 {
	if len(x) != len(pop) {
		return 0
	}
	lo, hi := math.Inf(1), 0.0
	for c, p := range pop {
		if p > 0 {
			lo, hi = min(lo, x[c]), max(hi, x[c])
		}
	}
	if math.IsInf(lo, 1) {
		return 0
	}
	return ratio(hi, lo)
}

// MeanCoreTravel returns the mean of travel over ordered pairs of distinct core
// cities, 0 with fewer than two cores or travel not n×n.
func MeanCoreTravel(travel []float64, core []bool, n int) float64 {
	if core == nil || len(travel) != n*n {
		return 0
	}
	var acc meanAcc
	for o := 0; o < n; o++ {
		for d := 0; d < n; d++ {
			if o != d && core[o] && core[d] {
				acc.add(travel[o*n+d])
			}
		}
	}
	return acc.mean()
}

// Krugman returns the Krugman dissimilarity index Σ_s |a_s/Σa − b_s/Σb|
// between two sector structures, in [0, 2]: 0 for identical shares, 2 for
// disjoint ones. The entries must be non-negative; a and b are normalised
// to shares inside. It returns 0 when either sums to zero (undefined). It
// panics if len(a) != len(b).
func Krugman(a, b []float64) float64 {
	if len(a) != len(b) {
		panic("model: Krugman of structures of different lengths")
	}
	var sa, sb float64
	for s := range a {
		sa, sb = sa+a[s], sb+b[s]
	}
	if sa <= 0 || sb <= 0 {
		return 0
	}
	var k float64
	for s := range a {
		k += math.Abs(a[s]/sa - b[s]/sb)
	}
	return k
}

// Theil returns the population-weighted Theil T index of the per-capita
// incomes y of units with populations pop, and its decomposition into the
// parts within and between the groups group[i] ∈ [0, ngroups):
//
//	total   = Σ_i s_i ln(y_i/ȳ)
//	within  = Σ_i s_i ln(y_i/ȳ_g(i))
//	between = Σ_g S_g ln(ȳ_g/ȳ)
//
// where s_i = p_i y_i / Σ p y is unit i's share of total income, S_g the
// group's share, ȳ = Σ p y / Σ p and ȳ_g the group's mean. within + between
// = total, and a unit of population 2 counts as two units of population 1.
// Units with pop ≤ 0 are ignored; y must be non-negative, and a zero income
// contributes 0 (the limit of s ln s). A nil group puts every unit in one
// group. All three are 0 when total income or population is 0. Theil
// panics if the lengths differ or a group is out of range.
func Theil(y, pop []float64, group []int, ngroups int) (total, within, between float64) {
	if len(y) != len(pop) || (group != nil && len(group) != len(y)) {
		panic("model: Theil of slices of different lengths")
	}
	inc := make([]float64, len(y))
	for i := range y {
		inc[i] = y[i] * pop[i]
	}
	return theilTotals(inc, pop, group, ngroups)
}

// theilTotals is Theil on total incomes inc = y·pop.
func theilTotals(inc, pop []float64, group []int, ngroups int) (total, within, between float64) {
	if group == nil {
		ngroups = 1
	}
	gr := func(i int) int {
		if group == nil {
			return 0
		}
		if g := group[i]; g < 0 || g >= ngroups {
			panic("model: Theil group out of range")
		}
		return group[i]
	}
	var sumY, sumP float64
	for i, p := range pop {
		gr(i)
		if p > 0 {
			sumY, sumP = sumY+inc[i], sumP+p
		}
	}
	if sumY <= 0 || sumP <= 0 {
		return 0, 0, 0
	}
	mean := sumY / sumP
	for i, p := range pop {
		if p > 0 && inc[i] > 0 {
			total += inc[i] / sumY * math.Log(inc[i]/p/mean)
		}
	}
	for g := 0; g < ngroups; g++ {
		var gY, gP float64
		for i, p := range pop {
			if p > 0 && gr(i) == g {
				gY, gP = gY+inc[i], gP+p
			}
		}
		if gY <= 0 {
			continue
		}
		gMean := gY / gP
		between += gY / sumY * math.Log(gMean/mean)
		for i, p := range pop {
			if p > 0 && inc[i] > 0 && gr(i) == g {
				within += inc[i] / sumY * math.Log(inc[i]/p/gMean)
			}
		}
	}
	return total, within, between
}

// RankSizeExponent returns the rank-size (Zipf, Pareto) exponent ζ of
// sizes: minus the OLS slope of ln(rank) on ln(size), rank 1 the largest,
// as in Gabaix (1999). For sizes exactly ∝ rank^−q it is 1/q, so Zipf's law
// (size ∝ 1/rank) gives 1, and a flatter hierarchy a larger ζ. Sizes ≤ 0
// are ignored; with fewer than two positive sizes, or all equal, it is 0.
// sizes is not modified; the function allocates a sorted copy.
func RankSizeExponent(sizes []float64) float64 {
	sorted := make([]float64, 0, len(sizes))
	for _, s := range sizes {
		if s > 0 {
			sorted = append(sorted, s)
		}
	}
	slices.Sort(sorted)
	return rankSizeSorted(sorted)
}

// rankSizeSorted is RankSizeExponent on positive sizes in ascending order.
func rankSizeSorted(asc []float64) float64 {
	var acc OLS
	for i, s := range asc {
		acc.Add(math.Log(s), math.Log(float64(len(asc)-i)))
	}
	return -acc.Slope()
}

// OLS accumulates the ordinary least-squares slope of y on x, one point at
// a time, with Welford's updates. The zero value is empty.
type OLS struct {
	n, mx, my, sxx, sxy float64
}

// Add adds the point (x, y).
func (a *OLS) Add(x, y float64) {
	a.n++
	dx := x - a.mx
	a.mx += dx / a.n
	a.my += (y - a.my) / a.n
	a.sxx += dx * (x - a.mx)
	a.sxy += dx * (y - a.my)
}

// N returns the number of points added.
func (a *OLS) N() int { return int(a.n) }

// Slope returns the OLS slope, 0 with fewer than two points or no spread
// in x.
func (a *OLS) Slope() float64 {
	if a.n < 2 || a.sxx <= 1e-12*a.n*(1+a.mx*a.mx) {
		return 0
	}
	return a.sxy / a.sxx
}
