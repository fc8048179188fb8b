// Command outputgap runs a base and a variant scenario in lockstep and says
// where the difference in their discounted output comes from: each city's
// change in output value split into the terms of the production function
// (docs/ODD.md, stage 3), and the capital each city gained or lost, valued
// at the return investors saw there in the base run.
//
//	go run ./scripts/outputgap [-set k=v,...] [-cities] BASE VARIANT
//
// Both runs are mean-field. For every city-sector and year the change in
// log output value is split into
//
//	price      (1 + land/(1−land))·Δln p
//	knowledge  Δln A/(1−land)
//	market     γ·Δln M/(1−land)
//	capital    αK·Δln X/(1−land)       (X: effective capital Σ Z·K of the firms)
//	supplier   η·Δln S/(1−land)
//	land       −land·Δln h/(1−land)
//	talent     αT·Δln T/(1−land), workers αL·Δln L/(1−land)
//	resid      what the terms leave (rounding, sectors born or closed)
//
// each weighted by the logarithmic mean of the two runs' output values,
// (V' − V)/ln(V'/V), and discounted at 3 % a year to the start year + 1,
// so that the terms and the residual add up to the discounted change in
// output value, dV. dK is the discounted change
// in capital, and dK·r the same valued at the base run's gross return on
// capital αK·V/K in the city: what the reallocated capital would have
// produced at the margin investors saw. It was written to find why halving
// Jing-Jin-Ji's capital and trade barriers lowered output (docs/calibration.md
// section 4, session 3).
package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strings"

	"factorflow/model"
	"factorflow/scenarios"
	"factorflow/sim"
)

// terms names the columns of a row.
var terms = []string{"price", "knowledge", "market", "capital", "supplier", "land", "talent", "workers", "resid", "dV", "dK", "dK·r"}

// Row is one city's (or the total's) discounted contributions, in the
// order of terms.
type Row [12]float64

// Columns of a Row after the eight production-function terms.
const (
	resid = 8 + iota
	dV
	dK
	dKr
)

func main() {
	sets := flag.String("set", "", "comma-separated key=value overrides for both runs")
	cities := flag.Bool("cities", false, "print every city, not only the total")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: outputgap [-set k=v,...] [-cities] BASE VARIANT")
		os.Exit(2)
	}
	var s []string
	if *sets != "" {
		s = strings.Split(*sets, ",")
	}
	names, rows, err := decompose(flag.Arg(0), flag.Arg(1), s, 0.03)
	if err != nil {
		fmt.Fprintln(os.Stderr, "outputgap:", err)
		os.Exit(1)
	}
	write(os.Stdout, names, rows, *cities)
}

// decompose runs base and variant (mean-field, with the overrides sets) and
// returns the city names and one Row per city, the total last.
func decompose(base, variant string, sets []string, rate float64) ([]string, []Row, error) {
	sets = append([]string{"mode=mean-field"}, sets...)
	b, err := start(base, sets)
	if err != nil {
		return nil, nil, err
	}
	v, err := start(variant, sets)
	if err != nil {
		return nil, nil, err
	}
	sc := b.Frame().Scenario
	if len(v.Frame().Scenario.Cities) != len(sc.Cities) || len(v.Frame().Scenario.Sectors) != len(sc.Sectors) {
		return nil, nil, fmt.Errorf("%s and %s have different cities or sectors", base, variant)
	}
	rows := make([]Row, len(sc.Cities)+1)
	for !b.Done() && !v.Done() {
		if err := b.Step(); err != nil {
			return nil, nil, err
		}
		if err := v.Step(); err != nil {
			return nil, nil, err
		}
		sb, sv := b.Frame().State, v.Frame().State
		d := math.Pow(1+rate, -float64(sb.Year-sc.StartYear-1))
		for i := range sb.V {
			add(&rows[i/sb.S], sc.Sectors[i%sb.S], sb, sv, i, d)
		}
	}
	names := make([]string, 0, len(rows))
	for c, ct := range sc.Cities {
		names = append(names, ct.Name)
		for k := range rows[c] {
			rows[len(rows)-1][k] += rows[c][k]
		}
	}
	return append(names, "total"), rows, nil
}

func start(name string, sets []string) (*sim.Sim, error) {
	sc, err := scenarios.Load(name, sets)
	if err != nil {
		return nil, err
	}
	return sim.New(sc, sim.Options{})
}

// add books city-sector i's discounted contributions (discount factor d).
func add(r *Row, sec model.Sector, sb, sv *model.State, i int, d float64) {
	c := i / sb.S
	dv := (sv.V[i] - sb.V[i]) * d
	r[dV] += dv
	dk := (sv.K[i] - sb.K[i]) * d
	r[dK] += dk
	if sb.K[i] > 0 {
		r[dKr] += dk * sec.Capital * sb.V[i] / sb.K[i]
	}
	if sb.V[i] <= 0 || sv.V[i] <= 0 {
		r[resid] += dv // a sector born or closed: no log change to split
		return
	}
	inv := 1 / (1 - sec.Land)
	t := [8]float64{
		dln(sb.Price[i], sv.Price[i]) * (1 + sec.Land*inv),
		dln(sb.A[i], sv.A[i]) * inv,
		sec.Gamma * dln(sb.Market[c], sv.Market[c]) * inv,
		sec.Capital * dln(sb.X[i], sv.X[i]) * inv,
		sec.Eta * dln(sb.Supplier[i], sv.Supplier[i]) * inv,
		-sec.Land * dln(sb.LandPrice[c], sv.LandPrice[c]) * inv,
		sec.Talent * dln(sb.Labour[model.Talent][i], sv.Labour[model.Talent][i]) * inv,
		sec.Workers * dln(sb.Labour[model.Worker][i], sv.Labour[model.Worker][i]) * inv,
	}
	w := logMean(sb.V[i], sv.V[i]) * d
	rest := dln(sb.V[i], sv.V[i])
	for k, x := range t {
		r[k] += w * x
		rest -= x
	}
	r[resid] += w * rest
}

// logMean is the logarithmic mean (y − x)/ln(y/x) of two positive values
// (x when they are equal): weighted by it, the log change is the change.
func logMean(x, y float64) float64 {
	l := math.Log(y / x)
	if math.Abs(l) < 1e-12 {
		return x
	}
	return (y - x) / l
}

// dln is ln(y/x), 0 unless both are positive.
func dln(x, y float64) float64 {
	if x <= 0 || y <= 0 {
		return 0
	}
	return math.Log(y / x)
}

// write prints the table: every city when all, the total always.
func write(w io.Writer, names []string, rows []Row, all bool) {
	fmt.Fprintf(w, "%-13s", "")
	for _, t := range terms {
		fmt.Fprintf(w, " %10s", t)
	}
	fmt.Fprintln(w)
	for c, r := range rows {
		if !all && c < len(rows)-1 {
			continue
		}
		fmt.Fprintf(w, "%-13s", names[c])
		for _, x := range r {
			fmt.Fprintf(w, " %10.4g", x)
		}
		fmt.Fprintln(w)
	}
}
