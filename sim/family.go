package sim

import (
	"fmt"
	"sort"

	"factorflow/model"
)

// Mechanisms is one model family: the mechanisms of its yearly step over a
// model.State. The engine (Sim.Step) runs the enabled stages in order and
// does what every family shares: time, yearly flow accounts, the
// non-finite check, metrics and observers. A family's packages implement it
// without importing sim.
type Mechanisms interface {
	// Stages names the mechanisms of a step, in order.
	Stages() []string
	// Enabled reports whether stage i runs in this scenario.
	Enabled(i int) bool
	// Stage runs mechanism i on the state.
	Stage(i int) error
	// Metrics computes the cluster metrics of the current state into m
	// (stage "record"); a family's own metrics go in m.Family, named by
	// m.FamilyNames.
	Metrics(m *model.Metrics)
}

// Checker is what a family implements to verify its invariants around each
// stage when Options.Check is set: CheckBefore is called before stage i,
// CheckAfter after it.
type Checker interface {
	CheckBefore(i int)
	CheckAfter(i int) error
}

// Family builds a family's mechanisms and initial state for a validated
// scenario.
type Family func(sc *model.Scenario, opt Options) (Mechanisms, *model.State, error)

// families maps a scenario's family name to its builder. Adding a family
// adds a line here; the step loop does not change.
var families = map[string]Family{
	"synergy": newReport,
	"marius":  newMarius,

	"core-periphery":         newCorePeriphery, // coreperiphery.go
	"footloose-entrepreneur": newCorePeriphery,
}

// Families lists the model families this build can run, sorted.
func Families() []string {
	names := make([]string, 0, len(families))
	for n := range families {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// familyOf returns the builder of sc's family ("" is the report's model).
func familyOf(sc *model.Scenario) (Family, error) {
	name := sc.Family
	if name == "" {
		name = "synergy"
	}
	f, ok := families[name]
	if !ok {
		return nil, fmt.Errorf("sim: family %q: this build runs %v", name, Families())
	}
	return f, nil
}
