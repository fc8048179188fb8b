package marius

import (
	"math"
	"slices"
	"strconv"

	"factorflow/model"
)

// Fit returns the published fit measure of one date: the sum over ranks of
// the squared differences of log10 populations between the simulated and
// the observed cities, both sorted by size (ISCPIF/marius-method,
// Target.distanceToData). The slices must have the same length; they are
// not changed. Populations must be positive (a zero gives +Inf).
func Fit(simulated, observed []float64) float64 {
	s, o := slices.Clone(simulated), slices.Clone(observed)
	slices.Sort(s)
	slices.Sort(o)
	return sortedFit(s, o)
}

// sortedFit is Fit of populations already sorted.
func sortedFit(s, o []float64) float64 {
	var sum float64
	for i := range s {
		d := math.Log10(o[i]) - math.Log10(s[i])
		sum += d * d
	}
	return sum
}

// census holds the observed populations a run is compared with.
type census struct {
	years  []int       // census years after the start at which every city is observed, ascending
	sorted [][]float64 // observed populations by year, persons, ascending
	totals []float64   // observed total population by year, persons
	next   int         // index into years of the next census to reach

	fit  float64 // Σ of the per-date fits of the censuses reached
	last reading
	buf  []float64
}

// reading is the comparison with the last census reached.
type reading struct {
	year                int
	fit                 float64 // Fit at that date
	simulated, observed float64 // total populations, persons
}

// newCensus collects the census years of the scenario's cities: the start
// (their populations) and every later year at which all of them have an
// observed population.
func newCensus(sc *model.Scenario) census {
	n := len(sc.Cities)
	counts := map[int]int{}
	for _, c := range sc.Cities {
		for k := range c.Observed {
			if y, err := strconv.Atoi(k); err == nil && y > sc.StartYear {
				counts[y]++
			}
		}
	}
	cs := census{buf: make([]float64, n)}
	for y, k := range counts {
		if k == n {
			cs.years = append(cs.years, y)
		}
	}
	slices.Sort(cs.years)
	for _, y := range cs.years {
		key := strconv.Itoa(y)
		obs := make([]float64, n)
		var total float64
		for i, c := range sc.Cities {
			obs[i] = c.Observed[key]
			total += obs[i]
		}
		slices.Sort(obs)
		cs.sorted = append(cs.sorted, obs)
		cs.totals = append(cs.totals, total)
	}
	var total float64
	for _, c := range sc.Cities {
		total += c.Population
	}
	cs.last = reading{year: sc.StartYear, simulated: total, observed: total}
	return cs
}

// observe compares the populations of year (persons) with the census of
// that year, if there is one and it has not been counted yet.
func (cs *census) observe(year int, pop []float64) {
	if cs.next >= len(cs.years) || cs.years[cs.next] != year {
		return
	}
	copy(cs.buf, pop)
	slices.Sort(cs.buf)
	var total float64
	for _, p := range pop {
		total += p
	}
	f := sortedFit(cs.buf, cs.sorted[cs.next])
	cs.fit += f
	cs.last = reading{year: year, fit: f, simulated: total, observed: cs.totals[cs.next]}
	cs.next++
}
