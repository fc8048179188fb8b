package output

import (
	"fmt"
	"math"
	"strconv"

	"factorflow/model"
	"factorflow/sim"
)

// Columns of the tables, before the per-sector and per-metric ones.
var (
	cityCols = []string{"year", "city", "region", "role", "population",
		"talent_local", "talent_nonlocal", "workers_local", "workers_nonlocal",
		"output", "output_per_capita"}
	cityTail = []string{"capital", "knowledge", "wage_talent", "wage_workers",
		"land_price", "market_access", "revenue", "education", "health",
		"pollution", "amenity", "firms"}
	regionCols = []string{"year", "region", "rural", "rural_wage", "farm_floor"}
	flowCols   = []string{"year", "factor", "origin", "destination", "amount"}
	policyCols = []string{"year", "policy", "fiscal_cost"}
)

// ruralPrefix names a rural hinterland in flows.csv: "rural:<region>".
const ruralPrefix = "rural:"

// start writes the headers and prepares the per-frame buffers from the
// first frame's names.
func (w *Writer) start(f *sim.Frame) {
	w.headers(f.Sectors, f.Metrics.Columns())
	role := make(map[string]string, len(w.sc.Cities))
	for _, c := range w.sc.Cities {
		role[c.Name] = string(c.Role)
	}
	w.roles = make([]string, len(f.Cities))
	for c, name := range f.Cities {
		w.roles[c] = role[name]
	}
	w.rural = make([]string, len(f.Regions))
	for r, name := range f.Regions {
		w.rural[r] = ruralPrefix + name
	}
	w.policyNames = make([]string, len(w.sc.Policies))
	for i, p := range w.sc.Policies {
		w.policyNames[i] = p.Name
		if p.Name == "" {
			w.policyNames[i] = "policy " + strconv.Itoa(i+1)
		}
	}
	w.firms = make([]float64, len(f.Cities))
}

// headers writes the header rows of every table.
func (w *Writer) headers(sectors, metrics []string) {
	w.started = true
	cols := append([]string(nil), cityCols...)
	for _, s := range sectors {
		cols = append(cols, "output_"+s)
	}
	w.cities.header(append(cols, cityTail...)...)
	w.regions.header(regionCols...)
	w.flows.header(flowCols...)
	w.metricCols = append([]string(nil), metrics...)
	w.metrics.header(append([]string{"year", "stage"}, metrics...)...)
	w.policies.header(policyCols...)
}

func sectorNames(sc *model.Scenario) []string {
	names := make([]string, len(sc.Sectors))
	for i, s := range sc.Sectors {
		names[i] = s.Name
	}
	return names
}

// shape collects the first mismatch between a slice's length and the length
// the frame's names imply.
type shape struct {
	year int
	err  error
}

func (s *shape) want(name string, got int, want ...int) {
	if s.err != nil {
		return
	}
	for _, w := range want {
		if got == w {
			return
		}
	}
	s.err = fmt.Errorf("output: year %d: state %s has %d values, want %d", s.year, name, got, want[0])
}

// checkFrame verifies that every slice the tables read has the length the
// frame's names imply, so that writing cannot index out of range. Flow and
// policy-cost slices may also be empty (nothing moved, nothing spent).
func checkFrame(f *sim.Frame, policies int) error {
	st := f.State
	if st == nil || f.Metrics == nil {
		return fmt.Errorf("output: year %d: frame without state or metrics", f.Year)
	}
	n, r, s := len(f.Cities), len(f.Regions), len(f.Sectors)
	c := shape{year: f.Year}
	c.want("CityRegion", len(f.CityRegion), n)
	for g := range st.Pop {
		c.want("Pop", len(st.Pop[g]), n)
	}
	for _, v := range [][]float64{st.V, st.K, st.A} {
		c.want("V, K or A", len(v), n*s)
	}
	for _, v := range [][]float64{st.Wage[0], st.Wage[1], st.LandPrice, st.Market, st.Revenue,
		st.Education, st.Health, st.Pollution, st.Amenity} {
		c.want("Wage, LandPrice, Market, Revenue, Education, Health, Pollution or Amenity", len(v), n)
	}
	for _, v := range [][]float64{st.Rural, st.RuralWage, st.FarmFloor} {
		c.want("Rural, RuralWage or FarmFloor", len(v), r)
	}
	for i := range st.Flow {
		c.want("Flow", len(st.Flow[i]), n*n, 0)
	}
	c.want("RuralFlow", len(st.RuralFlow), r*n, 0)
	c.want("ReturnFlow", len(st.ReturnFlow), n*r, 0)
	c.want("PolicyCost", len(st.PolicyCost), policies, 0)
	if c.err != nil {
		return c.err
	}
	for i, reg := range f.CityRegion {
		if reg < 0 || reg >= r {
			return fmt.Errorf("output: year %d: city %s has region index %d, want 0..%d", f.Year, f.Cities[i], reg, r-1)
		}
	}
	return nil
}

