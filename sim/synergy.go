package sim

import (
	"fmt"

	"factorflow/model"
)

// counterfactual holds the two isolated runs behind the synergy gain: iso,
// the same cities in isolation with their own dynamics, and links, the same
// again but replaying the cluster run's residents year by year, so that
// its difference from the cluster is purely from connections.
type counterfactual struct {
	iso, links *Sim
}

func newCounterfactual(s *report) (*counterfactual, error) {
	var cf counterfactual
	for i, replay := range []bool{false, true} {
		isc := model.IsolatedScenario(s.sc)
		if replay {
			isc.Mechanisms.Migration, isc.Mechanisms.Demography = false, false
		}
		opt := Options{Run: s.run}
		eco, st, err := start(isc, opt)
		if err != nil {
			return nil, fmt.Errorf("sim: synergy counterfactual: %w", err)
		}
		if err := model.Transplant(eco, st, s.eco, s.st); err != nil {
			return nil, fmt.Errorf("sim: synergy counterfactual: %w", err)
		}
		c := newSim(isc, opt, wrapReport(isc, opt, eco, st), st)
		c.quiet = true
		if i == 0 {
			cf.iso = c
		} else {
			cf.links = c
		}
	}
	return &cf, nil
}

// replay gives the links-only run the cluster's residents.
func (cf *counterfactual) replay(st *model.State) {
	for g := range st.Pop {
		copy(cf.links.st.Pop[g], st.Pop[g])
	}
}

// step advances both counterfactuals by one step.
func (cf *counterfactual) step() error {
	for _, c := range []*Sim{cf.iso, cf.links} {
		if err := c.Step(); err != nil {
			return fmt.Errorf("sim: synergy counterfactual: %w", err)
		}
	}
	return nil
}

// gains fills the synergy metrics of m from the cluster state st.
func (cf *counterfactual) gains(m *model.Metrics, st *model.State) {
	out, pop := cityTotals(st)
	isoOut, isoPop := cityTotals(cf.iso.st)
	linksOut, _ := cityTotals(cf.links.st)
	m.SynergyGain = out/isoOut - 1
	m.SynergyLinks = out/linksOut - 1
	m.SynergyPerCapita = (out/pop)/(isoOut/isoPop) - 1
}

// cityTotals returns the output and residents of all cities.
func cityTotals(st *model.State) (out, pop float64) {
	for c := 0; c < st.N; c++ {
		out += st.CityOutput(c)
		pop += st.CityPop(c)
	}
	return out, pop
}
