package sim

import (
	"context"

	"factorflow/model"
)

// Options adjust a run without changing its scenario.
type Options struct {
	// Check verifies the conservation identities (people, capital) after
	// every step and stops at the first violation. Default off.
	Check bool
}

// Sim steps one scenario through time.
type Sim struct {
	sc    *model.Scenario
	opt   Options
	frame Frame
}

// New builds the initial state of a validated scenario.
func New(sc *model.Scenario, opt Options) (*Sim, error) {
	s := &Sim{sc: sc, opt: opt}
	s.frame = Frame{Year: sc.StartYear, Scenario: sc, State: &model.State{}, Metrics: &model.Metrics{}}
	return s, nil
}

// Frame returns the current frame (valid until the next Step).
func (s *Sim) Frame() *Frame { return &s.frame }

// Done reports whether the scenario's years have all been simulated.
func (s *Sim) Done() bool { return s.frame.Year >= s.sc.StartYear+s.sc.Years }

// Step advances the simulation by one step of length dt.
func (s *Sim) Step() error {
	s.frame.Year++
	return nil
}

// Run simulates sc from its start to its end, handing the initial frame and
// then every year's frame to the observers in order. It stops early, with the
// context's error, when ctx is cancelled.
func Run(ctx context.Context, sc *model.Scenario, opt Options, obs ...Observer) error {
	s, err := New(sc, opt)
	if err != nil {
		return err
	}
	for {
		for _, o := range obs {
			if err := o.Observe(s.Frame()); err != nil {
				return err
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
