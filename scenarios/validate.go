package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"factorflow/model"
)

// maxRateDt bounds migration.rate * dt (MODEL.md: rho*dt <= 0.3).
const maxRateDt = 0.3

// validate checks the resolved scenario and reports every problem.
func (l *loader) validate(sc *model.Scenario) {
	l.tags(reflect.ValueOf(sc).Elem(), "")
	if isCorePeriphery(sc.Family) { // its own rules (validate_cp.go)
		l.corePeripheryRules(sc)
		return
	}
	l.counts(sc)
	l.names(sc)
	l.observed(sc)
	if n := 1 / sc.Dt; math.Abs(n-math.Round(n)) > 1e-9 {
		l.report("dt", fmt.Sprintf("dt = %s does not divide a year (use 1/n: 1, 0.5, 0.25, 0.2, ...)", num(sc.Dt)))
	}
	switch sc.Family {
	case "marius":
		l.mariusRules(sc)
	default:
		l.synergyRules(sc)
	}
}

// synergyRules checks what the report's model needs.
func (l *loader) synergyRules(sc *model.Scenario) {
	l.cityRefs(sc)
	l.sectorRules(sc)
	l.networkRefs(sc)
	l.policyRules(sc)
	if r := sc.Migration.Rate * sc.Dt; r > maxRateDt+1e-12 {
		l.report("migration.rate", fmt.Sprintf("migration.rate * dt = %s exceeds %g (MODEL.md: rho*dt <= 0.3)", num(r), maxRateDt))
	}
}

// tags checks every value against the min, max and enum tags of its field.
func (l *loader) tags(v reflect.Value, path string) {
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		k := key(sf)
		if k == "" {
			continue
		}
		f, p := v.Field(i), join(path, k)
		switch {
		case f.Kind() == reflect.Struct:
			l.tags(f, p)
		case isTables(sf.Type):
			for j := range f.Len() {
				l.tags(f.Index(j), index(p, j))
			}
		case f.Kind() == reflect.Pointer:
			if !f.IsNil() {
				l.check(f.Elem(), sf.Tag, p)
			}
		default:
			l.check(f, sf.Tag, p)
		}
	}
}

func (l *loader) check(v reflect.Value, tag reflect.StructTag, path string) {
	if enum, ok := tag.Lookup("enum"); ok && v.Kind() == reflect.String {
		l.enum(v.String(), strings.Split(enum, "|"), path)
	}
	lo, hasLo := tag.Lookup("min")
	hi, hasHi := tag.Lookup("max")
	x, ok := number(v)
	switch {
	case !ok:
	case math.IsNaN(x):
		l.report(path, "nan is not a valid value")
	case hasLo && x < bound(lo, math.Inf(-1)) || hasHi && x > bound(hi, math.Inf(1)):
		l.report(path, fmt.Sprintf("%s out of range [%s, %s]", format(v), or(lo, "-inf"), or(hi, "inf")))
	}
}

func (l *loader) enum(s string, valid []string, path string) {
	for _, e := range valid {
		if s == e {
			return
		}
	}
	shown := make([]string, len(valid))
	for i, e := range valid {
		shown[i] = e
		if e == "" {
			shown[i] = `""`
		}
	}
	l.report(path, fmt.Sprintf("%q is not one of %s", s, strings.Join(shown, ", ")))
}

func number(v reflect.Value) (float64, bool) {
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		return v.Float(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int()), true
	}
	return 0, false
}

