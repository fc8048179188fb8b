package marius

import (
	"fmt"
	"math"

	"factorflow/model"
)

// Stages names the mechanisms of a MARIUS year, in order.
var Stages = [5]string{"supply", "interaction", "trade", "wealth", "population"}

// The stages, by index into Stages.
const (
	stageSupply = iota
	stageInteraction
	stageTrade
	stageWealth
	stagePopulation
)

// thousand converts the model's populations (thousands, the unit of the
// published parameters) to persons.
const thousand = 1000.0

// Model is one MARIUS run over a model.State. It implements the engine's
// mechanisms (sim.Mechanisms) and conservation checks (sim.Checker).
type Model struct {
	p     model.Marius
	n     int
	names []string
	st    *model.State

	cityRegion []int // region index of each city, for the common metrics

	kernel []float32 // (d_ij / d_ref)^−distance_decay, [i*n+j], 0 on the diagonal

	pop     []float64 // P, thousands
	wealth  []float64 // W (aliases st.K)
	prev    []float64 // W before this year's wealth stage
	supply  []float64 // S = m·P^size_effect_on_supply (aliases st.V)
	demand  []float64 // D = m·P^size_effect_on_demand
	pull    []float64 // Σ_k IP_ki: the potential of all flows towards i
	limit   []float64 // fixed_cost·pull_i / S_i²: i exports to j when D_j·k_ij > this
	rowIP   []float64 // Σ_j IP_ij over kept pairs: potential of i's exports
	colIP   []float64 // Σ_j IP_ji over kept pairs: potential of i's imports
	perRow  []float64 // S_i / rowIP_i: supply offered per unit potential
	perCol  []float64 // D_i / colIP_i: demand per unit potential
	exports []float64 // Σ_j T_ij
	imports []float64 // Σ_j T_ji
	sellers []int32   // export partners: #{j : T_ij > 0}
	traders []int32   // partners either way: #{j : T_ij > 0 or T_ji > 0}
	bonus   []float64 // B_i of the year
	cost    []float64 // F_i of the year
	flow    []float64 // T_ij, [i*n+j], when the scenario asks for trade flows; else nil
	floored float64   // wealth added by the floor at zero this year

	census census
	check  checkSums
}

// New builds the MARIUS model and its initial state from a validated
// scenario of family "marius": populations from the cities (persons, the
// scenario's unit), wealth from population (initialWealth).
func New(sc *model.Scenario) (*Model, *model.State, error) {
	n := len(sc.Cities)
	lat, lon, pop := make([]float64, n), make([]float64, n), make([]float64, n)
	names := make([]string, n)
	for i, c := range sc.Cities {
		lat[i], lon[i], pop[i], names[i] = c.Lat, c.Lon, c.Population/thousand, c.Name
	}
	k, err := kernel(lat, lon, sc.Marius.DistanceDecay)
	if err != nil {
		return nil, nil, err
	}
	m := build(sc.Marius, names, k, pop, len(sc.Regions))
	m.census = newCensus(sc)
	region := make(map[string]int, len(sc.Regions))
	for r, reg := range sc.Regions {
		region[reg.Name] = r
	}
	m.cityRegion = make([]int, n)
	for i, c := range sc.Cities {
		m.cityRegion[i] = region[c.Region]
	}
	m.st.Year = sc.StartYear
	return m, m.st, nil
}

// build makes a model of cities with populations in thousands and a
// distance kernel, and its initial state.
func build(p model.Marius, names []string, k []float32, pop []float64, regions int) *Model {
	n := len(pop)
	m := &Model{p: p, n: n, names: names, pop: pop, kernel: k}
	f := func() []float64 { return make([]float64, n) }
	m.demand, m.pull, m.rowIP, m.colIP, m.prev = f(), f(), f(), f(), f()
	m.perRow, m.perCol, m.limit = f(), f(), f()
	m.exports, m.imports, m.bonus, m.cost = f(), f(), f(), f()
	m.sellers, m.traders = make([]int32, n), make([]int32, n)
	var flows []model.Factor // only trade, and only when asked for
	if p.TradeFlows {
		flows = append(flows, model.FlowCapital)
	}
	m.st = model.NewStateFlows(n, regions, 1, flows...)
	m.flow = m.st.Flow[model.FlowCapital]
	m.wealth, m.supply = m.st.K, m.st.V
	initialWealth(m.wealth, pop, p.PopulationToWealth)
	m.supplyDemand()
	m.publish()
	return m
}

