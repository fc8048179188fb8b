package model

import (
	"fmt"
	"math"
)

// policyRun is a scheduled policy resolved to indices.
type policyRun struct {
	Policy
	cities   []int
	regions  []int
	sectors  []int
	origin   int
	inRegion []bool
	inCity   []bool
	inSector []bool
	end      int      // last year in force; math.MaxInt = to the end
	applied  bool     // its first year in force has come
	active   bool     // in force this year
	pairIdx  []int    // ordered pairs of distinct target regions, [ra*R+rb]
	csIdx    []int    // target city-sectors, [c*S+s]
	parks    [][2]int // origin → host pairs of a park
	cohorts  []cohort // trainees still studying (training with a duration)
	spare    []cohort // graduated cohorts, whose buffers the next intake reuses
}

// cohort is one step's intake of trainees: persons by status and city,
// [status*N+c], who finish their course at time done; of them, talent
// join the talent and the rest return to work as workers.
type cohort struct {
	done   float64
	n      []float64
	talent []float64
}

// resolvePolicies turns the scenario's policies into index form.
func (e *Economy) resolvePolicies(city, region, sector map[string]int) error {
	if len(e.studying) != 2*e.N {
		e.studying = make([]float64, 2*e.N)
	}
	for _, p := range e.Sc.Policies {
		run := policyRun{Policy: p, origin: -1, end: p.End}
		if run.Start == 0 {
			run.Start = e.Sc.StartYear
		}
		if run.end == 0 {
			run.end = math.MaxInt
		}
		var err error
		if run.regions, err = resolve(p, "region", p.Regions, region, e.R); err != nil {
			return err
		}
		run.inRegion = make([]bool, e.R)
		for _, r := range run.regions {
			run.inRegion[r] = true
		}
		if run.cities, err = resolve(p, "city", p.Cities, city, 0); err != nil {
			return err
		}
		if len(run.cities) == 0 {
			for c := 0; c < e.N; c++ {
				if run.inRegion[e.CityRegion[c]] {
					run.cities = append(run.cities, c)
				}
			}
		}
		if run.sectors, err = resolve(p, "sector", p.Sectors, sector, e.S); err != nil {
			return err
		}
		if p.Kind == PolicyPark && p.Origin == "" {
			return fmt.Errorf("model: policy %s: a park needs an origin city", p.Name)
		}
		if p.Origin != "" {
			c, ok := city[p.Origin]
			if !ok {
				return fmt.Errorf("model: policy %s: unknown origin %q", p.Name, p.Origin)
			}
			run.origin = c
		}
		run.inCity, run.inSector = make([]bool, e.N), make([]bool, e.S)
		for _, c := range run.cities {
			run.inCity[c] = true
		}
		for _, s := range run.sectors {
			run.inSector[s] = true
		}
		run.pairIdx, run.csIdx, run.parks = e.pairs(&run), e.citySectors(&run), parkKeys(&run)
		e.policies = append(e.policies, run)
	}
	return nil
}

// resolve turns a policy's target names into indices; no names means all
// n indices (none when n is 0).
func resolve(p Policy, what string, names []string, index map[string]int, n int) ([]int, error) {
	var idx []int
	for _, name := range names {
		i, ok := index[name]
		if !ok {
			return nil, fmt.Errorf("model: policy %s: unknown %s %q", p.Name, what, name)
		}
		idx = append(idx, i)
	}
	if len(names) == 0 {
		for i := 0; i < n; i++ {
			idx = append(idx, i)
		}
	}
	return idx, nil
}

