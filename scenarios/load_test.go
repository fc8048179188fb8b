package scenarios

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"factorflow/model"
)

// valid is a minimal valid scenario; tests append TOML to it.
const valid = `name = "t"
[[sectors]]
name = "tech"
[[sectors]]
name = "steel"
[[regions]]
name = "North"
[[regions]]
name = "South"
[[cities]]
name = "Alpha"
region = "North"
sectors = {tech = 1}
[[cities]]
name = "Beta"
region = "North"
sectors = {steel = 1}
[[cities]]
name = "Gamma"
region = "South"
sectors = {tech = 0.5, steel = 0.5}
`

// problems loads top + valid + extra and returns its problems as
// "line:col: key: msg", lines counted from the start of extra for a problem
// in extra (and so from the start of the file for one in top).
func problems(t *testing.T, top, extra string, sets ...string) []string {
	t.Helper()
	return problemsIn(t, top+valid+extra, strings.Count(top+valid, "\n"), sets...)
}

// problemsIn loads src and returns its problems as "line:col: key: msg",
// lines after line skip counted from there.
func problemsIn(t *testing.T, src string, skip int, sets ...string) []string {
	t.Helper()
	_, err := Parse("t.toml", []byte(src), sets)
	if err == nil {
		return nil
	}
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("error is %T, not Errors: %v", err, err)
	}
	var out []string
	for _, e := range es {
		line := e.Line
		if e.File == "t.toml" && line > skip {
			line -= skip
		}
		out = append(out, fmt.Sprintf("%d:%d: %s: %s", line, e.Col, e.Key, e.Msg))
	}
	return out
}

func mustParse(t *testing.T, src string, sets ...string) *model.Scenario {
	t.Helper()
	sc, err := Parse("t.toml", []byte(src), sets)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return sc
}

// def returns the def tag of field name of struct type of v, parsed as float.
func def(t *testing.T, v any, name string) float64 {
	t.Helper()
	sf, ok := reflect.TypeOf(v).FieldByName(name)
	if !ok {
		t.Fatalf("no field %s", name)
	}
	x, err := strconv.ParseFloat(sf.Tag.Get("def"), 64)
	if err != nil {
		t.Fatalf("def of %s: %v", name, err)
	}
	return x
}

func TestValid(t *testing.T) {
	if got := problems(t, "", ""); got != nil {
		t.Fatalf("valid scenario has problems:\n%s", strings.Join(got, "\n"))
	}
}

func TestDefaults(t *testing.T) {
	sc := mustParse(t, valid+`
[migration]
rate = 0.2
[[transport.links]]
from = "Alpha"
to = "Beta"
[[policies]]
kind = "hukou"
[[barriers.pairs]]
a = "North"
b = "South"
people = 2
`)
	got := map[string]float64{
		"migration.rate":        sc.Migration.Rate,
		"migration.moving_cost": sc.Migration.MovingCost,
		"years":                 float64(sc.Years),
		"dt":                    sc.Dt,
		"sectors[1].workers":    sc.Sectors[1].Workers,
		"regions[1].rural_wage": sc.Regions[1].RuralWage,
		"cities[2].area_km2":    sc.Cities[2].AreaKm2,
		"links[0].speed_kmh":    sc.Transport.Links[0].SpeedKmh,
		"links[0].toll":         sc.Transport.Links[0].Toll,
		"policies[0].magnitude": sc.Policies[0].Magnitude,
		"barriers.people":       sc.Barriers.People,
	}
	want := map[string]float64{
		"migration.rate":        0.2,
		"migration.moving_cost": def(t, model.Migration{}, "MovingCost"),
		"years":                 def(t, model.Scenario{}, "Years"),
		"dt":                    def(t, model.Scenario{}, "Dt"),
		"sectors[1].workers":    def(t, model.Sector{}, "Workers"),
		"regions[1].rural_wage": def(t, model.Region{}, "RuralWage"),
		"cities[2].area_km2":    def(t, model.City{}, "AreaKm2"),
		"links[0].speed_kmh":    def(t, model.Link{}, "SpeedKmh"),
		"links[0].toll":         def(t, model.Link{}, "Toll"),
		"policies[0].magnitude": def(t, model.Policy{}, "Magnitude"),
		"barriers.people":       def(t, model.Barriers{}, "People"),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("numbers (-want +got):\n%s", diff)
	}
	strs := []string{sc.Mode, string(sc.Sectors[0].Type), string(sc.Cities[0].Role),
		sc.Transport.Links[0].Mode, sc.Policies[0].Factor, sc.Currency}
	wantStrs := []string{"stochastic", "base", "hinterland", "highway", "all", "CNY million"}
	if diff := cmp.Diff(wantStrs, strs); diff != "" {
		t.Errorf("strings (-want +got):\n%s", diff)
	}
	if !sc.Mechanisms.Migration || !sc.Production.Calibrate {
		t.Errorf("boolean defaults not applied: %+v", sc.Mechanisms)
	}
	pair := sc.Barriers.Pairs[0]
	if pair.People == nil || *pair.People != 2 || pair.Capital != nil || pair.Trade != nil {
		t.Errorf("pair pointers: people %v capital %v trade %v, want 2, nil, nil", pair.People, pair.Capital, pair.Trade)
	}
}

