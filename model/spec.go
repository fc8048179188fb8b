package model

// This file declares the scenario: every parameter a TOML file can set.
//
// Each parameter field carries its metadata in struct tags, read by the
// scenario loader and by `factorflow params`:
//
//	toml:"name"   the key in the TOML file
//	unit:"..."    its unit ("1" for dimensionless)
//	def:"..."     its default, applied when the key is absent
//	min:"..."     smallest valid value (inclusive); "-inf" allowed
//	max:"..."     largest valid value (inclusive); "inf" allowed
//	enum:"a|b"    the valid values of a string parameter
//	src:"..."     one line: the report sentence or literature value behind it
//
// A field without a def tag is required where it appears (for example a city's
// name) or optional with a documented meaning of its zero value.

// Scenario is a complete description of a run: the cluster, its parameters and
// its policy schedule. The loader fills every default, so a resolved Scenario
// written back to TOML reproduces the run on its own.
type Scenario struct {
	Name        string `toml:"name" src:"scenario name, shown in outputs"`
	Description string `toml:"description" src:"free text"`
	// Extends names a base scenario (file path relative to this file, or an
	// embedded name); this file's keys override the base's. Empty once resolved.
	Extends string `toml:"extends,omitempty" src:"what-if variants stay a few lines long"`

	// Family names the model family the scenario runs (docs/models.md):
	// the report's model or a canonical model of the literature.
	Family string `toml:"family" unit:"1" def:"synergy" enum:"synergy|core-periphery|footloose-entrepreneur|marius" src:"the report's model (synergy) or a canonical benchmark model"`

	StartYear int     `toml:"start_year" unit:"year" def:"2015" min:"1800" max:"2300" src:"first simulated year; JJJ data are 2015"`
	Years     int     `toml:"years" unit:"yr" def:"35" min:"1" max:"500" src:"2015-2050 is the report's horizon (urbanisation stabilises in 20-30 years)"`
	Seed      int64   `toml:"seed" unit:"1" def:"1" min:"0" max:"9.2e18" src:"root of every random stream of the run"`
	Mode      string  `toml:"mode" unit:"1" def:"stochastic" enum:"stochastic|mean-field" src:"MODEL.md section 2, two modes"`
	Dt        float64 `toml:"dt" unit:"yr" def:"1" min:"0.05" max:"1" src:"step length; MODEL.md section 8 asks for dt < 1 support"`
	Currency  string  `toml:"currency" unit:"1" def:"CNY million" src:"unit of every money amount in the scenario and outputs"`

	Nation      Nation      `toml:"nation"`
	Mechanisms  Mechanisms  `toml:"mechanisms"`
	Production  Production  `toml:"production"`
	Migration   Migration   `toml:"migration"`
	Hukou       Hukou       `toml:"hukou"`
	Barriers    Barriers    `toml:"barriers"`
	Transport   Transport   `toml:"transport"`
	Knowledge   Knowledge   `toml:"knowledge"`
	Investment  Investment  `toml:"investment"`
	Firms       Firms       `toml:"firms"`
	Fiscal      Fiscal      `toml:"fiscal"`
	Environment Environment `toml:"environment"`
	Demography  Demography  `toml:"demography"`
	Marius      Marius      `toml:"marius"`

	// CorePeriphery parameterises the core-periphery and
	// footloose-entrepreneur families (docs/models.md).
	CorePeriphery CorePeriphery `toml:"core_periphery"`

	Sectors  []Sector `toml:"sectors"`
	Regions  []Region `toml:"regions"`
	Cities   []City   `toml:"cities"`
	Policies []Policy `toml:"policies"`
}

// Nation holds the national totals that cluster shares are measured against.
// Zero means "the scenario is the nation".
type Nation struct {
	Population float64 `toml:"population" unit:"persons" def:"0" min:"0" max:"1e10" src:"national population for the cluster's share (report: JJJ 8%)"`
	AreaKm2    float64 `toml:"area_km2" unit:"km2" def:"0" min:"0" max:"2e8" src:"national land area (report: JJJ 2%)"`
	Output     float64 `toml:"output" unit:"currency/yr" def:"0" min:"0" max:"1e15" src:"national GDP in the scenario's currency (report: JJJ 10%)"`
	Growth     float64 `toml:"growth" unit:"1/yr" def:"0.04" min:"-0.1" max:"0.2" src:"growth of outside demand for traded goods; China 2015-2020 real GDP growth ~6%"`
	// Productivity is the productivity growth of the producers outside
	// the scenario that its traded sectors compete with: their price, and
	// with it the price at which outside demand buys the scenario's traded
	// output, falls at this rate. 0: the outside stands still, and the
	// scenario's own productivity growth (production.tfp_growth) wins it
	// market share at ε times that rate.
	Productivity float64 `toml:"productivity" unit:"1/yr" def:"0" min:"-0.1" max:"0.2" src:"productivity growth of outside competitors in traded goods; a region of China competes with the rest of China, whose productivity grows as its own (production.tfp_growth); 0 = a nation catching up on a world that stands still"`
}

