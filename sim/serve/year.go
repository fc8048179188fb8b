package serve

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"

	"factorflow/model"
	"factorflow/sim"
)

// num is a float that encodes NaN and ±Inf as JSON null.
type num float64

// MarshalJSON writes the number, or null when it is not finite.
func (x num) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', 6, 64), nil
}

// flowsShown is the number of largest flows of each factor sent per year.
const flowsShown = 40

// snapshot is one run's year as the page draws it.
type snapshot struct {
	Year    int            `json:"year"`
	Stage   string         `json:"stage"`
	Metrics map[string]num `json:"metrics"`
	// By city: residents, output per head (currency/yr), the index of the
	// sector with the largest output.
	Pop    []num `json:"pop"`
	OPC    []num `json:"opc"`
	Sector []int `json:"sector"`
	// Flows[factor] lists the largest flows between different cities as
	// [origin, destination, amount]: talent, workers (persons), capital
	// (currency), firms.
	Flows [4][][3]num `json:"flows"`
}

// yearEvent is a year of both runs: the event the page receives.
type yearEvent struct {
	Year    int       `json:"year"`
	Base    *snapshot `json:"base"`
	Variant *snapshot `json:"variant"`
	Explain string    `json:"explain"`
	Done    bool      `json:"done"`
}

// metricsShown are the cluster metrics the charts use.
var metricsShown = []string{"population", "urbanisation", "output_per_capita", "cliff", "theil",
	"specialisation", "synergy_gain", "policy_cost", "transport_density", "flow_talent", "flow_capital"}

// snap takes a run's snapshot of frame f.
func snap(f *sim.Frame) *snapshot {
	st, m := f.State, f.Metrics
	s := &snapshot{Year: f.Year, Stage: model.StageOf(m.Urbanisation), Metrics: map[string]num{}}
	vals := m.Values(nil)
	for i, name := range m.Columns() {
		for _, want := range metricsShown {
			if name == want {
				s.Metrics[name] = num(vals[i])
			}
		}
	}
	for c := 0; c < st.N; c++ {
		pop, out := st.CityPop(c), st.CityOutput(c)
		opc := 0.0
		if pop > 0 {
			opc = out / pop
		}
		best := 0
		for k := 1; k < st.S; k++ {
			if st.V[c*st.S+k] > st.V[c*st.S+best] {
				best = k
			}
		}
		s.Pop, s.OPC, s.Sector = append(s.Pop, num(pop)), append(s.OPC, num(opc)), append(s.Sector, best)
	}
	for k := range st.Flow {
		s.Flows[k] = largest(st.Flow[k], st.N, flowsShown)
	}
	return s
}

