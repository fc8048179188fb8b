package coreperiphery

import (
	"fmt"
	"math"

	"factorflow/model"
)

// Mechanisms runs a core-periphery or footloose-entrepreneur scenario on
// the engine (it implements sim.Mechanisms and sim.Checker). Its yearly
// step has two stages: "migration" moves the mobile factor by the
// replicator at the real rewards of the last equilibrium, then
// "equilibrium" solves the short-run equilibrium at the new shares, so
// that every recorded state is an equilibrium.
//
// The state holds each region (city) with its mobile factor in
// Pop[TalentLocal] (persons: the region's share times the scenario's total
// city population) and its immobile factor in Pop[WorkerLocal] ((1 − m)/m
// times the mobile total, m = Params.MobileShare, split equally). Money is in units of the
// immobile factor's wage (the numéraire, 1 a person a year): Wage[Talent]
// is the mobile factor's nominal reward (CP wage, FE operating profit per
// entrepreneur), Wage[Worker] is 1, V (one sector) the value of the
// manufactures produced, Price the manufactures price index, Market the
// market access Σ_s φ_rs E_s G_s^(σ−1), Flow[FlowTalent] the mobile
// factor's moves of the year. Randomness: none but the initial tilt (see
// Perturb); the dynamics are deterministic in both modes.
type Mechanisms struct {
	Eco *Economy

	st     *model.State
	h      float64 // γ·dt
	mobile float64 // persons of the mobile factor
	in     model.MetricsInput
	names  []string
	delta  []float64
	before [2]float64
}

// Stage names of the yearly step.
var stages = []string{"migration", "equilibrium"}

// NewMechanisms builds the family's mechanisms and initial state (solved)
// for a validated scenario, run index run (mixed into the stochastic
// initial tilt).
func NewMechanisms(sc *model.Scenario, run uint64) (*Mechanisms, *model.State, error) {
	p, lambda, err := ParamsOf(sc)
	if err != nil {
		return nil, nil, err
	}
	Perturb(lambda, sc.CorePeriphery.Perturbation, model.NewDraw(sc.Mode == "mean-field", sc.Seed, run, "init"))
	eco, err := New(p, lambda)
	if err != nil {
		return nil, nil, err
	}
	if err := eco.Solve(); err != nil {
		return nil, nil, fmt.Errorf("%w at the start", err)
	}
	n := len(sc.Cities)
	st := model.NewState(n, len(sc.Regions), len(sc.Sectors))
	st.Year = sc.StartYear
	m := &Mechanisms{Eco: eco, st: st, h: sc.CorePeriphery.Gamma * sc.Dt, delta: make([]float64, n)}
	for _, c := range sc.Cities {
		m.mobile += c.Population
	}
	m.in = metricsInput(sc)
	m.names = []string{"max_share", "real_reward_mean", "real_reward_gap", "solver_iterations"}
	for _, c := range sc.Cities {
		m.names = append(m.names, "share:"+c.Name)
	}
	for _, c := range sc.Cities {
		m.names = append(m.names, "real_reward:"+c.Name)
	}
	m.fill()
	return m, st, nil
}

// metricsInput returns the engine metrics' inputs: regions and roles.
func metricsInput(sc *model.Scenario) model.MetricsInput {
	idx := make(map[string]int, len(sc.Regions))
	for r, reg := range sc.Regions {
		idx[reg.Name] = r
	}
	in := model.MetricsInput{CityRegion: make([]int, len(sc.Cities)), Core: make([]bool, len(sc.Cities))}
	for c, city := range sc.Cities {
		in.CityRegion[c] = idx[city.Region]
		in.Core[c] = city.Role == model.Core
	}
	for _, s := range sc.Sectors {
		in.SectorType = append(in.SectorType, s.Type)
	}
	return in
}

// Stages returns the stages of the yearly step.
func (m *Mechanisms) Stages() []string { return stages }

// Enabled reports that both stages always run.
func (m *Mechanisms) Enabled(int) bool { return true }

// Stage runs stage i: 0 migration, 1 equilibrium.
func (m *Mechanisms) Stage(i int) error {
	if i == 0 {
		m.migrate()
		return nil
	}
	if err := m.Eco.Solve(); err != nil {
		return fmt.Errorf("%w in year %d", err, m.st.Year)
	}
	m.fill()
	return nil
}