// Mechanisms switches each stage of the yearly step on or off.
type Mechanisms struct {
	Policies    bool `toml:"policies" unit:"1" def:"true" src:"stage 1, MODEL.md section 2"`
	Transport   bool `toml:"transport" unit:"1" def:"true" src:"stage 2"`
	Production  bool `toml:"production" unit:"1" def:"true" src:"stage 3"`
	Prices      bool `toml:"prices" unit:"1" def:"true" src:"stage 4"`
	Fiscal      bool `toml:"fiscal" unit:"1" def:"true" src:"stage 5"`
	Knowledge   bool `toml:"knowledge" unit:"1" def:"true" src:"stage 6"`
	Migration   bool `toml:"migration" unit:"1" def:"true" src:"stage 7"`
	Investment  bool `toml:"investment" unit:"1" def:"true" src:"stage 8"`
	Firms       bool `toml:"firms" unit:"1" def:"true" src:"stage 9"`
	Environment bool `toml:"environment" unit:"1" def:"true" src:"stage 10"`
	Demography  bool `toml:"demography" unit:"1" def:"true" src:"stage 11"`
}

// Production parameters (stages 3 and 4).
type Production struct {
	MarketDecay    float64 `toml:"market_decay_hours" unit:"h" def:"1.5" min:"0.05" max:"100" src:"market access decay; report: cores should be 2-4 h apart"`
	MarketRef      float64 `toml:"market_ref" unit:"persons" def:"1e7" min:"1" max:"1e10" src:"normalises market access so M=1 for a 10 M city alone"`
	SupplierDecay  float64 `toml:"supplier_decay" unit:"1/h" def:"0.5" min:"0" max:"20" src:"tau: supplier access decay; report: JJJ carmakers buy parts 1,000 km away in the YRD"`
	LandBase       float64 `toml:"land_price_base" unit:"currency/km2/yr" def:"0.5" min:"1e-9" max:"1e6" src:"h0 in h = h0 (P/land)^theta; scale only"`
	LandTheta      float64 `toml:"land_theta" unit:"1" def:"0.6" min:"0" max:"3" src:"congestion elasticity of land price ('big city disease')"`
	IndustrialLand float64 `toml:"industrial_land" unit:"1" def:"0" min:"0" max:"0.9" src:"phi: industry's share of the nation's developed urban land at the start; firms' land demand (land_s x value added / h) then clears each city's land market with the residents', start rents unchanged (docs/ODD.md 7.2). China's urban construction land is about a fifth to a quarter industrial (planning standard GB 50137-2011: 15-30 %; recalled, assumption); land supply and rent elasticities: Roback 1982, Helpman 1998, Combes & Gobillon 2015. 0 = off: land prices follow residents alone"`
	CapitalOutput  float64 `toml:"capital_output" unit:"yr" def:"2.5" min:"0.1" max:"20" src:"initial capital/output ratio; China ~3 (Penn World Table)"`
	TFPGrowth      float64 `toml:"tfp_growth" unit:"1/yr" def:"0.015" min:"-0.05" max:"0.1" src:"exogenous productivity growth, all sectors"`
	Calibrate      bool    `toml:"calibrate" unit:"1" def:"true" src:"fit initial productivity so start output matches the data (MODEL.md section 8)"`
	Damping        float64 `toml:"damping" unit:"1" def:"0.5" min:"0.05" max:"0.5" src:"fixed-point damping; MODEL.md section 8: <= 0.5"`
	Tolerance      float64 `toml:"tolerance" unit:"log" def:"1e-6" min:"1e-14" max:"1e-2" src:"fixed-point convergence in log units"`
	MaxIter        int     `toml:"max_iterations" unit:"1" def:"200" min:"1" max:"100000" src:"fixed-point iteration cap"`
}

// Migration parameters (stage 7).
type Migration struct {
	Rate         float64 `toml:"rate" unit:"1/yr" def:"0.1" min:"0" max:"1" src:"rho: share of mobile people who reconsider each year; rho*dt <= 0.3 (MODEL.md)"`
	MovingCost   float64 `toml:"moving_cost" unit:"utils" def:"2.5" min:"0.001" max:"50" src:"F: fixed cost of moving at all, > 0 (MODEL.md)"`
	Distance     float64 `toml:"distance" unit:"utils" def:"0.6" min:"0" max:"10" src:"delta on ln(1 + C): moving cost grows with the log of generalised cost"`
	HousingShare float64 `toml:"housing_share" unit:"1" def:"0.25" min:"0" max:"1" src:"s_h: housing share of spending"`
	Services     float64 `toml:"services" unit:"utils" def:"0.4" min:"0" max:"10" src:"beta_G: weight of public services; report 4.3: schooling and care drive moves"`
	Pollution    float64 `toml:"pollution" unit:"utils" def:"0.1" min:"0" max:"10" src:"psi: disutility of pollution"`
	Scale        float64 `toml:"scale" unit:"utils" def:"1" min:"0.01" max:"100" src:"Gumbel scale of the taste shock"`
	Size         float64 `toml:"size" unit:"1" def:"0" min:"0" max:"2" src:"elasticity of a destination's choice weight in its residents: 1 = a city as the sum of its dwellings and jobs (aggregated logit, McFadden 1978); 0 = off"`
	RuralTalent  float64 `toml:"rural_talent" unit:"1" def:"0.05" min:"0" max:"1" src:"share of rural migrants with college education"`
	Calibrate    bool    `toml:"calibrate" unit:"1" def:"true" src:"fit amenities so the start is a migration steady state (MODEL.md section 8)"`
}

