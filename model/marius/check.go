package marius

import (
	"fmt"
	"math"
)

// checkSums holds what the checks compare across a stage.
type checkSums struct {
	wealth float64 // Σ W before the wealth stage
}

// CheckBefore records the total wealth before the wealth stage.
func (m *Model) CheckBefore(i int) {
	if i == stageWealth {
		m.check.wealth = sum(m.wealth)
	}
}

// CheckAfter verifies the accounts of stage i: after trade, every
// transaction is within its seller's supply and its buyer's demand and
// exports add up to imports; after the wealth stage, total wealth changed
// by the bonuses less the fixed costs (trade moves wealth between cities
// without creating any), plus what the floor at zero added; after the
// population stage, every population is finite and ≥ 0.
func (m *Model) CheckAfter(i int) error {
	switch i {
	case stageTrade:
		var exp, imp float64
		for c := range m.exports {
			if m.exports[c] > m.supply[c]*(1+1e-9) || m.imports[c] > m.demand[c]*(1+1e-9) {
				return m.violation("trade", c, "exports %.10g of supply %.10g, imports %.10g of demand %.10g",
					m.exports[c], m.supply[c], m.imports[c], m.demand[c])
			}
			exp += m.exports[c]
			imp += m.imports[c]
		}
		if !close(exp, imp, exp) {
			return m.violation("trade", -1, "exports %.15g != imports %.15g", exp, imp)
		}
	case stageWealth:
		after := sum(m.wealth)
		want := m.check.wealth + sum(m.bonus) - sum(m.cost) + m.floored
		if !close(after, want, m.check.wealth+sum(m.bonus)+sum(m.cost)+sum(m.supply)+sum(m.demand)) {
			return m.violation("wealth", -1, "total wealth %.15g, want %.15g (before + bonuses - fixed costs + floor)", after, want)
		}
	case stagePopulation:
		for c, p := range m.pop {
			if !(p >= 0) || math.IsInf(p, 0) {
				return m.violation("population", c, "population %g thousand", p)
			}
		}
	}
	return nil
}

// violation formats a failed check of a stage (city −1: all cities).
func (m *Model) violation(stage string, city int, format string, args ...any) error {
	where := "all cities"
	if city >= 0 {
		where = "city " + m.names[city]
	}
	return fmt.Errorf("marius: check: year %d, stage %s, %s: %s", m.st.Year, stage, where, fmt.Sprintf(format, args...))
}

// close reports whether a and b agree to 1e-9 of scale.
func close(a, b, scale float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(scale), 1e-300)
}

func sum(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s
}
