package scenarios

import (
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"factorflow/model"
)

func TestParams(t *testing.T) {
	byPath := map[string]Param{}
	for _, p := range Params() {
		if _, dup := byPath[p.Path]; dup {
			t.Errorf("duplicate path %s", p.Path)
		}
		byPath[p.Path] = p
	}
	rate := byPath["migration.rate"]
	if rate.Unit != "1/yr" || rate.Default != "0.1" || rate.Min != "0" || rate.Max != "1" || rate.Type != "float" || rate.Source == "" {
		t.Errorf("migration.rate = %+v", rate)
	}
	for _, p := range []string{"name", "cities[].population", "cities[].sectors", "sectors[].talent",
		"sectors[].inputs", "barriers.pairs[].people", "policies[].magnitude", "policies[].regions",
		"transport.links[].mode", "mechanisms.migration", "mode"} {
		if _, ok := byPath[p]; !ok {
			t.Errorf("no parameter %s", p)
		}
	}
	types := map[string]string{}
	for _, p := range []string{"years", "mode", "mechanisms.migration", "cities[].sectors", "policies[].regions", "barriers.pairs[].people"} {
		types[p] = byPath[p].Type
	}
	wantTypes := map[string]string{"years": "integer", "mode": "string", "mechanisms.migration": "boolean",
		"cities[].sectors": "table of float", "policies[].regions": "array of string", "barriers.pairs[].people": "float"}
	if diff := cmp.Diff(wantTypes, types); diff != "" {
		t.Errorf("types (-want +got):\n%s", diff)
	}
	if ps := Params(); ps[0].Path != "name" || !strings.HasPrefix(ps[len(ps)-1].Path, "policies[].") {
		t.Errorf("not in struct order: first %s, last %s", ps[0].Path, ps[len(ps)-1].Path)
	}
}

// TestTags checks that every tag of the schema parses: defaults by the
// field's type, bounds as floats, defaults inside their range and enum.
func TestTags(t *testing.T) {
	for _, p := range Params() {
		if p.Default != "" || p.Type == "string" {
			v := reflect.New(kindOf(t, p)).Elem()
			if err := setText(v, p.Default); err != nil && p.Default != "" {
				t.Errorf("%s: def %q: %v", p.Path, p.Default, err)
			}
		}
		lo, hi := bound(p.Min, -1e308), bound(p.Max, 1e308)
		if p.Min != "" && lo == -1e308 || p.Max != "" && hi == 1e308 || lo > hi {
			t.Errorf("%s: bad range [%s, %s]", p.Path, p.Min, p.Max)
		}
		if x := bound(p.Default, 0); p.Default != "" && p.Type != "string" && p.Type != "boolean" && (x < lo || x > hi) {
			t.Errorf("%s: default %s outside [%s, %s]", p.Path, p.Default, p.Min, p.Max)
		}
		if p.Enum != "" && p.Default != "" && !strings.Contains("|"+p.Enum+"|", "|"+p.Default+"|") {
			t.Errorf("%s: default %q not in enum %s", p.Path, p.Default, p.Enum)
		}
	}
}

// kindOf returns the Go type of parameter p.
func kindOf(t *testing.T, p Param) reflect.Type {
	t.Helper()
	typ := reflect.TypeOf(model.Scenario{})
	for _, k := range strings.Split(strings.ReplaceAll(p.Path, "[]", ""), ".") {
		sf, ok := field(typ, k)
		if !ok {
			t.Fatalf("%s: no field %s", p.Path, k)
		}
		typ = sf.Type
		if isTables(typ) {
			typ = typ.Elem()
		}
	}
	return typ
}
