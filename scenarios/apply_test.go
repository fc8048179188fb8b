package scenarios_test

import (
	"reflect"
	"strings"
	"testing"

	"factorflow/scenarios"
)

// TestApply: overriding a parsed scenario gives what loading it with the
// same overrides gives, leaves the original alone, and reports bad
// overrides as Load does.
func TestApply(t *testing.T) {
	base, err := scenarios.Load("teaching", nil)
	if err != nil {
		t.Fatal(err)
	}
	sets := []string{"migration.rate=0.2", "cities.Capital.population=2e7", "mode=mean-field", "barriers.people=inf"}
	want, err := scenarios.Load("teaching", sets)
	if err != nil {
		t.Fatal(err)
	}
	got, err := scenarios.Apply(base, sets)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(want, got) {
		t.Error("Apply differs from Load with the same overrides")
	}
	if base.Migration.Rate == 0.2 || base.Mode == "mean-field" {
		t.Error("Apply changed its argument")
	}
	for _, bad := range []string{"migration.rate=1.5", "nosuch.key=1", "migration.rate=abc"} {
		_, err := scenarios.Apply(base, []string{bad})
		if err == nil || !strings.Contains(err.Error(), "--set") {
			t.Errorf("Apply(%q): error %v, want a --set problem", bad, err)
		}
	}
}
