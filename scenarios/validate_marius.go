package scenarios

import (
	"fmt"
	"math"
	"strconv"

	"factorflow/model"
)

// mariusRules checks what the MARIUS family needs: one good, a step of a
// year (its parameters are calibrated per year), no policies, cities with
// residents at distinct places (the gravity potential divides by their
// distance) in regions the scenario lists.
func (l *loader) mariusRules(sc *model.Scenario) {
	if len(sc.Sectors) > 1 {
		l.report("sectors", fmt.Sprintf("the marius family has one good: give one sector, not %d", len(sc.Sectors)))
	}
	if sc.Dt != 1 {
		l.report("dt", fmt.Sprintf("dt = %s: the marius family steps a year at a time (dt = 1)", num(sc.Dt)))
	}
	if len(sc.Policies) > 0 {
		l.report("policies", "the marius family has no policies")
	}
	if len(sc.Cities) == 1 {
		l.report("cities", "the marius family needs at least two cities to trade")
	}
	ns := nameSets(sc)
	at := map[[2]float64]string{}
	for i, c := range sc.Cities {
		p := index("cities", i)
		l.ref(p+".region", c.Region, ns.regions, true)
		if !(c.Population > 0) {
			l.report(p+".population", fmt.Sprintf("%s: a marius city needs residents (> 0)", num(c.Population)))
		}
		pos := [2]float64{c.Lat, c.Lon}
		if other, ok := at[pos]; ok {
			l.report(p+".lat", fmt.Sprintf("city %q is at the same place as %q (lat %s, lon %s): the gravity potential needs a distance > 0", c.Name, other, num(c.Lat), num(c.Lon)))
		}
		at[pos] = c.Name
	}
}

// observed checks the observed populations of every city: the keys are
// years, the values finite and >= 0.
func (l *loader) observed(sc *model.Scenario) {
	for i, c := range sc.Cities {
		for _, k := range sortedKeys(c.Observed) {
			p := join(index("cities", i)+".observed", k)
			if y, err := strconv.Atoi(k); err != nil || y < 1 || y > 3000 {
				l.report(p, fmt.Sprintf("key %q is not a year", k))
			}
			if x := c.Observed[k]; !(x >= 0) || math.IsInf(x, 1) {
				l.report(p, fmt.Sprintf("%s must be finite and >= 0", num(x)))
			}
		}
	}
}
