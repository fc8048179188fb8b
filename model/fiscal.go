package model

// Finance is stage 5. Local revenue is the tax share of output; a firm that
// relocated across regions under benefit sharing leaves a share of its tax
// on this step's output (firmOutput: where it produces now, not the Output
// booked last step, possibly in another city) to its origin city. A share of revenue funds public services, split
// between education and health; a seat costs seat_cost local average wages
// a year, so capacity per 100,000 residents follows funding per head
// relative to wages, with a construction lag (adjust). Each city's
// efficiency is calibrated at the start so that its observed capacity is
// the steady state.
func (e *Economy) Finance(st *State) {
	N, R, S := e.N, e.R, e.S
	p := e.Sc.Fiscal
	for c := 0; c < N; c++ {
		st.Revenue[c] = p.Tax * st.CityOutput(c) * e.Sc.Dt
	}
	for f := range st.Firms {
		fm := &st.Firms[f]
		if fm.Origin < 0 {
			continue
		}
		ro, rc := e.CityRegion[fm.Origin], e.CityRegion[fm.City]
		share := e.Levers.Sharing[ro*R+rc]
		if fm.Treatment >= 0 && share < 0.5 {
			share = 0.5 // an enclave shares tax between origin and host
		}
		if share <= 0 {
			continue
		}
		t := share * p.Tax * e.firmOutput(st, fm) * e.Sc.Dt
		st.Revenue[fm.City] -= t
		st.Revenue[fm.Origin] += t
	}
	_ = S
	for c := 0; c < N; c++ {
		edu, health := e.seatTargets(st, c)
		st.Education[c] += p.Adjust * e.Sc.Dt * (e.eduEff[c]*edu - st.Education[c])
		st.Health[c] += p.Adjust * e.Sc.Dt * (e.healthEff[c]*health - st.Health[c])
	}
}

// seatTargets returns the education and health seats per 100,000 residents
// that this year's funding would sustain, before the city's efficiency.
func (e *Economy) seatTargets(st *State, c int) (edu, health float64) {
	p := e.Sc.Fiscal
	pop := st.CityPop(c)
	wage := (st.Wage[Talent][c]*e.labourForce(st, c, Talent) + st.Wage[Worker][c]*e.labourForce(st, c, Worker)) / pop
	if pop <= 0 || wage <= 0 {
		return 0, 0
	}
	seats := p.Services * st.Revenue[c] / e.Sc.Dt * e.Levers.Services[c] / (p.SeatCost * wage) / pop * 1e5
	return seats * (1 - p.HealthShare), seats * p.HealthShare
}
