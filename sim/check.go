package sim

import (
	"fmt"
	"math"

	"factorflow/model"
)

// checker verifies the conservation identities around each mechanism:
// people are created or destroyed only by demography, and every city's
// change under migration equals its recorded flows; capital is created only
// by investment and destroyed only by depreciation.
type checker struct {
	people  float64
	capital float64
	city    []float64 // residents minus recorded net inflow, [c]
}

// ConservationError reports the first violated identity.
type ConservationError struct {
	Year     int
	Stage    string
	City     string // "" for a cluster-wide identity
	Quantity string
	Want     float64
	Got      float64
}

func (e *ConservationError) Error() string {
	where := "cluster"
	if e.City != "" {
		where = "city " + e.City
	}
	return fmt.Sprintf("sim: conservation: year %d, stage %s, %s: %s should be %.6g, is %.6g (difference %.3g)",
		e.Year, e.Stage, where, e.Quantity, e.Want, e.Got, e.Got-e.Want)
}

func totalPeople(st *model.State) float64 {
	var p float64
	for c := 0; c < st.N; c++ {
		p += st.CityPop(c)
	}
	for _, r := range st.Rural {
		p += r
	}
	return p
}

func totalCapital(s *report) float64 {
	var k float64
	for f := range s.st.Firms {
		k += s.st.Firms[f].K
	}
	return k + s.eco.PendingCapital()
}

func (ck *checker) before(s *report) {
	ck.people = totalPeople(s.st)
	ck.capital = totalCapital(s)
	if len(ck.city) != s.st.N {
		ck.city = make([]float64, s.st.N)
	}
	for c := range ck.city {
		ck.city[c] = s.st.CityPop(c) - netInflow(s.st, c)
	}
}

// netInflow is city c's recorded net inflow of people so far this year.
func netInflow(st *model.State, c int) float64 {
	N, R := st.N, st.R
	var in float64
	for _, f := range [2][]float64{st.Flow[model.FlowTalent], st.Flow[model.FlowWorkers]} {
		for j := 0; j < N; j++ {
			in += f[j*N+c] - f[c*N+j]
		}
	}
	for r := 0; r < R; r++ {
		in += st.RuralFlow[r*N+c] - st.ReturnFlow[c*R+r]
	}
	return in
}

func near(want, got float64) bool {
	return math.Abs(want-got) <= 1e-9*math.Max(1, math.Abs(want))+1e-6
}

func (ck *checker) after(s *report, stage int) error {
	st := s.st
	fail := func(city, q string, want, got float64) error {
		return &ConservationError{Year: st.Year, Stage: Stages[stage], City: city, Quantity: q, Want: want, Got: got}
	}
	wantPeople := ck.people
	if stage == 10 {
		wantPeople += st.Births
	}
	if got := totalPeople(st); !near(wantPeople, got) {
		return fail("", "people", wantPeople, got)
	}
	for g := range st.Pop {
		for c, p := range st.Pop[g] {
			if p < -1e-9 {
				return fail(s.cities[c], "residents of group "+fmt.Sprint(g), 0, p)
			}
		}
	}
	if stage == 6 {
		if err := ck.migration(s, fail); err != nil {
			return err
		}
	}
	wantK := ck.capital
	if stage == 7 {
		wantK += st.Invested - st.Depreciated
	}
	if got := totalCapital(s); !near(wantK, got) {
		return fail("", "capital", wantK, got)
	}
	return nil
}

// migration checks each city's change against the recorded flows.
func (ck *checker) migration(s *report, fail func(city, q string, want, got float64) error) error {
	st := s.st
	for c := 0; c < st.N; c++ {
		want := ck.city[c] + netInflow(st, c)
		if got := st.CityPop(c); !near(want, got) {
			return fail(s.cities[c], "residents after migration", want, got)
		}
	}
	return nil
}

// NonFiniteError reports a NaN or infinite value in the state.
type NonFiniteError struct {
	Year     int
	City     string
	Variable string
	Value    float64
}

func (e *NonFiniteError) Error() string {
	return fmt.Sprintf("sim: year %d, city %s: %s is %v", e.Year, e.City, e.Variable, e.Value)
}

// finite returns an error naming the first non-finite value of the state.
func finite(st *model.State, cities []string) error {
	bad := func(x float64) bool { return math.IsNaN(x) || math.IsInf(x, 0) }
	perCity := []struct {
		name string
		x    []float64
	}{
		{"talent_local", st.Pop[model.TalentLocal]}, {"talent_nonlocal", st.Pop[model.TalentNonLocal]},
		{"workers_local", st.Pop[model.WorkerLocal]}, {"workers_nonlocal", st.Pop[model.WorkerNonLocal]},
		{"wage_talent", st.Wage[0]}, {"wage_workers", st.Wage[1]}, {"land_price", st.LandPrice},
		{"market_access", st.Market}, {"revenue", st.Revenue}, {"education", st.Education},
		{"health", st.Health}, {"pollution", st.Pollution}, {"amenity", st.Amenity},
	}
	for _, v := range perCity {
		for c, x := range v.x {
			if bad(x) {
				return &NonFiniteError{st.Year, cities[c], v.name, x}
			}
		}
	}
	perSector := []struct {
		name string
		x    []float64
	}{{"capital", st.K}, {"knowledge", st.A}, {"output", st.V}, {"price", st.Price}}
	for _, v := range perSector {
		for i, x := range v.x {
			if bad(x) {
				return &NonFiniteError{st.Year, cities[i/st.S], v.name, x}
			}
		}
	}
	for r, x := range st.Rural {
		if bad(x) {
			return &NonFiniteError{st.Year, fmt.Sprintf("rural region %d", r), "rural", x}
		}
	}
	return nil
}
