package scenarios

import (
	"fmt"
	"math"

	"factorflow/model"
)

// isCorePeriphery reports whether family is one of the new-economic-
// geography families of model/coreperiphery.
func isCorePeriphery(family string) bool {
	return family == "core-periphery" || family == "footloose-entrepreneur"
}

// corePeripheryRules checks a core-periphery or footloose-entrepreneur
// scenario: its regions are the [[cities]] (at least two, each in a listed
// [[regions]] entry, populations the mobile factor at the start, not all
// zero), it has exactly one sector (the manufactures), and it has no
// policies, transport links or barrier pairs, which these families do not
// model. The report's rules for the synergy family do not apply.
func (l *loader) corePeripheryRules(sc *model.Scenario) {
	fam := sc.Family
	l.names(sc)
	if len(sc.Cities) < 2 {
		l.report("cities", fmt.Sprintf("family %s needs at least two regions, given as [[cities]]; found %d", fam, len(sc.Cities)))
	}
	if len(sc.Regions) == 0 {
		l.report("regions", fmt.Sprintf("family %s needs at least one [[regions]] entry for its cities to belong to", fam))
	}
	if len(sc.Sectors) != 1 {
		l.report("sectors", fmt.Sprintf("family %s needs exactly one [[sectors]] entry, the manufactures; found %d", fam, len(sc.Sectors)))
	}
	ns := nameSets(sc)
	var total float64
	for i, c := range sc.Cities {
		l.ref(index("cities", i)+".region", c.Region, ns.regions, true)
		total += c.Population
	}
	if len(sc.Cities) > 0 && !(total > 0) {
		l.report("cities", fmt.Sprintf("family %s: the cities' populations are the mobile factor at the start and must not all be 0", fam))
	}
	unused := []struct {
		path string
		n    int
	}{{"policies", len(sc.Policies)}, {"transport.links", len(sc.Transport.Links)}, {"barriers.pairs", len(sc.Barriers.Pairs)}}
	for _, u := range unused {
		if u.n > 0 {
			l.report(u.path, fmt.Sprintf("family %s does not use %s; remove them", fam, u.path))
		}
	}
	for i, pr := range sc.CorePeriphery.Pairs {
		p := index("core_periphery.pairs", i)
		l.ref(p+".a", pr.A, ns.cities, true)
		l.ref(p+".b", pr.B, ns.cities, true)
		if pr.A != "" && pr.A == pr.B {
			l.report(p+".b", fmt.Sprintf("a pair needs two different regions, found %q twice", pr.A))
		}
	}
	if t := sc.CorePeriphery.TradeCost; t != 0 && t < 1 {
		l.report("core_periphery.trade_cost", fmt.Sprintf("%s: an iceberg trade cost is >= 1 (0 = use core_periphery.phi)", num(t)))
	}
	if n := 1 / sc.Dt; math.Abs(n-math.Round(n)) > 1e-9 {
		l.report("dt", fmt.Sprintf("dt = %s does not divide a year (use 1/n: 1, 0.5, 0.25, 0.2, ...)", num(sc.Dt)))
	}
}
