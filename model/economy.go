package model

import (
	"fmt"
	"math"
)

// Economy is a scenario resolved to indices, with the policy levers the
// mechanisms read, the values calibrated at the start, the N×N kernels that
// depend only on the network and the barriers, and scratch buffers reused
// every step (a steady-state step allocates nothing).
type Economy struct {
	Sc         *Scenario
	N, R, S    int
	CityRegion []int
	Core       []bool
	Traded     []bool    // sector is traded outside its city (not local)
	IO         []float64 // input-output coefficients a[s*S+s']
	// logAlpha[k][s] is ln of sector s's elasticity of skill k (0 where the
	// elasticity is 0); alphaLog[s] = αT·ln αT + αL·ln αL. Constants of the
	// wage solve.
	logAlpha [2][]float64
	alphaLog []float64
	Land     []float64 // developable land, km², [c]
	Net      *Network

	Levers Levers
	// FrozenNetwork keeps the generalised costs of the start even when a
	// policy changes the network (mechanisms.transport = false); barrier
	// and park changes still reach the kernels.
	FrozenNetwork bool
	base          Levers // the levers with no policy in force
	// studying counts the workers enrolled in a training course, who live
	// in their city but do not work, by status and city, [status*N+c].
	studying []float64

	// Calibrated at the start.
	demand       []float64 // traded: outside demand D_s at T=0; local: spending share b, [c*S+s]
	eduEff       []float64 // seats per unit funding relative to the formula, [c]
	healthEff    []float64
	floor0       []float64 // farm-labour floor at T=0, persons, [r]
	ruralNorm    []float64 // rural wage normaliser, [r]
	emission0    []float64 // emissions at T=0, [c], for caps
	income0      float64   // urban output per resident at T=0, for the environmental Kuznets curve
	meanFirmK    []float64 // mean firm capital at T=0 by sector
	ruralAmenity []float64 // calibrated rural amenity, [r]
	tfp          []float64 // calibrated productivity residual, [c*S+s]; knowledge A multiplies it
	landLambda   float64   // λ: resident equivalents of land per unit of firms' land spending at rent 1; 0 = land prices follow residents alone
	landScale    []float64 // a_c: 1/developed land in resident equivalents at rent h0, fitted so that start rents are those of residents alone, [c]

	// Kernels, recomputed when the network or a barrier changes.
	C          []float64 // generalised cost, hours, [i*N+j]
	kMarket    []float32 // exp(-C/λ - B_trade)
	kSupply    []float32 // exp(-τC - B_trade)
	kMig       []float32 // exp(-(F[i≠j] + δ ln(1+C) + B_people)/μ)
	kRural     []float32 // rural region r → city j migration kernel, [r*N+j]
	kKnow      []float32 // exp(-C/d_K - B_know) · broadband gap, [j*N+i]: j learns from i
	kKnowSum   []float64 // row sums of kKnow at the start, without barriers, [j]
	kInv       []float32 // exp(-C/d_I - B_capital), [i*N+j]
	kPol       []float32 // share of j's carried emissions landing in c, [c*N+j]
	kMove      []float32 // firm relocation cost per unit capital, [i*N+j]
	kReturn    float64   // city → own hinterland kernel
	netVersion int
	dirty      bool

	policies []policyRun

	scratch scratch
}

// Levers are the values policies change while a run goes on.
type Levers struct {
	Barrier      [4][]float64       // people, capital, knowledge, trade, [ra*R+rb]
	Sharing      []float64          // benefit sharing between regions, [ra*R+rb]
	HukouPenalty []float64          // [c]
	HukouAccess  []float64          // [c]
	HukouQuota   []float64          // [c]
	LandFactor   []float64          // multiplier on land price, [c]
	Absorb       []float64          // multiplier on absorptive capacity, [c]
	Services     []float64          // multiplier on seat funding, [c]
	Incentive    []float64          // return wedge, 1/yr, [c*S+s]
	Emission     []float64          // multiplier on emission intensity, [c]
	Cap          []float64          // emissions cap as multiple of the start, [c]; +Inf = none
	Enclave      map[[2]int]float64 // origin→host pairs of enclave parks: share of the moving cost the park bears
	Incubation   map[[2]int]float64 // origin→host knowledge link weight
}

