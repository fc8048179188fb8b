package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"factorflow/scenarios"
)

// TestCompareEveryWhatIf runs compare on every shipped what-if (a scenario
// that extends another) against its base, mean-field, to 2035: the pair
// must load, agree on family, mode and span, and the variant must differ
// from its base in at least one metric — a what-if that changes nothing is
// a broken scenario.
func TestCompareEveryWhatIf(t *testing.T) {
	n := 0
	for _, name := range scenarios.Names() {
		src, err := scenarios.Source(name)
		if err != nil {
			t.Fatal(err)
		}
		var head struct {
			Extends string `toml:"extends"`
		}
		if _, err := toml.Decode(string(src), &head); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if head.Extends == "" {
			continue
		}
		sc, err := scenarios.Load(name, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		n++
		base := strings.TrimSuffix(head.Extends, ".toml")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			years := 2035 - sc.StartYear
			rows, _, _ := compareCSV(t, base, name, "--mode", "mean-field", "--years", strconv.Itoa(years))
			changed := 0
			for _, r := range rows {
				if !isSynergy(r.metric) && r.diff != 0 {
					changed++
				}
			}
			if changed == 0 {
				t.Errorf("compare %s %s: no metric differs in %d rows", base, name, len(rows))
			}
		})
	}
	if n < 10 {
		t.Fatalf("%d what-ifs shipped, want the report's (at least 10)", n)
	}
}