// Hukou parameters: registration limits on what migrants may use.
type Hukou struct {
	Penalty float64 `toml:"penalty" unit:"utils" def:"0.6" min:"0" max:"inf" src:"B_hukou: utility cost of living without local registration"`
	Access  float64 `toml:"access" unit:"1" def:"0.3" min:"0" max:"1" src:"share of public services open to non-local residents (report 4.3)"`
	Quota   float64 `toml:"quota" unit:"1/yr" def:"0.02" min:"0" max:"1" src:"share of non-local residents converted to local hukou each year"`
}

// Barriers are administrative barriers between different regions, in log
// points: each multiplies the flow kernel by exp(-B). Inside a region they are
// zero. Pairs override the defaults for one pair of regions (both directions).
type Barriers struct {
	People    float64       `toml:"people" unit:"log" def:"0.8" min:"0" max:"inf" src:"B_admin for people; report: 'entrenched administrative barriers'"`
	Capital   float64       `toml:"capital" unit:"log" def:"1" min:"0" max:"inf" src:"local protectionism on investment; report 4.2"`
	Knowledge float64       `toml:"knowledge" unit:"log" def:"0.7" min:"0" max:"inf" src:"cut on spillovers across regions; report 4.2"`
	Trade     float64       `toml:"trade" unit:"log" def:"0.3" min:"0" max:"inf" src:"local protectionism on goods and suppliers"`
	Pairs     []BarrierPair `toml:"pairs"`
}

// BarrierPair overrides the default barriers between two regions. An absent
// field keeps the default.
type BarrierPair struct {
	A         string   `toml:"a" src:"region name"`
	B         string   `toml:"b" src:"region name"`
	People    *float64 `toml:"people" unit:"log" min:"0" max:"inf" src:"as barriers.people, for this pair"`
	Capital   *float64 `toml:"capital" unit:"log" min:"0" max:"inf" src:"as barriers.capital, for this pair"`
	Knowledge *float64 `toml:"knowledge" unit:"log" min:"0" max:"inf" src:"as barriers.knowledge, for this pair"`
	Trade     *float64 `toml:"trade" unit:"log" min:"0" max:"inf" src:"as barriers.trade, for this pair"`
}

// Transport describes the network. With no links, one is synthesised from the
// densities: each city links to its nearest neighbours at a speed that rises
// with highway and rail density.
type Transport struct {
	ValueOfTime     float64 `toml:"value_of_time" unit:"currency/h" def:"4e-5" min:"1e-9" max:"1" src:"converts tolls to hours; ~40 CNY/h = 4e-5 CNY million/h"`
	IntraCity       float64 `toml:"intra_city_hours" unit:"h" def:"0.5" min:"0.01" max:"10" src:"generalised cost of a trip within a city"`
	CheckpointHours float64 `toml:"checkpoint_hours" unit:"h" def:"0.5" min:"0" max:"48" src:"delay at each regional boundary checkpoint; report 4.1: toll gates and checkpoints cause bottlenecks"`
	BoundaryToll    float64 `toml:"boundary_toll" unit:"currency" def:"2e-5" min:"0" max:"1" src:"toll gate at each regional boundary crossing (~20 CNY)"`
	TollPerKm       float64 `toml:"toll_per_km" unit:"currency/km" def:"4.5e-7" min:"0" max:"1e-3" src:"highway toll, ~0.45 CNY/km in China"`
	HighwayDensity  float64 `toml:"highway_density" unit:"km/km2" def:"0.04" min:"0" max:"5" src:"report 4.1: JJJ 0.04, BosWash 0.13"`
	RailDensity     float64 `toml:"rail_density" unit:"km/km2" def:"0.0425" min:"0" max:"5" src:"report 4.1: Japan's Pacific belt 0.17, four times JJJ"`
	Broadband       float64 `toml:"broadband" unit:"Mbit/s" def:"10" min:"0.01" max:"1e5" src:"default city broadband; report 4.1: New York 5 -> 15 Mbps 2011-2015"`
	Neighbours      int     `toml:"neighbours" unit:"1" def:"5" min:"1" max:"100" src:"links per city in a synthesised network"`
	Detour          float64 `toml:"detour" unit:"1" def:"1.3" min:"1" max:"5" src:"route length / great-circle distance"`
	BaseSpeed       float64 `toml:"base_speed" unit:"km/h" def:"35" min:"1" max:"1000" src:"door-to-door speed with no highway or rail"`
	HighwayGain     float64 `toml:"highway_gain" unit:"(km/h)/(km/km2)" def:"400" min:"0" max:"1e5" src:"speed gained per unit highway density (assumption)"`
	RailGain        float64 `toml:"rail_gain" unit:"(km/h)/(km/km2)" def:"500" min:"0" max:"1e5" src:"speed gained per unit rail density (assumption)"`
	Links           []Link  `toml:"links"`
}

