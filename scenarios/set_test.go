package scenarios

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"factorflow/model"
)

func TestSet(t *testing.T) {
	tests := []struct {
		set  string
		get  func(*model.Scenario) any
		want any
	}{
		{"migration.rate=0.2", func(s *model.Scenario) any { return s.Migration.Rate }, 0.2},
		{"cities.Beta.population=2e7", func(s *model.Scenario) any { return s.Cities[1].Population }, 2e7},
		{"sectors.tech.type=cloud", func(s *model.Scenario) any { return string(s.Sectors[0].Type) }, "cloud"},
		{"barriers.people=inf", func(s *model.Scenario) any { return s.Barriers.People }, math.Inf(1)},
		{"mode=mean-field", func(s *model.Scenario) any { return s.Mode }, "mean-field"},
		{`mode="mean-field"`, func(s *model.Scenario) any { return s.Mode }, "mean-field"},
		{"mechanisms.migration=false", func(s *model.Scenario) any { return s.Mechanisms.Migration }, false},
		{"nation.population=1.4e9", func(s *model.Scenario) any { return s.Nation.Population }, 1.4e9},
		{"years=20", func(s *model.Scenario) any { return s.Years }, 20},
		{"seed=1e3", func(s *model.Scenario) any { return s.Seed }, int64(1000)},
		{"  dt = 0.5 ", func(s *model.Scenario) any { return s.Dt }, 0.5},
		{"policies.reform.start=2025", func(s *model.Scenario) any { return s.Policies[0].Start }, 2025},
		{"policies.reform.regions=North, South", func(s *model.Scenario) any { return s.Policies[0].Regions }, []string{"North", "South"}},
		{"cities.Alpha.sectors.steel=0.5", func(s *model.Scenario) any { return s.Cities[0].Sectors },
			map[string]float64{"tech": 1, "steel": 0.5}},
		{"sectors.steel.inputs.tech=0.2", func(s *model.Scenario) any { return s.Sectors[1].Inputs },
			map[string]float64{"tech": 0.2}},
		{"cities.Gamma.role=core", func(s *model.Scenario) any { return string(s.Cities[2].Role) }, "core"},
		{"transport.links.0.speed_kmh=120", func(s *model.Scenario) any { return s.Transport.Links[0].SpeedKmh }, 120.0},
		{"barriers.pairs.0.trade=0.1", func(s *model.Scenario) any { return *s.Barriers.Pairs[0].Trade }, 0.1},
		{"cities.2.name=Gee", func(s *model.Scenario) any { return s.Cities[2].Name }, "Gee"},
	}
	src := valid + setExtra
	for _, tt := range tests {
		t.Run(tt.set, func(t *testing.T) {
			sc := mustParse(t, src, tt.set)
			if diff := cmp.Diff(tt.want, tt.get(sc)); diff != "" {
				t.Errorf("after --set %s (-want +got):\n%s", tt.set, diff)
			}
		})
	}
}

// setExtra gives the overrides a policy, a link and a pair to work on.
const setExtra = `
[[policies]]
name = "reform"
kind = "hukou"
[[transport.links]]
from = "Alpha"
to = "Beta"
[[barriers.pairs]]
a = "North"
b = "South"
`

func TestSetOrder(t *testing.T) {
	sc := mustParse(t, valid, "migration.rate=0.2", "migration.rate=0.25")
	if sc.Migration.Rate != 0.25 {
		t.Errorf("rate = %g, want the last override 0.25", sc.Migration.Rate)
	}
}

func TestSetErrors(t *testing.T) {
	tests := []struct {
		set  string
		want []string
	}{
		{"migration.rte=0.2", []string{"--set: migration.rte: unknown parameter; did you mean migration.rate?"}},
		{"cities.Beta.populaton=1", []string{"--set: cities.Beta.populaton: unknown parameter; did you mean cities.<name>.population?"}},
		{"cities.Omega.population=1", []string{`--set: cities.Omega.population: no element of cities named "Omega" (cities: Alpha, Beta, Gamma)`}},
		{"transport.links.3.mode=hsr", []string{`--set: transport.links.3.mode: no element "3" of links: select one by index, 0 to 0`}},
		{"migration", []string{"--set: migration: expected path=value"}},
		{"=3", []string{"--set: =3: expected path=value"}},
		{"migration=3", []string{"--set: migration: unknown parameter"}},
		{"migration.rate.x=3", []string{"--set: migration.rate.x: unknown parameter; did you mean migration.rate?"}},
		{"migration.rate=fast", []string{`--set: migration.rate: cannot parse "fast" as float`}},
		{"years=1.5", []string{`--set: years: cannot parse "1.5" as integer`}},
		{"mechanisms.fiscal=maybe", []string{`--set: mechanisms.fiscal: cannot parse "maybe" as boolean`}},
		{"migration.rate=1.5", []string{
			"--set: migration.rate: 1.5 out of range [0, 1]",
			"--set: migration.rate: migration.rate * dt = 1.5 exceeds 0.3 (MODEL.md: rho*dt <= 0.3)",
		}},
		{"mode=fast", []string{`--set: mode: "fast" is not one of stochastic, mean-field`}},
		{"cities.Beta.population=-1", []string{"--set: cities.Beta.population: -1 out of range [0, 1e9]"}},
		{"cities.Beta.region=East", []string{`--set: cities.Beta.region: unknown region "East" (regions: North, South)`}},
		{"cities.Beta.sectors.oil=1", []string{`--set: cities.Beta.sectors.oil: unknown sector "oil" (sectors: steel, tech)`}},
		{"sectors.tech.talent=0.3", []string{"t.toml:2:1: sectors[0]: talent+workers+capital+land = 1.1, must be 1"}},
		{"barriers.pairs.0.people=-1", []string{"--set: barriers.pairs.0.people: -1 out of range [0, inf]"}},
	}
	for _, tt := range tests {
		t.Run(tt.set, func(t *testing.T) {
			_, err := Parse("t.toml", []byte(valid+setExtra), []string{tt.set})
			if err == nil {
				t.Fatal("no error")
			}
			var es Errors
			if !asErrors(err, &es) {
				t.Fatalf("%T is not Errors", err)
			}
			for _, e := range es {
				if e.File == "--set" && (e.Line != 0 || e.Col != 0) {
					t.Errorf("error at %s:%d:%d, want --set:0:0", e.File, e.Line, e.Col)
				}
			}
			if diff := cmp.Diff(tt.want, strings.Split(err.Error(), "\n")); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func asErrors(err error, es *Errors) bool {
	e, ok := err.(Errors)
	*es = e
	return ok
}

// TestSetFixes checks that an override can repair an invalid file value.
func TestSetFixes(t *testing.T) {
	src := strings.Replace(valid, `name = "t"`, "name = \"t\"\nyears = 0", 1)
	if _, err := Parse("t.toml", []byte(src), nil); err == nil {
		t.Fatal("years = 0 accepted")
	}
	if _, err := Parse("t.toml", []byte(src), []string{"years=5"}); err != nil {
		t.Errorf("--set years=5 did not repair: %v", err)
	}
}

func TestClosest(t *testing.T) {
	got := closest("rte", []string{"rate", "scale", "pollution", "rates", "rtes"}, 3)
	if diff := cmp.Diff([]string{"rate", "rtes"}, got); diff != "" {
		t.Errorf("closest (-want +got):\n%s", diff)
	}
	if d := distance("kitten", "sitting"); d != 3 {
		t.Errorf("distance = %d, want 3", d)
	}
}