// largest returns the n largest positive off-diagonal entries of an N×N
// flow matrix as [o, d, amount], largest first (ties by index).
func largest(flow []float64, N, n int) [][3]num {
	out := [][3]num{} // never null in JSON
	for o := 0; o < N; o++ {
		for d := 0; d < N; d++ {
			if x := flow[o*N+d]; o != d && x > 0 && !math.IsInf(x, 0) {
				out = append(out, [3]num{num(o), num(d), num(x)})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i][2] > out[j][2] })
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// explain says in one line what happened in the variant's year. Once the
// teacher has changed something (after describes the last change) it names
// the flow between two cities that differs most from the unchanged run's
// (base), relative to that factor's total flow; before, the flow that
// changed most since the variant's previous year (prev), or in the first
// year of flows the largest one. Firms count only when no person or
// capital flow changed: a few firms are a large share of few moves.
func explain(f *sim.Frame, prev, base [4][]float64, after, currency string) string {
	st := f.State
	if after != "" {
		if _, _, _, ok := biggestChange(f.State.Flow, base, f.State.N, false); !ok {
			return fmt.Sprintf("%d: the same flows as without your changes so far: they act from the next year.", f.Year)
		}
		return describe(f, base, currency, "than without your changes, after "+after)
	}
	if prev[0] == nil {
		return fmt.Sprintf("%d: the cluster as the scenario starts it.", f.Year)
	}
	if total(prev[model.FlowTalent], st.N)+total(prev[model.FlowWorkers], st.N)+total(prev[model.FlowCapital], st.N) == 0 {
		return describe(f, [4][]float64{}, currency, "")
	}
	return describe(f, prev, currency, "than the year before")
}

// describe writes the sentence on the flow that differs most from ref's
// (or, with a nil ref, the largest flow), ending with than.
func describe(f *sim.Frame, ref [4][]float64, currency, than string) string {
	st, N := f.State, f.State.N
	zero := make([]float64, N*N)
	for k := range ref {
		if ref[k] == nil {
			ref[k] = zero
		}
	}
	k, o, d, ok := biggestChange(st.Flow, ref, N, than == "")
	if !ok {
		if than == "" {
			return fmt.Sprintf("%d: nobody and nothing moved between the cities.", f.Year)
		}
		return fmt.Sprintf("%d: the same flows between the cities as the year before.", f.Year)
	}
	diff := st.Flow[k][o*N+d] - ref[k][o*N+d]
	more := "more "
	if diff < 0 {
		more, diff = "fewer ", -diff
		if k == int(model.FlowCapital) {
			more = "less "
		}
	}
	if than == "" {
		more = ""
	}
	what := model.FactorNames[k]
	qty := amount(diff)
	switch {
	case k == int(model.FlowCapital):
		qty += " " + currency
	case k == int(model.FlowFirms) && qty == "1":
		what = "firm"
	}
	line := fmt.Sprintf("%d: %s %s%s moved from %s to %s", f.Year, qty, more, what, f.Cities[o], f.Cities[d])
	if than == "" {
		if k == int(model.FlowCapital) {
			qty += " of"
		}
		line = fmt.Sprintf("%d: the largest move: %s %s from %s to %s", f.Year, qty, what, f.Cities[o], f.Cities[d])
	} else {
		line += " " + than
	}
	return line + "."
}

// total is the sum of a flow matrix's entries between different cities.
func total(flow []float64, N int) float64 {
	var t float64
	for i, x := range flow {
		if i/N != i%N {
			t += x
		}
	}
	return t
}

// biggestChange finds the factor k and the pair o ≠ d whose flow differs
// most from ref's, relative to the factor's total flow (ref's, or the
// flow's own when own is set); ok is false when nothing changed. Firms are
// chosen only when no other factor changed.
func biggestChange(flow, ref [4][]float64, N int, own bool) (k, o, d int, ok bool) {
	for _, factors := range [][]int{{0, 1, 2}, {3}} {
		best := 1e-9
		for _, f := range factors {
			t := total(ref[f], N)
			if own {
				t = total(flow[f], N)
			}
			if t <= 0 {
				continue
			}
			for i := range flow[f] {
				if i/N == i%N {
					continue
				}
				if score := math.Abs(flow[f][i]-ref[f][i]) / t; score > best {
					k, o, d, ok, best = f, i/N, i%N, true, score
				}
			}
		}
		if ok {
			return k, o, d, ok
		}
	}
	return 0, 0, 0, false
}

// stageNews announces a change of urbanisation stage between two years
// ("" when there is none), to put before the year's explanation.
func stageNews(last, now *snapshot) string {
	if last.Stage == now.Stage {
		return ""
	}
	u := float64(now.Metrics["urbanisation"])
	return fmt.Sprintf("Urbanisation is now %.0f %%: the %s stage. ", 100*u, now.Stage)
}

// amount writes a quantity with a thousands separator, rounded to a whole
// number (or to 3 significant digits below 10).
func amount(x float64) string {
	if x < 10 {
		return strconv.FormatFloat(x, 'g', 3, 64)
	}
	s := strconv.FormatFloat(math.Round(x), 'f', 0, 64)
	var b []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return string(b)
}

// flowsOf copies the year's flow matrices of a state.
func flowsOf(st *model.State) [4][]float64 {
	var f [4][]float64
	for k := range st.Flow {
		f[k] = append([]float64(nil), st.Flow[k]...)
	}
	return f
}

// eventJSON encodes an event; a snapshot always encodes.
func eventJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // programmer error: every value here encodes
	}
	return b
}
