package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"

	"factorflow/scenarios"
)

// TestShippedFile: the embedded scenario is exactly what the generator
// writes, so the rules in its header are the ones that made it.
func TestShippedFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "town-cluster.toml")
	if err := run("../../scenarios/jing-jin-ji.toml", out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := scenarios.Source("town-cluster")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("scenarios/town-cluster.toml differs from the generator's output: run go run ./scripts/towncluster")
	}
}

// TestTowns checks the drawing rules: sizes within the bounds and ordered
// by rank up to the jitter, shares adding up to 1, regions by thirds.
func TestTowns(t *testing.T) {
	ts := towns()
	if len(ts) != nTowns {
		t.Fatalf("%d towns, want %d", len(ts), nTowns)
	}
	if ts[0].pop != popMax {
		t.Errorf("largest town %.0f, want %.0f", ts[0].pop, popMax)
	}
	for i, tw := range ts {
		if tw.pop < popMin || tw.pop > popMax {
			t.Errorf("%s: %.0f residents, outside [%.0f, %.0f]", tw.name, tw.pop, popMin, popMax)
		}
		var sum float64
		for _, s := range tw.shares {
			if s <= 0 {
				t.Errorf("%s: share %g", tw.name, s)
			}
			sum += s
		}
		if sum < 0.9995 || sum > 1.0005 {
			t.Errorf("%s: shares add to %g", tw.name, sum)
		}
		if tw.region < 0 || tw.region >= len(regions) {
			t.Errorf("town %d: region %d", i, tw.region)
		}
		if tw.lat < lat0 || tw.lat > lat0+km/111 {
			t.Errorf("%s: lat %g outside the square", tw.name, tw.lat)
		}
	}
}

// TestSectorBlock: the block starts at the sectors' banner and stops
// before the regions' banner.
func TestSectorBlock(t *testing.T) {
	src := "a = 1\n# ---\n# Sectors\n# ---\n\n[[sectors]]\nname = \"x\"\n\n# ---\n# Regions\n# ---\n\n[[regions]]\n"
	got, err := sectorBlock(src)
	if err != nil {
		t.Fatal(err)
	}
	want := "# ---\n# Sectors\n# ---\n\n[[sectors]]\nname = \"x\"\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := sectorBlock("a = 1\n"); err == nil {
		t.Error("no error without sectors")
	}
}

// TestRegions reads the written scenario back: three regions of towns and
// the interior, which has none; the interior's rural people are
// interiorPool times a cluster region's, and the nation's population is the
// towns' and all the hinterlands' people (header).
func TestRegions(t *testing.T) {
	var b bytes.Buffer
	src, err := os.ReadFile("../../scenarios/jing-jin-ji.toml")
	if err != nil {
		t.Fatal(err)
	}
	block, err := sectorBlock(string(src))
	if err != nil {
		t.Fatal(err)
	}
	write(&b, towns(), block)
	sc, err := scenarios.Parse("town-cluster.toml", b.Bytes(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Regions) != len(regions)+1 {
		t.Fatalf("%d regions, want %d", len(sc.Regions), len(regions)+1)
	}
	towns := map[string]int{}
	var people float64
	for _, c := range sc.Cities {
		towns[c.Region]++
		people += c.Population
	}
	for _, r := range sc.Regions {
		people += r.Rural
	}
	tests := []struct {
		region    string
		towns     bool
		rural     float64
		ruralWage float64
	}{
		{"Westhill", true, sc.Regions[0].Rural, 0.0025},
		{"Midplain", true, sc.Regions[0].Rural, 0.003},
		{"Eastcoast", true, sc.Regions[0].Rural, 0.0035},
		{"Interior", false, math.Round(sc.Regions[0].Rural * interiorPool), 0.0025},
	}
	for i, tc := range tests {
		r := sc.Regions[i]
		if r.Name != tc.region {
			t.Errorf("region %d: %q, want %q", i, r.Name, tc.region)
		}
		if got := towns[r.Name] > 0; got != tc.towns {
			t.Errorf("%s: has towns %v, want %v", r.Name, got, tc.towns)
		}
		if r.Rural != tc.rural || r.Rural <= 0 {
			t.Errorf("%s: rural %g, want %g", r.Name, r.Rural, tc.rural)
		}
		if r.RuralWage != tc.ruralWage {
			t.Errorf("%s: rural wage %g, want %g", r.Name, r.RuralWage, tc.ruralWage)
		}
	}
	if math.Abs(sc.Nation.Population-people) > 1 {
		t.Errorf("nation population %.0f, want the towns' and hinterlands' %.0f", sc.Nation.Population, people)
	}
}