// ApplyPolicies is stage 1. The levers are rebuilt from their start values
// whenever the set of policies in force changes: every policy in force
// (Start <= year <= End, or since Start for a one-off with End = Start)
// applies its change in scenario order, so overlapping policies compose and
// a policy's change ends with it. Durable acts — toll removal, new
// infrastructure, closures, duplicated parks — happen once, in the first
// year in force, and stay. Each policy's fiscal cost of the year is added to
// st.PolicyCost (the cost model per kind is in docs/ODD.md); a one-off
// policy is charged in its first year only.
func (e *Economy) ApplyPolicies(st *State, d *Draw) {
	for f := range st.Firms {
		st.Firms[f].Subsidy = 0
	}
	changed := false
	for i := range e.policies {
		e.graduate(st, &e.policies[i])
	}
	for i := range e.policies {
		p := &e.policies[i]
		on := st.Year >= p.Start && (st.Year <= p.end || p.oneOff())
		if on != p.active {
			p.active, changed = on, true
		}
	}
	if changed {
		e.rebuildLevers()
	}
	for i := range e.policies {
		p := &e.policies[i]
		if !p.active {
			continue
		}
		first := !p.applied
		p.applied = true
		if first {
			st.PolicyCost[i] += e.durable(st, d, p)
		}
		switch {
		case !p.oneOff():
			st.PolicyCost[i] += e.yearly(st, d, p, e.Sc.Dt)
		case first: // a one-off acts once, a whole year's worth
			st.PolicyCost[i] += e.yearly(st, d, p, 1)
		}
	}
}

func (p *policyRun) oneOff() bool { return p.End != 0 && p.End == p.Start }

// rebuildLevers resets the levers to their start values and applies every
// policy in force.
func (e *Economy) rebuildLevers() {
	e.Levers.copyFrom(&e.base)
	for i := range e.policies {
		if p := &e.policies[i]; p.active {
			e.lever(p)
		}
	}
	e.MarkDirty()
}

// copyFrom sets lv to a copy of b, reusing lv's storage.
func (lv *Levers) copyFrom(b *Levers) {
	for k := range lv.Barrier {
		copy(lv.Barrier[k], b.Barrier[k])
	}
	for _, x := range [][2][]float64{{lv.Sharing, b.Sharing}, {lv.HukouPenalty, b.HukouPenalty},
		{lv.HukouAccess, b.HukouAccess}, {lv.HukouQuota, b.HukouQuota}, {lv.LandFactor, b.LandFactor},
		{lv.Absorb, b.Absorb}, {lv.Services, b.Services}, {lv.Incentive, b.Incentive},
		{lv.Emission, b.Emission}, {lv.Cap, b.Cap}} {
		copy(x[0], x[1])
	}
	clear(lv.Enclave)
	clear(lv.Incubation)
}

// clone returns a deep copy of lv.
func (lv *Levers) clone() Levers {
	c := Levers{Enclave: map[[2]int]float64{}, Incubation: map[[2]int]float64{}}
	for k := range lv.Barrier {
		c.Barrier[k] = append([]float64(nil), lv.Barrier[k]...)
	}
	dup := func(x []float64) []float64 { return append([]float64(nil), x...) }
	c.Sharing, c.HukouPenalty, c.HukouAccess, c.HukouQuota = dup(lv.Sharing), dup(lv.HukouPenalty), dup(lv.HukouAccess), dup(lv.HukouQuota)
	c.LandFactor, c.Absorb, c.Services, c.Incentive = dup(lv.LandFactor), dup(lv.Absorb), dup(lv.Services), dup(lv.Incentive)
	c.Emission, c.Cap = dup(lv.Emission), dup(lv.Cap)
	return c
}

// pairs returns the region-pair indices among the policy's regions.
func (e *Economy) pairs(p *policyRun) []int {
	var idx []int
	for _, a := range p.regions {
		for _, b := range p.regions {
			if a != b {
				idx = append(idx, a*e.R+b)
			}
		}
	}
	return idx
}

// citySectors returns the c*S+s indices of the policy's targets.
func (e *Economy) citySectors(p *policyRun) []int {
	var idx []int
	for _, c := range p.cities {
		for _, s := range p.sectors {
			idx = append(idx, c*e.S+s)
		}
	}
	return idx
}

// parkKeys returns the origin→host pairs of a park.
func parkKeys(p *policyRun) [][2]int {
	var keys [][2]int
	for _, h := range p.cities {
		if h != p.origin {
			keys = append(keys, [2]int{p.origin, h})
		}
	}
	return keys
}

