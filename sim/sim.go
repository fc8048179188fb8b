package sim

import (
	"context"
	"math"

	"factorflow/model"
)

// Options adjust a run without changing its scenario. The zero value runs
// with no checks as run 0.
type Options struct {
	// Check verifies the conservation identities (people, capital) around
	// every mechanism and stops at the first violation. Default off.
	Check bool
	// Run is the run index mixed into every random stream with the seed
	// (replications and sweeps); default 0.
	Run uint64
	// AfterStage, when set, is called after every mechanism of every step
	// (before the conservation check), with the stage's name from Stages.
	AfterStage func(stage string, st *model.State)
	// Synergy runs, in lockstep, the paired counterfactuals of the synergy
	// gain (the same cities in isolation, with the same seed and the
	// cluster's calibration; MODEL.md section 5) and fills the synergy
	// metrics. It about triples the run time. Default off.
	Synergy bool
}

// Sim steps one scenario through time.
type Sim struct {
	sc    *model.Scenario
	opt   Options
	eco   *model.Economy
	st    *model.State
	draw  [4]*model.Draw // policies, migration, firms, demography
	in    model.MetricsInput
	met   model.Metrics
	frame Frame
	steps int // steps taken
	total int // steps in the run
	netV  int
	check checker
	cf    *counterfactual // the synergy gain's isolated runs, or nil
	quiet bool            // a counterfactual: no metrics of its own
}

// Stage names, in the order of the yearly step (MODEL.md section 2).
var Stages = [12]string{"policies", "transport", "production", "prices", "fiscal", "knowledge",
	"migration", "investment", "firms", "environment", "demography", "record"}