// Barrier kinds index Levers.Barrier.
const (
	BarrierPeople = iota
	BarrierCapital
	BarrierKnowledge
	BarrierTrade
)

// NewEconomy resolves a validated scenario. It returns an error only for
// inconsistencies the loader cannot see (it has checked names and ranges).
func NewEconomy(sc *Scenario) (*Economy, error) {
	e := &Economy{Sc: sc, N: len(sc.Cities), R: len(sc.Regions), S: len(sc.Sectors)}
	region := indexOf(len(sc.Regions), func(i int) string { return sc.Regions[i].Name })
	city := indexOf(len(sc.Cities), func(i int) string { return sc.Cities[i].Name })
	sector := indexOf(len(sc.Sectors), func(i int) string { return sc.Sectors[i].Name })
	e.CityRegion = make([]int, e.N)
	e.Core = make([]bool, e.N)
	e.Land = make([]float64, e.N)
	for c, ct := range sc.Cities {
		r, ok := region[ct.Region]
		if !ok {
			return nil, fmt.Errorf("model: city %s: unknown region %q", ct.Name, ct.Region)
		}
		e.CityRegion[c] = r
		e.Core[c] = ct.Role == Core
		e.Land[c] = ct.AreaKm2 * ct.Developable
	}
	e.Traded = make([]bool, e.S)
	e.IO = make([]float64, e.S*e.S)
	e.logAlpha = [2][]float64{make([]float64, e.S), make([]float64, e.S)}
	e.alphaLog = make([]float64, e.S)
	for s, sec := range sc.Sectors {
		e.Traded[s] = sec.Type != Local
		for k, a := range [2]float64{sec.Talent, sec.Workers} {
			if a > 0 {
				e.logAlpha[k][s] = math.Log(a)
				e.alphaLog[s] += a * math.Log(a)
			}
		}
		for name, a := range sec.Inputs {
			s2, ok := sector[name]
			if !ok {
				return nil, fmt.Errorf("model: sector %s: unknown input %q", sec.Name, name)
			}
			e.IO[s*e.S+s2] = a
		}
	}
	links := make([]NetLink, 0, len(sc.Transport.Links))
	for _, l := range sc.Transport.Links {
		a, ok1 := city[l.From]
		b, ok2 := city[l.To]
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("model: link %s-%s: unknown city", l.From, l.To)
		}
		links = append(links, NetLink{From: a, To: b, Mode: l.Mode, LengthKm: l.LengthKm, SpeedKmh: l.SpeedKmh, Toll: l.Toll})
	}
	e.Net = NewNetwork(sc.Cities, e.CityRegion, sc.Transport, links)
	if err := e.initLevers(region); err != nil {
		return nil, err
	}
	e.base = e.Levers.clone()
	if err := e.resolvePolicies(city, region, sector); err != nil {
		return nil, err
	}
	e.alloc()
	return e, nil
}

func indexOf(n int, name func(int) string) map[string]int {
	m := make(map[string]int, n)
	for i := 0; i < n; i++ {
		m[name(i)] = i
	}
	return m
}

func fill(n int, v float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = v
	}
	return x
}