func TestUnknownKeys(t *testing.T) {
	got := problems(t, "", `
[migration]
rte = 0.2
[[cities]]
name = "Delta"
region = "South"
sectors = {tech = 1}
popultion = 5
[bogus]
x = 1
[[transport.links]]
from = "Alpha"
to = "Beta"
sped_kmh = 3
`)
	want := []string{
		`3:1: migration.rte: unknown key (did you mean rate?)`,
		`8:1: cities[3].popultion: unknown key (did you mean population?)`,
		`9:1: bogus: unknown key`,
		`14:1: transport.links[0].sped_kmh: unknown key (did you mean speed_kmh?)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestTypeErrors(t *testing.T) {
	got := problems(t, "years = 1.5\nmode = 3\n", `
[migration]
rate = "fast"
[mechanisms]
fiscal = "yes"
[[cities]]
name = "Delta"
region = "South"
sectors = {tech = "all"}
[[policies]]
kind = "hukou"
regions = "North"
cities = ["Alpha", 2]
[nation]
output = 9007199254740993
[hukou]
penalty = [1]
[transport]
links = 3
`)
	want := []string{
		`1:1: years: expected integer, found float`,
		`2:1: mode: expected string, found integer`,
		`3:1: migration.rate: expected float, found string`,
		`5:1: mechanisms.fiscal: expected boolean, found string`,
		`9:12: cities[3].sectors.tech: expected float, found string`,
		`12:1: policies[0].regions: expected array of string, found string`,
		`13:20: policies[0].cities[1]: expected string, found integer`,
		`15:1: nation.output: 9007199254740993 is out of the safe float64 range`,
		`17:1: hukou.penalty: expected float, found array`,
		`19:1: transport.links: expected an array of tables, found integer`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      Error
	}{
		{"missing value", "name = \"x\"\nyears = \n", Error{File: "t.toml", Line: 2, Col: 9, Key: "years"}},
		{"unterminated string", "a = 1\n\nname = \"x\n", Error{File: "t.toml", Line: 3, Col: 10, Key: "name"}},
		{"duplicate key", "name = \"a\"\nname = \"b\"\n", Error{File: "t.toml", Line: 2, Col: 1, Key: "name"}},
		{"bad header", "[migration\nrate = 1\n", Error{File: "t.toml", Line: 1, Col: 11}},
		{"bad value", "[migration]\nrate = 0.1.2\n", Error{File: "t.toml", Line: 2, Col: 8, Key: "migration.rate"}},
		{"at the end", "name = [", Error{File: "t.toml", Line: 1, Col: 8, Key: "name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("t.toml", []byte(tt.src), nil)
			var es Errors
			if !errors.As(err, &es) || len(es) != 1 {
				t.Fatalf("got %v, want one Error", err)
			}
			got := *es[0]
			if got.Msg == "" {
				t.Errorf("empty message")
			}
			got.Msg = ""
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("error (-want +got):\n%s\nfull: %v", diff, es[0])
			}
			prefix := fmt.Sprintf("t.toml:%d:%d: ", tt.want.Line, tt.want.Col)
			if !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("Error() = %q, want prefix %q", err.Error(), prefix)
			}
		})
	}
}

func TestValidation(t *testing.T) {
	tests := []struct {
		name       string
		top, extra string
		want       []string
	}{
		{"range", "", "[migration]\nrate = 1.5\n", []string{
			"2:1: migration.rate: 1.5 out of range [0, 1]",
			"2:1: migration.rate: migration.rate * dt = 1.5 exceeds 0.3 (MODEL.md: rho*dt <= 0.3)",
		}},
		{"range int", "years = 0\n", "", []string{"1:1: years: 0 out of range [1, 500]"}},
		{"range in element", "", "[[cities]]\nname = \"D\"\nregion = \"South\"\nsectors = {tech = 1}\npopulation = -1\n",
			[]string{"5:1: cities[3].population: -1 out of range [0, 1e9]"}},
		{"range of pointer", "", "[[barriers.pairs]]\na = \"North\"\nb = \"South\"\npeople = -1\n",
			[]string{"4:1: barriers.pairs[0].people: -1 out of range [0, inf]"}},
		{"inf allowed", "", "[barriers]\npeople = inf\n", nil},
		{"inf out of range", "", "[migration]\nscale = inf\n", []string{"2:1: migration.scale: inf out of range [0.01, 100]"}},
		{"nan", "", "[hukou]\npenalty = nan\n", []string{"2:1: hukou.penalty: nan is not a valid value"}},
		{"enum", "mode = \"fast\"\n", "", []string{`1:1: mode: "fast" is not one of stochastic, mean-field`}},
		{"enum in element", "", "[[transport.links]]\nfrom = \"Alpha\"\nto = \"Beta\"\nmode = \"canal\"\n",
			[]string{`4:1: transport.links[0].mode: "canal" is not one of highway, intercity_rail, commuter_rail, hsr`}},
		{"enum with empty", "", "[[policies]]\nkind = \"park\"\nform = \"x\"\norigin = \"Alpha\"\n",
			[]string{`3:1: policies[0].form: "x" is not one of "", incubation, duplication, enclave, joint, closure, cap`}},
		{"dt not dividing a year", "dt = 0.3\n", "",
			[]string{`1:1: dt: dt = 0.3 does not divide a year (use 1/n: 1, 0.5, 0.25, 0.2, ...)`}},
		{"negative magnitude", "", "[[policies]]\nkind = \"tolls\"\nmagnitude = -0.5\n",
			[]string{`3:1: policies[0].magnitude: magnitude -0.5 < 0: only a hukou policy takes a negative magnitude (tightening)`}},
		{"park without origin", "", "[[policies]]\nkind = \"park\"\n",
			[]string{`1:1: policies[0].origin: a park needs an origin city`}},
		{"form of another kind", "", "[[policies]]\nkind = \"environment\"\nform = \"enclave\"\n",
			[]string{`3:1: policies[0].form: form "enclave" does not apply to kind "environment" (parks: incubation, duplication, enclave; environment: joint, closure, cap)`}},
		{"policy before the start", "", "[[policies]]\nkind = \"tolls\"\nstart = 1990\n",
			[]string{`3:1: policies[0].start: start 1990 is before start_year 2015 (0 means from the start)`}},
		{"missing enum", "", "[[policies]]\nname = \"p\"\n",
			[]string{`1:1: policies[0].kind: "" is not one of barrier, hukou, tolls, land_cost, capacity, training, infrastructure, services, incentive, subsidy, park, sharing, environment`}},
		{"missing name", "", "[[sectors]]\ntalent = 0.2\n", []string{"1:1: sectors[2].name: every sector needs a name"}},
		{"duplicate name", "", "[[regions]]\nname = \"North\"\n", []string{`2:1: regions[2].name: duplicate region name "North"`}},
		{"duplicate city", "", "[[cities]]\nname = \"Alpha\"\nregion = \"North\"\nsectors = {tech = 1}\n",
			[]string{`2:1: cities[3].name: duplicate city name "Alpha"`}},
		{"duplicate policy", "", "[[policies]]\nname = \"p\"\nkind = \"hukou\"\n[[policies]]\nname = \"p\"\nkind = \"tolls\"\n",
			[]string{`5:1: policies[1].name: duplicate policy name "p"`}},
		{"city region", "", "[[cities]]\nname = \"D\"\nregion = \"East\"\nsectors = {tech = 1}\n",
			[]string{`3:1: cities[3].region: unknown region "East" (regions: North, South)`}},
		{"city without region", "", "[[cities]]\nname = \"D\"\nsectors = {tech = 1}\n",
			[]string{`1:1: cities[3].region: a region name is required`}},
		{"city sector", "", "[[cities]]\nname = \"D\"\nregion = \"South\"\nsectors = {tech = 1, oil = 0.5}\n",
			[]string{`4:22: cities[3].sectors.oil: unknown sector "oil" (sectors: steel, tech)`}},
		{"sector input", "", "[[sectors]]\nname = \"oil\"\ninputs.gas = 0.1\n",
			[]string{`3:8: sectors[2].inputs.gas: unknown sector "gas" (sectors: oil, steel, tech)`}},
		{"negative input", "", "[[sectors]]\nname = \"oil\"\ninputs = {tech = -0.1}\n",
			[]string{`3:11: sectors[2].inputs.tech: -0.1 must be finite and >= 0`}},
		{"link cities", "", "[[transport.links]]\nfrom = \"Alpha\"\nto = \"Omega\"\n[[transport.links]]\nto = \"Beta\"\n", []string{
			`3:1: transport.links[0].to: unknown city "Omega" (cities: Alpha, Beta, Gamma)`,
			`4:1: transport.links[1].from: a city name is required`,
		}},
		{"pair regions", "", "[[barriers.pairs]]\na = \"North\"\nb = \"West\"\n[[barriers.pairs]]\na = \"South\"\nb = \"South\"\n", []string{
			`3:1: barriers.pairs[0].b: unknown region "West" (regions: North, South)`,
			`6:1: barriers.pairs[1].b: a pair needs two different regions, found "South" twice`,
		}},
		{"policy targets", "", "[[policies]]\nkind = \"subsidy\"\nregions = [\"North\", \"East\"]\ncities = [\"Omega\"]\nsectors = [\"oil\"]\norigin = \"Zeta\"\n", []string{
			`3:21: policies[0].regions[1]: unknown region "East" (regions: North, South)`,
			`4:11: policies[0].cities[0]: unknown city "Omega" (cities: Alpha, Beta, Gamma)`,
			`5:12: policies[0].sectors[0]: unknown sector "oil" (sectors: steel, tech)`,
			`6:1: policies[0].origin: unknown city "Zeta" (cities: Alpha, Beta, Gamma)`,
		}},
		{"intensities", "", "[[sectors]]\nname = \"oil\"\ntalent = 0.5\n",
			[]string{"1:1: sectors[2]: talent+workers+capital+land = 1.3, must be 1"}},
		{"intensities ok", "", "[[sectors]]\nname = \"oil\"\ntalent = 0.1\nworkers = 0.5\n", nil},
		{"rate times dt", "dt = 0.5\n", "[migration]\nrate = 0.7\n",
			[]string{"2:1: migration.rate: migration.rate * dt = 0.35 exceeds 0.3 (MODEL.md: rho*dt <= 0.3)"}},
		{"rate times dt ok", "dt = 0.5\n", "[migration]\nrate = 0.6\n", nil},
		{"policy years", "", "[[policies]]\nkind = \"hukou\"\nstart = 2030\nend = 2025\n",
			[]string{"4:1: policies[0].end: end 2025 is before start 2030"}},
		{"policy open end", "", "[[policies]]\nkind = \"hukou\"\nstart = 2030\n", nil},
		{"shares", "", "[[cities]]\nname = \"D\"\nregion = \"South\"\nsectors = {tech = -1, steel = 0}\n", []string{
			"4:1: cities[3].sectors: needs at least one positive sector share",
			"4:12: cities[3].sectors.tech: -1 must be finite and >= 0",
		}},
		{"no shares", "", "[[cities]]\nname = \"D\"\nregion = \"South\"\n",
			[]string{"1:1: cities[3].sectors: needs at least one positive sector share"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := problems(t, tt.top, tt.extra)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRequiredArrays(t *testing.T) {
	got := problemsIn(t, "name = \"empty\"\n", 0)
	want := []string{
		"1:1: sectors: at least one sector is required",
		"1:1: regions: at least one region is required",
		"1:1: cities: at least one city is required",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		e    Error
		want string
	}{
		{Error{File: "a.toml", Line: 3, Col: 1, Key: "migration.rate", Msg: "1.5 out of range [0, 1]"},
			"a.toml:3:1: migration.rate: 1.5 out of range [0, 1]"},
		{Error{File: "--set", Key: "mode", Msg: "bad"}, "--set: mode: bad"},
		{Error{File: "a.toml", Line: 2, Col: 5, Msg: "bad"}, "a.toml:2:5: bad"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
	es := Errors{&tests[0].e, &tests[1].e}
	if got, want := es.Error(), tests[0].want+"\n"+tests[1].want; got != want {
		t.Errorf("Errors.Error() = %q, want %q", got, want)
	}
}

func TestExtends(t *testing.T) {
	sc, err := Load(filepath.Join("testdata", "variant.toml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	type city struct {
		Name, Region string
		Population   float64
	}
	var cities []city
	for _, c := range sc.Cities {
		cities = append(cities, city{c.Name, c.Region, c.Population})
	}
	wantCities := []city{{"Alpha", "North", 5e6}, {"Beta", "North", 1.5e6}, {"Gamma", "South", 2e6}, {"Delta", "South", 0}}
	if diff := cmp.Diff(wantCities, cities); diff != "" {
		t.Errorf("cities merged by name (-want +got):\n%s", diff)
	}
	got := map[string]any{
		"name":               sc.Name,
		"description":        sc.Description,
		"extends":            sc.Extends,
		"years":              sc.Years,
		"migration.rate":     sc.Migration.Rate,
		"moving_cost":        sc.Migration.MovingCost,
		"barriers.people":    sc.Barriers.People,
		"tech.elasticity":    sc.Sectors[0].Elasticity,
		"tech.talent":        sc.Sectors[0].Talent,
		"tech.type":          string(sc.Sectors[0].Type),
		"links":              len(sc.Transport.Links),
		"pairs":              len(sc.Barriers.Pairs),
		"pair.capital":       *sc.Barriers.Pairs[0].Capital,
		"pair.people is nil": sc.Barriers.Pairs[0].People == nil,
		"policies":           len(sc.Policies),
		"reform.start":       sc.Policies[0].Start,
		"reform.end":         sc.Policies[0].End,
		"reform.cities":      strings.Join(sc.Policies[0].Cities, ","),
		"toll-free.kind":     string(sc.Policies[1].Kind),
		"Alpha.sectors":      sc.Cities[0].Sectors,
		"Beta.sectors":       sc.Cities[1].Sectors,
	}
	want := map[string]any{
		"name":               "variant",
		"description":        "two regions, three cities",
		"extends":            "",
		"years":              10,
		"migration.rate":     0.2,
		"moving_cost":        3.0,
		"barriers.people":    1.5,
		"tech.elasticity":    8.0,
		"tech.talent":        0.5,
		"tech.type":          "cloud",
		"links":              2,
		"pairs":              1,
		"pair.capital":       0.5,
		"pair.people is nil": true,
		"policies":           2,
		"reform.start":       2025,
		"reform.end":         2030,
		"reform.cities":      "Alpha,Beta",
		"toll-free.kind":     "tolls",
		"Alpha.sectors":      map[string]float64{"tech": 0.6, "steel": 0.4},
		"Beta.sectors":       map[string]float64{"steel": 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("merged scenario (-want +got):\n%s", diff)
	}
}

// TestExtendsMapReplaces checks that a map given for a merged element
// replaces the base's map instead of merging into it.
func TestExtendsMapReplaces(t *testing.T) {
	src := "extends = \"small.toml\"\n[[cities]]\nname = \"Alpha\"\nsectors = {steel = 1}\n"
	sc, err := Parse(filepath.Join("testdata", "child.toml"), []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]float64{"steel": 1}, sc.Cities[0].Sectors); diff != "" {
		t.Errorf("Alpha's shares (-want +got):\n%s", diff)
	}
}

func TestExtendsErrors(t *testing.T) {
	tests := []struct {
		name string
		file string
		want []string
	}{
		{"cycle", "cycle-a.toml", []string{
			"testdata/cycle-b.toml:2:1: extends: extends cycle: testdata/cycle-a.toml -> testdata/cycle-b.toml -> testdata/cycle-a.toml",
			"testdata/cycle-a.toml:1:1: sectors: at least one sector is required",
			"testdata/cycle-a.toml:1:1: regions: at least one region is required",
			"testdata/cycle-a.toml:1:1: cities: at least one city is required",
		}},
		{"errors point into the base", "bad-child.toml", []string{
			"testdata/bad-child.toml:4:1: migration.rate: 2 out of range [0, 1]",
			"testdata/bad-child.toml:4:1: migration.rate: migration.rate * dt = 2 exceeds 0.3 (MODEL.md: rho*dt <= 0.3)",
			"testdata/bad-base.toml:12:1: cities[0].population: -5 out of range [0, 1e9]",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(filepath.Join("testdata", tt.file), nil)
			if err == nil {
				t.Fatal("no error")
			}
			got := strings.Split(filepath.ToSlash(err.Error()), "\n")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExtendsMissingBase(t *testing.T) {
	got := problemsIn(t, "name = \"x\"\nextends = \"nowhere.toml\"\n", 0)
	if len(got) == 0 || !strings.HasPrefix(got[len(got)-1], `2:1: extends: base scenario "nowhere.toml" not found`) {
		t.Errorf("got %q", got)
	}
}

// TestExtendsEmbedded extends an embedded scenario from a file on disk.
func TestExtendsEmbedded(t *testing.T) {
	for _, name := range Names() {
		src := fmt.Sprintf("name = \"v\"\nextends = %q\n[migration]\nrate = 0.25\n", name)
		sc, err := Parse("variant.toml", []byte(src), nil)
		if err != nil {
			t.Fatalf("extends %s: %v", name, err)
		}
		if sc.Name != "v" || sc.Migration.Rate != 0.25 || len(sc.Cities) == 0 {
			t.Errorf("extends %s: name %q, rate %g, %d cities", name, sc.Name, sc.Migration.Rate, len(sc.Cities))
		}
	}
}

func TestLoadUnknownName(t *testing.T) {
	_, err := Load("no-such-scenario", nil)
	if err == nil || !strings.Contains(err.Error(), "embedded: "+strings.Join(Names(), ", ")) {
		t.Errorf("error %v does not list the embedded names", err)
	}
	_, err = Load("missing/file.toml", nil)
	if err == nil || !strings.HasPrefix(err.Error(), "scenarios: ") {
		t.Errorf("missing file: error %v", err)
	}
}

// TestEmbedded loads every shipped scenario.
func TestEmbedded(t *testing.T) {
	if len(Names()) == 0 {
		t.Fatal("no embedded scenarios")
	}
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			sc, err := Load(name, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(sc.Cities) == 0 {
				t.Error("no cities")
			}
		})
	}
}

func TestSource(t *testing.T) {
	for _, name := range Names() {
		a, err := Source(name)
		if err != nil || len(a) == 0 {
			t.Fatalf("Source(%q): %v", name, err)
		}
		b, err := Source(name + ".toml")
		if err != nil || string(a) != string(b) {
			t.Errorf("Source(%q) differs from Source(%q): %v", name+".toml", name, err)
		}
	}
	if _, err := Source("../scenarios/x"); err == nil {
		t.Error("Source accepted a path")
	}
}
