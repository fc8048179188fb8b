package bifurcation

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"

	"factorflow/model"
	"factorflow/model/coreperiphery"
)

// WriteCSV writes the diagram as CSV with the columns PARAM (the
// parameter's path), branch, lambda and stable, one row per equilibrium
// and trace at each value, in the grid's order:
//
//	symmetric        λ = 1/2; stable: whether the symmetric equilibrium is
//	core             λ = 1 and λ = 0; stable: whether full agglomeration is sustainable
//	interior         each interior equilibrium and its mirror; stable: its stability
//	trace_symmetric  where the trace from 1/2 + shift ended; stable: whether it settled
//	trace_core       where the trace from 1 − shift ended; stable: whether it settled
//
// λ is the first region's share of the mobile factor. Stable branches are
// the tomahawk's solid lines, unstable ones its dashed lines.
func (r *Result) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{r.Param, "branch", "lambda", "stable"})
	for i := range r.Points {
		pt := &r.Points[i]
		v := num(pt.Value)
		row := func(branch string, l float64, stable bool) {
			cw.Write([]string{v, branch, num(l), strconv.FormatBool(stable)})
		}
		row("symmetric", 0.5, pt.SymmetricStable)
		row("core", 1, pt.CoreSustainable)
		row("core", 0, pt.CoreSustainable)
		for _, eq := range pt.Interior {
			row("interior", eq.Lambda, eq.Stable)
			row("interior", 1-eq.Lambda, eq.Stable)
		}
		row("trace_symmetric", pt.FromSymmetric, pt.SymmetricConverged)
		row("trace_core", pt.FromCore, pt.CoreConverged)
	}
	cw.Flush()
	return cw.Error()
}

// WritePoints writes the break and sustain points as CSV with the columns
// kind, param, value, stable_below and closed_form (the published formula's
// value when ClosedForm has one, else empty).
func (r *Result) WritePoints(w io.Writer, sc *model.Scenario) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"kind", "param", "value", "stable_below", "closed_form"})
	for _, tr := range r.Transitions {
		cf := ""
		if x, ok := ClosedForm(sc, r.Param, tr.Kind); ok {
			cf = num(x)
		}
		cw.Write([]string{tr.Kind, r.Param, num(tr.Value), strconv.FormatBool(tr.StableBelow), cf})
	}
	cw.Flush()
	return cw.Error()
}

// ClosedForm returns the published break ("break") or sustain ("sustain")
// point of sc's model in terms of param, when there is one: for
// core_periphery.phi the freeness φ_B or φ_S, for core_periphery.trade_cost
// the trade cost φ^(1/(1−σ)), at sc's σ and μ. It has none for other
// parameters, when the regions' freeness depends on distance or is set by
// core_periphery.pairs, or when the no-black-hole condition fails.
func ClosedForm(sc *model.Scenario, param, kind string) (float64, bool) {
	k, err := coreperiphery.KindOf(sc.Family)
	cp := &sc.CorePeriphery
	if err != nil || cp.DistanceKm > 0 || len(cp.Pairs) > 0 {
		return 0, false
	}
	var phi float64
	switch kind {
	case "break":
		phi, err = coreperiphery.BreakPoint(k, cp.Sigma, cp.Mu)
	case "sustain":
		phi, err = coreperiphery.SustainPoint(k, cp.Sigma, cp.Mu)
	default:
		return 0, false
	}
	if err != nil {
		return 0, false
	}
	switch param {
	case "core_periphery.phi":
		if cp.TradeCost > 0 { // trade_cost overrides phi: phi does nothing
			return 0, false
		}
		return phi, true
	case "core_periphery.trade_cost":
		return math.Pow(phi, 1/(1-cp.Sigma)), true
	}
	return 0, false
}

// num formats a number with 10 significant digits, as the run tables do.
func num(x float64) string { return strconv.FormatFloat(x, 'g', 10, 64) }