func (e *Economy) initLevers(region map[string]int) error {
	sc, R, N := e.Sc, e.R, e.N
	lv := &e.Levers
	def := [4]float64{sc.Barriers.People, sc.Barriers.Capital, sc.Barriers.Knowledge, sc.Barriers.Trade}
	for k := range lv.Barrier {
		lv.Barrier[k] = make([]float64, R*R)
		for a := 0; a < R; a++ {
			for b := 0; b < R; b++ {
				if a != b {
					lv.Barrier[k][a*R+b] = def[k]
				}
			}
		}
	}
	for _, p := range sc.Barriers.Pairs {
		a, ok1 := region[p.A]
		b, ok2 := region[p.B]
		if !ok1 || !ok2 {
			return fmt.Errorf("model: barrier pair %s-%s: unknown region", p.A, p.B)
		}
		for k, v := range [4]*float64{p.People, p.Capital, p.Knowledge, p.Trade} {
			if v != nil && a != b {
				lv.Barrier[k][a*R+b], lv.Barrier[k][b*R+a] = *v, *v
			}
		}
	}
	lv.Sharing = make([]float64, R*R)
	for a := 0; a < R; a++ {
		for b := 0; b < R; b++ {
			if a != b {
				lv.Sharing[a*R+b] = sc.Fiscal.Sharing
			}
		}
	}
	lv.HukouPenalty = fill(N, sc.Hukou.Penalty)
	lv.HukouAccess = fill(N, sc.Hukou.Access)
	lv.HukouQuota = fill(N, sc.Hukou.Quota)
	lv.LandFactor = fill(N, 1)
	lv.Absorb = fill(N, 1)
	lv.Services = fill(N, 1)
	lv.Incentive = fill(N*e.S, 0)
	lv.Emission = fill(N, 1)
	lv.Cap = fill(N, math.Inf(1))
	lv.Enclave = map[[2]int]float64{}
	lv.Incubation = map[[2]int]float64{}
	return nil
}

// MarkDirty asks for the kernels to be recomputed before the next use (a
// barrier, park or network lever changed).
func (e *Economy) MarkDirty() { e.dirty = true }

// Kernels recomputes C and the N×N kernels if the network or a barrier
// changed since the last call (stage 2). It reports whether it did.
func (e *Economy) Kernels() bool {
	netChanged := e.C == nil || (e.Net.Version() != e.netVersion && !e.FrozenNetwork)
	if !e.dirty && !netChanged {
		return false
	}
	N, R := e.N, e.R
	if e.C == nil {
		e.C = make([]float64, N*N)
		for _, k := range []*[]float32{&e.kMarket, &e.kSupply, &e.kMig, &e.kKnow, &e.kInv, &e.kPol, &e.kMove} {
			*k = make([]float32, N*N)
		}
		e.kRural = make([]float32, R*N)
		e.kKnowSum = make([]float64, N)
	}
	if netChanged {
		e.Net.Costs(e.C)
		e.netVersion = e.Net.Version()
	}
	e.dirty = false
	sc, lv := e.Sc, &e.Levers
	mu := sc.Migration.Scale
	for i := 0; i < N; i++ {
		ri := e.CityRegion[i]
		for j := 0; j < N; j++ {
			rr := ri*R + e.CityRegion[j]
			c := e.C[i*N+j]
			ij := i*N + j
			bt := lv.Barrier[BarrierTrade][rr]
			e.kMarket[ij] = float32(math.Exp(-c/sc.Production.MarketDecay - bt))
			e.kSupply[ij] = float32(math.Exp(-sc.Production.SupplierDecay*c - bt))
			move := sc.Migration.MovingCost
			if i == j {
				move = 0
			}
			e.kMig[ij] = float32(math.Exp(-(move + sc.Migration.Distance*math.Log1p(c) + lv.Barrier[BarrierPeople][rr]) / mu))
			e.kInv[ij] = float32(math.Exp(-c/sc.Investment.DecayHours - lv.Barrier[BarrierCapital][rr]))
			e.kMove[ij] = float32(e.relocationCost(i, j))
		}
	}
	e.knowledgeKernel()
	e.pollutionKernel()
	e.ruralKernel()
	e.kReturn = math.Exp(-(sc.Migration.MovingCost + sc.Migration.Distance*math.Log1p(sc.Transport.IntraCity)) / mu)
	return true
}

