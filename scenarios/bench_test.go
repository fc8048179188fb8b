package scenarios

import (
	"fmt"
	"strings"
	"testing"
)

// cluster returns a valid scenario with n cities.
func cluster(n int) []byte {
	var b strings.Builder
	b.WriteString("name = \"bench\"\n[[sectors]]\nname = \"tech\"\n[[regions]]\nname = \"North\"\n")
	for i := range n {
		fmt.Fprintf(&b, "[[cities]]\nname = \"c%d\"\nregion = \"North\"\npopulation = %d\nsectors = {tech = 1}\n", i, 1000*(i+1))
	}
	return []byte(b.String())
}

func benchmarkParse(b *testing.B, n int) {
	data := cluster(n)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("bench.toml", data, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse13(b *testing.B)   { benchmarkParse(b, 13) }
func BenchmarkParse1000(b *testing.B) { benchmarkParse(b, 1000) }