// bound parses a min or max tag; def stands in for a tag that does not parse.
func bound(tag string, def float64) float64 {
	x, err := strconv.ParseFloat(tag, 64)
	if err != nil {
		return def
	}
	return x
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// format writes a number as in TOML.
func format(v reflect.Value) string {
	if v.Kind() == reflect.Float32 || v.Kind() == reflect.Float64 {
		return num(v.Float())
	}
	return fmt.Sprint(v.Interface())
}

// num formats a float briefly: shortest round-trip form, inf and nan as in TOML.
func num(x float64) string {
	switch {
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	case math.IsNaN(x):
		return "nan"
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

func (l *loader) counts(sc *model.Scenario) {
	if len(sc.Sectors) == 0 {
		l.report("sectors", "at least one sector is required")
	}
	if len(sc.Regions) == 0 {
		l.report("regions", "at least one region is required")
	}
	if len(sc.Cities) == 0 {
		l.report("cities", "at least one city is required")
	}
}

func (l *loader) names(sc *model.Scenario) {
	l.unique("sectors", "sector", true, names(sc.Sectors, func(s model.Sector) string { return s.Name }))
	l.unique("regions", "region", true, names(sc.Regions, func(r model.Region) string { return r.Name }))
	l.unique("cities", "city", true, names(sc.Cities, func(c model.City) string { return c.Name }))
	l.unique("policies", "policy", false, names(sc.Policies, func(p model.Policy) string { return p.Name }))
}

func names[T any](xs []T, name func(T) string) []string {
	ns := make([]string, len(xs))
	for i, x := range xs {
		ns[i] = name(x)
	}
	return ns
}

// unique reports empty names (if required) and repeated names in an array.
func (l *loader) unique(path, what string, required bool, ns []string) {
	seen := map[string]bool{}
	for i, n := range ns {
		p := index(path, i) + ".name"
		switch {
		case n == "" && required:
			l.report(p, fmt.Sprintf("every %s needs a name", what))
		case n != "" && seen[n]:
			l.report(p, fmt.Sprintf("duplicate %s name %q", what, n))
		}
		seen[n] = true
	}
}

// set is a set of names with a description for messages.
type set struct {
	what, plural string
	has          map[string]bool
	list         []string
}

func newSet(what, plural string, ns []string) set {
	s := set{what: what, plural: plural, has: map[string]bool{}}
	for _, n := range ns {
		if n != "" && !s.has[n] {
			s.has[n] = true
			s.list = append(s.list, n)
		}
	}
	sort.Strings(s.list)
	return s
}

// ref reports a name that is not in s; an empty name is reported only if
// required.
func (l *loader) ref(path, name string, s set, required bool) {
	switch {
	case name == "" && required:
		l.report(path, fmt.Sprintf("a %s name is required", s.what))
	case name != "" && !s.has[name]:
		l.report(path, fmt.Sprintf("unknown %s %q (%s: %s)", s.what, name, s.plural, brief(s.list)))
	}
}

// brief lists names, at most 20 of them.
func brief(ns []string) string {
	if len(ns) == 0 {
		return "none"
	}
	if len(ns) > 20 {
		return strings.Join(ns[:20], ", ") + ", ..."
	}
	return strings.Join(ns, ", ")
}

type sets struct{ sectors, regions, cities set }

func nameSets(sc *model.Scenario) sets {
	return sets{
		sectors: newSet("sector", "sectors", names(sc.Sectors, func(s model.Sector) string { return s.Name })),
		regions: newSet("region", "regions", names(sc.Regions, func(r model.Region) string { return r.Name })),
		cities:  newSet("city", "cities", names(sc.Cities, func(c model.City) string { return c.Name })),
	}
}

// cityRefs checks each city's region and sector shares.
func (l *loader) cityRefs(sc *model.Scenario) {
	ns := nameSets(sc)
	for i, c := range sc.Cities {
		p := index("cities", i)
		l.ref(p+".region", c.Region, ns.regions, true)
		positive := false
		for _, k := range sortedKeys(c.Sectors) {
			x := c.Sectors[k]
			l.ref(join(p+".sectors", k), k, ns.sectors, false)
			l.share(join(p+".sectors", k), x)
			positive = positive || x > 0
		}
		if !positive {
			l.report(p+".sectors", "needs at least one positive sector share")
		}
	}
}

// share reports a share or coefficient that is negative or not finite.
func (l *loader) share(path string, x float64) {
	if !(x >= 0) || math.IsInf(x, 1) {
		l.report(path, fmt.Sprintf("%s must be finite and >= 0", num(x)))
	}
}

// sectorRules checks intensities and input-output coefficients.
func (l *loader) sectorRules(sc *model.Scenario) {
	ns := nameSets(sc)
	for i, s := range sc.Sectors {
		p := index("sectors", i)
		sum := s.Talent + s.Workers + s.Capital + s.Land
		if !(math.Abs(sum-1) <= 1e-6) {
			l.report(p, fmt.Sprintf("talent+workers+capital+land = %.10g, must be 1", sum))
		}
		for _, k := range sortedKeys(s.Inputs) {
			l.ref(join(p+".inputs", k), k, ns.sectors, false)
			l.share(join(p+".inputs", k), s.Inputs[k])
		}
	}
}

// networkRefs checks transport links and barrier pairs.
func (l *loader) networkRefs(sc *model.Scenario) {
	ns := nameSets(sc)
	for i, k := range sc.Transport.Links {
		p := index("transport.links", i)
		l.ref(p+".from", k.From, ns.cities, true)
		l.ref(p+".to", k.To, ns.cities, true)
	}
	for i, pr := range sc.Barriers.Pairs {
		p := index("barriers.pairs", i)
		l.ref(p+".a", pr.A, ns.regions, true)
		l.ref(p+".b", pr.B, ns.regions, true)
		if pr.A != "" && pr.A == pr.B {
			l.report(p+".b", fmt.Sprintf("a pair needs two different regions, found %q twice", pr.A))
		}
	}
}

// policyRules checks each policy's targets and years.
func (l *loader) policyRules(sc *model.Scenario) {
	ns := nameSets(sc)
	for i, pol := range sc.Policies {
		p := index("policies", i)
		for j, n := range pol.Regions {
			l.ref(index(p+".regions", j), n, ns.regions, true)
		}
		for j, n := range pol.Cities {
			l.ref(index(p+".cities", j), n, ns.cities, true)
		}
		for j, n := range pol.Sectors {
			l.ref(index(p+".sectors", j), n, ns.sectors, true)
		}
		l.ref(p+".origin", pol.Origin, ns.cities, false)
		if pol.Start != 0 && pol.End != 0 && pol.End < pol.Start {
			l.report(p+".end", fmt.Sprintf("end %d is before start %d", pol.End, pol.Start))
		}
		if pol.Start != 0 && pol.Start < sc.StartYear {
			l.report(p+".start", fmt.Sprintf("start %d is before start_year %d (0 means from the start)", pol.Start, sc.StartYear))
		}
		if pol.Magnitude < 0 && pol.Kind != model.PolicyHukou {
			l.report(p+".magnitude", fmt.Sprintf("magnitude %s < 0: only a hukou policy takes a negative magnitude (tightening)", num(pol.Magnitude)))
		}
		if pol.Kind == model.PolicyPark && pol.Origin == "" {
			l.report(p+".origin", "a park needs an origin city")
		}
		parkForm := pol.Form == "incubation" || pol.Form == "duplication" || pol.Form == "enclave"
		envForm := pol.Form == "joint" || pol.Form == "closure" || pol.Form == "cap"
		if (parkForm && pol.Kind != model.PolicyPark) || (envForm && pol.Kind != model.PolicyEnvironment) {
			l.report(p+".form", fmt.Sprintf("form %q does not apply to kind %q (parks: incubation, duplication, enclave; environment: joint, closure, cap)", pol.Form, pol.Kind))
		}
	}
}
