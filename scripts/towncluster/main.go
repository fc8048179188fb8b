// Command towncluster writes the embedded scenario scenarios/town-cluster.toml:
// an INVENTED cluster region of many small towns and a large rural
// hinterland, in which the report's hierarchy of "one to two main core
// cities with a population of more than 5 million ... 3-5 secondary core
// cities with a population of between 500,000 to 5 million ... 10-30 small
// and medium-sized cities with populations of less than 500,000" (report 3)
// can self-organise at the scale of its absolute thresholds (MODEL.md F2).
//
//	go run ./scripts/towncluster -out scenarios/town-cluster.toml
//
// Nothing it writes is data. Every town is drawn from one fixed stream
// (math/rand/v2 PCG seeded with the constants below), so the file is the
// same bytes on every run; the rules are written into the file's header.
// The sector block is copied unchanged from scenarios/jing-jin-ji.toml, as
// in every shipped scenario.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

func main() {
	sectors := flag.String("sectors", "scenarios/jing-jin-ji.toml", "scenario whose [[sectors]] block is copied")
	out := flag.String("out", "scenarios/town-cluster.toml", "scenario to write")
	flag.Uint64Var(&seed2, "stream", seed2, "second seed of the draw (another cluster of the same rules)")
	flag.Parse()
	if err := run(*sectors, *out); err != nil {
		fmt.Fprintln(os.Stderr, "towncluster:", err)
		os.Exit(1)
	}
}

func run(sectorsFrom, out string) error {
	src, err := os.ReadFile(sectorsFrom)
	if err != nil {
		return err
	}
	block, err := sectorBlock(string(src))
	if err != nil {
		return fmt.Errorf("%s: %w", sectorsFrom, err)
	}
	var b bytes.Buffer
	write(&b, towns(), block)
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Clean(out))
}

// sectorBlock returns the lines of src from the comment banner before the
// first [[sectors]] table to the last line before the banner of [[regions]].
func sectorBlock(src string) (string, error) {
	lines := strings.Split(src, "\n")
	first, end := -1, -1
	for i, l := range lines {
		if strings.HasPrefix(l, "[[sectors]]") && first < 0 {
			first = i
		}
		if strings.HasPrefix(l, "[[regions]]") {
			end = i
			break
		}
	}
	if first < 0 || end < 0 {
		return "", fmt.Errorf("no [[sectors]] block before [[regions]]")
	}
	// Back up to the banner above the first sector and above the regions.
	start := banner(lines, first)
	stop := banner(lines, end)
	return strings.Join(lines[start:stop], "\n"), nil
}

// banner returns the index of the "# ----" line that opens the comment block
// above line i (the first line of the comment block if it has none).
func banner(lines []string, i int) int {
	j := i
	for j > 0 && (strings.HasPrefix(lines[j-1], "#") || strings.TrimSpace(lines[j-1]) == "") {
		j--
	}
	for k := j; k < i; k++ {
		if strings.HasPrefix(lines[k], "# ---") {
			return k
		}
	}
	return i
}

// The stream of the draws: change them and the file changes.
const seed1 = 2026

var seed2 uint64 = 3

// Geometry of the cluster: towns are spread over a square of side km kilometres
// whose south-west corner is at (lat0, lon0).
const (
	nTowns = 30
	km     = 300.0
	lat0   = 36.0
	lon0   = 114.0
	popMin = 15000.0  // smallest town: popMax/nTowns, so that the start follows Zipf's law (header)
	popMax = 450000.0 // largest town at the start, below 500,000: no town starts as a secondary core
	urban  = 0.20     // urbanisation at the start (report 2: China, 1980)
)

// region is an invented administrative unit of the cluster.
type region struct {
	name      string
	ruralWage float64 // CNY million a year
}

// The regions split the square into three bands from west to east.
var regions = []region{{"Westhill", 0.0025}, {"Midplain", 0.003}, {"Eastcoast", 0.0035}}

// interior is the rest of the nation's countryside, a region without towns
// whose rural people may move to the cluster's towns across the regional
// barrier (header, "Migrants from the interior"). Its rural wage is the
// poorest cluster region's.
var interior = region{"Interior", 0.0025}