// relocationCost is the one-off cost of moving a firm from city i to j per
// unit of its capital: the moving cost rising with the log of generalised
// cost, the origin government's resistance (cut by benefit sharing between
// the regions, removed for enclave parks) and the capital barrier as the
// return wedge σ_I·B it is for investors, over the firm's horizon.
func (e *Economy) relocationCost(i, j int) float64 {
	p, lv := e.Sc.Firms, &e.Levers
	ri, rj := e.CityRegion[i], e.CityRegion[j]
	if math.IsInf(lv.Barrier[BarrierCapital][ri*e.R+rj], 1) {
		return math.Inf(1) // no firm crosses an infinite barrier
	}
	resist := p.Resistance * (1 - lv.Sharing[ri*e.R+rj])
	move := p.RelocationCost * (1 + math.Log1p(e.C[i*e.N+j]))
	if cover, ok := lv.Enclave[[2]int{i, j}]; ok {
		resist = 0
		move *= 1 - cover // the park bears a share of the move
	}
	// The capital barrier is the return wedge it is in the investment logit,
	// σ_I·B a year, over the horizon.
	wedge := e.Sc.Investment.Scale * lv.Barrier[BarrierCapital][ri*e.R+rj] * p.Horizon
	return move + resist + wedge
}

// knowledgeKernel builds kKnow[j*N+i], the weight with which city j learns
// from city i: decay with cost, the knowledge barrier, the information gap,
// and co-built incubation parks; on its first call, the normaliser kKnowSum.
func (e *Economy) knowledgeKernel() {
	N, R, sc := e.N, e.R, e.Sc
	bb := func(c int) float64 {
		if b := sc.Cities[c].Broadband; b > 0 {
			return b
		}
		return sc.Transport.Broadband
	}
	first := e.kKnowSum[0] == 0 && N > 0
	for j := 0; j < N; j++ {
		var sum float64
		for i := 0; i < N; i++ {
			if i == j {
				e.kKnow[j*N+i] = 0
				continue
			}
			gap := math.Min(bb(i), bb(j)) / math.Max(bb(i), bb(j))
			open := math.Exp(-e.C[j*N+i]/sc.Knowledge.DecayHours) * math.Pow(gap, sc.Knowledge.Broadband)
			w := open * math.Exp(-e.Levers.Barrier[BarrierKnowledge][e.CityRegion[j]*R+e.CityRegion[i]])
			if v, ok := e.Levers.Incubation[[2]int{i, j}]; ok {
				w = math.Max(w, v)
			}
			e.kKnow[j*N+i] = float32(w)
			sum += open
		}
		// The normaliser is that of the start's network without barriers,
		// kept fixed: a barrier cuts spillovers, and a faster network or a
		// park raises them, instead of only re-weighting neighbours.
		if first {
			e.kKnowSum[j] = sum
		}
	}
}

// pollutionKernel builds kPol[c*N+j]: the share of city j's carried
// emissions that lands in city c (each source's shares sum to 1).
func (e *Economy) pollutionKernel() {
	N, d := e.N, e.Sc.Environment.SpreadHours
	for j := 0; j < N; j++ {
		var sum float64
		for c := 0; c < N; c++ {
			sum += math.Exp(-e.C[j*N+c] / d)
		}
		for c := 0; c < N; c++ {
			w := 0.0
			if sum > 0 {
				w = math.Exp(-e.C[j*N+c]/d) / sum
			}
			e.kPol[c*N+j] = float32(w)
		}
	}
}

// ruralKernel builds the migration kernel from each region's hinterland to
// every city: the hinterland sits at its cities' population-weighted mean
// cost (intra-city cost inside its own cities).
func (e *Economy) ruralKernel() {
	N, R, sc := e.N, e.R, e.Sc
	mu := sc.Migration.Scale
	for r := 0; r < R; r++ {
		for j := 0; j < N; j++ {
			var wc, w float64
			for i := 0; i < N; i++ {
				if e.CityRegion[i] != r {
					continue
				}
				p := sc.Cities[i].Population + 1
				wc += p * math.Log1p(e.C[i*N+j])
				w += p
			}
			lc := math.Log1p(sc.Transport.IntraCity)
			if w > 0 {
				lc = wc / w
			}
			b := e.Levers.Barrier[BarrierPeople][r*R+e.CityRegion[j]]
			e.kRural[r*N+j] = float32(math.Exp(-(sc.Migration.MovingCost + sc.Migration.Distance*lc + b) / mu))
		}
	}
}