// Link is one transport link between two cities, both directions.
type Link struct {
	From     string  `toml:"from" src:"city name"`
	To       string  `toml:"to" src:"city name"`
	Mode     string  `toml:"mode" unit:"1" def:"highway" enum:"highway|intercity_rail|commuter_rail|hsr" src:"MODEL.md section 1"`
	LengthKm float64 `toml:"length_km" unit:"km" def:"0" min:"0" max:"1e5" src:"0 = great-circle distance times the detour factor"`
	SpeedKmh float64 `toml:"speed_kmh" unit:"km/h" def:"80" min:"1" max:"1000" src:"door-to-door speed"`
	Toll     float64 `toml:"toll" unit:"currency" def:"-1" min:"-1" max:"1" src:"-1 = length times toll_per_km for highways, 0 for rail"`
}

// Knowledge parameters (stage 6, cloud synergy).
type Knowledge struct {
	RD           float64 `toml:"rd" unit:"1/yr" def:"0.1" min:"0" max:"2" src:"own R&D growth of cloud sectors per unit of talent working in cloud sectors per resident; calibrated so the JJJ cliff persists 2015-2035 (docs/calibration.md)"`
	Spillover    float64 `toml:"spillover" unit:"1/yr" def:"0.08" min:"0" max:"2" src:"rate of catching up with better neighbours"`
	DecayHours   float64 `toml:"decay_hours" unit:"h" def:"2" min:"0.01" max:"100" src:"spillover weight exp(-C/decay)"`
	Absorption   float64 `toml:"absorption" unit:"1" def:"0.1" min:"0.0001" max:"10" src:"talent share at which absorptive capacity is half"`
	Broadband    float64 `toml:"broadband_exponent" unit:"1" def:"0.3" min:"0" max:"5" src:"information-infrastructure gap exponent (report 4.1)"`
	Obsolescence float64 `toml:"obsolescence" unit:"1/yr" def:"0.01" min:"0" max:"1" src:"knowledge lost each year"`
}

// Investment parameters (stage 8).
type Investment struct {
	Savings       float64 `toml:"savings" unit:"1" def:"0.35" min:"0" max:"0.9" src:"share of income saved; China ~45% of GDP"`
	Depreciation  float64 `toml:"depreciation" unit:"1/yr" def:"0.08" min:"0" max:"0.5" src:"capital depreciation"`
	Scale         float64 `toml:"scale" unit:"1/yr" def:"0.03" min:"0.01" max:"10" src:"logit scale on returns; MODEL.md: >= 0.01, 0.02-0.05"`
	CapitalWeight float64 `toml:"capital_weight" unit:"1" def:"1" min:"0" max:"2" src:"exponent on capital already there"`
	DecayHours    float64 `toml:"decay_hours" unit:"h" def:"4" min:"0.01" max:"1000" src:"home bias of investors: exp(-C/decay)"`
}

// Firms parameters (stage 9).
type Firms struct {
	PerCity         float64 `toml:"per_city" unit:"firms" def:"50" min:"1" max:"100000" src:"firms per city at start, drawn by sector shares"`
	Sigma           float64 `toml:"sigma" unit:"1" def:"0.3" min:"0" max:"3" src:"log-normal dispersion of firms' capital efficiency (heavy tail)"`
	Span            float64 `toml:"span" unit:"1" def:"1" min:"0.5" max:"1" src:"span of control nu: a firm's effective capital Z*K^nu (Lucas 1978); 1 = constant returns; firm-size literature 0.85-0.95 (Atkeson and Kehoe 2005), Restuccia and Rogerson 2008 use 0.85"`
	ExitYears       int     `toml:"exit_years" unit:"yr" def:"3" min:"1" max:"100" src:"k: mean years of losses before exit: a loss-making firm exits at the hazard dt/k per step (in mean-field mode the share dt/k of it)"`
	Hurdle          float64 `toml:"hurdle" unit:"1/yr" def:"0.02" min:"0" max:"1" src:"required net return on capital; below it a firm makes a loss"`
	Entry           float64 `toml:"entry" unit:"1/yr" def:"0.06" min:"0" max:"1" src:"entrants per incumbent at average market access and return"`
	Relocate        float64 `toml:"relocate" unit:"1/yr" def:"0.05" min:"0" max:"1" src:"share of firms that look for a better city each year"`
	RelocationCost  float64 `toml:"relocation_cost" unit:"1" def:"0.05" min:"0" max:"10" src:"cost of moving as a share of the firm's capital, times 1 + ln(1 + C)"`
	Resistance      float64 `toml:"resistance" unit:"1" def:"0.1" min:"0" max:"10" src:"origin government's resistance (lost tax base), share of capital"`
	Horizon         float64 `toml:"horizon" unit:"yr" def:"8" min:"1" max:"100" src:"years of profit gain weighed against the one-off relocation cost"`
	RelocationScale float64 `toml:"relocation_scale" unit:"1" def:"0.1" min:"0.001" max:"10" src:"logit scale of the relocation choice, in net gain per unit of capital"`
}

