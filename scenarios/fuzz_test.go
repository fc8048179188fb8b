package scenarios

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds arbitrary bytes to Parse, which must not panic, and
// checks that whatever it accepts survives an Encode round trip.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.toml"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		valid,
		valid + setExtra,
		"",
		"[",
		"[[cities]]\nname = 1",
		"migration = 5",
		"cities = [1, 2]",
		"cities = [{name = \"a\", sectors = {x = nan}}]",
		"[migration]\nrate = inf\n[migration.x]\ny = 1",
		"a = \"\"\"\n[[x]]\n\"\"\"",
		"extends = \"small.toml\"",
		"extends = 3",
		"[[barriers.pairs]]\na = \"x\"\nb = \"x\"\npeople = -inf",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := Parse("fuzz.toml", data, []string{"migration.rate=0.1"})
		if err != nil {
			return
		}
		roundTrip(t, sc)
	})
}