// New builds the initial state of a validated scenario.
func New(sc *model.Scenario, opt Options) (*Sim, error) {
	eco, st, err := start(sc, opt)
	if err != nil {
		return nil, err
	}
	s := newSim(sc, opt, eco, st)
	if opt.Synergy {
		if s.cf, err = newCounterfactual(s); err != nil {
			return nil, err
		}
	}
	s.record()
	if err := finite(s.st, s.frame.Cities); err != nil {
		return nil, err // names the start year, city and variable
	}
	return s, nil
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

// newSim wraps an economy and its initial state.
func newSim(sc *model.Scenario, opt Options, eco *model.Economy, st *model.State) *Sim {
	mf := sc.Mode == "mean-field"
	s := &Sim{sc: sc, opt: opt, eco: eco, st: st, total: int(math.Round(float64(sc.Years) / sc.Dt))}
	for i, purpose := range []string{"policies", "migration", "firms", "demography"} {
		s.draw[i] = model.NewDraw(mf, sc.Seed, opt.Run, purpose)
	}
	s.in = model.MetricsInput{
		CityRegion: eco.CityRegion, Core: eco.Core, NationPopulation: sc.Nation.Population,
		HukouAccess: sc.Hukou.Access, CityAccess: eco.Levers.HukouAccess,
	}
	for _, sec := range sc.Sectors {
		s.in.SectorType = append(s.in.SectorType, sec.Type)
	}
	s.frame = Frame{Scenario: sc, State: s.st, Metrics: &s.met, CityRegion: eco.CityRegion}
	for _, c := range sc.Cities {
		s.frame.Cities = append(s.frame.Cities, c.Name)
	}
	for _, r := range sc.Regions {
		s.frame.Regions = append(s.frame.Regions, r.Name)
	}
	for _, x := range sc.Sectors {
		s.frame.Sectors = append(s.frame.Sectors, x.Name)
	}
	s.netV = -1
	return s
}

// Frame returns the current frame (valid until the next Step).
func (s *Sim) Frame() *Frame { return &s.frame }

// Economy returns the resolved economy, whose levers a caller may change
// between steps (live what-ifs).
func (s *Sim) Economy() *model.Economy { return s.eco }

// Done reports whether the scenario's years have all been simulated.
func (s *Sim) Done() bool { return s.steps >= s.total }

// Step advances the simulation by one step of length dt, running the
// switched-on mechanisms in the documented order.
func (s *Sim) Step() error {
	st, sc := s.st, s.sc
	if s.cf != nil {
		s.cf.replay(st) // the links-only run takes this step's residents
	}
	if isYearEnd(s) { // flows and policy costs add up over a year's steps
		for k := range st.Flow {
			clear(st.Flow[k])
		}
		clear(st.RuralFlow)
		clear(st.ReturnFlow)
		clear(st.PolicyCost)
	}
	st.T += sc.Dt
	// A step belongs to the year it ends in: with dt = 0.5 the steps
	// ending at T = 0.5 and T = 1 both simulate start_year + 1.
	st.Year = sc.StartYear + int(math.Ceil(st.T-1e-9))
	st.Births, st.Invested, st.Depreciated = 0, 0, 0
	for i := 0; i < 11; i++ {
		if !s.enabled(i) {
			continue
		}
		if s.opt.Check {
			s.check.before(s)
		}
		if err := s.stage(i); err != nil {
			return err
		}
		if s.opt.AfterStage != nil {
			s.opt.AfterStage(Stages[i], st)
		}
		if s.opt.Check {
			if err := s.check.after(s, i); err != nil {
				return err
			}
		}
	}
	s.steps++
	if err := finite(st, s.frame.Cities); err != nil {
		return err
	}
	if s.cf != nil {
		if err := s.cf.step(); err != nil {
			return err
		}
	}
	s.record()
	return nil
}

// enabled reports whether stage i runs. The transport stage always runs:
// switched off, it freezes the network of the start but still passes
// barrier and park changes on to the kernels.
func (s *Sim) enabled(i int) bool {
	on := s.sc.Mechanisms
	return [11]bool{on.Policies, true, on.Production, on.Prices, on.Fiscal, on.Knowledge,
		on.Migration, on.Investment, on.Firms, on.Environment, on.Demography}[i]
}

// stage runs mechanism i of the yearly step.
func (s *Sim) stage(i int) error {
	eco, st := s.eco, s.st
	switch i {
	case 0:
		eco.ApplyPolicies(st, s.draw[0])
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
		eco.Migrate(st, s.draw[1])
	case 7:
		eco.Invest(st)
	case 8:
		eco.FirmDynamics(st, s.draw[2])
	case 9:
		eco.Pollute(st)
	case 10:
		eco.Age(st, s.draw[3])
	}
	return nil
}

// record computes the metrics of the current state (stage 12).
func (s *Sim) record() {
	if v := s.eco.Net.Version(); v != s.netV {
		s.netV = v
		s.eco.Kernels()
		travel := make([]float64, s.eco.N*s.eco.N) // needed only now: not kept
		s.eco.Net.TravelHours(travel)
		s.in.CoreTravel = model.MeanCoreTravel(travel, s.eco.Core, s.eco.N)
		h, r := s.eco.Net.Density()
		s.in.TransportDensity = h + r
	}
	s.frame.Year = s.st.Year
	if s.quiet {
		return
	}
	model.ComputeMetrics(&s.met, s.st, &s.in)
	if s.cf != nil {
		s.cf.gains(&s.met, s.st)
	}
}

// Run simulates sc from its start to its end, handing the initial frame and
// then each step's frame to the observers in order. It stops early, with the
// context's error, when ctx is cancelled.
func Run(ctx context.Context, sc *model.Scenario, opt Options, obs ...Observer) error {
	s, err := New(sc, opt)
	if err != nil {
		return err
	}
	for {
		if s.steps == 0 || isYearEnd(s) {
			for _, o := range obs {
				if err := o.Observe(s.Frame()); err != nil {
					return err
				}
			}
		}
		if s.Done() {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.Step(); err != nil {
			return err
		}
	}
}

// isYearEnd reports whether the last step completed a whole year (with
// dt < 1 observers see one frame a year).
func isYearEnd(s *Sim) bool {
	t := s.st.T
	return math.Abs(t-math.Round(t)) < 1e-6
}