// Fiscal parameters (stage 5).
type Fiscal struct {
	Tax         float64 `toml:"tax" unit:"1" def:"0.15" min:"0" max:"0.8" src:"local revenue as a share of output"`
	Services    float64 `toml:"services" unit:"1" def:"0.3" min:"0" max:"1" src:"share of revenue spent on public services"`
	HealthShare float64 `toml:"health_share" unit:"1" def:"0.4" min:"0" max:"1" src:"share of service spending on health"`
	SeatCost    float64 `toml:"seat_cost" unit:"wages" def:"0.35" min:"0.001" max:"100" src:"yearly cost of one seat, in local average wages"`
	Adjust      float64 `toml:"adjust" unit:"1/yr" def:"0.2" min:"0" max:"1" src:"speed at which capacity follows funding (construction lag)"`
	Sharing     float64 `toml:"sharing" unit:"1" def:"0" min:"0" max:"1" src:"share of a relocated firm's tax returned to the origin region (benefit sharing)"`
}

// Environment parameters (stage 10).
type Environment struct {
	Persistence float64 `toml:"persistence" unit:"1" def:"0.3" min:"0" max:"0.99" src:"share of last year's pollution that remains"`
	SpreadShare float64 `toml:"spread_share" unit:"1" def:"0.3" min:"0" max:"1" src:"share of emissions carried to neighbours"`
	SpreadHours float64 `toml:"spread_hours" unit:"h" def:"2" min:"0.01" max:"100" src:"distance decay of carried pollution"`
	Scale       float64 `toml:"scale" unit:"currency/yr" def:"1e5" min:"1e-9" max:"1e15" src:"emissions index = intensity * output / scale"`
	Cleaner     float64 `toml:"cleaner" unit:"1/yr" def:"0.04" min:"0" max:"0.5" src:"yearly fall of emissions per unit output (technology); China's energy use per unit GDP fell about 4%/yr 2005-2015"`
	Income      float64 `toml:"income_elasticity" unit:"1" def:"0" min:"0" max:"5" src:"elasticity of emissions per unit output to urban output per resident relative to the start: richer places demand cleaner air, the environmental Kuznets curve (Grossman & Krueger 1995; Copeland & Taylor 2004)"`
}

// Demography parameters (stage 11).
type Demography struct {
	Urban      float64 `toml:"urban" unit:"1/yr" def:"0.004" min:"-0.1" max:"0.1" src:"natural growth of urban residents; China 2015 ~0.5%"`
	Rural      float64 `toml:"rural" unit:"1/yr" def:"0.006" min:"-0.1" max:"0.1" src:"natural growth of the rural population"`
	Graduation float64 `toml:"graduation" unit:"1/yr" def:"0" min:"0" max:"1" src:"share of a city's college students who graduate into its talent each year: 0.25 for four-year programmes; China graduated about 8 M a year around 2020 from about 30 M students, and about half of graduates first work where they studied"`
}

// Marius holds the parameters of the MARIUS family (docs/models.md):
// Cottineau, Chapron & Reuillon (2015), JASSS 18(4) 9; Cottineau et al.
// (2015), Systems 3(4). Populations enter its equations in thousands. The
// defaults are the published calibration of the model with bonus and fixed
// cost (ISCPIF/marius-method run configuration); the bounds are the search
// ranges of that calibration.
type Marius struct {
	EconomicMultiplier float64 `toml:"economic_multiplier" unit:"1" def:"0.34380934416368" min:"1e-9" max:"100" src:"m: supply and demand per (thousand inhabitants)^exponent; published calibration"`
	SupplyExponent     float64 `toml:"size_effect_on_supply" unit:"1" def:"1.00175638801509" min:"1" max:"10" src:"supply = m P^this; published calibration"`
	DemandExponent     float64 `toml:"size_effect_on_demand" unit:"1" def:"1.07926078029368" min:"1" max:"10" src:"demand = m P^this; published calibration"`
	DistanceDecay      float64 `toml:"distance_decay" unit:"1" def:"0.672263161474518" min:"0" max:"10" src:"gravity potential S_i D_j / d_ij^this; published calibration"`
	PopulationToWealth float64 `toml:"population_to_wealth_exponent" unit:"1" def:"1.08660127543912" min:"1" max:"10" src:"initial wealth proportional to P^this, rescaled to total population; published calibration"`
	WealthToPopulation float64 `toml:"wealth_to_population_exponent" unit:"1" def:"0.380435604357353" min:"0" max:"10" src:"population change = (W'^this - W^this) / m; published calibration"`
	BonusMultiplier    float64 `toml:"bonus_multiplier" unit:"1" def:"197.948890779081" min:"0" max:"1000" src:"bonus = this x (imports + exports) x share of cities traded with; published calibration"`
	FixedCost          float64 `toml:"fixed_cost" unit:"wealth/yr" def:"0.256524806806571" min:"0" max:"1000" src:"cost per export partner, and the smallest expected export kept; published calibration"`
	TradeFlows         bool    `toml:"trade_flows" unit:"1" def:"false" src:"keep each year's transactions as the state's capital flows (flows.csv; about 30,000 pairs a year for the shipped cities)"`
}