// lever applies a policy's change to the levers. Magnitudes that are shares
// are capped at 1.
func (e *Economy) lever(p *policyRun) {
	m := p.Magnitude
	share := math.Min(m, 1)
	lv := &e.Levers
	mul := func(x []float64, idx []int, f float64) {
		for _, i := range idx {
			if f == 0 {
				x[i] = 0 // also for an infinite barrier removed whole
			} else {
				x[i] *= f
			}
		}
	}
	switch p.Kind {
	case PolicyBarrier:
		for k, name := range []string{"people", "capital", "knowledge", "trade"} {
			if p.Factor == "all" || p.Factor == name {
				mul(lv.Barrier[k], p.pairIdx, 1-share)
			}
		}
	case PolicyHukou:
		// m > 0 relaxes: penalty and access gap cut by a share; m < 0
		// tightens: penalty raised and access cut by |m|. Quotas × (1+m).
		mul(lv.HukouPenalty, p.cities, 1-share)
		for _, c := range p.cities {
			if m >= 0 {
				lv.HukouAccess[c] += share * (1 - lv.HukouAccess[c])
			} else {
				lv.HukouAccess[c] *= 1 + m
			}
			lv.HukouQuota[c] = math.Min(lv.HukouQuota[c]*(1+m), 1)
		}
	case PolicyLandCost:
		mul(lv.LandFactor, p.cities, 1-0.99*share)
	case PolicyCapacity:
		mul(lv.Absorb, p.cities, 1+m)
	case PolicyServices:
		mul(lv.Services, p.cities, 1+m)
	case PolicyIncentive:
		for _, i := range p.csIdx {
			lv.Incentive[i] += m
		}
	case PolicySharing:
		for _, i := range p.pairIdx {
			lv.Sharing[i] = math.Max(lv.Sharing[i], share)
		}
	case PolicyPark:
		for _, k := range p.parks {
			switch p.Form {
			case "incubation":
				lv.Incubation[k] = math.Max(lv.Incubation[k], share)
			case "enclave", "":
				lv.Enclave[k] = math.Max(lv.Enclave[k], share)
			}
		}
	case PolicyEnvironment:
		switch p.Form {
		case "cap":
			for _, c := range p.cities {
				lv.Cap[c] = math.Min(lv.Cap[c], m)
			}
		case "joint", "":
			mul(lv.Emission, p.cities, 1-share)
		}
	}
}

// durable carries out a policy's one-time act in its first year in force
// and returns its fiscal cost.
func (e *Economy) durable(st *State, d *Draw, p *policyRun) float64 {
	m := p.Magnitude
	share := math.Min(m, 1)
	if e.FrozenNetwork && (p.Kind == PolicyTolls || p.Kind == PolicyInfra) {
		return 0 // mechanisms.transport = false: the network stays as it was
	}
	switch p.Kind {
	case PolicyTolls:
		e.Net.ScaleBoundary(share)
	case PolicyInfra:
		h, r := e.Net.Density()
		e.Net.SetDensities(h*(1+m), r*(1+m))
		var area float64
		for _, c := range e.Sc.Cities {
			area += c.AreaKm2
		}
		return p.UnitCost * (h + r) * m * area // km built
	case PolicyPark:
		if p.Form == "duplication" {
			// The host copies a share of the origin's productivity
			// (calibrated level times knowledge) where it is higher.
			for _, k := range p.parks {
				for _, s := range p.sectors {
					src, dst := k[0]*e.S+s, k[1]*e.S+s
					st.A[dst] = math.Max(st.A[dst], share*e.tfp[src]*st.A[src]/e.tfp[dst])
				}
			}
		}
	case PolicyEnvironment:
		if p.Form == "closure" {
			return p.UnitCost * e.close(st, d, p, share)
		}
	}
	return 0
}

// close shuts down a share of the target firms: each with that
// probability in stochastic mode, in mean-field mode that share of each
// one's count and capital (as exit does). Their capital waits to be
// reinvested. It returns the capital closed.
func (e *Economy) close(st *State, d *Draw, p *policyRun, share float64) float64 {
	var closed float64
	key := math.Float64bits(st.T) ^ 0xc105e
	for f := range st.Firms {
		fm := &st.Firms[f]
		if !fm.Alive || !p.inCity[fm.City] || !p.inSector[fm.Sector] {
			continue
		}
		closed += e.retire(fm, share, d, key)
	}
	e.compact(st)
	return closed
}