// interiorPool is the interior's rural people at the start in units of one
// cluster region's (0: no interior). At 1 the interior gives the towns 15 %
// of the cluster's people by 2050, inside the census range of the clusters'
// interprovincial migrants (header); at migration.size 1.3 F2 holds for 1-2
// and not for 0.5 (docs/calibration.md section 4, "F2 hierarchy (session 4)").
const interiorPool = 1.0

// sectorNames in the order of the shipped sector block.
var sectorNames = []string{"finance", "tech", "auto", "electronics", "parts", "steel", "logistics", "services"}

// base is the 1980 non-farm structure of a town before its tilt: an
// industrialising economy (secondary 0.65 as the national scenario's cluster
// cities), split by JJJ's base weights.
var base = []float64{0.07, 0.05, 0.13, 0.13, 0.16, 0.16, 0.07, 0.23}

// The sectors (indices into sectorNames) a town's tilt picks one of each
// from.
var (
	manufacturing = []int{2, 3, 4, 5}
	services      = []int{0, 1, 6, 7}
)

// town is one drawn town.
type town struct {
	name                        string
	region                      int
	lat, lon                    float64
	pop, perHead, talent        float64
	area, developable           float64
	education, health, nonlocal float64
	shares                      []float64
}

// names are invented town names, one per town, in draw order.
var names = []string{
	"Ashford", "Bellmoor", "Cedarvale", "Dunmore", "Elmstead", "Fairhaven", "Glenrock",
	"Hartwell", "Ironbridge", "Juniper", "Kingsbay", "Larkfield", "Marlow", "Northgate",
	"Oakridge", "Pebbleton", "Quarry", "Redcliff", "Stonebury", "Thornton", "Upwell",
	"Valemont", "Westbrook", "Yarrow", "Zephyr", "Amberley", "Brackwater", "Coldharbour",
	"Driftwood", "Eastmere",
}

// towns draws the towns. Rules (also in the file's header):
//   - position uniform over the square; region by west-east third;
//   - population by rank: the i-th town (from 1) has popMax·i^(−q) with q
//     such that the last has popMin (rank-size exponent 1/q = 1, Zipf's
//     law), times a log-normal jitter (σ 0.1), clipped to [popMin, popMax];
//   - output per resident 0.015 CNY million × a log-normal factor (σ 0.15) ×
//     (pop/0.2 M)^0.05 (urban scaling, weak in 1980);
//   - talent share uniform 0.03–0.06; developable land uniform 0.2–0.4;
//   - administrative area: residents / density, density log-uniform 150–600
//     per km² (county-level towns with their countryside);
//   - education 600–1,200 and health 300–500 per 100,000, uniform;
//   - sector shares: base × a tilt of 1–2 on one manufacturing and one
//     service sector drawn at random, normalised.
func towns() []town {
	r := rand.New(rand.NewPCG(seed1, seed2))
	q := math.Log(popMax/popMin) / math.Log(nTowns)
	ts := make([]town, nTowns)
	for i := range ts {
		t := &ts[i]
		t.name = names[i]
		x, y := r.Float64()*km, r.Float64()*km
		t.region = min(int(3*x/km), 2)
		t.lat = lat0 + y/111.0
		t.lon = lon0 + x/(111.0*math.Cos((lat0+1.35)*math.Pi/180))
		jitter := math.Exp(0.1 * r.NormFloat64())
		t.pop = math.Round(math.Min(popMax, math.Max(popMin, popMax*math.Pow(float64(i+1), -q)*jitter)))
		t.perHead = 0.015 * math.Exp(0.15*r.NormFloat64()) * math.Pow(t.pop/2e5, 0.05)
		t.talent = 0.03 + 0.03*r.Float64()
		t.developable = 0.2 + 0.2*r.Float64()
		density := 150 * math.Exp(r.Float64()*math.Log(4))
		t.area = math.Round(t.pop / density)
		t.education = math.Round(600 + 600*r.Float64())
		t.health = math.Round(300 + 200*r.Float64())
		t.nonlocal = 0.05
		t.shares = slices.Clone(base)
		t.shares[manufacturing[r.IntN(len(manufacturing))]] *= 1 + r.Float64()
		t.shares[services[r.IntN(len(services))]] *= 1 + r.Float64()
		var sum float64
		for _, s := range t.shares {
			sum += s
		}
		for k := range t.shares {
			t.shares[k] = math.Round(1000*t.shares[k]/sum) / 1000
		}
		// Rounding: put the remainder on services so that shares add to 1.
		var rounded float64
		for _, s := range t.shares[:7] {
			rounded += s
		}
		t.shares[7] = math.Round(1000*(1-rounded)) / 1000
	}
	return ts
}

