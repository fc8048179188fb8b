package model

import "fmt"

// This file lets a caller change a running economy between steps (live
// what-ifs, as in a classroom): schedule a policy, or change the levers that
// hold when no policy is in force.

// AddPolicy schedules p in a running economy, resolved as a scenario's
// policy is, and appends it to e.Sc.Policies and a cost slot to
// st.PolicyCost, so that its fiscal cost is booked as for any other
// policy. It takes effect in the policy stage of year p.Start (0 =
// st.Year + 1); a p.Start at or before st.Year is an error, since that year
// is done, as is an unknown target name. Unlike the scenario loader,
// AddPolicy does not check p's kind and magnitude against their ranges:
// the caller builds p from values it has checked.
func (e *Economy) AddPolicy(st *State, p Policy) error {
	if p.Start == 0 {
		p.Start = st.Year + 1
	}
	if p.Start <= st.Year {
		return fmt.Errorf("model: policy %s: start %d is not after the current year %d", p.Name, p.Start, st.Year)
	}
	sc := e.Sc
	city := indexOf(len(sc.Cities), func(i int) string { return sc.Cities[i].Name })
	region := indexOf(len(sc.Regions), func(i int) string { return sc.Regions[i].Name })
	sector := indexOf(len(sc.Sectors), func(i int) string { return sc.Sectors[i].Name })
	saved := sc.Policies
	sc.Policies = []Policy{p}
	n := len(e.policies)
	err := e.resolvePolicies(city, region, sector)
	sc.Policies = saved
	if err != nil {
		e.policies = e.policies[:n]
		return err
	}
	sc.Policies = append(sc.Policies, p)
	st.PolicyCost = append(st.PolicyCost, 0)
	return nil
}

// AdjustBase changes, with fn, the levers that hold when no policy is in
// force (those the scenario set at the start: barriers, hukou penalty,
// access and quota, ...). The policies in force keep applying on top of
// them; the kernels are recomputed before their next use. Lever slices
// keep their lengths; fn must not replace them.
func (e *Economy) AdjustBase(fn func(base *Levers)) {
	fn(&e.base)
	e.rebuildLevers()
}
