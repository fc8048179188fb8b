package scenarios

import (
	"strings"
	"testing"
)

// cpBase is a valid two-region core-periphery scenario.
const cpBase = `name = "cp"
family = "core-periphery"
[[sectors]]
name = "manufactures"
[[regions]]
name = "A"
[[cities]]
name = "West"
region = "A"
population = 1
[[cities]]
name = "East"
region = "A"
population = 1
`

// TestCorePeripheryRules: a family scenario is checked by its own rules,
// not the report's (no sector shares needed), and each broken rule is
// reported with its key and line.
func TestCorePeripheryRules(t *testing.T) {
	if got := problemsIn(t, cpBase, 0); got != nil {
		t.Fatalf("valid scenario: %q", got)
	}
	tests := []struct {
		name string
		src  string
		sets []string
		want string
	}{
		{"one region", strings.Split(cpBase, "[[cities]]\nname = \"East\"")[0], nil, "cities: family core-periphery needs at least two regions, given as [[cities]]; found 1"},
		{"two sectors", cpBase + "[[sectors]]\nname = \"food\"\n", nil, "sectors: family core-periphery needs exactly one [[sectors]] entry, the manufactures; found 2"},
		{"unknown region", strings.Replace(cpBase, `region = "A"`, `region = "B"`, 1), nil, `cities[0].region: unknown region "B"`},
		{"empty", strings.ReplaceAll(cpBase, "population = 1", "population = 0"), nil, "must not all be 0"},
		{"policy", cpBase + "[[policies]]\nname = \"p\"\nkind = \"barrier\"\n", nil, "policies: family core-periphery does not use policies"},
		{"link", cpBase + "[[transport.links]]\nfrom = \"West\"\nto = \"East\"\n", nil, "transport.links: family core-periphery does not use transport.links"},
		{"pair city", cpBase + "[[core_periphery.pairs]]\na = \"West\"\nb = \"North\"\n", nil, `core_periphery.pairs[0].b: unknown city "North"`},
		{"pair twice", cpBase + "[[core_periphery.pairs]]\na = \"West\"\nb = \"West\"\n", nil, `found "West" twice`},
		{"pair phi", cpBase + "[[core_periphery.pairs]]\na = \"West\"\nb = \"East\"\nphi = 2\n", nil, "core_periphery.pairs[0].phi: 2 out of range"},
		{"trade cost", cpBase, []string{"core_periphery.trade_cost=0.5"}, "core_periphery.trade_cost: 0.5: an iceberg trade cost is >= 1"},
		{"mu range", cpBase, []string{"core_periphery.mu=1"}, "core_periphery.mu: 1 out of range"},
		{"fe one region", strings.Replace(strings.Split(cpBase, "[[cities]]\nname = \"East\"")[0], "core-periphery", "footloose-entrepreneur", 1), nil, "family footloose-entrepreneur needs at least two regions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(problemsIn(t, tt.src, 0, tt.sets...), "\n")
			if !strings.Contains(got, tt.want) {
				t.Errorf("problems:\n%s\nwant one containing %q", got, tt.want)
			}
		})
	}
}

// TestSynergyRulesStay: the report's rules still apply to a synergy
// scenario shaped like a core-periphery one (no sector shares).
func TestSynergyRulesStay(t *testing.T) {
	src := strings.Replace(cpBase, `family = "core-periphery"`, `family = "synergy"`, 1)
	got := strings.Join(problemsIn(t, src, 0), "\n")
	if !strings.Contains(got, "needs at least one positive sector share") {
		t.Errorf("synergy scenario without sector shares: %q", got)
	}
}
