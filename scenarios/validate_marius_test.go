package scenarios

import (
	"strings"
	"testing"
)

// mariusSrc is a valid two-city MARIUS scenario.
const mariusSrc = `name = "m"
family = "marius"
[[sectors]]
name = "economy"
[[regions]]
name = "R"
[[cities]]
name = "A"
region = "R"
lat = 50.0
lon = 30.0
population = 1000.0
observed = {1970 = 1500.0}
[[cities]]
name = "B"
region = "R"
lat = 51.0
lon = 31.0
population = 2000.0
`

func TestMariusRules(t *testing.T) {
	tests := []struct {
		name string
		edit func(string) string
		sets []string
		want string // a problem that must be reported; "" = valid
	}{
		{"valid", nil, nil, ""},
		{"synergy's rules do not apply", nil, []string{"migration.rate=1", "dt=0.5"}, "dt = 0.5: the marius family steps a year at a time"},
		{"no residents", func(s string) string { return strings.Replace(s, "population = 2000.0", "population = 0.0", 1) }, nil,
			"cities[1].population: 0: a marius city needs residents"},
		{"same place", func(s string) string {
			return strings.Replace(s, "lat = 51.0\nlon = 31.0", "lat = 50.0\nlon = 30.0", 1)
		}, nil,
			`city "B" is at the same place as "A"`},
		{"unknown region", func(s string) string {
			return strings.Replace(s, "region = \"R\"\nlat = 51.0", "region = \"Q\"\nlat = 51.0", 1)
		}, nil,
			`unknown region "Q"`},
		{"two sectors", func(s string) string { return s + "[[sectors]]\nname = \"other\"\n" }, nil, "one good: give one sector, not 2"},
		{"a policy", func(s string) string { return s + "[[policies]]\nname = \"p\"\nkind = \"barrier\"\n" }, nil, "the marius family has no policies"},
		{"observed key", func(s string) string { return strings.Replace(s, "{1970 = 1500.0}", "{soon = 1500.0}", 1) }, nil, `key "soon" is not a year`},
		{"observed value", func(s string) string { return strings.Replace(s, "{1970 = 1500.0}", "{1970 = -1.0}", 1) }, nil, "-1 must be finite and >= 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := mariusSrc
			if tt.edit != nil {
				src = tt.edit(src)
			}
			got := strings.Join(problemsIn(t, src, 0, tt.sets...), "\n")
			switch {
			case tt.want == "" && got != "":
				t.Errorf("problems:\n%s\nwant none", got)
			case tt.want != "" && !strings.Contains(got, tt.want):
				t.Errorf("problems:\n%s\nwant one containing %q", got, tt.want)
			}
			if strings.Contains(got, "migration.rate") || strings.Contains(got, "sector share") {
				t.Errorf("the report's rules were applied to a marius scenario:\n%s", got)
			}
		})
	}
}

// TestSynergyRulesStayBesideMarius: a synergy scenario still gets the report's rules.
func TestSynergyRulesStayBesideMarius(t *testing.T) {
	got := strings.Join(problemsIn(t, valid, 0, "migration.rate=1"), "\n")
	if !strings.Contains(got, "migration.rate * dt = 1 exceeds 0.3") {
		t.Errorf("problems:\n%s\nwant the migration rate rule", got)
	}
}
