package model

// Skill of a resident.
type Skill int

// Registration status of a resident in the city where they live.
type Status int

// Skills and registration statuses.
const (
	Talent Skill = iota // college-educated
	Worker              // unskilled
)

const (
	LocalHukou Status = iota // registered where they live
	NonLocal                 // migrant without local registration
)

// Group indexes the four resident groups: skill × status.
type Group int

// The four resident groups.
const (
	TalentLocal Group = iota
	TalentNonLocal
	WorkerLocal
	WorkerNonLocal
	NumGroups
)

// GroupOf returns the group of a skill and status.
func GroupOf(k Skill, s Status) Group { return Group(int(k)*2 + int(s)) }

// Skill returns the group's skill.
func (g Group) Skill() Skill { return Skill(int(g) / 2) }

// Status returns the group's registration status.
func (g Group) Status() Status { return Status(int(g) % 2) }

// Firm is a discrete agent. Z is the efficiency of its capital: its share of
// its city-sector's output is Z·K / Σ Z·K over the city-sector's firms.
type Firm struct {
	ID      int64
	Sector  int
	City    int
	Z       float64 // productivity draw (log-normal, mean 1)
	K       float64 // capital, currency
	Output  float64 // value of output last year, currency/yr
	Profit  float64 // profit last year, currency/yr
	Losses  int     // consecutive steps of loss (years when dt = 1)
	Subsidy float64 // subsidy received this year, currency/yr
	// Treatment is the city whose policy treatment the firm keeps (enclave
	// parks); -1 = the city where it is.
	Treatment int
	// Origin is the city the firm relocated from (-1 = none), whose region
	// receives a share of its tax under benefit sharing; Moved is the year
	// of that move.
	Origin int
	Moved  int
	Alive  bool
	// Gone is, in mean-field mode, the expected share of the firm that has
	// exited (exit takes it step by step instead of closing it at once);
	// 0 in stochastic mode. Count is the rest.
	Gone float64
}

// Count is how many firms the agent stands for: 1 in stochastic mode, the
// expected share still in business in mean-field mode.
func (f *Firm) Count() float64 { return 1 - f.Gone }

// State is the whole simulated world at one instant. Slices are indexed by
// city (c), region (r), sector (s) and group (g); per-city-sector values are
// flattened as c*S+s. All quantities are in persons, the scenario's currency
// and years.
type State struct {
	Year int
	T    float64 // simulated time since start, yr

	N, R, S int // cities, regions, sectors

	// People.
	Pop   [NumGroups][]float64 // residents by group, [g][c]
	Rural []float64            // rural hinterland population, [r]

	// Capital, knowledge and output by city-sector.
	K      []float64    // capital, sum over alive firms, [c*S+s]
	X      []float64    // effective capital Σ Z·K over firms, [c*S+s]
	A      []float64    // knowledge, 1 at the start, [c*S+s]
	Y      []float64    // real output, [c*S+s]
	V      []float64    // value of output p·Y, [c*S+s]
	Price  []float64    // goods price (traded: same in every city), [c*S+s]
	Labour [2][]float64 // talent and workers employed, [skill][c*S+s]
	Return []float64    // gross return on capital αK·V/K, [c*S+s]

	// City aggregates.
	Wage      [2][]float64 // wage by skill, currency/yr per person, [skill][c]
	LandPrice []float64    // h, currency/km2/yr, [c]
	Market    []float64    // market access M, [c]
	Supplier  []float64    // supplier access, [c*S+s]
	Revenue   []float64    // local fiscal revenue, [c]
	Education []float64    // seats per 100,000 residents, [c]
	Health    []float64    // seats per 100,000 residents, [c]
	Pollution []float64    // index, [c]
	Amenity   []float64    // utils, [c]
	RuralWage []float64    // [r]
	FarmFloor []float64    // persons, [r]

	Firms []Firm
	// Born counts the firms ever created in each city-sector, [c*S+s]: a
	// firm's ID is its city-sector and its rank of birth there, so that a
	// change in one city-sector leaves the IDs (and the mean-field draws
	// keyed by them) of every other alone.
	Born []int64

	// Flows of the year so far (summed over its steps), origin ×
	// destination, [o*N+d]: capital counts new investment (from the saving
	// city) and relocating firms' capital. Rural migration is in RuralFlow
	// [r*N+d] (rural → city) and returns in ReturnFlow [c*R+r] (city →
	// rural), both skills together.
	Flow       [4][]float64 // talent, workers, capital, firms: [factor][o*N+d]
	RuralFlow  []float64
	ReturnFlow []float64

	// Fiscal cost of each policy in the year so far, currency, by policy
	// index.
	PolicyCost []float64
	// Residual is the largest log-price change of the last iteration of
	// this step's price fixed point (convergence when below the tolerance).
	Residual float64
	// Births net of deaths, new savings invested and depreciation of this
	// step, for the conservation check.
	Births      float64
	Invested    float64
	Depreciated float64
}

// Factor indexes the flow matrices.
type Factor int

// Flow factors.
const (
	FlowTalent Factor = iota
	FlowWorkers
	FlowCapital
	FlowFirms
)

// FactorNames are the names used in outputs.
var FactorNames = [4]string{"talent", "workers", "capital", "firms"}

// CityPop returns the total residents of city c.
func (st *State) CityPop(c int) float64 {
	var p float64
	for g := range st.Pop {
		p += st.Pop[g][c]
	}
	return p
}

// CitySkill returns residents of city c with skill k.
func (st *State) CitySkill(c int, k Skill) float64 {
	return st.Pop[GroupOf(k, LocalHukou)][c] + st.Pop[GroupOf(k, NonLocal)][c]
}

// CityOutput returns the value of output of city c.
func (st *State) CityOutput(c int) float64 {
	var v float64
	for s := 0; s < st.S; s++ {
		v += st.V[c*st.S+s]
	}
	return v
}

// nextID returns the ID of a new firm in city-sector i: i in the high 32
// bits, its rank of birth there in the low ones.
func (st *State) nextID(i int) int64 {
	st.Born[i]++
	return int64(i)<<32 | st.Born[i]
}
