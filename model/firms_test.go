package model_test

import (
	"fmt"
	"math"
	"testing"

	"factorflow/model"
)

// firmSets are the overrides of the firm tests: equal efficiencies (so every
// firm of a city-sector earns the same return) and, unless a test turns
// them on, no relocation and no entry.
var firmSets = []string{"firms.sigma=0", "firms.relocate=0", "firms.entry=0"}

// firm returns the alive firm with the given ID, or nil.
func firm(st *model.State, id int64) *model.Firm {
	for f := range st.Firms {
		if st.Firms[f].ID == id && st.Firms[f].Alive {
			return &st.Firms[f]
		}
	}
	return nil
}

// firstFirm returns the ID of the first firm of city c and sector s.
func firstFirm(t *testing.T, st *model.State, c, s int) int64 {
	t.Helper()
	for _, f := range st.Firms {
		if f.City == c && f.Sector == s {
			return f.ID
		}
	}
	t.Fatalf("no firm in city %d, sector %d", c, s)
	return 0
}

// loser makes the first steel firm of Beta earn almost nothing, so that it
// makes a loss every year, and returns its ID.
func loser(t *testing.T, st *model.State) int64 {
	t.Helper()
	id := firstFirm(t, st, beta, steel)
	firm(st, id).Z = 1e-6
	return id
}

// TestLossMakerExits checks the exit hazard dt/k (k = firms.exit_years): in
// mean-field mode a firm with losses every step keeps the share 1 − dt/k of
// its count and capital per step, the rest going to its city's pool, and
// closes once its count is below 1 %; profitable firms keep theirs.
func TestLossMakerExits(t *testing.T) {
	tests := []struct {
		exitYears int
		dt        float64
		closeAt   int // first step with (1 − dt/k)^step < 0.01
	}{
		{1, 1, 1},
		{3, 1, 12},
		{5, 1, 21},
		{2, 0.5, 17},
		{1, 0.25, 17},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("exit_years=%d/dt=%v", tt.exitYears, tt.dt), func(t *testing.T) {
			e, st := world(t, "", "", append(firmSets, fmt.Sprint("firms.exit_years=", tt.exitYears), fmt.Sprint("dt=", tt.dt))...)
			id := loser(t, st)
			k0, c := firm(st, id).K, firm(st, id).City
			h := tt.dt / float64(tt.exitYears)
			d := model.NewDraw(true, 1, 0, "firms")
			for step := 1; step <= tt.closeAt; step++ {
				pool := e.Pool()[c]
				kBefore := firm(st, id).K
				e.FirmDynamics(st, d)
				f := firm(st, id)
				keep := math.Pow(1-h, float64(step))
				switch {
				case step < tt.closeAt && f == nil:
					t.Fatalf("the firm closed after %d steps of losses, want at step %d", step, tt.closeAt)
				case step < tt.closeAt:
					if !near(keep, f.Count(), 1e-12) || !near(k0*keep, f.K, 1e-12) {
						t.Errorf("step %d: count %v, capital %v, want (1 − dt/k)^step = %v and %v", step, f.Count(), f.K, keep, k0*keep)
					}
					if f.Losses != step {
						t.Errorf("step %d: %d steps of losses booked, want %d", step, f.Losses, step)
					}
					if got := e.Pool()[c] - pool; !near(kBefore-f.K, got, 1e-9) {
						t.Errorf("step %d: pool grew by %v, want the capital shed, %v", step, got, kBefore-f.K)
					}
				case f != nil:
					t.Errorf("the firm is open after %d steps of losses (count %v), want closed", step, f.Count())
				default:
					if got := e.Pool()[c] - pool; !near(kBefore, got, 1e-9) {
						t.Errorf("closing: pool grew by %v, want the firm's capital %v", got, kBefore)
					}
				}
			}
			for _, f := range st.Firms {
				if !f.Alive || f.Losses != 0 || f.Count() != 1 {
					t.Errorf("firm %d: alive %v, count %v with %d years of losses, want only whole, profitable, alive firms left", f.ID, f.Alive, f.Count(), f.Losses)
				}
			}
		})
	}
}

