package model_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"factorflow/model"
)

// policyTOML returns one [[policies]] table of the given kind in force from
// start to end, with further keys in body (one per line).
func policyTOML(kind string, start, end int, body ...string) string {
	return fmt.Sprintf("\n[[policies]]\nname = %q\nkind = %q\nstart = %d\nend = %d\n%s\n",
		kind, kind, start, end, strings.Join(body, "\n"))
}

// years runs ApplyPolicies for each year from 2020 (the start) to last,
// with the costs of each year starting from zero as in package sim, and
// returns get() after each.
func years(e *model.Economy, st *model.State, last int, get func() float64) []float64 {
	d := model.NewDraw(true, 1, 0, "policies")
	var out []float64
	for y := 2020; y <= last; y++ {
		st.Year = y
		clear(st.PolicyCost)
		e.ApplyPolicies(st, d)
		out = append(out, get())
	}
	return out
}

// pattern returns base for the years 2020..2027 outside [from, to] and on
// inside.
func pattern(base, on float64, from, to int) []float64 {
	var x []float64
	for y := 2020; y <= 2027; y++ {
		if y >= from && y <= to {
			x = append(x, on)
		} else {
			x = append(x, base)
		}
	}
	return x
}

// TestPolicySchedule checks, for every policy that changes a lever, that
// the lever takes its policy value in the first year in force, keeps it to
// the last, and returns to its value after the end; a one-off policy
// (end = start) keeps its change.
func TestPolicySchedule(t *testing.T) {
	const R, S = 2, 3
	tests := []struct {
		kind     string
		body     []string
		get      func(e *model.Economy) float64
		base, on float64
	}{
		{"barrier", []string{`factor = "people"`}, func(e *model.Economy) float64 { return e.Levers.Barrier[model.BarrierPeople][north*R+south] }, 0.8, 0.4},
		{"barrier", []string{`factor = "people"`}, func(e *model.Economy) float64 { return e.Levers.Barrier[model.BarrierPeople][south*R+north] }, 0.8, 0.4},
		{"barrier", []string{`factor = "people"`}, func(e *model.Economy) float64 { return e.Levers.Barrier[model.BarrierCapital][north*R+south] }, 1, 1},
		{"barrier", []string{`factor = "all"`}, func(e *model.Economy) float64 { return e.Levers.Barrier[model.BarrierCapital][north*R+south] }, 1, 0.5},
		{"barrier", []string{`factor = "trade"`, "magnitude = 1"}, func(e *model.Economy) float64 { return e.Levers.Barrier[model.BarrierTrade][south*R+north] }, 0.3, 0},
		{"hukou", []string{`cities = ["Alpha"]`}, func(e *model.Economy) float64 { return e.Levers.HukouPenalty[alpha] }, 0.6, 0.3},
		{"hukou", []string{`cities = ["Alpha"]`}, func(e *model.Economy) float64 { return e.Levers.HukouAccess[alpha] }, 0.3, 0.65},
		{"hukou", []string{`cities = ["Alpha"]`}, func(e *model.Economy) float64 { return e.Levers.HukouQuota[alpha] }, 0.02, 0.03},
		{"hukou", []string{`cities = ["Alpha"]`}, func(e *model.Economy) float64 { return e.Levers.HukouPenalty[beta] }, 0.6, 0.6},
		{"land_cost", []string{`cities = ["Beta"]`}, func(e *model.Economy) float64 { return e.Levers.LandFactor[beta] }, 1, 0.505},
		{"capacity", []string{`cities = ["Gamma"]`}, func(e *model.Economy) float64 { return e.Levers.Absorb[gamma] }, 1, 1.5},
		{"services", []string{`regions = ["South"]`}, func(e *model.Economy) float64 { return e.Levers.Services[gamma] }, 1, 1.5},
		{"services", []string{`regions = ["South"]`}, func(e *model.Economy) float64 { return e.Levers.Services[alpha] }, 1, 1},
		{"incentive", []string{`cities = ["Beta"]`, `sectors = ["steel"]`, "magnitude = 0.02"}, func(e *model.Economy) float64 { return e.Levers.Incentive[beta*S+steel] }, 0, 0.02},
		{"incentive", []string{`cities = ["Beta"]`, `sectors = ["steel"]`, "magnitude = 0.02"}, func(e *model.Economy) float64 { return e.Levers.Incentive[beta*S+tech] }, 0, 0},
		{"sharing", nil, func(e *model.Economy) float64 { return e.Levers.Sharing[south*R+north] }, 0, 0.5},
		{"environment", []string{`form = "joint"`, `cities = ["Beta"]`}, func(e *model.Economy) float64 { return e.Levers.Emission[beta] }, 1, 0.5},
		{"environment", []string{`form = "cap"`, `cities = ["Beta"]`}, func(e *model.Economy) float64 { return e.Levers.Cap[beta] }, math.Inf(1), 0.5},
		{"park", []string{`form = "enclave"`, `origin = "Alpha"`, `cities = ["Gamma"]`}, func(e *model.Economy) float64 {
			return e.Levers.Enclave[[2]int{alpha, gamma}] // the share of moving costs the park bears
		}, 0, 0.5},
		{"park", []string{`form = "incubation"`, `origin = "Alpha"`, `cities = ["Gamma"]`}, func(e *model.Economy) float64 {
			return e.Levers.Incubation[[2]int{alpha, gamma}]
		}, 0, 0.5},
	}
	for i, tt := range tests {
		for _, window := range [][2]int{{2022, 2024}, {2022, 2022}, {2023, 0}} {
			t.Run(fmt.Sprintf("%d %s %v", i, tt.kind, window), func(t *testing.T) {
				e, st := world(t, "", policyTOML(tt.kind, window[0], window[1], tt.body...))
				got := years(e, st, 2027, func() float64 { return tt.get(e) })
				to := window[1]
				if to == window[0] || to == 0 {
					to = 2027 // one-off and open-ended policies keep their change
				}
				want := pattern(tt.base, tt.on, window[0], to)
				if diff := cmp.Diff(want, got, cmpopts.EquateApprox(1e-12, 1e-15)); diff != "" {
					t.Errorf("lever by year 2020-2027 (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// TestOverlappingPolicies runs two barrier policies on the same pair of
// regions, [2022, 2024] and [2023, 2025], each halving the people barrier:
// the barrier is halved while one is in force, quartered while both are,
// and back to its value after both end.
func TestOverlappingPolicies(t *testing.T) {
	e, st := world(t, "", policyTOML("barrier", 2022, 2024, `factor = "people"`)+
		strings.Replace(policyTOML("barrier", 2023, 2025, `factor = "people"`), `name = "barrier"`, `name = "barrier 2"`, 1))
	got := years(e, st, 2027, func() float64 { return e.Levers.Barrier[model.BarrierPeople][north*2+south] })
	want := []float64{0.8, 0.8, 0.4, 0.2, 0.2, 0.4, 0.8, 0.8}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("people barrier by year 2020-2027 (-want +got):\n%s", diff)
	}
}

// TestBarrierPolicyKernels checks that removing the people barrier
// (magnitude 1) reaches the migration flows: next to nothing crosses the
// barrier before, many people after.
func TestBarrierPolicyKernels(t *testing.T) {
	for _, b := range []string{"20", "inf"} {
		t.Run("barrier "+b, func(t *testing.T) {
			e, st := world(t, "", policyTOML("barrier", 2021, 0, `factor = "people"`, "magnitude = 1"), "barriers.people="+b)
			across := func() float64 {
				e.Kernels()
				clearFlows(st)
				e.MigrationFlows(st, model.NewDraw(true, 1, 0, "migration"), 0.1)
				return st.Flow[model.FlowWorkers][alpha*st.N+gamma]
			}
			before := across()
			if !(before < 1e-3) {
				t.Fatalf("flow Alpha→Gamma across the barrier %v, want < 0.001", before)
			}
			st.Year = 2021
			e.ApplyPolicies(st, model.NewDraw(true, 1, 0, "policies"))
			if got := e.Levers.Barrier[model.BarrierPeople][north*2+south]; got != 0 {
				t.Errorf("people barrier after its removal %v, want 0", got)
			}
			if after := across(); !(after > 100) {
				t.Errorf("flow Alpha→Gamma with the barrier removed %v, want > 100", after)
			}
		})
	}
}

// TestTrainingPolicy checks that training converts magnitude × dt of the
// target cities' workers (local and not) to talent, and costs unit_cost per
// person trained.
func TestTrainingPolicy(t *testing.T) {
	for _, dt := range []string{"dt=1", "dt=0.5"} {
		for _, mode := range modes {
			t.Run(dt+"/"+mode, func(t *testing.T) {
				e, st := world(t, "", policyTOML("training", 2020, 0, `cities = ["Beta"]`, "magnitude = 0.1", "unit_cost = 0.002"), dt, mode)
				var pop [model.NumGroups][]float64
				for g := range pop {
					pop[g] = append([]float64(nil), st.Pop[g]...)
				}
				e.ApplyPolicies(st, model.NewDraw(mode == modes[0], 1, 0, "policies"))
				var trained float64
				for c := 0; c < st.N; c++ {
					for _, s := range []model.Status{model.LocalHukou, model.NonLocal} {
						w, tl := model.GroupOf(model.Worker, s), model.GroupOf(model.Talent, s)
						lost, gained := pop[w][c]-st.Pop[w][c], st.Pop[tl][c]-pop[tl][c]
						want, tol := 0.0, 0.0
						if c == beta {
							want = 0.1 * e.Sc.Dt * pop[w][c]
							tol = 1e-9 * want
							if mode != modes[0] {
								tol = 5 * math.Sqrt(want) // 5 s.d.: false-failure rate ~6e-7
							}
						}
						if math.Abs(lost-want) > tol || math.Abs(gained-lost) > 1e-6 {
							t.Errorf("city %d, status %d: %v workers lost and %v talent gained, want %v ± %v both", c, s, lost, gained, want, tol)
						}
						trained += lost
					}
				}
				if want := 0.002 * trained; !near(want, st.PolicyCost[0], 1e-9) {
					t.Errorf("training cost %v, want unit_cost × %v trained = %v", st.PolicyCost[0], trained, want)
				}
			})
		}
	}
}

// TestTrainingCost checks the capacity of training: unit_cost a place up
// to capacity × dt places in the step, and a marginal place costing
// unit_cost × (1 + 2·excess/capacity) beyond.
func TestTrainingCost(t *testing.T) {
	tests := []struct {
		name           string
		unit, capacity float64
		n, dt, want    float64
	}{
		{"no capacity limit", 0.1, 0, 1000, 1, 100},
		{"below capacity", 0.1, 2000, 1000, 1, 100},
		{"at capacity", 0.1, 1000, 1000, 1, 100},
		{"twice capacity: the excess costs twice as much", 0.1, 1000, 2000, 1, 100 + 100 + 100},
		{"three times capacity", 0.1, 1000, 3000, 1, 300 + 0.1*2000*2000/1000},
		{"half a year has half the capacity", 0.1, 1000, 1000, 0.5, 100 + 0.1*500*500/500},
		{"no one trained", 0.1, 1000, 0, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := model.Policy{Kind: model.PolicyTraining, UnitCost: tt.unit, Capacity: tt.capacity}
			if got := model.TrainingCost(p, tt.n, tt.dt); !near(tt.want, got, 1e-12) {
				t.Errorf("cost of %v trainees in %v yr = %v, want %v", tt.n, tt.dt, got, tt.want)
			}
		})
	}
}

// TestTrainingDuration checks a course of two years: trainees stay
// residents but leave the labour force when they enrol, each year enrols
// magnitude of the workers not already studying, and a cohort joins the
// talent when its two years are done.
func TestTrainingDuration(t *testing.T) {
	e, st := world(t, "", policyTOML("training", 2020, 2021, `cities = ["Beta"]`, "magnitude = 0.1", "unit_cost = 0.002", "duration = 2"), "mode=mean-field")
	d := model.NewDraw(true, 1, 0, "policies")
	w0 := st.CitySkill(beta, model.Worker)
	t0 := st.CitySkill(beta, model.Talent)
	pop0 := st.CityPop(beta)
	first := 0.1 * w0
	second := 0.1 * (w0 - first)
	tests := []struct {
		year                     int
		workers, talent, working float64
		cost                     float64
	}{
		{2020, w0, t0, w0 - first, 0.002 * first},
		{2021, w0, t0, w0 - first - second, 0.002 * second},
		{2022, w0 - first, t0 + first, w0 - first - second, 0},
		{2023, w0 - first - second, t0 + first + second, w0 - first - second, 0},
		{2024, w0 - first - second, t0 + first + second, w0 - first - second, 0},
	}
	for _, tt := range tests {
		st.Year, st.T = tt.year, float64(tt.year-2020)
		clear(st.PolicyCost)
		e.ApplyPolicies(st, d)
		got := []float64{st.CitySkill(beta, model.Worker), st.CitySkill(beta, model.Talent), e.LabourForce(st, beta, model.Worker), st.PolicyCost[0], st.CityPop(beta)}
		want := []float64{tt.workers, tt.talent, tt.working, tt.cost, pop0}
		if diff := cmp.Diff(want, got, cmpopts.EquateApprox(1e-12, 1e-6)); diff != "" {
			t.Errorf("%d: workers, talent, working workers, cost, residents (-want +got):\n%s", tt.year, diff)
		}
		if lf := e.LabourForce(st, alpha, model.Worker); lf != st.CitySkill(alpha, model.Worker) {
			t.Errorf("%d: Alpha, no training, works %v of its %v workers", tt.year, lf, st.CitySkill(alpha, model.Worker))
		}
	}
}

// TestTrainingConversion checks that a share conversion of the trainees
// join the talent (expected value; binomial in stochastic mode) and the
// rest stay workers, at once or when the course is done, while every
// trainee costs unit_cost and studies out of the labour force.
func TestTrainingConversion(t *testing.T) {
	tests := []struct {
		name       string
		conversion string // "" = the schema default
		duration   float64
		want       float64 // expected share converted
	}{
		{"default converts every trainee", "", 0, 1},
		{"every trainee", "conversion = 1", 0, 1},
		{"a fifth", "conversion = 0.19", 0, 0.19},
		{"none", "conversion = 0", 0, 0},
		{"a fifth after a 2-year course", "conversion = 0.19", 2, 0.19},
		{"none after a 2-year course", "conversion = 0", 2, 0},
	}
	for _, tt := range tests {
		for _, mode := range modes {
			t.Run(tt.name+"/"+mode, func(t *testing.T) {
				body := []string{`cities = ["Beta"]`, "magnitude = 0.1", "unit_cost = 0.002", fmt.Sprintf("duration = %g", tt.duration), tt.conversion}
				e, st := world(t, "", policyTOML("training", 2020, 2020, body...), mode)
				d := model.NewDraw(mode == modes[0], 1, 0, "policies")
				w0, t0 := st.CitySkill(beta, model.Worker), st.CitySkill(beta, model.Talent)
				e.ApplyPolicies(st, d)
				enrolled := st.PolicyCost[0] / 0.002
				if tt.duration > 0 {
					if lf := e.LabourForce(st, beta, model.Worker); !near(w0-enrolled, lf, 1e-9) {
						t.Errorf("working workers while studying %v, want %v", lf, w0-enrolled)
					}
					if got := st.CitySkill(beta, model.Talent); got != t0 {
						t.Errorf("talent while studying %v, want %v", got, t0)
					}
					st.Year, st.T = 2020+int(tt.duration), tt.duration
					e.ApplyPolicies(st, d)
				}
				gained, lost := st.CitySkill(beta, model.Talent)-t0, w0-st.CitySkill(beta, model.Worker)
				want, tol := tt.want*enrolled, 1e-9*enrolled
				if mode != modes[0] && tt.want > 0 && tt.want < 1 {
					tol = 5*math.Sqrt(enrolled*tt.want*(1-tt.want)) + 1 // 5 s.d. of the binomial
				}
				if math.Abs(gained-want) > tol || math.Abs(gained-lost) > 1e-6 {
					t.Errorf("%v of %v trainees joined the talent and %v workers were lost, want %v ± %v both", gained, enrolled, lost, want, tol)
				}
				if lf := e.LabourForce(st, beta, model.Worker); !near(st.CitySkill(beta, model.Worker), lf, 1e-12) {
					t.Errorf("working workers after the course %v, want all %v", lf, st.CitySkill(beta, model.Worker))
				}
				if !(enrolled > 0.09*w0*e.Sc.Dt) {
					t.Errorf("enrolled %v of %v workers, want about a tenth", enrolled, w0)
				}
			})
		}
	}
}

// TestInfrastructurePolicy checks that infrastructure raises the transport
// densities by its magnitude, lowers every generalised cost between cities,
// stays after its end and is paid for once.
func TestInfrastructurePolicy(t *testing.T) {
	e, st := world(t, "", policyTOML("infrastructure", 2021, 2022, "magnitude = 0.5", "unit_cost = 1"))
	h0, r0 := e.Net.Density()
	c0 := append([]float64(nil), e.C...)
	cost := years(e, st, 2024, func() float64 { return st.PolicyCost[0] })
	h, r := e.Net.Density()
	if !near(1.5*h0, h, 1e-12) || !near(1.5*r0, r, 1e-12) {
		t.Errorf("densities after the policy %v, %v; want 1.5 × %v, %v", h, r, h0, r0)
	}
	e.Kernels()
	N := st.N
	for i := 0; i < N; i++ {
		for j := 0; j < N; j++ {
			switch {
			case i == j && e.C[i*N+j] != c0[i*N+j]:
				t.Errorf("intra-city cost of %d changed from %v to %v", i, c0[i*N+j], e.C[i*N+j])
			case i != j && !(e.C[i*N+j] < c0[i*N+j]):
				t.Errorf("cost %d→%d after infrastructure %v, want below %v", i, j, e.C[i*N+j], c0[i*N+j])
			}
		}
	}
	var area float64
	for _, c := range e.Sc.Cities {
		area += c.AreaKm2
	}
	want := []float64{0, 0.5 * (h0 + r0) * area, 0, 0, 0}
	if diff := cmp.Diff(want, cost, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("infrastructure cost by year 2020-2024 (-want +got):\n%s", diff)
	}
}

// advance is one step of the simulation as package sim takes it: flows and
// policy costs start from zero with each year, then time and year advance
// and every mechanism runs in the documented order. It returns the policy
// costs added in the step.
func advance(t *testing.T, e *model.Economy, st *model.State, d [4]*model.Draw) []float64 {
	t.Helper()
	if math.Abs(st.T-math.Round(st.T)) < 1e-6 {
		clearFlows(st)
		clear(st.PolicyCost)
	}
	st.T += e.Sc.Dt
	st.Year = e.Sc.StartYear + int(math.Floor(st.T+1e-9))
	before := append([]float64(nil), st.PolicyCost...)
	e.ApplyPolicies(st, d[0])
	e.Kernels()
	e.Produce(st)
	if err := e.Clear(st); err != nil {
		t.Fatalf("Clear: %v", err)
	}
	e.Finance(st)
	e.Learn(st)
	e.Migrate(st, d[1])
	e.Invest(st)
	e.FirmDynamics(st, d[2])
	e.Pollute(st)
	e.Age(st, d[3])
	for i := range before {
		before[i] = st.PolicyCost[i] - before[i]
	}
	return before
}

// draws4 returns the four streams of a run: policies, migration, firms,
// demography.
func draws4(sc *model.Scenario) [4]*model.Draw {
	var d [4]*model.Draw
	for i, p := range []string{"policies", "migration", "firms", "demography"} {
		d[i] = model.NewDraw(sc.Mode == "mean-field", sc.Seed, 0, p)
	}
	return d
}

// policyKinds is one policy of every kind and form, with a unit cost, and
// whether its yearly cost is positive while in force.
var policyKinds = []struct {
	name     string
	kind     string
	body     []string
	positive bool
}{
	{"barrier", "barrier", []string{"unit_cost = 10"}, true},
	{"hukou", "hukou", []string{`cities = ["Alpha"]`, "unit_cost = 0.001"}, true},
	{"tolls", "tolls", []string{"unit_cost = 10"}, true},
	{"land_cost", "land_cost", []string{`cities = ["Alpha"]`}, true},
	{"capacity", "capacity", []string{`cities = ["Beta"]`, "unit_cost = 10"}, true},
	{"training", "training", []string{`cities = ["Beta"]`, "magnitude = 0.05", "unit_cost = 0.001"}, true},
	{"infrastructure", "infrastructure", []string{"magnitude = 0.2", "unit_cost = 1"}, true},
	{"services", "services", []string{`cities = ["Gamma"]`}, true},
	{"incentive", "incentive", []string{`cities = ["Beta"]`, `sectors = ["steel"]`, "magnitude = 0.01"}, true},
	{"subsidy", "subsidy", []string{`cities = ["Beta"]`, `sectors = ["steel"]`, "magnitude = 0.1"}, true},
	{"park incubation", "park", []string{`form = "incubation"`, `origin = "Alpha"`, `cities = ["Gamma"]`, "unit_cost = 10"}, true},
	{"park duplication", "park", []string{`form = "duplication"`, `origin = "Alpha"`, `cities = ["Gamma"]`, "unit_cost = 10"}, true},
	{"park enclave", "park", []string{`form = "enclave"`, `origin = "Alpha"`, `cities = ["Gamma"]`, "unit_cost = 10"}, true},
	{"sharing", "sharing", []string{"unit_cost = 10"}, true},
	{"environment joint", "environment", []string{`form = "joint"`, `cities = ["Beta"]`, "unit_cost = 1"}, true},
	{"environment cap", "environment", []string{`form = "cap"`, `cities = ["Beta"]`, "magnitude = 0.9", "unit_cost = 1"}, false},
	{"environment closure", "environment", []string{`form = "closure"`, `cities = ["Beta"]`, `sectors = ["steel"]`, "unit_cost = 1"}, true},
}

// TestPolicyCosts runs the model with one policy of each kind in force from
// 2022 to 2024 and checks that its fiscal cost is never negative, is zero
// in the years it is not in force, and is positive in some year in force.
func TestPolicyCosts(t *testing.T) {
	for _, tt := range policyKinds {
		for _, mode := range modes {
			t.Run(tt.name+"/"+mode, func(t *testing.T) {
				sc := parse(t, "", policyTOML(tt.kind, 2022, 2024, tt.body...), mode)
				e, st := start(t, sc)
				d := draws4(sc)
				var inForce float64
				for st.Year < 2027 {
					c := advance(t, e, st, d)[0]
					on := st.Year >= 2022 && st.Year <= 2024
					switch {
					case !(c >= 0):
						t.Errorf("%d: cost %v, want >= 0", st.Year, c)
					case !on && c != 0:
						t.Errorf("%d: cost %v out of force, want 0", st.Year, c)
					}
					if on {
						inForce += c
					}
				}
				if tt.positive && !(inForce > 0) {
					t.Errorf("cost in force %v, want > 0", inForce)
				}
			})
		}
	}
}

// TestPolicyCostsOverRun checks that the fiscal cost of a policy whose cost
// does not depend on the state is the same over a run whatever the step
// length: two half-year steps cost what one whole-year step costs, and a
// one-time act is paid once.
func TestPolicyCostsOverRun(t *testing.T) {
	for _, tt := range policyKinds {
		switch tt.kind {
		case "tolls", "capacity", "sharing", "park", "infrastructure":
		default:
			// Costs that depend on the state, which dt changes (a barrier
			// pays the compensation that keeps regions' tax shares).
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			total := map[string]float64{}
			for _, dt := range []string{"dt=1", "dt=0.5"} {
				sc := parse(t, "", policyTOML(tt.kind, 2022, 2024, tt.body...), dt)
				e, st := start(t, sc)
				d := draws4(sc)
				for st.T < 6-1e-9 {
					total[dt] += advance(t, e, st, d)[0]
				}
			}
			if !(total["dt=1"] > 0) || !near(total["dt=1"], total["dt=0.5"], 1e-9) {
				t.Errorf("cost over the run %v with dt = 0.5, want %v as with dt = 1 (> 0)", total["dt=0.5"], total["dt=1"])
			}
		})
	}
}

// TestSubsidyCostPerStep checks that a subsidy's fiscal cost of a step is
// magnitude × the target firms' output × dt, like every other recurring
// policy cost.
func TestSubsidyCostPerStep(t *testing.T) {
	for _, dt := range []float64{1, 0.5} {
		t.Run(fmt.Sprint("dt=", dt), func(t *testing.T) {
			e, st := world(t, "", policyTOML("subsidy", 2020, 0, `cities = ["Beta"]`, `sectors = ["steel"]`, "magnitude = 0.1"), fmt.Sprint("dt=", dt))
			var out float64
			for f := range st.Firms {
				st.Firms[f].Output = 10
				if st.Firms[f].City == beta && st.Firms[f].Sector == steel {
					out += 10
				}
			}
			e.ApplyPolicies(st, model.NewDraw(true, 1, 0, "policies"))
			if want := 0.1 * out * dt; !near(want, st.PolicyCost[0], 1e-12) {
				t.Errorf("subsidy cost of a step %v, want 0.1 × %v × dt = %v", st.PolicyCost[0], out, want)
			}
		})
	}
}

// TestBarrierCompensation checks the price of removing a barrier: the tax
// on the output of the firms that left a target region across the opened
// boundary since the policy began — not firms that moved inside a region,
// nor before the policy — times the share of such moves the policy caused,
// 1 − exp(−σ_I·horizon·share·B/scale): nothing for a policy that removes
// nothing, more the more of the barrier it removes.
func TestBarrierCompensation(t *testing.T) {
	for _, m := range []float64{1, 0.5, 0.1, 0} {
		t.Run(fmt.Sprint("magnitude ", m), func(t *testing.T) {
			sc := parse(t, "", policyTOML("barrier", 2021, 0, fmt.Sprintf("magnitude = %g", m), "unit_cost = 0"), "mode=mean-field")
			e, st := start(t, sc)
			if got := e.Compensation(st, 0); got != 0 {
				t.Fatalf("compensation %v with no firm moved, want 0", got)
			}
			// Three firms now in Gamma (South): from Alpha (North) in 2022,
			// from Alpha in 2019 (before the policy), and one whose origin
			// is in the South itself.
			var moved []*model.Firm
			for f := range st.Firms {
				if fm := &st.Firms[f]; fm.City == gamma && len(moved) < 3 {
					moved = append(moved, fm)
				}
			}
			moved[0].Origin, moved[0].Moved, moved[0].Output = alpha, 2022, 100
			moved[1].Origin, moved[1].Moved, moved[1].Output = alpha, 2019, 1000
			moved[2].Origin, moved[2].Moved, moved[2].Output = gamma, 2022, 1000
			d := e.Sc.Investment.Scale * e.Sc.Firms.Horizon * m * e.Sc.Barriers.Capital
			caused := 1 - math.Exp(-d/e.Sc.Firms.RelocationScale)
			want := e.Sc.Fiscal.Tax * 100 * e.Sc.Dt * caused
			if got := e.Compensation(st, 0); math.Abs(got-want) > 1e-12 {
				t.Errorf("compensation %v, want %v (the 2022 move across the boundary only, %.3f of it caused by the policy)", got, want, caused)
			}
		})
	}
}
