package serve

import (
	"testing"

	"factorflow/scenarios"
)

// FuzzChange feeds arbitrary bodies to the change parser and checker: they
// never panic, and a change they accept has its value in the lever's
// range.
func FuzzChange(f *testing.F) {
	for _, seed := range []string{
		``, `{}`, `{"lever":"barrier","value":0.5}`, `{"lever":"barrier","regions":["North","South"],"value":0}`,
		`{"lever":"hukou_penalty","value":1e308}`, `{"lever":"pyramid","level":3,"cities":["Alpha"]}`,
		`{"lever":"access","value":-0}`, `{"lever":"transport","value":NaN}`, `{"lever":"pyramid","level":-9223372036854775808}`,
		`{"lever":"barrier","value":1} x`, `{"lever":"barrier","regions":null,"value":null}`, "{\"lever\":\"\u00e9\"}",
	} {
		f.Add([]byte(seed))
	}
	sc, err := scenarios.Load("teaching", nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var c changeRequest
		if decodeJSON(data, &c) != nil {
			return
		}
		if c.check(sc) != nil || c.Lever == "pyramid" {
			return
		}
		r := ranges[c.Lever]
		if c.Value == nil || !(*c.Value >= r[0] && *c.Value <= r[1]) {
			t.Errorf("accepted %s with value %v outside %v", data, c.Value, r)
		}
	})
}

// FuzzControl does the same for control requests.
func FuzzControl(f *testing.F) {
	for _, seed := range []string{
		``, `{"action":"play"}`, `{"action":"speed","speed":20.0000001}`, `{"action":"reset","scenario":"../x","seed":1}`,
		`{"action":"step","speed":0.2}`, `{"action":"reset","seed":9223372036854775808}`, `{"action":"pause"}{`,
	} {
		f.Add([]byte(seed))
	}
	s, err := New(Config{Scenario: "teaching"})
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	f.Fuzz(func(t *testing.T, data []byte) {
		var c controlRequest
		if decodeJSON(data, &c) != nil || s.checkControl(&c) != nil {
			return
		}
		if c.Speed != nil && !(*c.Speed >= minSpeed && *c.Speed <= maxSpeed) {
			t.Errorf("accepted %s with speed %g", data, *c.Speed)
		}
		if c.Scenario != "" && !s.pickable(c.Scenario) {
			t.Errorf("accepted %s with scenario %q", data, c.Scenario)
		}
	})
}
