package sim

import (
	"factorflow/model"
	"factorflow/model/coreperiphery"
)

// newCorePeriphery builds the core-periphery or footloose-entrepreneur
// family (model/coreperiphery).
func newCorePeriphery(sc *model.Scenario, opt Options) (Mechanisms, *model.State, error) {
	m, st, err := coreperiphery.NewMechanisms(sc, opt.Run)
	if err != nil {
		return nil, nil, err
	}
	return m, st, nil
}