// SynergyType is how a sector gains from the cluster.
type SynergyType string

// The four synergy types of MODEL.md section 1.
const (
	Cloud SynergyType = "cloud"
	Chain SynergyType = "chain"
	Base  SynergyType = "base"
	Local SynergyType = "local"
)

// Sector is a class of industry. Intensities are output elasticities; Talent +
// Workers + Capital + Land must equal 1 (constant returns in private inputs).
type Sector struct {
	Name       string             `toml:"name" src:"sector name"`
	Type       SynergyType        `toml:"type" unit:"1" def:"base" enum:"cloud|chain|base|local" src:"report section 3: cloud- and chain-structured synergy"`
	Talent     float64            `toml:"talent" unit:"1" def:"0.2" min:"0" max:"1" src:"output elasticity of talent"`
	Workers    float64            `toml:"workers" unit:"1" def:"0.4" min:"0" max:"1" src:"output elasticity of workers"`
	Capital    float64            `toml:"capital" unit:"1" def:"0.35" min:"0.01" max:"1" src:"output elasticity of capital (> 0: capital is fixed within a year)"`
	Land       float64            `toml:"land" unit:"1" def:"0.05" min:"0" max:"1" src:"output elasticity of land"`
	Gamma      float64            `toml:"agglomeration" unit:"1" def:"0.05" min:"0" max:"0.5" src:"gamma on market access; urban scaling near 1.15 is an output, not this"`
	Eta        float64            `toml:"supplier_elasticity" unit:"1" def:"0" min:"0" max:"0.5" src:"eta on supplier access (chain sectors)"`
	Elasticity float64            `toml:"elasticity" unit:"1" def:"5" min:"1.1" max:"50" src:"epsilon: demand elasticity of traded output (3-10)"`
	Trend      float64            `toml:"trend" unit:"1/yr" def:"0" min:"-0.2" max:"0.2" src:"growth of outside demand for this sector beyond nation.growth (structural change: services rise, heavy industry declines)"`
	Pollution  float64            `toml:"pollution" unit:"1" def:"0" min:"0" max:"100" src:"emission intensity per unit output"`
	Spillover  float64            `toml:"spillover" unit:"1" def:"0.2" min:"0" max:"1" src:"share of the knowledge spillover rate this sector receives (cloud = 1)"`
	Inputs     map[string]float64 `toml:"inputs" unit:"1" src:"input-output coefficients a[s][s'] to supplier sectors"`
}

// Region is an administrative unit with a rural hinterland.
type Region struct {
	Name         string  `toml:"name" src:"region name"`
	Rural        float64 `toml:"rural" unit:"persons" def:"0" min:"0" max:"2e9" src:"rural hinterland population at start"`
	RuralWage    float64 `toml:"rural_wage" unit:"currency/yr" def:"0.012" min:"0" max:"10" src:"rural income per person at start (~12,000 CNY, China 2015)"`
	FarmFloor    float64 `toml:"farm_floor" unit:"1" def:"0.08" min:"0" max:"1" src:"share of the region's people that farming still needs at start"`
	FloorDecline float64 `toml:"floor_decline" unit:"1/yr" def:"0.01" min:"0" max:"0.5" src:"yearly fall of the farm-labour floor (agricultural productivity)"`
	FarmGrowth   float64 `toml:"farm_growth" unit:"1/yr" def:"0.03" min:"-0.1" max:"0.2" src:"growth of agricultural productivity"`
	Steepness    float64 `toml:"steepness" unit:"1" def:"0.5" min:"0" max:"10" src:"how steeply the rural wage rises near the floor"`
	Amenity      float64 `toml:"amenity" unit:"utils" def:"0" min:"-50" max:"50" src:"amenity of rural life relative to the cities; calibrated when outflow >= 0"`
	Outflow      float64 `toml:"outflow" unit:"1/yr" def:"-1" min:"-1" max:"0.5" src:"net rural-urban migration at start, share of rural people; -1 = set by the wage gap alone"`
}

// Role classifies a city for the economic-cliff metric.
type Role string

// City roles.
const (
	Core       Role = "core"
	Hinterland Role = "hinterland"
)