// TestExitHazardStochastic checks that in stochastic mode loss-making
// firms close whole, each with probability dt/k per step: with every firm
// below the hurdle, the share closed after one step is within four
// binomial standard deviations of dt/k, every survivor is whole and keeps
// its capital, and the same seed closes the same firms.
func TestExitHazardStochastic(t *testing.T) {
	for _, exitYears := range []int{2, 4} {
		t.Run(fmt.Sprint(exitYears), func(t *testing.T) {
			closed := func() map[int64]bool {
				e, st := world(t, "", "", append(firmSets, "mode=stochastic", "firms.hurdle=1", fmt.Sprint("firms.exit_years=", exitYears))...)
				k0 := map[int64]float64{}
				for _, f := range st.Firms {
					k0[f.ID] = f.K
				}
				e.FirmDynamics(st, model.NewDraw(false, 7, 0, "firms"))
				out := map[int64]bool{}
				for id := range k0 {
					out[id] = true
				}
				for _, f := range st.Firms {
					delete(out, f.ID)
					if f.Count() != 1 || f.K != k0[f.ID] {
						t.Errorf("firm %d: count %v, capital %v → %v, want a survivor whole with its capital", f.ID, f.Count(), k0[f.ID], f.K)
					}
				}
				n := float64(len(k0))
				p := 1 / float64(exitYears)
				if got, sd := float64(len(out)), math.Sqrt(n*p*(1-p)); math.Abs(got-n*p) > 4*sd {
					t.Errorf("%v of %v loss-makers closed, want %v ± %v", got, n, n*p, 4*sd)
				}
				return out
			}
			a, b := closed(), closed()
			if fmt.Sprint(a) != fmt.Sprint(b) {
				t.Errorf("the same seed closed different firms")
			}
		})
	}
}

// TestSubsidyKeepsLoserAlive checks that a loss-making firm that receives a
// subsidy, set by hand or paid by a subsidy policy, survives whole well
// beyond exit_years, and that without it the same firm shrinks at the exit
// hazard (mean-field) or closes.
func TestSubsidyKeepsLoserAlive(t *testing.T) {
	const policy = `
[[policies]]
name = "steel aid"
kind = "subsidy"
cities = ["Beta"]
sectors = ["steel"]
magnitude = 0.001
`
	tests := []struct {
		name      string
		extra     string
		exitYears int
		byHand    float64 // Firm.Subsidy set before each year
		survives  bool
	}{
		{"no subsidy", "", 3, 0, false},
		{"subsidy by hand", "", 3, 1e-3, true},
		{"subsidy by hand, exit after 1 year", "", 1, 1e-3, true},
		{"subsidy policy", policy, 3, 0, true},
		{"subsidy policy, exit after 1 year", policy, 1, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, st := world(t, "", tt.extra, append(firmSets, fmt.Sprint("firms.exit_years=", tt.exitYears))...)
			id := loser(t, st)
			pd, fd := model.NewDraw(true, 1, 0, "policies"), model.NewDraw(true, 1, 0, "firms")
			years := tt.exitYears + 4
			for year := 1; year <= years; year++ {
				st.Year++
				e.ApplyPolicies(st, pd)
				if f := firm(st, id); f != nil && tt.byHand > 0 {
					f.Subsidy = tt.byHand
				}
				e.FirmDynamics(st, fd)
			}
			f := firm(st, id)
			if tt.survives && (f == nil || f.Count() != 1) {
				t.Fatalf("the subsidised firm closed or shrank within %d years", years)
			}
			keep := math.Pow(1-1/float64(tt.exitYears), float64(years))
			if !tt.survives && f != nil && !near(keep, f.Count(), 1e-12) {
				t.Fatalf("the firm without subsidy has count %v after %d years of losses, want %v", f.Count(), years, keep)
			}
			if f != nil && f.Losses != years {
				t.Errorf("the subsidised firm booked %d years of losses, want %d (the subsidy is too small to cover them)", f.Losses, years)
			}
		})
	}
}

