package model

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Init builds the initial state of the economy: residents by group, rural
// populations, firms drawn from the sector shares, capital at the stated
// capital/output ratio; then it calibrates productivity so that start output
// matches the data (production.calibrate), outside demand so that start
// prices are 1, service efficiency so that start capacity is a steady state,
// and amenities so that the start is a migration steady state at the
// observed barriers and density (migration.calibrate).
func (e *Economy) Init(d *Draw) (*State, error) {
	N, S, R, sc := e.N, e.S, e.R, e.Sc
	st := NewState(N, R, S)
	st.PolicyCost = make([]float64, len(e.policies))
	st.Year = sc.StartYear
	round := func(x float64) float64 {
		if d.MeanField() {
			return x
		}
		return math.Round(x)
	}
	for c, ct := range sc.Cities {
		p := ct.Population
		for g := Group(0); g < NumGroups; g++ {
			share := ct.TalentShare
			if g.Skill() == Worker {
				share = 1 - share
			}
			if g.Status() == NonLocal {
				share *= ct.NonLocal
			} else {
				share *= 1 - ct.NonLocal
			}
			st.Pop[g][c] = round(p * share)
		}
		st.Amenity[c] = ct.Amenity
		st.Education[c], st.Health[c] = ct.Education, ct.Health
	}
	for r, rg := range sc.Regions {
		st.Rural[r] = round(rg.Rural)
		e.ruralAmenity[r] = rg.Amenity
	}
	v0 := e.startOutput()
	e.drawFirms(st, d, v0)
	e.Kernels()
	if err := e.fitInvestment(st, v0); err != nil {
		return nil, err
	}
	e.fitLand(st, v0)
	if err := e.fitProduction(st, v0); err != nil {
		return nil, err
	}
	e.fitRural(st)
	e.fitServices(st)
	e.fitPollution(st)
	if sc.Migration.Calibrate {
		if err := e.fitAmenities(st); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// NewState returns a State of N cities, R regions and S sectors with every
// slice allocated and zero: the start of a model family's own state.
func NewState(N, R, S int) *State {
	return NewStateFlows(N, R, S, FlowTalent, FlowWorkers, FlowCapital, FlowFirms)
}

// NewStateFlows is NewState with only the listed flow matrices (N×N each)
// allocated; the others stay nil, for a family that records no such flows.
func NewStateFlows(N, R, S int, flows ...Factor) *State {
	f := func(n int) []float64 { return make([]float64, n) }
	st := &State{N: N, R: R, S: S}
	for g := range st.Pop {
		st.Pop[g] = f(N)
	}
	st.Rural = f(R)
	st.K, st.X, st.A, st.Y, st.V, st.Price, st.Return, st.Supplier = f(N*S), f(N*S), f(N*S), f(N*S), f(N*S), f(N*S), f(N*S), f(N*S)
	st.Labour = [2][]float64{f(N * S), f(N * S)}
	st.Wage = [2][]float64{f(N), f(N)}
	st.LandPrice, st.Market, st.Revenue, st.Education, st.Health, st.Pollution, st.Amenity = f(N), f(N), f(N), f(N), f(N), f(N), f(N)
	st.RuralWage, st.FarmFloor = f(R), f(R)
	st.Born = make([]int64, N*S)
	for _, k := range flows {
		st.Flow[k] = f(N * N)
	}
	st.RuralFlow, st.ReturnFlow = f(R*N), f(N*R)
	return st
}

// startOutput returns the value of output by city-sector at the start: the
// city's output (or, where the scenario gives none, the mean output per
// head of the cities that have one, else 0.05 currency a head) times its
// normalised sector shares.
func (e *Economy) startOutput() []float64 {
	N, S, sc := e.N, e.S, e.Sc
	var out, pop float64
	for _, ct := range sc.Cities {
		if ct.Output > 0 {
			out += ct.Output
			pop += ct.Population
		}
	}
	perHead := 0.05
	if pop > 0 {
		perHead = out / pop
	}
	v0 := make([]float64, N*S)
	for c, ct := range sc.Cities {
		total := ct.Output
		if total <= 0 {
			total = perHead * ct.Population
		}
		var sum float64
		for _, sec := range sc.Sectors { // sector order: map order would change the sum's last bits
			sum += ct.Sectors[sec.Name]
		}
		for s, sec := range sc.Sectors {
			if sum > 0 {
				v0[c*S+s] = total * ct.Sectors[sec.Name] / sum
			} else {
				v0[c*S+s] = total / float64(S)
			}
		}
	}
	return v0
}

// drawFirms creates the initial firms: about per_city firms a city, spread
// over sectors by output share (at least one in every sector present), each
// holding an equal part of the city-sector's capital, K = capital_output ·
// V · αK/ᾱK, with a log-normal efficiency draw (its quantiles in mean-field
// mode).
func (e *Economy) drawFirms(st *State, d *Draw, v0 []float64) {
	N, S, sc := e.N, e.S, e.Sc
	var vk, vt float64
	for i, v := range v0 {
		vk += sc.Sectors[i%S].Capital * v
		vt += v
	}
	abar := vk / vt
	sigma := sc.Firms.Sigma
	ln := distuv.LogNormal{Mu: -sigma * sigma / 2, Sigma: sigma, Src: d.Source()}
	count := make([]float64, S)
	for c := 0; c < N; c++ {
		var vc float64
		for s := 0; s < S; s++ {
			vc += v0[c*S+s]
		}
		for s := 0; s < S; s++ {
			i := c*S + s
			if v0[i] <= 0 {
				continue
			}
			k := sc.Production.CapitalOutput * v0[i] * sc.Sectors[s].Capital / abar
			n := math.Max(1, math.Round(sc.Firms.PerCity*v0[i]/vc))
			for f := 0; f < int(n); f++ {
				z := 1.0
				if sigma > 0 {
					if d.MeanField() {
						z = ln.Quantile((float64(f) + 0.5) / n)
					} else {
						z = ln.Rand()
					}
				}
				st.Firms = append(st.Firms, Firm{ID: st.nextID(i), Sector: s, City: c, Z: z, K: k / n, Treatment: -1, Origin: -1, Alive: true})
			}
			e.optimalShares(st.Firms[len(st.Firms)-int(n):], k)
			e.meanFirmK[s] += k
			count[s] += n
		}
	}
	for s := range count {
		if count[s] > 0 {
			e.meanFirmK[s] /= count[s]
		}
	}
	grown := make([]Firm, len(st.Firms), 2*len(st.Firms)+64)
	copy(grown, st.Firms)
	st.Firms = grown
}

// optimalShares divides the capital k of one city-sector among its firms fs
// so that the marginal products of their capital, ν·Z·K^(ν−1), are equal:
// K ∝ Z^(1/(1−ν)), the steady state of distribute. With ν = 1 it leaves
// the equal shares.
func (e *Economy) optimalShares(fs []Firm, k float64) {
	nu := e.Sc.Firms.Span
	if nu >= 1 {
		return
	}
	var w float64
	for f := range fs {
		w += math.Pow(fs[f].Z, 1/(1-nu))
	}
	for f := range fs {
		fs[f].K = k * math.Pow(fs[f].Z, 1/(1-nu)) / w
	}
}

// fitProduction sets the labour allocation to the Cobb-Douglas shares of
// start output, prices to 1, knowledge A to 1 everywhere, each
// city-sector's calibrated productivity so that the solved output equals
// the data, and demand so that those prices clear. Keeping the calibrated
// residual apart from knowledge means spillovers spread what cities learn
// from now on, not close the gaps of the data, which stand for what the
// model does not represent.
func (e *Economy) fitProduction(st *State, v0 []float64) error {
	N, S, sc := e.N, e.S, &e.scratch
	copy(st.Y, v0) // supplier access at the start uses start output
	e.setShares(st, v0)
	for i := range st.A {
		st.A[i] = 1
	}
	e.Produce(st) // cst now holds the log shifter with A = 1, tfp = 1
	for s, sec := range e.Sc.Sectors {
		var lnA, w float64
		for c := 0; c < N; c++ {
			i := c*S + s
			if v0[i] <= 0 || st.X[i] <= 0 {
				continue
			}
			// cst = log A + rest; solved output gives (1−αH) log V0 = cst + αT logT + αL logL.
			need := (1-sec.Land)*math.Log(v0[i]) - labourTerm(&sec, sc.logT[i], sc.logL[i])
			a := 0.0
			if e.Sc.Production.Calibrate {
				a = need - sc.cst[i]
			}
			e.tfp[i] = math.Exp(a)
			lnA += v0[i] * a
			w += v0[i]
		}
		mean := 1.0
		if w > 0 && e.Sc.Production.Calibrate {
			mean = math.Exp(lnA / w)
		}
		for c := 0; c < N; c++ {
			if i := c*S + s; v0[i] <= 0 || st.X[i] <= 0 {
				e.tfp[i] = mean
			}
		}
	}
	e.Produce(st)
	e.output(st)
	e.fitDemand(st)
	if err := e.Clear(st); err != nil { // with calibration, the data are its fixed point
		return fmt.Errorf("model: start: %w", err)
	}
	for f := range st.Firms {
		fm := &st.Firms[f]
		fm.Output = e.firmOutput(st, fm)
	}
	return nil
}

// fitLand fits the land market with industrial land at start output v0.
// Start rents h_c are those of residents alone, h0·f·(P_c/land_c)^θ: the
// data's rents already hold the firms' demand. λ, the resident equivalents
// of land per unit of the firms' land spending B_c at rent 1, is set so that
// firms hold the share φ = production.industrial_land of the nation's
// developed land, Σ_c λ·B_c/h_c = φ/(1−φ)·Σ_c P_c; each city's supply scale
// a_c so that its land market clears at its start rent,
// a_c = P_c / (land_c·(P_c + λ·B_c/h_c)). It leaves λ = 0 (rents follow the
// residents alone) when φ = 0 or no sector uses land.
func (e *Economy) fitLand(st *State, v0 []float64) {
	e.landLambda = 0
	phi := e.Sc.Production.IndustrialLand
	if phi <= 0 {
		return
	}
	h := st.LandPrice
	var people, q float64
	for c := 0; c < e.N; c++ {
		p := math.Max(st.CityPop(c), 1)
		h[c] = e.landPrice(v0, c, p, 0) // λ = 0: the residents' rent
		people += p
		q += e.landRent(v0, c) / h[c]
	}
	if q <= 0 {
		return
	}
	lambda := phi / (1 - phi) * people / q
	for c := 0; c < e.N; c++ {
		p := math.Max(st.CityPop(c), 1)
		e.landScale[c] = p / (e.Land[c] * (p + lambda*e.landRent(v0, c)/h[c]))
	}
	e.landLambda = lambda
}

func labourTerm(sec *Sector, logT, logL float64) float64 {
	var x float64
	if sec.Talent > 0 {
		x += sec.Talent * logT
	}
	if sec.Workers > 0 {
		x += sec.Workers * logL
	}
	return x
}

// setShares allocates each city's talent and workers to sectors in
// proportion to α·V0, and sets log prices to 0.
func (e *Economy) setShares(st *State, v0 []float64) {
	N, S, sc := e.N, e.S, &e.scratch
	copy(st.V, v0)
	for k, logX := range [2][]float64{sc.logT, sc.logL} {
		for c := 0; c < N; c++ {
			var sum float64
			for s, sec := range e.Sc.Sectors {
				sum += alpha(&sec, Skill(k)) * v0[c*S+s]
			}
			total := st.CitySkill(c, Skill(k))
			for s, sec := range e.Sc.Sectors {
				i := c*S + s
				logX[i] = math.Inf(-1)
				if a := alpha(&sec, Skill(k)); a > 0 && v0[i] > 0 && sum > 0 && total > 0 {
					logX[i] = math.Log(total * a * v0[i] / sum)
				}
			}
		}
	}
	clear(sc.logP)
}

// fitDemand sets outside demand for traded sectors to their start output
// and local spending shares to their start share of city income, so that
// start prices clear at 1.
func (e *Economy) fitDemand(st *State) {
	N, S := e.N, e.S
	for s := 0; s < S; s++ {
		if !e.Traded[s] {
			continue
		}
		var q float64
		for c := 0; c < N; c++ {
			q += st.Y[c*S+s]
		}
		e.demand[s] = q
	}
	for c := 0; c < N; c++ {
		inc := st.CityOutput(c)
		for s := 0; s < S; s++ {
			if !e.Traded[s] && inc > 0 {
				e.demand[c*S+s] = st.V[c*S+s] / inc
			}
		}
	}
}

// fitInvestment distributes the start capital across cities so that the
// start is a steady state of investment at the observed barriers and
// network (MODEL.md section 8, as for migration): every city receives new
// capital in proportion to the capital it has, so that no city's share of
// capital drifts before anything changes. Where barriers keep a region's
// savings at home, the others must offer a higher return to draw their
// share, so they start with less capital per unit of output: that real
// return gap is what a fall of the barrier releases. Each city's firms
// keep their shares; the cluster's capital/output ratio stays
// production.capital_output. Without production.calibrate, capital is
// left as drawn.
func (e *Economy) fitInvestment(st *State, v0 []float64) error {
	if !e.Sc.Production.Calibrate || e.Sc.Investment.Savings <= 0 {
		return nil
	}
	N, S := e.N, e.S
	copy(st.V, v0) // returns and savings at start output
	e.effectiveCapital(st)
	kc := make([]float64, N)
	var ktot float64
	for c := 0; c < N; c++ {
		for s := 0; s < S; s++ {
			kc[c] += st.K[c*S+s]
		}
		ktot += kc[c]
	}
	comp := e.investmentComponents()
	kComp, inComp := make([]float64, N), make([]float64, N)
	in, scale := make([]float64, N), make([]float64, N)
	// A city's pull, K^ω·exp(r/σ) with r ∝ 1/K, changes with ln K at
	// ω − r/σ, and its due share with ln K at 1: the log ratio of inflow
	// to due share falls at about 1 − ω + r̄/σ per unit of ln K.
	var vk float64
	for i, v := range v0 {
		vk += e.Sc.Sectors[i%S].Capital * v
	}
	elastic := 1 - e.Sc.Investment.CapitalWeight + vk/ktot/e.Sc.Investment.Scale
	worst := math.Inf(1)
	for it := 0; it < 5000 && worst > 1e-9; it++ {
		for i := range st.Return {
			st.Return[i] = 0
			if st.K[i] > 0 {
				st.Return[i] = e.Sc.Sectors[i%S].Capital * st.V[i] / st.K[i]
			}
		}
		e.investmentWeights(st)
		e.allocate(st, in, nil, false)
		clear(kComp)
		clear(inComp)
		for c := 0; c < N; c++ {
			kComp[comp[c]] += kc[c]
			inComp[comp[c]] += in[c]
		}
		worst = 0
		var knew float64
		for c := 0; c < N; c++ {
			scale[c] = 1
			if in[c] > 0 && kc[c] > 0 {
				step := math.Log(in[c] * kComp[comp[c]] / (inComp[comp[c]] * kc[c]))
				scale[c] = math.Exp(0.5 * step / elastic)
				worst = math.Max(worst, math.Abs(step))
			}
			knew += kc[c] * scale[c]
		}
		for c := range scale {
			scale[c] *= ktot / knew // the cluster's capital stays as drawn
			kc[c] *= scale[c]
		}
		for f := range st.Firms {
			st.Firms[f].K *= scale[st.Firms[f].City]
		}
		e.effectiveCapital(st)
	}
	if worst > 1e-6 {
		return fmt.Errorf("model: start: investment is not a steady state after 5000 rounds (largest log ratio %.3g); a city may be cut off", worst)
	}
	for s := range e.meanFirmK {
		e.meanFirmK[s] = 0
	}
	count := make([]float64, S)
	for _, fm := range st.Firms {
		e.meanFirmK[fm.Sector] += fm.K
		count[fm.Sector]++
	}
	for s := range count {
		if count[s] > 0 {
			e.meanFirmK[s] /= count[s]
		}
	}
	return nil
}

// investmentComponents labels each city with the smallest city it shares
// savings with, directly or not (the kernel kInv > 0 either way): where an
// infinite barrier cuts the cluster, the steady state holds within each
// part, since no premium can move savings across it.
func (e *Economy) investmentComponents() []int {
	N := e.N
	comp := make([]int, N)
	for c := range comp {
		comp[c] = c
	}
	root := func(c int) int {
		for comp[c] != c {
			comp[c] = comp[comp[c]]
			c = comp[c]
		}
		return c
	}
	for i := 0; i < N; i++ {
		for j := 0; j < N; j++ {
			if e.kInv[i*N+j] > 0 {
				a, b := root(i), root(j)
				comp[max(a, b)] = min(a, b)
			}
		}
	}
	for c := range comp {
		comp[c] = root(c)
	}
	return comp
}

// fitRural sets the farm-labour floor and rural wages at the start.
func (e *Economy) fitRural(st *State) {
	for r, rg := range e.Sc.Regions {
		total := st.Rural[r]
		for c := 0; c < e.N; c++ {
			if e.CityRegion[c] == r {
				total += st.CityPop(c)
			}
		}
		e.floor0[r] = rg.FarmFloor * total
		e.ruralNorm[r] = 1
		e.ruralNorm[r] = 1 / e.ruralPressure(st, r)
	}
	e.RuralWages(st)
}

// fitServices calibrates each city's seat efficiency so that its start
// capacity is the steady state of its start funding.
func (e *Economy) fitServices(st *State) {
	p := e.Sc.Fiscal
	for c := 0; c < e.N; c++ {
		st.Revenue[c] = p.Tax * st.CityOutput(c) * e.Sc.Dt
		edu, health := e.seatTargets(st, c)
		e.eduEff[c], e.healthEff[c] = 1, 1
		if edu > 0 {
			e.eduEff[c] = st.Education[c] / edu
		}
		if health > 0 {
			e.healthEff[c] = st.Health[c] / health
		}
	}
}

// fitPollution records start emissions (for caps) and sets the pollution
// index of cities the scenario leaves at 0 to the steady state of start
// emissions, inflow/(1 − persistence).
func (e *Economy) fitPollution(st *State) {
	em := e.scratch.emis
	e.income0 = urbanIncome(st)
	e.emissions(st, em)
	copy(e.emission0, em)
	e.steadyPollution(st, em)
	for c, ct := range e.Sc.Cities {
		if ct.Pollution > 0 {
			st.Pollution[c] = ct.Pollution
		}
	}
}

// fitAmenities adjusts city amenities until net city-to-city migration is
// zero in every city, and the rural amenity of each region until its net
// rural outflow equals the region's outflow (where given), at the start's
// wages, prices, barriers and network.
func (e *Economy) fitAmenities(st *State) error {
	N := e.N
	mf := &Draw{}
	mu := e.Sc.Migration.Scale
	rho := e.Sc.Migration.Rate * e.Sc.Dt
	if rho <= 0 {
		return nil
	}
	const rounds = 2000
	worst := math.Inf(1)
	in, out := make([]float64, N), make([]float64, N)
	for it := 0; it < rounds && worst >= 1e-6; it++ {
		for k := range st.Flow {
			clear(st.Flow[k])
		}
		clear(st.RuralFlow)
		e.migrationFlows(st, mf, rho)
		clear(in)
		clear(out)
		flows := [2][]float64{st.Flow[FlowTalent], st.Flow[FlowWorkers]}
		for _, f := range flows {
			for i := 0; i < N; i++ {
				for j := 0; j < N; j++ {
					out[i] += f[i*N+j]
					in[j] += f[i*N+j]
				}
			}
		}
		worst = 0
		for c := 0; c < N; c++ {
			if in[c] > 0 && out[c] > 0 {
				step := math.Log(out[c] / in[c])
				st.Amenity[c] += 0.5 * mu * step
				worst = math.Max(worst, math.Abs(step))
			}
		}
		for r, rg := range e.Sc.Regions {
			if rg.Outflow < 0 {
				continue
			}
			gone, back := e.scratch.gone[r], 0.0
			for i := 0; i < N; i++ {
				if e.CityRegion[i] == r {
					back += e.scratch.back[i]
				}
			}
			target := back + rg.Outflow*e.Sc.Dt*st.Rural[r]
			if gone > 0 && target > 0 {
				step := math.Log(gone / target)
				e.ruralAmenity[r] += 0.5 * mu * step
				worst = math.Max(worst, math.Abs(step))
			}
		}
	}
	if worst >= 1e-3 {
		return fmt.Errorf("model: migration.calibrate: the start is not a migration steady state after %d rounds (largest log ratio of gross flows %.3g); a city or hinterland may be cut off", rounds, worst)
	}
	for k := range st.Flow {
		clear(st.Flow[k])
	}
	clear(st.RuralFlow)
	clear(st.ReturnFlow)
	return nil
}

// ruralPressure is the factor by which the rural wage exceeds its base as
// the rural population nears the farm-labour floor: 1 + steepness/(x − 1),
// x = rural/floor (x held above 1.001).
func (e *Economy) ruralPressure(st *State, r int) float64 {
	rg := e.Sc.Regions[r]
	floor := e.floor0[r] * math.Exp(-rg.FloorDecline*st.T)
	st.FarmFloor[r] = floor
	if floor <= 0 {
		return 1
	}
	x := math.Max(st.Rural[r]/floor, 1.001)
	return 1 + rg.Steepness/(x-1)
}

// RuralWages sets each region's rural wage: its start value, grown with
// agricultural productivity, times the floor pressure relative to the start.
func (e *Economy) RuralWages(st *State) {
	for r, rg := range e.Sc.Regions {
		st.RuralWage[r] = rg.RuralWage * math.Exp(rg.FarmGrowth*st.T) * e.ruralNorm[r] * e.ruralPressure(st, r)
	}
}
