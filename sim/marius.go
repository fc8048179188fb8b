package sim

import (
	"factorflow/model"
	"factorflow/model/marius"
)

// newMarius builds the MARIUS family (model/marius): deterministic, so the
// options' run index changes nothing.
func newMarius(sc *model.Scenario, _ Options) (Mechanisms, *model.State, error) {
	return marius.New(sc)
}