// TestFirmCapitalConserved checks that the firm stage neither creates nor
// destroys capital: closures send capital to the reinvestment pool, pending
// investment goes to incumbents, entrants and founders, relocation moves it.
func TestFirmCapitalConserved(t *testing.T) {
	tests := []struct {
		name   string
		sets   []string
		invest bool
		loser  bool
	}{
		{"closure", []string{"firms.exit_years=1"}, false, true},
		{"investment to incumbents", nil, true, false},
		{"entry and founding", []string{"firms.entry=0.5", "cities.Beta.sectors.tech=0"}, true, false},
		{"relocation", []string{"firms.relocate=1", "firms.resistance=0", "firms.relocation_cost=0", "firms.sigma=0.5"}, true, true},
		{"span of control", []string{"firms.span=0.85", "firms.sigma=0.5", "firms.entry=0.5", "firms.relocate=0.5", "firms.resistance=0"}, true, true},
		{"stochastic, everything", []string{"mode=stochastic", "firms.entry=0.5", "firms.relocate=0.5", "firms.sigma=0.5", "firms.exit_years=1"}, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, st := world(t, "", "", append(append([]string(nil), firmSets...), tt.sets...)...)
			if tt.invest {
				clearFlows(st)
				e.Invest(st)
			}
			var id int64
			if tt.loser {
				id = loser(t, st)
			}
			k0, city0, n0 := map[int64]float64{}, map[int64]int{}, map[int64]float64{}
			for _, f := range st.Firms {
				k0[f.ID], city0[f.ID], n0[f.ID] = f.K, f.City, f.Count()
			}
			pool0 := append([]float64(nil), e.Pool()...)
			before := firmCapital(st) + e.PendingCapital()
			e.FirmDynamics(st, model.NewDraw(e.Sc.Mode == "mean-field", 1, 0, "firms"))
			if after := firmCapital(st) + e.PendingCapital(); !near(before, after, 1e-12) {
				t.Errorf("capital in firms + pending %v after the firm stage, want %v", after, before)
			}
			if tt.invest {
				if p := sum(e.Pending()); p != 0 {
					t.Errorf("pending investment %v after the firm stage, want all handed to firms", p)
				}
			}
			// Closed firms leave their capital to their city's pool, and
			// shrinking ones (mean-field) the share of it that exited.
			closed := append([]float64(nil), pool0...)
			for fid, k := range k0 {
				if f := firm(st, fid); f == nil {
					closed[city0[fid]] += k
				} else {
					closed[city0[fid]] += k * (1 - f.Count()/n0[fid])
				}
			}
			for c, want := range closed {
				if got := e.Pool()[c]; !near(want, got, 1e-12) {
					t.Errorf("city %d: pool %v, want %v + the capital of its closed firms", c, got, want)
				}
			}
			if tt.loser && e.Sc.Firms.ExitYears == 1 && firm(st, id) != nil {
				t.Errorf("the loss-maker is open after a year of losses, want closed")
			}
		})
	}
}

// TestFounding checks that investment into a city-sector with no firms
// founds one.
func TestFounding(t *testing.T) {
	e, st := world(t, "", "", append(firmSets, "cities.Beta.sectors.tech=0")...)
	for _, f := range st.Firms {
		if f.City == beta && f.Sector == tech {
			t.Fatalf("Beta has a tech firm at the start")
		}
	}
	clearFlows(st)
	e.Invest(st)
	if e.Pending()[beta*st.S+tech] <= 0 {
		t.Fatalf("no investment into Beta's tech sector")
	}
	e.FirmDynamics(st, model.NewDraw(true, 1, 0, "firms"))
	var k float64
	for _, f := range st.Firms {
		if f.City == beta && f.Sector == tech {
			k += f.K
		}
	}
	if !(k > 0) {
		t.Errorf("Beta's tech sector holds capital %v after investment, want > 0", k)
	}
}