// initialWealth sets w_i = P_i^β · ΣP / ΣP^β: wealth scales with
// population and sums to the total population.
func initialWealth(w, pop []float64, beta float64) {
	var sp, sw float64
	for i, p := range pop {
		w[i] = math.Pow(p, beta)
		sp += p
		sw += w[i]
	}
	if sw == 0 {
		return
	}
	for i := range w {
		w[i] *= sp / sw
	}
}

// Stages returns the mechanisms of a year.
func (m *Model) Stages() []string { return Stages[:] }

// Enabled reports that every mechanism runs: the simple model of the papers
// is the same equations with bonus_multiplier = fixed_cost = 0.
func (m *Model) Enabled(int) bool { return true }

// Stage runs mechanism i of the year.
func (m *Model) Stage(i int) error {
	switch i {
	case stageSupply:
		m.supplyDemand()
	case stageInteraction:
		m.interact()
	case stageTrade:
		m.trade()
	case stageWealth:
		m.updateWealth()
	case stagePopulation:
		if err := m.updatePopulation(); err != nil {
			return err
		}
		m.publish()
	}
	return nil
}

// supplyDemand sets S_i = m·P_i^σS and D_i = m·P_i^σD.
func (m *Model) supplyDemand() {
	for i, p := range m.pop {
		m.supply[i] = m.p.EconomicMultiplier * math.Pow(p, m.p.SupplyExponent)
		m.demand[i] = m.p.EconomicMultiplier * math.Pow(p, m.p.DemandExponent)
	}
}

// updateWealth sets W'_i = max(0, W_i + S_i − D_i + unsatisfied_i −
// unsold_i + bonus_i − cost_i), with unsatisfied = D − imports and unsold =
// S − exports (both ≥ 0): W' = W + exports − imports + bonus − cost.
func (m *Model) updateWealth() {
	m.floored = 0
	copy(m.prev, m.wealth)
	share := 1 / float64(m.n)
	for i := range m.wealth {
		s, d := m.supply[i], m.demand[i]
		unsold := math.Max(s-m.exports[i], 0)
		unsatisfied := math.Max(d-m.imports[i], 0)
		m.bonus[i] = m.p.BonusMultiplier * (m.imports[i] + m.exports[i]) * float64(m.traders[i]) * share
		m.cost[i] = m.p.FixedCost * float64(m.sellers[i])
		w := m.wealth[i] + s - d + unsatisfied - unsold + m.bonus[i] - m.cost[i]
		if w <= 0 {
			m.floored -= w
			w = 0
		}
		m.wealth[i] = w
	}
}

// updatePopulation sets P'_i = P_i + (W'_i^α − W_i^α) / m, W_i the wealth
// before this year's wealth stage. A negative population stops the run,
// as in the published model.
func (m *Model) updatePopulation() error {
	a, mult := m.p.WealthToPopulation, m.p.EconomicMultiplier
	for i, w := range m.wealth {
		p := m.pop[i] + (math.Pow(w, a)-math.Pow(m.prev[i], a))/mult
		if p < 0 {
			return fmt.Errorf("marius: year %d: city %s: population %.6g thousand < 0 (wealth %.6g)", m.st.Year, m.names[i], p, w)
		}
		m.pop[i] = p
	}
	return nil
}

// publish copies the populations into the state (persons) and the supply
// into its real output.
func (m *Model) publish() {
	for i, p := range m.pop {
		m.st.Pop[model.WorkerLocal][i] = p * thousand
		m.st.Y[i] = m.supply[i]
		m.st.Price[i] = 1
	}
}