// writeCities appends one row per city.
func (w *Writer) writeCities(f *sim.Frame) {
	st, t, y := f.State, w.cities, int64(f.Year)
	s := len(f.Sectors)
	clear(w.firms)
	for i := range st.Firms {
		if fm := &st.Firms[i]; fm.Alive && fm.City >= 0 && fm.City < len(w.firms) {
			w.firms[fm.City] += fm.Count()
		}
	}
	for c, name := range f.Cities {
		var pop, out, k, va float64
		for g := range st.Pop {
			pop += st.Pop[g][c]
		}
		cs := st.V[c*s : c*s+s]
		for j, v := range cs {
			out += v
			k += st.K[c*s+j]
			va += v * st.A[c*s+j]
		}
		t.int(y)
		t.str(name)
		t.str(f.Regions[f.CityRegion[c]])
		t.str(w.roles[c])
		t.num(pop)
		for g := range st.Pop {
			t.num(st.Pop[g][c])
		}
		t.num(out)
		t.num(perCapita(out, pop))
		for _, v := range cs {
			t.num(v)
		}
		t.num(k)
		t.num(knowledge(va, out, st.A[c*s:c*s+s]))
		t.num(st.Wage[model.Talent][c])
		t.num(st.Wage[model.Worker][c])
		t.num(st.LandPrice[c])
		t.num(st.Market[c])
		t.num(st.Revenue[c])
		t.num(st.Education[c])
		t.num(st.Health[c])
		t.num(st.Pollution[c])
		t.num(st.Amenity[c])
		t.int(int64(math.Round(w.firms[c]))) // mean-field: expected count
		t.end()
	}
}

// perCapita is out/pop, or 0 for a city with no residents.
func perCapita(out, pop float64) float64 {
	if pop <= 0 {
		return 0
	}
	return out / pop
}

// knowledge is the output-weighted mean of a city's sector knowledge va/out,
// or the plain mean when the city has no output.
func knowledge(va, out float64, a []float64) float64 {
	if out > 0 {
		return va / out
	}
	if len(a) == 0 {
		return 0
	}
	var sum float64
	for _, v := range a {
		sum += v
	}
	return sum / float64(len(a))
}

// writeRegions appends one row per region.
func (w *Writer) writeRegions(f *sim.Frame) {
	st, t, y := f.State, w.regions, int64(f.Year)
	for r, name := range f.Regions {
		t.int(y)
		t.str(name)
		t.num(st.Rural[r])
		t.num(st.RuralWage[r])
		t.num(st.FarmFloor[r])
		t.end()
	}
}

// writeFlows appends the nonzero flows between different cities, then the
// rural migration into cities and the returns to the hinterlands.
func (w *Writer) writeFlows(f *sim.Frame) {
	st, n := f.State, len(f.Cities)
	for k, m := range st.Flow {
		if len(m) == 0 {
			continue
		}
		factor := model.FactorNames[k]
		for o := range n {
			for d, v := range m[o*n : o*n+n] {
				if v != 0 && o != d {
					w.flow(f.Year, factor, f.Cities[o], f.Cities[d], v)
				}
			}
		}
	}
	workers := model.FactorNames[model.FlowWorkers]
	if len(st.RuralFlow) > 0 {
		for r := range f.Regions {
			for d, v := range st.RuralFlow[r*n : r*n+n] {
				if v != 0 {
					w.flow(f.Year, workers, w.rural[r], f.Cities[d], v)
				}
			}
		}
	}
	if len(st.ReturnFlow) > 0 {
		nr := len(f.Regions)
		for c := range n {
			for r, v := range st.ReturnFlow[c*nr : c*nr+nr] {
				if v != 0 {
					w.flow(f.Year, workers, f.Cities[c], w.rural[r], v)
				}
			}
		}
	}
}

func (w *Writer) flow(year int, factor, origin, dest string, v float64) {
	t := w.flows
	t.int(int64(year))
	t.str(factor)
	t.str(origin)
	t.str(dest)
	t.num(v)
	t.end()
}

// writeMetrics appends the year's cluster metrics.
func (w *Writer) writeMetrics(f *sim.Frame) error {
	w.vals = f.Metrics.Values(w.vals[:0])
	if len(w.vals) != len(w.metricCols) {
		return fmt.Errorf("output: year %d: %d metric values for %d columns", f.Year, len(w.vals), len(w.metricCols))
	}
	t := w.metrics
	t.int(int64(f.Year))
	t.str(f.Metrics.Stage)
	for _, v := range w.vals {
		t.num(v)
	}
	t.end()
	return nil
}

// writePolicies appends the policies that cost something this year.
func (w *Writer) writePolicies(f *sim.Frame) {
	t := w.policies
	for i, v := range f.State.PolicyCost {
		if v != 0 {
			t.int(int64(f.Year))
			t.str(w.policyNames[i])
			t.num(v)
			t.end()
		}
	}
}