// TestRelocation gives the steel sector of one city an incentive (a return
// gap of incentive × horizon for steel firms elsewhere) and checks that
// steel firms move there exactly when the gain exceeds the relocation cost
// plus the origin's resistance.
func TestRelocation(t *testing.T) {
	const enclave = `
[[policies]]
name = "enclave"
kind = "park"
form = "enclave"
origin = "Alpha"
cities = ["Gamma"]
`
	tests := []struct {
		name  string
		extra string
		sets  []string
		gain  float64 // incentive × horizon (8 years)
		// steelOnly checks steel firms only: with no cost at all, other
		// firms are indifferent (a gain of rounding size) and the logit
		// moves about half of them.
		steelOnly bool
		// wantFrom lists the cities whose steel firms move to Gamma.
		wantFrom []int
	}{
		{"gain just below resistance", "", []string{"firms.resistance=0.4"}, 0.38, false, nil},
		// Above by more than the destination's diminishing returns take
		// off a firm's gain (its capital bids up Gamma's wages and land).
		{"gain above resistance", "", []string{"firms.resistance=0.4"}, 0.5, false, []int{alpha, beta}},
		{"huge resistance", "", []string{"firms.resistance=10"}, 8, false, nil},
		{"zero costs", "", []string{"firms.resistance=0"}, 8, true, []int{alpha, beta}},
		{"moving cost too high", "", []string{"firms.resistance=0", "firms.relocation_cost=4"}, 8, false, nil},
		{"enclave removes resistance", enclave, []string{"firms.resistance=10"}, 8, true, []int{alpha}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A tiny logit scale makes the choice all but the argmax of the
			// net gain, with staying at 0, so that thresholds are sharp.
			sets := append(append([]string(nil), firmSets...), "firms.relocate=1", "firms.horizon=8",
				"firms.relocation_cost=0", "barriers.capital=0", "firms.relocation_scale=0.001",
				// No home bias either: the calibrated start then has equal
				// returns everywhere, so only the incentive makes a gain.
				"investment.decay_hours=1000")
			e, st := world(t, "", tt.extra, append(sets, tt.sets...)...)
			e.ApplyPolicies(st, model.NewDraw(true, 1, 0, "policies"))
			e.Kernels()
			e.Levers.Incentive[gamma*st.S+steel] = tt.gain / 8
			origin := map[int64]int{}
			count := make([]float64, st.N)
			for _, f := range st.Firms {
				origin[f.ID] = f.City
				if f.Sector == steel {
					count[f.City]++
				}
			}
			clearFlows(st)
			e.FirmDynamics(st, model.NewDraw(true, 1, 0, "firms"))
			moves := map[int]bool{}
			for _, c := range tt.wantFrom {
				moves[c] = true
			}
			for _, f := range st.Firms {
				if tt.steelOnly && f.Sector != steel {
					continue
				}
				from := origin[f.ID]
				want := from
				if f.Sector == steel && moves[from] {
					want = gamma
				}
				if f.City != want {
					t.Errorf("firm %d (sector %d) from city %d is in city %d, want %d", f.ID, f.Sector, from, f.City, want)
				}
				if f.City != from && f.Origin != from {
					t.Errorf("firm %d moved from %d: Origin %d, want %d", f.ID, from, f.Origin, from)
				}
				wantTreat := -1
				if tt.extra != "" && f.City != from {
					wantTreat = from
				}
				if f.Treatment != wantTreat {
					t.Errorf("firm %d from city %d: Treatment %d, want %d", f.ID, from, f.Treatment, wantTreat)
				}
			}
			N := st.N
			for c := 0; c < N && !tt.steelOnly; c++ {
				want := 0.0
				if moves[c] {
					want = count[c]
				}
				if got := st.Flow[model.FlowFirms][c*N+gamma]; got != want {
					t.Errorf("firms moving %d→Gamma: %v recorded, want %v", c, got, want)
				}
			}
		})
	}
}

// TestSubsidyInProfit checks that a subsidy of magnitude m adds m × output
// to a firm's yearly profit, whatever the step length: profit is a rate
// (currency/yr), like output.
func TestSubsidyInProfit(t *testing.T) {
	for _, dt := range []float64{1, 0.5} {
		t.Run(fmt.Sprint("dt=", dt), func(t *testing.T) {
			policy := policyTOML("subsidy", 2020, 0, `cities = ["Beta"]`, `sectors = ["steel"]`, "magnitude = 0.2")
			e, st := world(t, "", policy, append(firmSets, fmt.Sprint("dt=", dt))...)
			d := model.NewDraw(true, 1, 0, "firms")
			e.FirmDynamics(st, d) // books each firm's output
			e.ApplyPolicies(st, model.NewDraw(true, 1, 0, "policies"))
			e.FirmDynamics(st, d)
			p := e.Sc.Investment.Depreciation + e.Sc.Firms.Hurdle
			var n int
			for _, f := range st.Firms {
				if f.City != beta || f.Sector != steel {
					continue
				}
				n++
				want := e.Sc.Sectors[steel].Capital*f.Output + 0.2*f.Output - p*f.K
				if !near(want, f.Profit, 1e-9) {
					t.Errorf("firm %d: profit %v, want αK·output + 0.2·output − user cost = %v", f.ID, f.Profit, want)
				}
			}
			if n == 0 {
				t.Fatal("no steel firm in Beta")
			}
		})
	}
}