// yearly carries out a policy's actions of the year and returns their
// fiscal cost.
func (e *Economy) yearly(st *State, d *Draw, p *policyRun, dt float64) float64 {
	S := e.S
	m := p.Magnitude
	switch p.Kind {
	case PolicyBarrier:
		return p.UnitCost*math.Min(m, 1)*dt + e.compensation(st, p, dt)
	case PolicyTolls, PolicySharing:
		return p.UnitCost * math.Min(m, 1) * dt
	case PolicyCapacity:
		return p.UnitCost * m * float64(len(p.cities)) * dt
	case PolicyHukou:
		// Services for the residents this policy registers beyond the
		// base quota (its own share, so overlapping policies each pay
		// for theirs).
		var n float64
		for _, c := range p.cities {
			extra := math.Max(0, math.Min(e.base.HukouQuota[c]*m, 1))
			n += extra * dt * (st.Pop[TalentNonLocal][c] + st.Pop[WorkerNonLocal][c])
		}
		return p.UnitCost * n
	case PolicyLandCost:
		var rent float64
		for _, c := range p.cities {
			for s, sec := range e.Sc.Sectors {
				rent += sec.Land * st.V[c*S+s]
			}
		}
		return 0.99 * math.Min(m, 1) * rent * dt / (1 - 0.99*math.Min(m, 1))
	case PolicyTraining:
		return p.trainingCost(e.train(st, d, p, dt), dt)
	case PolicyServices:
		// Revenue is last step's; the policy funds m times the normal
		// service budget on top.
		var extra float64
		for _, c := range p.cities {
			extra += m * e.Sc.Fiscal.Services * st.Revenue[c]
		}
		return extra
	case PolicyIncentive:
		var k float64
		for _, i := range p.csIdx {
			k += st.K[i]
		}
		return m * k * dt
	case PolicySubsidy:
		return e.subsidise(st, p, dt)
	case PolicyPark:
		return p.UnitCost * float64(len(p.parks)) * dt
	case PolicyEnvironment:
		if p.Form == "joint" || p.Form == "" {
			var abated float64
			for _, c := range p.cities {
				abated += e.emission0[c] * math.Min(m, 1)
			}
			return p.UnitCost * abated * dt
		}
	}
	return 0
}

// compensation is the price of removing a barrier (MODEL.md F7): what
// keeps each target region's tax base — the tax on the output of the firms
// that left it across the opened boundary because the policy opened it,
// less any share benefit sharing already returns — paid back to it, this
// step. Of the firms that crossed since the policy began, the share that
// crossed because of it is attributable (a firm that would have crossed
// the old barrier too costs the policy nothing).
func (e *Economy) compensation(st *State, p *policyRun, dt float64) float64 {
	if p.Factor != "all" && p.Factor != "capital" {
		return 0 // firms move capital: only a capital barrier lets them out
	}
	tax := e.Sc.Fiscal.Tax
	var x float64
	for f := range st.Firms {
		fm := &st.Firms[f]
		if fm.Origin < 0 || fm.Moved < p.Start {
			continue
		}
		ro, rc := e.CityRegion[fm.Origin], e.CityRegion[fm.City]
		if ro == rc || !p.inRegion[ro] || !p.inRegion[rc] {
			continue
		}
		x += tax * fm.Output * dt * (1 - e.Levers.Sharing[ro*e.R+rc]) * e.attributable(p, ro*e.R+rc)
	}
	return x
}

// attributable is the share of the firms relocating across region pair k
// that do so because policy p lowered its capital barrier. The barrier
// enters a firm's relocation logit as a cost σ_I·B·horizon per unit of
// capital (relocationCost); lowering it by the policy's share multiplies
// the odds of every move across the pair by exp(Δ/scale), Δ = σ_I·horizon·
// share·B, so that of the moves now made a share 1 − exp(−Δ/scale) would
// not have been made under the old barrier (exactly so while staying
// dominates the firm's choice, as it does: firms.relocate a year is small).
// An infinite barrier removed makes every crossing the policy's.
func (e *Economy) attributable(p *policyRun, k int) float64 {
	b := e.base.Barrier[BarrierCapital][k]
	share := math.Min(p.Magnitude, 1)
	switch {
	case share <= 0 || b <= 0:
		return 0
	case math.IsInf(b, 1):
		return 1
	}
	d := e.Sc.Investment.Scale * e.Sc.Firms.Horizon * share * b
	return -math.Expm1(-d / e.Sc.Firms.RelocationScale)
}