// City is the main agent's initial state.
type City struct {
	Name        string             `toml:"name" src:"city name"`
	Region      string             `toml:"region" src:"region name"`
	Role        Role               `toml:"role" unit:"1" def:"hinterland" enum:"core|hinterland" src:"core cities vs hinterland for the economic cliff"`
	Lat         float64            `toml:"lat" unit:"deg" def:"0" min:"-90" max:"90" src:"latitude"`
	Lon         float64            `toml:"lon" unit:"deg" def:"0" min:"-180" max:"180" src:"longitude"`
	AreaKm2     float64            `toml:"area_km2" unit:"km2" def:"1000" min:"1" max:"1e7" src:"administrative area"`
	Developable float64            `toml:"developable" unit:"1" def:"0.3" min:"0.001" max:"1" src:"share of the area that can be built on"`
	Population  float64            `toml:"population" unit:"persons" def:"0" min:"0" max:"1e9" src:"urban residents at start"`
	TalentShare float64            `toml:"talent_share" unit:"1" def:"0.15" min:"0" max:"1" src:"college-educated share of residents"`
	NonLocal    float64            `toml:"nonlocal" unit:"1" def:"0.1" min:"0" max:"1" src:"share of residents without local hukou"`
	Output      float64            `toml:"output" unit:"currency/yr" def:"0" min:"0" max:"1e15" src:"output at start; 0 = not calibrated to data"`
	Sectors     map[string]float64 `toml:"sectors" unit:"1" src:"initial output shares by sector (normalised to 1)"`
	Education   float64            `toml:"education" unit:"seats/100k" def:"2000" min:"0" max:"1e5" src:"college students per 100,000 residents (Beijing 5,500, Hebei < 2,100)"`
	Health      float64            `toml:"health" unit:"seats/100k" def:"500" min:"0" max:"1e5" src:"health resources per 100,000 residents (Beijing twice Hebei)"`
	Pollution   float64            `toml:"pollution" unit:"index" def:"0" min:"0" max:"1e6" src:"initial pollution index; 0 = from emissions"`
	Broadband   float64            `toml:"broadband" unit:"Mbit/s" def:"0" min:"0" max:"1e5" src:"0 = transport.broadband"`
	Amenity     float64            `toml:"amenity" unit:"utils" def:"0" min:"-50" max:"50" src:"amenity; replaced by calibration when migration.calibrate"`
	// Observed holds observed residents by year ("1970" = 7061000), which
	// a family compares its simulated cities with (marius: the fit).
	Observed map[string]float64 `toml:"observed" unit:"persons" src:"census populations by year, for a family's fit against data (marius)"`
}

// PolicyKind names an intervention. The comments below give each kind's
// level in the policy pyramid; nothing in the mechanisms reads the level:
// the pyramid's ordering must emerge.
type PolicyKind string

// Policy kinds of MODEL.md section 4.
const (
	// Level 1, barrier removal.
	PolicyBarrier PolicyKind = "barrier" // lower admin barrier between regions by magnitude (share removed)
	PolicyHukou   PolicyKind = "hukou"   // relax hukou in cities: penalty and access gap cut by magnitude, quota raised
	PolicyTolls   PolicyKind = "tolls"   // remove a share (magnitude) of tolls and checkpoint delays at boundaries
	// Level 2, auxiliary.
	PolicyLandCost PolicyKind = "land_cost" // lower operating costs (land price, fees) by a share in target cities
	PolicyCapacity PolicyKind = "capacity"  // capacity building: raise absorptive capacity (talent share counted) by a share
	// Level 3, supportive.
	PolicyTraining PolicyKind = "training"       // convert a share of workers to talent each year
	PolicyInfra    PolicyKind = "infrastructure" // raise transport densities (or add links) by a share
	PolicyServices PolicyKind = "services"       // build public-service seats: a share more capacity
	// Level 4, incentive.
	PolicyIncentive PolicyKind = "incentive" // matching funds / loan guarantees: lower the cost of capital by magnitude (return units)
	// Level 5, subsidy.
	PolicySubsidy PolicyKind = "subsidy" // cash as a share of output to a sector in cities; keeps loss-makers alive
	// Market coordination.
	PolicyPark        PolicyKind = "park"        // co-built park: incubation, duplication or enclave, from origin to host cities
	PolicySharing     PolicyKind = "sharing"     // fiscal benefit sharing between regions: share of relocated firms' tax to origin
	PolicyEnvironment PolicyKind = "environment" // joint control, closure or cap
)

