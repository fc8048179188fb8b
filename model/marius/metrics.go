package marius

import "factorflow/model"

// MetricNames are the family's columns of metrics.csv, in order:
//
//	fit                  Σ over the census years reached after the start of the
//	                     per-date fit (Fit); at 1989 in a run from 1959, the
//	                     published measure over 1970, 1979 and 1989
//	census_year          the last census year reached (the start year before the first)
//	census_fit           Fit at census_year (0 at the start)
//	census_simulated     simulated total population at census_year, persons
//	census_observed      observed total population at census_year, persons
//	dead                 cities whose wealth is zero
//	wealth               total wealth
//	trade                total transactions Σ T_ij of the year
//	trading_pairs        pairs (i, j) with T_ij > 0 in the year
//	bonus                total bonus of the year
//	fixed_costs          total fixed costs of the year
var MetricNames = []string{"fit", "census_year", "census_fit", "census_simulated", "census_observed",
	"dead", "wealth", "trade", "trading_pairs", "bonus", "fixed_costs"}

// Metrics computes the common metrics of the state, then the family's
// (MetricNames), comparing the populations with the census of the year.
func (m *Model) Metrics(dst *model.Metrics) {
	fam := dst.Family[:0]
	model.ComputeMetrics(dst, m.st, &model.MetricsInput{CityRegion: m.cityRegion})
	cs := &m.census
	cs.observe(m.st.Year, m.st.Pop[model.WorkerLocal])
	var dead, wealth, trade, pairs, bonus, cost float64
	for i, w := range m.wealth {
		if w <= 0 {
			dead++
		}
		wealth += w
		trade += m.exports[i]
		pairs += float64(m.sellers[i])
		bonus += m.bonus[i]
		cost += m.cost[i]
	}
	dst.FamilyNames = MetricNames
	dst.Family = append(fam, cs.fit, float64(cs.last.year), cs.last.fit, cs.last.simulated, cs.last.observed,
		dead, wealth, trade, pairs, bonus, cost)
}
