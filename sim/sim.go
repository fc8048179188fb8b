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

// Sim steps one scenario through time: the engine shared by every model
// family (family.go).
type Sim struct {
	sc    *model.Scenario
	opt   Options
	mech  Mechanisms
	rep   *report // the report's family, or nil
	st    *model.State
	met   model.Metrics
	frame Frame
	steps int  // steps taken
	total int  // steps in the run
	quiet bool // a counterfactual: no metrics of its own
}

// Stages names the stages of the report's model (the synergy family), in
// the order of its yearly step (MODEL.md section 2).
var Stages = [12]string{"policies", "transport", "production", "prices", "fiscal", "knowledge",
	"migration", "investment", "firms", "environment", "demography", "record"}

// New builds the initial state of a validated scenario.
func New(sc *model.Scenario, opt Options) (*Sim, error) {
	fam, err := familyOf(sc)
	if err != nil {
		return nil, err
	}
	mech, st, err := fam(sc, opt)
	if err != nil {
		return nil, err
	}
	s := newSim(sc, opt, mech, st)
	if s.rep != nil && opt.Synergy {
		if s.rep.cf, err = newCounterfactual(s.rep); err != nil {
			return nil, err
		}
	}
	s.record()
	if err := finite(s.st, s.frame.Cities); err != nil {
		return nil, err // names the start year, city and variable
	}
	return s, nil
}

// newSim wraps a family's mechanisms and its initial state.
func newSim(sc *model.Scenario, opt Options, mech Mechanisms, st *model.State) *Sim {
	s := &Sim{sc: sc, opt: opt, mech: mech, st: st, total: int(math.Round(float64(sc.Years) / sc.Dt))}
	s.rep, _ = mech.(*report)
	s.frame = Frame{Scenario: sc, State: s.st, Metrics: &s.met, CityRegion: cityRegions(sc)}
	for _, c := range sc.Cities {
		s.frame.Cities = append(s.frame.Cities, c.Name)
	}
	for _, r := range sc.Regions {
		s.frame.Regions = append(s.frame.Regions, r.Name)
	}
	for _, x := range sc.Sectors {
		s.frame.Sectors = append(s.frame.Sectors, x.Name)
	}
	return s
}

// cityRegions returns the region index of each city (-1 for a city whose
// region the scenario does not list).
func cityRegions(sc *model.Scenario) []int {
	idx := make(map[string]int, len(sc.Regions))
	for r, reg := range sc.Regions {
		idx[reg.Name] = r
	}
	out := make([]int, len(sc.Cities))
	for c, city := range sc.Cities {
		r, ok := idx[city.Region]
		if !ok {
			r = -1
		}
		out[c] = r
	}
	return out
}

// Frame returns the current frame (valid until the next Step).
func (s *Sim) Frame() *Frame { return &s.frame }

// Economy returns the resolved economy of the report's model, whose levers
// a caller may change between steps (live what-ifs); nil for another
// family.
func (s *Sim) Economy() *model.Economy {
	if s.rep == nil {
		return nil
	}
	return s.rep.eco
}

// Done reports whether the scenario's years have all been simulated.
func (s *Sim) Done() bool { return s.steps >= s.total }

// Step advances the simulation by one step of length dt, running the
// family's switched-on mechanisms in order.
func (s *Sim) Step() error {
	st, sc := s.st, s.sc
	if s.rep != nil && s.rep.cf != nil {
		s.rep.cf.replay(st) // the links-only run takes this step's residents
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
	ck, _ := s.mech.(Checker)
	if !s.opt.Check {
		ck = nil
	}
	stages := s.mech.Stages()
	for i := range stages {
		if !s.mech.Enabled(i) {
			continue
		}
		if ck != nil {
			ck.CheckBefore(i)
		}
		if err := s.mech.Stage(i); err != nil {
			return err
		}
		if s.opt.AfterStage != nil {
			s.opt.AfterStage(stages[i], st)
		}
		if ck != nil {
			if err := ck.CheckAfter(i); err != nil {
				return err
			}
		}
	}
	s.steps++
	if err := finite(st, s.frame.Cities); err != nil {
		return err
	}
	if s.rep != nil && s.rep.cf != nil {
		if err := s.rep.cf.step(); err != nil {
			return err
		}
	}
	s.record()
	return nil
}

// record computes the metrics of the current state (stage "record").
func (s *Sim) record() {
	s.frame.Year = s.st.Year
	if s.quiet {
		return
	}
	s.mech.Metrics(&s.met)
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
