package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// halve writes a Jing-Jin-Ji variant that halves one factor's barrier
// between the three regions from 2016, and returns its path.
func halve(t *testing.T, factor string) string {
	t.Helper()
	src := `name = "halve-` + factor + `"
extends = "jing-jin-ji"
description = "test: halve the ` + factor + ` barrier"
[[policies]]
name = "halve"
kind = "barrier"
start = 2016
end = 0
regions = ["Beijing", "Tianjin", "Hebei"]
factor = "` + factor + `"
magnitude = 0.5
unit_cost = 1000.0
`
	p := filepath.Join(t.TempDir(), "halve-"+factor+".toml")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestDecompose checks that a run against itself shows no difference, and
// that for real variants the production-function terms account for the
// change in output value: the residual is a small part of the terms, so a
// term left out or mis-weighted would show.
func TestDecompose(t *testing.T) {
	tests := []struct {
		name    string
		variant string
		sets    []string
		same    bool
	}{
		{"itself", "jing-jin-ji", []string{"years=10"}, true},
		{"capital", halve(t, "capital"), []string{"years=15"}, false},
		{"trade", halve(t, "trade"), []string{"years=15"}, false},
		{"people, smooth firms", halve(t, "people"), []string{"years=15", "firms.sigma=0", "firms.relocate=0"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			names, rows, err := decompose("jing-jin-ji", tt.variant, tt.sets, 0.03)
			if err != nil {
				t.Fatal(err)
			}
			if len(names) != len(rows) || names[len(names)-1] != "total" {
				t.Fatalf("names %v for %d rows, want one per row ending in total", names, len(rows))
			}
			tot := rows[len(rows)-1]
			if tt.same {
				for k, x := range tot {
					if x != 0 {
						t.Errorf("%s = %g for a run against itself, want 0", terms[k], x)
					}
				}
				return
			}
			var sum, abs float64
			for _, x := range tot[:8] {
				sum += x
				abs += math.Abs(x)
			}
			if tot[dV] == 0 || abs == 0 {
				t.Fatalf("no difference between the runs (dV %g)", tot[dV])
			}
			if r := math.Abs(tot[resid]); r > 0.05*abs {
				t.Errorf("residual %g is more than 5 %% of the terms' %g", tot[resid], abs)
			}
			// Weighted by the logarithmic mean, the log changes add up to
			// the change in value itself. The residual is defined as what
			// the terms leave, so this holds by construction: it checks
			// the bookkeeping (every term booked in its own column).
			if d := math.Abs(sum + tot[resid] - tot[dV]); d > 1e-9*abs {
				t.Errorf("terms + residual %g, dV %g", sum+tot[resid], tot[dV])
			}
		})
	}
}

// TestWrite checks the table's layout: a header, the total only unless
// every city is asked for.
func TestWrite(t *testing.T) {
	rows := []Row{{1}, {2}, {3}}
	for _, tt := range []struct {
		all   bool
		lines int
	}{{false, 2}, {true, 4}} {
		var b bytes.Buffer
		write(&b, []string{"A", "B", "total"}, rows, tt.all)
		lines := strings.Split(strings.TrimSpace(b.String()), "\n")
		if len(lines) != tt.lines {
			t.Errorf("all=%v: %d lines, want %d:\n%s", tt.all, len(lines), tt.lines, b.String())
		}
		if !strings.HasPrefix(lines[len(lines)-1], "total") {
			t.Errorf("all=%v: last line %q, want the total", tt.all, lines[len(lines)-1])
		}
	}
}
