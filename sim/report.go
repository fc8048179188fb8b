package sim

import "factorflow/model"

// report is the report's model, the "synergy" family: the twelve stages of
// MODEL.md section 2 over model.Economy.
type report struct {
	sc     *model.Scenario
	eco    *model.Economy
	st     *model.State
	cities []string
	draw   [4]*model.Draw // policies, migration, firms, demography
	in     model.MetricsInput
	netV   int
	check  checker
	cf     *counterfactual // the synergy gain's isolated runs, or nil
	run    uint64
}

// newReport builds the report's model and its calibrated initial state.
func newReport(sc *model.Scenario, opt Options) (Mechanisms, *model.State, error) {
	eco, st, err := start(sc, opt)
	if err != nil {
		return nil, nil, err
	}
	return wrapReport(sc, opt, eco, st), st, nil
}

// start resolves a scenario and builds its calibrated initial state.
func start(sc *model.Scenario, opt Options) (*model.Economy, *model.State, error) {
	eco, err := model.NewEconomy(sc)
	if err != nil {
		return nil, nil, err
	}
	eco.FrozenNetwork = !sc.Mechanisms.Transport
	st, err := eco.Init(model.NewDraw(sc.Mode == "mean-field", sc.Seed, opt.Run, "init"))
	if err != nil {
		return nil, nil, err
	}
	return eco, st, nil
}

// wrapReport wraps an economy and its initial state.
func wrapReport(sc *model.Scenario, opt Options, eco *model.Economy, st *model.State) *report {
	mf := sc.Mode == "mean-field"
	r := &report{sc: sc, eco: eco, st: st, netV: -1, run: opt.Run}
	for i, purpose := range []string{"policies", "migration", "firms", "demography"} {
		r.draw[i] = model.NewDraw(mf, sc.Seed, opt.Run, purpose)
	}
	r.in = model.MetricsInput{
		CityRegion: eco.CityRegion, Core: eco.Core, NationPopulation: sc.Nation.Population,
		HukouAccess: sc.Hukou.Access, CityAccess: eco.Levers.HukouAccess,
	}
	for _, sec := range sc.Sectors {
		r.in.SectorType = append(r.in.SectorType, sec.Type)
	}
	for _, c := range sc.Cities {
		r.cities = append(r.cities, c.Name)
	}
	return r
}

// Stages returns the mechanisms of the yearly step; "record" is the
// engine's.
func (r *report) Stages() []string { return Stages[:11] }

// Enabled reports whether stage i runs. The transport stage always runs:
// switched off, it freezes the network of the start but still passes
// barrier and park changes on to the kernels.
func (r *report) Enabled(i int) bool {
	on := r.sc.Mechanisms
	return [11]bool{on.Policies, true, on.Production, on.Prices, on.Fiscal, on.Knowledge,
		on.Migration, on.Investment, on.Firms, on.Environment, on.Demography}[i]
}

// Stage runs mechanism i of the yearly step.
func (r *report) Stage(i int) error {
	eco, st := r.eco, r.st
	switch i {
	case 0:
		eco.ApplyPolicies(st, r.draw[0])
	case 1:
		eco.Kernels()
	case 2:
		eco.Produce(st)
	case 3:
		return eco.Clear(st)
	case 4:
		eco.Finance(st)
	case 5:
		eco.Learn(st)
	case 6:
		eco.Migrate(st, r.draw[1])
	case 7:
		eco.Invest(st)
	case 8:
		eco.FirmDynamics(st, r.draw[2])
	case 9:
		eco.Pollute(st)
	case 10:
		eco.Age(st, r.draw[3])
	}
	return nil
}

// Metrics computes the cluster metrics of the current state, refreshing
// the travel-time inputs when the network changed.
func (r *report) Metrics(m *model.Metrics) {
	if v := r.eco.Net.Version(); v != r.netV {
		r.netV = v
		r.eco.Kernels()
		travel := make([]float64, r.eco.N*r.eco.N) // needed only now: not kept
		r.eco.Net.TravelHours(travel)
		r.in.CoreTravel = model.MeanCoreTravel(travel, r.eco.Core, r.eco.N)
		h, rail := r.eco.Net.Density()
		r.in.TransportDensity = h + rail
	}
	model.ComputeMetrics(m, r.st, &r.in)
	if r.cf != nil {
		r.cf.gains(m, r.st)
	}
}

// CheckBefore and CheckAfter verify the conservation identities (check.go).
func (r *report) CheckBefore(int)        { r.check.before(r) }
func (r *report) CheckAfter(i int) error { return r.check.after(r, i) }