// train enrols a share of the workers of the target cities who are not
// studying already and returns the number enrolled. Of the trainees a
// share Conversion (drawn binomially in stochastic mode) become talent,
// the rest stay workers. Without a duration they do so at once; with one
// they all study, out of the labour force, and the converted join the
// talent when their cohort is done (graduate).
func (e *Economy) train(st *State, d *Draw, p *policyRun, dt float64) float64 {
	var n float64
	rate := math.Min(p.Magnitude, 1) * dt
	var co cohort
	if p.Duration > 0 {
		co = p.newCohort(st.T+p.Duration, 2*e.N)
	}
	for _, c := range p.cities {
		for _, s := range []Status{LocalHukou, NonLocal} {
			w, t := GroupOf(Worker, s), GroupOf(Talent, s)
			i := int(s)*e.N + c
			k := d.Binomial(math.Max(0, st.Pop[w][c]-e.studying[i]), rate)
			kt := d.Binomial(k, p.Conversion) // k itself when Conversion is 1: no draw
			if p.Duration > 0 {
				co.n[i] += k
				co.talent[i] += kt
				e.studying[i] += k
			} else {
				st.Pop[w][c] -= kt
				st.Pop[t][c] += kt
			}
			n += k
		}
	}
	if p.Duration > 0 {
		p.cohorts = append(p.cohorts, co)
	}
	return n
}

// graduate ends the course of the trainees whose course is done: they
// return to the labour force, and those of them converted become talent,
// in the city where they enrolled (as many as its workers of their status
// still hold: trainees are residents and may have moved with them).
func (e *Economy) graduate(st *State, p *policyRun) {
	const eps = 1e-9 // a course done at T is done at T ± rounding
	left := p.cohorts[:0]
	for _, co := range p.cohorts {
		if co.done > st.T+eps {
			left = append(left, co)
			continue
		}
		p.spare = append(p.spare, co)
		for _, s := range []Status{LocalHukou, NonLocal} {
			w, t := GroupOf(Worker, s), GroupOf(Talent, s)
			for c := 0; c < e.N; c++ {
				i := int(s)*e.N + c
				k := math.Min(co.talent[i], st.Pop[w][c])
				st.Pop[w][c] -= k
				st.Pop[t][c] += k
				e.studying[i] = math.Max(0, e.studying[i]-co.n[i])
			}
		}
	}
	p.cohorts = left
}

// newCohort returns an empty cohort of n entries done at time done, reusing
// a graduated cohort's buffers when there is one, so that a training policy
// allocates only while its number of cohorts in study grows.
func (p *policyRun) newCohort(done float64, n int) cohort {
	if k := len(p.spare); k > 0 {
		co := p.spare[k-1]
		p.spare = p.spare[:k-1]
		clear(co.n)
		clear(co.talent)
		co.done = done
		return co
	}
	return cohort{done: done, n: make([]float64, n), talent: make([]float64, n)}
}

// trainingCost is the fiscal cost of enrolling n trainees in a step of dt
// years: unit_cost a place up to the capacity of the step, and beyond it a
// marginal place costs unit_cost × (1 + 2·excess/capacity), so the excess x
// adds unit_cost·x²/capacity (new campuses and teachers cost more the
// faster they are built).
func (p *policyRun) trainingCost(n, dt float64) float64 {
	c := p.UnitCost * n
	if room := p.Capacity * dt; room > 0 && n > room {
		c += p.UnitCost * (n - room) * (n - room) / room
	}
	return c
}

// labourForce returns the residents of city c with skill k who work: the
// workers less those studying in a training course.
func (e *Economy) labourForce(st *State, c int, k Skill) float64 {
	n := st.CitySkill(c, k)
	if k == Worker && len(e.studying) == 2*e.N {
		n = math.Max(0, n-e.studying[c]-e.studying[e.N+c])
	}
	return n
}

// subsidise pays firms of the target sectors in the target cities (or
// treated as in them, for enclave firms) a share of their last output.
func (e *Economy) subsidise(st *State, p *policyRun, dt float64) float64 {
	var paid float64
	for f := range st.Firms {
		fm := &st.Firms[f]
		c := fm.City
		if fm.Treatment >= 0 {
			c = fm.Treatment
		}
		if p.inCity[c] && p.inSector[fm.Sector] {
			x := p.Magnitude * fm.Output // a yearly rate, as Output
			fm.Subsidy += x
			paid += x * dt
		}
	}
	return paid
}
