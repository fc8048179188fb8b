package sweep

import (
	"strings"
	"testing"
)

// FuzzParse checks that Parse returns a sweep or an error, never panics,
// and that a sweep it accepts has factors with ordered ranges.
func FuzzParse(f *testing.F) {
	f.Add(teaching)
	f.Add(strings.Replace(teaching, `"random"`, `"sobol"`, 1))
	f.Add("design = \"grid\"\n[[factors]]\npath = \"x\"\nmin = inf\n")
	f.Add("[[factors]\n")
	f.Fuzz(func(t *testing.T, src string) {
		s, err := Parse("fuzz.toml", []byte(src))
		if err != nil {
			return
		}
		for _, fa := range s.Factors {
			if !(fa.Min <= fa.Max) {
				t.Errorf("accepted factor %q with min %g > max %g", fa.Path, fa.Min, fa.Max)
			}
		}
	})
}