// migrate applies the replicator and records the moves in persons: each
// losing region's loss is spread over the gaining regions in proportion to
// their gains.
func (m *Mechanisms) migrate() {
	e, st, n := m.Eco, m.st, m.Eco.N
	e.Replicate(m.h, m.delta)
	var gain float64
	for _, d := range m.delta {
		if d > 0 {
			gain += d
		}
	}
	flow := st.Flow[model.FlowTalent]
	for o, d := range m.delta {
		if d >= 0 || gain == 0 {
			continue
		}
		for t, g := range m.delta {
			if g > 0 {
				flow[o*n+t] += -d * m.mobile * g / gain
			}
		}
	}
	for r, l := range e.Lambda {
		st.Pop[model.TalentLocal][r] = l * m.mobile
	}
}

// fill writes the economy into the state.
func (m *Mechanisms) fill() {
	e, st := m.Eco, m.st
	share := e.P.MobileShare()
	total := m.mobile / share
	s := st.S
	for r, l := range e.Lambda {
		st.Pop[model.TalentLocal][r] = l * m.mobile
		st.Pop[model.WorkerLocal][r] = (1 - share) * e.theta[r] * total
		st.Wage[model.Talent][r] = e.W[r]
		st.Wage[model.Worker][r] = 1
		st.Market[r] = e.MA[r]
		v := e.W[r] * l * m.mobile // CP: the wage bill
		if e.P.Kind == FE {
			v *= e.P.Sigma // revenue: operating profits are 1/σ of it
		}
		for j := range s {
			i := r*s + j
			st.V[i], st.Y[i], st.Price[i] = 0, 0, 0
			if j == 0 {
				st.V[i], st.Y[i], st.Price[i] = v, v/e.G[r], e.G[r]
				st.Labour[model.Talent][i] = l * m.mobile
			}
		}
	}
	st.Residual = e.Residual
}

// Metrics computes the engine's cluster metrics and the family's own:
// max_share (largest mobile share), real_reward_mean (ω̄), real_reward_gap
// (largest minus smallest real reward over regions), solver_iterations
// (of the last short-run equilibrium), and each region's share:NAME and
// real_reward:NAME.
func (m *Mechanisms) Metrics(dst *model.Metrics) {
	model.ComputeMetrics(dst, m.st, &m.in)
	e := m.Eco
	lo, hi, top := math.Inf(1), math.Inf(-1), 0.0
	for r, w := range e.Omega {
		lo, hi, top = math.Min(lo, w), math.Max(hi, w), math.Max(top, e.Lambda[r])
	}
	dst.FamilyNames = m.names
	dst.Family = append(dst.Family[:0], top, e.MeanOmega(), hi-lo, float64(e.Iterations))
	dst.Family = append(dst.Family, e.Lambda...)
	dst.Family = append(dst.Family, e.Omega...)
}

// CheckBefore records the mobile and immobile totals before stage i.
func (m *Mechanisms) CheckBefore(int) {
	m.before = m.totals()
}

// CheckAfter verifies that stage i conserved the mobile and the immobile
// factor (relative error 1e-9) and left every share in [0, 1].
func (m *Mechanisms) CheckAfter(i int) error {
	after := m.totals()
	for k, what := range [2]string{"mobile factor", "immobile factor"} {
		if d := math.Abs(after[k] - m.before[k]); d > 1e-9*math.Max(1, m.before[k]) {
			return fmt.Errorf("coreperiphery: year %d, stage %s: %s not conserved: %.12g before, %.12g after",
				m.st.Year, stages[i], what, m.before[k], after[k])
		}
	}
	for r, l := range m.Eco.Lambda {
		if !(l >= 0 && l <= 1) {
			return fmt.Errorf("coreperiphery: year %d, stage %s: mobile share of region %d is %g", m.st.Year, stages[i], r, l)
		}
	}
	return nil
}

// totals returns the mobile and immobile persons of the state.
func (m *Mechanisms) totals() [2]float64 {
	var t [2]float64
	for r := range m.st.N {
		t[0] += m.st.Pop[model.TalentLocal][r]
		t[1] += m.st.Pop[model.WorkerLocal][r]
	}
	return t
}
