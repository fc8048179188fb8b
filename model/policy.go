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
	inCity   []bool
	inSector []bool
	end      int // last year in force; math.MaxInt = to the end
	applied  bool
	undo     func()
}

// resolvePolicies turns the scenario's policies into index form.
func (e *Economy) resolvePolicies(city, region, sector map[string]int) error {
	for _, p := range e.Sc.Policies {
		run := policyRun{Policy: p, origin: -1, end: p.End}
		if run.Start == 0 {
			run.Start = e.Sc.StartYear
		}
		if run.end == 0 {
			run.end = math.MaxInt
		}
		inRegion := map[int]bool{}
		for _, name := range p.Regions {
			r, ok := region[name]
			if !ok {
				return fmt.Errorf("model: policy %s: unknown region %q", p.Name, name)
			}
			run.regions = append(run.regions, r)
			inRegion[r] = true
		}
		if len(run.regions) == 0 {
			for r := 0; r < e.R; r++ {
				run.regions = append(run.regions, r)
				inRegion[r] = true
			}
		}
		for _, name := range p.Cities {
			c, ok := city[name]
			if !ok {
				return fmt.Errorf("model: policy %s: unknown city %q", p.Name, name)
			}
			run.cities = append(run.cities, c)
		}
		if len(run.cities) == 0 {
			for c := 0; c < e.N; c++ {
				if inRegion[e.CityRegion[c]] {
					run.cities = append(run.cities, c)
				}
			}
		}
		for _, name := range p.Sectors {
			s, ok := sector[name]
			if !ok {
				return fmt.Errorf("model: policy %s: unknown sector %q", p.Name, name)
			}
			run.sectors = append(run.sectors, s)
		}
		if len(run.sectors) == 0 {
			for s := 0; s < e.S; s++ {
				run.sectors = append(run.sectors, s)
			}
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
		e.policies = append(e.policies, run)
	}
	return nil
}

// ApplyPolicies is stage 1. A policy changes its levers in its first year
// and restores them after its last year; a one-off policy (end = start)
// keeps its change. Transport infrastructure, toll removal and closures are
// durable and never restored. While in force, each policy's fiscal cost of
// the year is added to st.PolicyCost (the cost model per kind is in
// docs/ODD.md).
func (e *Economy) ApplyPolicies(st *State, d *Draw) {
	for f := range st.Firms {
		st.Firms[f].Subsidy = 0
	}
	clear(st.PolicyCost)
	for i := range e.policies {
		p := &e.policies[i]
		switch {
		case st.Year < p.Start:
			continue
		case st.Year > p.end:
			if p.undo != nil && p.end > p.Start {
				p.undo()
				p.undo = nil
			}
			continue
		}
		if !p.applied {
			p.applied = true
			p.undo = e.enact(st, d, p)
		}
		st.PolicyCost[i] = e.yearly(st, d, p)
	}
}

// saveLevers returns a function that restores the given lever entries.
func saveLevers(e *Economy, x []float64, idx []int) func() {
	old := make([]float64, len(idx))
	for k, i := range idx {
		old[k] = x[i]
	}
	return func() {
		for k, i := range idx {
			x[i] = old[k]
		}
		e.MarkDirty()
	}
}

func chain(fs ...func()) func() {
	return func() {
		for _, f := range fs {
			f()
		}
	}
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

// scale multiplies the entries idx of x by f and returns the undo.
func scale(e *Economy, x []float64, idx []int, f float64) func() {
	undo := saveLevers(e, x, idx)
	for _, i := range idx {
		x[i] *= f
	}
	e.MarkDirty()
	return undo
}

// enact applies a policy's lasting change and returns how to undo it.
func (e *Economy) enact(st *State, d *Draw, p *policyRun) func() {
	m := p.Magnitude
	share := math.Min(m, 1)
	lv := &e.Levers
	switch p.Kind {
	case PolicyBarrier:
		var undo []func()
		for k, name := range []string{"people", "capital", "knowledge", "trade"} {
			if p.Factor == "all" || p.Factor == name {
				undo = append(undo, scale(e, lv.Barrier[k], e.pairs(p), 1-share))
			}
		}
		return chain(undo...)
	case PolicyHukou:
		u1 := scale(e, lv.HukouPenalty, p.cities, 1-share)
		u2 := saveLevers(e, lv.HukouAccess, p.cities)
		u3 := scale(e, lv.HukouQuota, p.cities, 1+m)
		for _, c := range p.cities {
			lv.HukouAccess[c] += share * (1 - lv.HukouAccess[c])
			lv.HukouQuota[c] = math.Min(lv.HukouQuota[c], 1)
		}
		return chain(u1, u2, u3)
	case PolicyTolls:
		e.Net.ScaleBoundary(share)
	case PolicyLandCost:
		return scale(e, lv.LandFactor, p.cities, 1-0.99*share)
	case PolicyCapacity:
		return scale(e, lv.Absorb, p.cities, 1+m)
	case PolicyInfra:
		h, r := e.Net.Density()
		e.Net.SetDensities(h*(1+m), r*(1+m))
	case PolicyServices:
		return scale(e, lv.Services, p.cities, 1+m)
	case PolicyIncentive:
		idx := e.citySectors(p)
		undo := saveLevers(e, lv.Incentive, idx)
		for _, i := range idx {
			lv.Incentive[i] += m
		}
		return undo
	case PolicyPark:
		return e.park(st, p)
	case PolicySharing:
		idx := e.pairs(p)
		undo := saveLevers(e, lv.Sharing, idx)
		for _, i := range idx {
			lv.Sharing[i] = share
		}
		e.MarkDirty()
		return undo
	case PolicyEnvironment:
		return e.environmentPolicy(st, d, p)
	}
	return nil
}

func (e *Economy) policyIndex(p *policyRun) int {
	for i := range e.policies {
		if &e.policies[i] == p {
			return i
		}
	}
	return -1
}

// park enacts a co-built industrial park from the origin city to each host.
func (e *Economy) park(st *State, p *policyRun) func() {
	if p.origin < 0 {
		return nil
	}
	lv := &e.Levers
	var keys [][2]int
	for _, h := range p.cities {
		if h != p.origin {
			keys = append(keys, [2]int{p.origin, h})
		}
	}
	switch p.Form {
	case "incubation":
		for _, k := range keys {
			lv.Incubation[k] = math.Min(p.Magnitude, 1)
		}
		e.MarkDirty()
		return func() {
			for _, k := range keys {
				delete(lv.Incubation, k)
			}
			e.MarkDirty()
		}
	case "duplication":
		for _, k := range keys {
			for _, s := range p.sectors {
				src, dst := k[0]*e.S+s, k[1]*e.S+s
				st.A[dst] = math.Max(st.A[dst], math.Min(p.Magnitude, 1)*st.A[src])
			}
		}
	default: // enclave
		for _, k := range keys {
			lv.Enclave[k] = true
		}
		e.MarkDirty()
		return func() {
			for _, k := range keys {
				delete(lv.Enclave, k)
			}
			e.MarkDirty()
		}
	}
	return nil
}

// environmentPolicy enacts joint control, closures or an emissions cap.
func (e *Economy) environmentPolicy(st *State, d *Draw, p *policyRun) func() {
	share := math.Min(p.Magnitude, 1)
	switch p.Form {
	case "closure":
		var closed float64
		for f := range st.Firms {
			fm := &st.Firms[f]
			if fm.Alive && p.inCity[fm.City] && p.inSector[fm.Sector] && d.Uniform() < share {
				fm.Alive = false
				e.scratch.pool[fm.City] += fm.K
				closed += fm.K
				fm.K = 0
			}
		}
		e.compact(st)
		st.PolicyCost[e.policyIndex(p)] += p.UnitCost * closed
		return nil
	case "cap":
		undo := saveLevers(e, e.Levers.Cap, p.cities)
		for _, c := range p.cities {
			e.Levers.Cap[c] = p.Magnitude
		}
		return undo
	default: // joint control
		return scale(e, e.Levers.Emission, p.cities, 1-share)
	}
}

// yearly carries out a policy's actions of the year and returns their
// fiscal cost.
func (e *Economy) yearly(st *State, d *Draw, p *policyRun) float64 {
	S, dt := e.S, e.Sc.Dt
	m := p.Magnitude
	switch p.Kind {
	case PolicyBarrier, PolicyTolls, PolicySharing, PolicyCapacity:
		return p.UnitCost * math.Min(m, 1) * dt
	case PolicyHukou:
		var n float64
		for _, c := range p.cities {
			n += e.Levers.HukouQuota[c] * dt * (st.Pop[TalentNonLocal][c] + st.Pop[WorkerNonLocal][c])
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
		return p.UnitCost * e.train(st, d, p)
	case PolicyInfra:
		if st.Year != p.Start {
			return 0
		}
		var area float64
		for _, c := range e.Sc.Cities {
			area += c.AreaKm2
		}
		h, r := e.Net.Density()
		return p.UnitCost * (h + r) * m / (1 + m) * area
	case PolicyServices:
		var extra float64
		for _, c := range p.cities {
			extra += m / (1 + m) * e.Sc.Fiscal.Services * st.Revenue[c]
		}
		return extra
	case PolicyIncentive:
		var k float64
		for _, i := range e.citySectors(p) {
			k += st.K[i]
		}
		return m * k * dt
	case PolicySubsidy:
		return e.subsidise(st, p)
	case PolicyPark:
		return p.UnitCost * float64(len(p.cities)) * dt
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

// train turns a share of workers into talent in the target cities.
func (e *Economy) train(st *State, d *Draw, p *policyRun) float64 {
	var n float64
	rate := math.Min(p.Magnitude, 1) * e.Sc.Dt
	for _, c := range p.cities {
		for _, s := range []Status{LocalHukou, NonLocal} {
			w, t := GroupOf(Worker, s), GroupOf(Talent, s)
			k := d.Binomial(st.Pop[w][c], rate)
			st.Pop[w][c] -= k
			st.Pop[t][c] += k
			n += k
		}
	}
	return n
}

// subsidise pays firms of the target sectors in the target cities (or
// treated as in them, for enclave firms) a share of their last output.
func (e *Economy) subsidise(st *State, p *policyRun) float64 {
	var paid float64
	for f := range st.Firms {
		fm := &st.Firms[f]
		c := fm.City
		if fm.Treatment >= 0 {
			c = fm.Treatment
		}
		if p.inCity[c] && p.inSector[fm.Sector] {
			x := p.Magnitude * fm.Output
			fm.Subsidy += x
			paid += x
		}
	}
	return paid
}