// TestSpanOfControl checks firms.span ν: effective capital X is Σ Z·K^ν by
// city-sector; the start divides a city-sector's capital so that the
// firms' Z·K^(ν−1) are equal (equal K with ν = 1); a firm's output is its
// share Z·K^ν/X of the city-sector's value; and new capital is handed to
// firms in proportion to Z·K^ν, here after the first firm's capital is
// tripled so that the shares differ from the start's.
func TestSpanOfControl(t *testing.T) {
	for _, nu := range []float64{1, 0.85, 0.6} {
		t.Run(fmt.Sprint(nu), func(t *testing.T) {
			// No user cost, so no firm makes a loss and shrinks.
			e, st := world(t, "", "", "firms.sigma=0.5", "firms.relocate=0", "firms.entry=0", "firms.hurdle=0", "investment.depreciation=0", fmt.Sprintf("firms.span=%g", nu))
			eff := func(f *model.Firm) float64 { return f.Z * math.Pow(f.K, nu) }
			x := make([]float64, len(st.X))
			start := map[int][]float64{} // city-sector → the firms' Z·K^(ν−1), or K with ν = 1
			for f := range st.Firms {
				fm := &st.Firms[f]
				i := fm.City*st.S + fm.Sector
				x[i] += eff(fm)
				m := fm.K
				if nu < 1 {
					m = fm.Z * math.Pow(fm.K, nu-1)
				}
				start[i] = append(start[i], m)
			}
			for i := range x {
				if !near(x[i], st.X[i], 1e-12) {
					t.Errorf("city-sector %d: X %v, want Σ Z·K^ν = %v", i, st.X[i], x[i])
				}
				for _, m := range start[i] {
					if !near(start[i][0], m, 1e-9) {
						t.Errorf("city-sector %d at the start: %v, want every firm at %v", i, start[i], start[i][0])
						break
					}
				}
			}
			clearFlows(st)
			e.Invest(st)
			st.Firms[0].K *= 3
			before := map[int64]float64{}
			w := make([]float64, len(st.X))
			for f := range st.Firms {
				fm := &st.Firms[f]
				before[fm.ID] = fm.K
				w[fm.City*st.S+fm.Sector] += eff(fm)
			}
			pending := append([]float64(nil), e.Pending()...)
			e.FirmDynamics(st, model.NewDraw(true, 1, 0, "firms"))
			out := make([]float64, len(st.V))
			for f := range st.Firms {
				fm := &st.Firms[f]
				k0, ok := before[fm.ID]
				if !ok {
					continue
				}
				i := fm.City*st.S + fm.Sector
				out[i] += fm.Output
				wantOut := st.V[i] * fm.Z * math.Pow(k0, nu) / w[i]
				if !near(wantOut, fm.Output, 1e-9) {
					t.Errorf("firm %d: output %v, want V·Z·K^ν/X = %v", fm.ID, fm.Output, wantOut)
				}
				wantK := k0 + pending[i]*fm.Z*math.Pow(k0, nu)/w[i]
				if !near(wantK, fm.K, 1e-9) {
					t.Errorf("firm %d: capital %v after the firm stage, want %v + its share Z·K^ν/Σ Z·K^ν of %v", fm.ID, fm.K, k0, pending[i])
				}
			}
			for i, v := range st.V {
				if v > 0 && !near(v, out[i], 1e-9) {
					t.Errorf("city-sector %d: the firms' output adds up to %v, want V = %v", i, out[i], v)
				}
			}
		})
	}
}
