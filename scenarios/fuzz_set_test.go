package scenarios

import (
	"strings"
	"testing"
)

// FuzzSet feeds arbitrary --set overrides to a valid scenario: the loader
// must return a scenario or an error, never panic, and an accepted override
// must survive an Encode/Parse round trip.
func FuzzSet(f *testing.F) {
	for _, s := range []string{
		"migration.rate=0.2", "cities.Beijing.population=2e7", "barriers.people=inf",
		"mode=mean-field", "mechanisms.migration=false", "policies.0.start=2020",
		"cities.x.sectors.k=1", "=", "a.b.c", "seed=-1", "years=1e400", "barriers.pairs.0.people=nan",
		"cities..population=1", "sectors.tech.inputs.steel=0.1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, set string) {
		sc, err := Parse("fuzz.toml", []byte(valid), strings.Split(set, "\n"))
		if err != nil {
			return
		}
		var b strings.Builder
		if err := Encode(&b, sc); err != nil {
			t.Fatalf("encode after --set %q: %v", set, err)
		}
		if _, err := Parse("again.toml", []byte(b.String()), nil); err != nil {
			t.Fatalf("round trip after --set %q: %v\n%s", set, err, b.String())
		}
	})
}