// write prints the scenario.
func write(b *bytes.Buffer, ts []town, sectors string) {
	var urbanPop, output float64
	cores := make([]int, len(regions)) // the largest town of each region
	for r := range cores {
		cores[r] = -1
	}
	for i, t := range ts {
		urbanPop += t.pop
		output += round1(t.pop * t.perHead)
		if c := cores[t.region]; c < 0 || t.pop > ts[c].pop {
			cores[t.region] = i
		}
	}
	rural := math.Round(urbanPop * (1 - urban) / urban / float64(len(regions)))
	interiorRural := math.Round(rural * interiorPool)
	total := urbanPop + rural*float64(len(regions)) + interiorRural
	fmt.Fprintf(b, header, nTowns, popMin/1e3, popMax/1e3, km, km, seed1, seed2, interiorPool)
	fmt.Fprintf(b, "\nname = \"town-cluster\"\n")
	fmt.Fprintf(b, "description = \"Invented cluster region of %d towns (%g-%g M) and a rural hinterland at 20 %% urbanisation in 1980, 70 years: whether the report's hierarchy of primary, secondary and small cities self-organises (MODEL.md F2); not data.\"\n", nTowns, popMin/1e6, popMax/1e6)
	b.WriteString(params)
	fmt.Fprintf(b, "\n[nation]\npopulation = %.0f  # the scenario's total\narea_km2 = %.0f    # the square (header)\noutput = %.1f  # the towns' output (farm income not included)\n",
		total, km*km, output)
	b.WriteString("\n" + sectors + "\n")
	b.WriteString(regionBanner)
	for _, r := range regions {
		fmt.Fprintf(b, "\n[[regions]]\nname = %q\nrural = %.0f  # a third of the cluster's rural people (header)\nrural_wage = %g  # invented: a sixth to about a quarter of town output per resident (header)\nfarm_floor = 0.45\nfarm_growth = 0.005\nfloor_decline = 0.01\noutflow = -1\n", r.name, rural, r.ruralWage)
	}
	if interiorRural > 0 {
		fmt.Fprintf(b, "\n[[regions]]\nname = %q\nrural = %.0f  # the rest of the nation's countryside, no towns: %g x a cluster region's rural people (header)\nrural_wage = %g  # as the poorest cluster region (header)\nfarm_floor = 0.45\nfarm_growth = 0.005\nfloor_decline = 0.01\noutflow = -1\n", interior.name, interiorRural, interiorPool, interior.ruralWage)
	}
	b.WriteString(cityBanner)
	for i, t := range ts {
		role := "hinterland"
		if slices.Contains(cores, i) {
			role = "core"
		}
		fmt.Fprintf(b, "\n[[cities]]\nname = %q\nregion = %q\nrole = %q\nlat = %.4f\nlon = %.4f\narea_km2 = %.0f\ndevelopable = %.3f\npopulation = %.0f\nnonlocal = %.2f\ntalent_share = %.3f\noutput = %.1f  # %.4f CNY million per resident\n",
			t.name, regions[t.region].name, role, t.lat, t.lon, t.area, t.developable, t.pop, t.nonlocal, t.talent, round1(t.pop*t.perHead), t.perHead)
		b.WriteString("sectors = { ")
		for k, s := range t.shares {
			if k > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(b, "%s = %.3f", sectorNames[k], s)
		}
		fmt.Fprintf(b, " }\neducation = %.0f\nhealth = %.0f\n", t.education, t.health)
	}
}

func round1(x float64) float64 { return math.Round(10*x) / 10 }