// Policy is one scheduled intervention.
type Policy struct {
	Name      string     `toml:"name" src:"label in outputs"`
	Kind      PolicyKind `toml:"kind" unit:"1" enum:"barrier|hukou|tolls|land_cost|capacity|training|infrastructure|services|incentive|subsidy|park|sharing|environment" src:"MODEL.md section 4"`
	Start     int        `toml:"start" unit:"year" def:"0" min:"0" max:"2300" src:"first year in force; 0 = start_year"`
	End       int        `toml:"end" unit:"year" def:"0" min:"0" max:"2300" src:"last year in force; 0 = to the end; end = start for one-off"`
	Regions   []string   `toml:"regions" src:"target regions; empty = all"`
	Cities    []string   `toml:"cities" src:"target cities; empty = all cities of the target regions"`
	Sectors   []string   `toml:"sectors" src:"target sectors; empty = all"`
	Factor    string     `toml:"factor" unit:"1" def:"all" enum:"all|people|capital|knowledge|trade" src:"which barrier a barrier policy lowers"`
	Form      string     `toml:"form" unit:"1" def:"" enum:"|incubation|duplication|enclave|joint|closure|cap" src:"park form or environmental agreement form"`
	Origin    string     `toml:"origin" src:"origin city of a co-built park"`
	Magnitude float64    `toml:"magnitude" unit:"1" def:"0.5" min:"-1" max:"1e6" src:"size of the intervention; meaning per kind (docs/ODD.md); negative only for hukou (tightening)"`
	UnitCost  float64    `toml:"unit_cost" unit:"currency" def:"0" min:"0" max:"1e15" src:"fiscal cost per unit of the policy's action (per kind, docs/ODD.md)"`
	// Duration, Capacity and Conversion apply to training only. The scenario
	// loader sets Conversion to 1 when a file omits it; a training policy
	// built in Go must set it, as its zero value converts no trainee.
	Duration   float64 `toml:"duration" unit:"yr" def:"0" min:"0" max:"10" src:"training: years a trainee studies, out of the labour force, before joining the talent; China's vocational colleges take 3 years, bachelor's degrees 4; 0 = at once"`
	Capacity   float64 `toml:"capacity" unit:"persons/yr" def:"0" min:"0" max:"1e9" src:"training: new trainees a year the target cities' schools take at unit_cost; each place beyond costs more, the marginal place unit_cost x (1 + 2 x excess/capacity) (new campuses, teachers); Hebei's colleges enrol about 0.4 M new students a year; 0 = no limit"`
	Conversion float64 `toml:"conversion" unit:"1" def:"1" min:"0" max:"1" src:"training: expected share of the trainees who join the talent when the course is done, the rest staying workers; set so that a trainee's expected wage gain, conversion x (talent/worker wage - 1), is the measured return to the course (docs/calibration.md: 0.19 for 3 years of vocational college in Hebei, a 25 % gain at a wage ratio of 2.3); 1 = every trainee"`
}

// CorePeriphery holds the parameters of the new-economic-geography
// families core-periphery (Krugman 1991) and footloose-entrepreneur
// (Forslid & Ottaviano 2003); docs/models.md. The regions are the
// scenario's cities; a city's population is its mobile factor at the start.
type CorePeriphery struct {
	Sigma        float64 `toml:"sigma" unit:"1" def:"5" min:"1.05" max:"50" src:"elasticity of substitution between varieties; FKV 1999 ch. 5 use 5"`
	Mu           float64 `toml:"mu" unit:"1" def:"0.4" min:"0.01" max:"0.95" src:"expenditure share of manufactures; FKV 1999 ch. 5 use 0.4"`
	Phi          float64 `toml:"phi" unit:"1" def:"0.3" min:"1e-4" max:"1" src:"freeness of trade between two regions, phi = T^(1-sigma); 1 = free trade"`
	TradeCost    float64 `toml:"trade_cost" unit:"1" def:"0" min:"0" max:"1e6" src:"iceberg trade cost T >= 1; when > 0 it sets phi = T^(1-sigma) and phi is ignored"`
	DistanceKm   float64 `toml:"distance_km" unit:"km" def:"0" min:"0" max:"1e5" src:"0 = every pair of regions has freeness phi; > 0: phi_ij = phi^(d_ij/distance_km), d_ij great-circle"`
	Gamma        float64 `toml:"gamma" unit:"1/yr" def:"5" min:"0" max:"1000" src:"speed of the replicator dlambda = gamma*lambda*(omega - mean omega)*dt"`
	Perturbation float64 `toml:"perturbation" unit:"1" def:"0.01" min:"0" max:"0.5" src:"initial shift of mobile share to the first region (mean-field) or random tilt (stochastic)"`
	Tolerance    float64 `toml:"tolerance" unit:"log" def:"1e-12" min:"1e-15" max:"1e-3" src:"short-run fixed point: largest change of log wage or profit"`
	MaxIter      int     `toml:"max_iterations" unit:"1" def:"10000" min:"1" max:"1000000" src:"short-run fixed-point iteration cap"`
	// Pairs set the freeness between two regions, overriding phi and
	// distance_km for that pair: a freeness matrix, entry by entry.
	Pairs []FreenessPair `toml:"pairs"`
}

// FreenessPair sets the freeness of trade between two regions (cities),
// both directions.
type FreenessPair struct {
	A   string  `toml:"a" src:"city name"`
	B   string  `toml:"b" src:"city name"`
	Phi float64 `toml:"phi" unit:"1" def:"0.3" min:"1e-4" max:"1" src:"freeness of trade between a and b, T^(1-sigma)"`
}
