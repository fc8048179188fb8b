package scenarios_test

import (
	"math"
	"slices"
	"testing"

	"factorflow/model"
	"factorflow/scenarios"
)

// reportShare is a cluster's share of its country, in percent, as the report
// (or, where the report is silent, the source named in the comment) gives it.
// A zero entry is not given and is not checked.
type reportShare struct {
	scenario                 string
	land, population, output float64
	// regions restricts the sums to these regions (all when empty): the
	// Pearl River Delta's shares are of mainland China and exclude Hong Kong
	// and Macau.
	regions []string
}

// shares lists the report's shares of each cluster (MODEL.md section 7).
// Several shares hold by the derivation rules stated in each file's header
// (national totals derived from a cluster total and the report's share, or
// cluster figures scaled to a share of real national totals); the test then
// guards those files against edits that break the rule.
var shares = []reportShare{
	// Report 1 and 3: the Jing-Jin-Ji region "accounts for 2% of China's land
	// mass, 8% of the population and 10% of the national economy". Land is
	// checked against C2's 2.3 % ("220,000 km2, 2.3 % of territory", People's
	// Daily 2015, shared/data clusters.csv), the precise figure of the same
	// fact that jing-jin-ji.toml uses for China's area: the 13 cities cover
	// 2.24 % of it, within 10 % of 2.3 but 12 % above the report's rounded 2.
	{scenario: "jing-jin-ji", land: 2.3, population: 8, output: 10},
	// Report 3: the Yangtze River Delta "spans 210,000 square kilometers, two
	// percent of China's total land mass. In 2014, the region was home to 150
	// million people, eleven percent of the country's total population, and
	// contributed 20 percent (USD 2.1 trillion) of the country's total GDP."
	{scenario: "yangtze-river-delta", land: 2, population: 11, output: 20},
	// The report gives no shares for the Pearl River Delta (it names it in
	// section 3 and 4.2 only). shared/data has C13 (HKTDC, 2016): the 9-city
	// PRD economic zone holds "4.3% of China's" population and "9.1% of
	// China's" GDP; no land share. Those two are checked, over Guangdong
	// only: Hong Kong and Macau are outside China's national statistics.
	{scenario: "pearl-river-delta", population: 4.3, output: 9.1, regions: []string{"Guangdong"}},
	// Report 3: BosWash "covers just two percent of the total land mass of the
	// United States, but is home to 17 percent of the country's population
	// and accounts for 20 percent of the country's GDP".
	{scenario: "boswash", land: 2, population: 17, output: 20},
	// Report 3: Japan's Pacific Coast city cluster "hosts 53 percent of
	// Japan's population, generates 60 percent of the country's GDP, and only
	// occupies 9 percent of its land".
	{scenario: "japan-pacific-belt", land: 9, population: 53, output: 60},
	// Report 3: Rhine-Ruhr "covers two percent of Germany's total land area to
	// house twelve percent of the country's total population and contributes
	// 15 percent of total GDP".
	{scenario: "rhine-ruhr", land: 2, population: 12, output: 15},
}

// startShares returns a scenario's start shares of its nation, in percent:
// land = Σ city area_km2, population = Σ city population + Σ region rural,
// output = Σ city output, each over the matching nation total, summed over
// the regions listed (all regions when regions is empty).
func startShares(sc *model.Scenario, regions []string) (land, population, output float64) {
	in := func(region string) bool { return len(regions) == 0 || slices.Contains(regions, region) }
	var area, people, out float64
	for _, c := range sc.Cities {
		if in(c.Region) {
			area += c.AreaKm2
			people += c.Population
			out += c.Output
		}
	}
	for _, r := range sc.Regions {
		if in(r.Name) {
			people += r.Rural
		}
	}
	return 100 * area / sc.Nation.AreaKm2, 100 * people / sc.Nation.Population, 100 * out / sc.Nation.Output
}

// TestReportShares: each cluster scenario's start reproduces the report's
// shares of its country within 10 % relative (MODEL.md section 7).
func TestReportShares(t *testing.T) {
	const tolerance = 0.10
	for _, want := range shares {
		t.Run(want.scenario, func(t *testing.T) {
			sc, err := scenarios.Load(want.scenario, nil)
			if err != nil {
				t.Fatal(err)
			}
			if sc.Nation.Population <= 0 || sc.Nation.AreaKm2 <= 0 || sc.Nation.Output <= 0 {
				t.Fatalf("[nation] is incomplete: %+v", sc.Nation)
			}
			if len(want.regions) > 0 {
				for _, r := range want.regions {
					if !slices.ContainsFunc(sc.Regions, func(g model.Region) bool { return g.Name == r }) {
						t.Fatalf("no region %q", r)
					}
				}
			}
			land, pop, out := startShares(sc, want.regions)
			for _, q := range []struct {
				name      string
				got, want float64
			}{
				{"land", land, want.land},
				{"population", pop, want.population},
				{"output", out, want.output},
			} {
				if q.want == 0 {
					continue
				}
				if rel := q.got/q.want - 1; math.Abs(rel) > tolerance {
					t.Errorf("%s share %.2f %%, report %.4g %% (%+.1f %% relative, more than %.0f %%)", q.name, q.got, q.want, 100*rel, 100*tolerance)
				} else {
					t.Logf("%s share %.2f %%, report %.4g %% (%+.1f %%)", q.name, q.got, q.want, 100*rel)
				}
			}
		})
	}
}

// TestSharedChina: the three Chinese clusters are shares of one China, the
// [nation] of jing-jin-ji.toml.
func TestSharedChina(t *testing.T) {
	base, err := scenarios.Load("jing-jin-ji", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"yangtze-river-delta", "pearl-river-delta"} {
		sc, err := scenarios.Load(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		if sc.Nation.Population != base.Nation.Population || sc.Nation.AreaKm2 != base.Nation.AreaKm2 || sc.Nation.Output != base.Nation.Output {
			t.Errorf("%s: [nation] %+v, jing-jin-ji %+v", name, sc.Nation, base.Nation)
		}
	}
}

// TestNationalScenario: the national scenario is its own nation, starts at
// 20 % urbanisation with about a billion people, leaves the start's rural
// outflow to the wage gap, and has five cluster regions whose cities are
// the cores (MODEL.md F1).
func TestNationalScenario(t *testing.T) {
	sc, err := scenarios.Load("national", nil)
	if err != nil {
		t.Fatal(err)
	}
	var urban, rural float64
	for _, c := range sc.Cities {
		urban += c.Population
	}
	for _, r := range sc.Regions {
		rural += r.Rural
		if r.Outflow != -1 {
			t.Errorf("region %s: outflow %v, want -1 (set by the wage gap)", r.Name, r.Outflow)
		}
	}
	total := urban + rural
	if math.Abs(total-sc.Nation.Population) > 1 {
		t.Errorf("nation.population %v, scenario total %v", sc.Nation.Population, total)
	}
	if total < 0.8e9 || total > 1.2e9 {
		t.Errorf("population %v, want about a billion", total)
	}
	if u := urban / total; math.Abs(u-0.2) > 0.005 {
		t.Errorf("start urbanisation %.3f, want 0.20 (report 2: China 1980)", u)
	}
	if sc.StartYear != 1980 || sc.Years != 70 {
		t.Errorf("runs %d for %d years, want 1980 for 70", sc.StartYear, sc.Years)
	}
	if r := sc.Migration.Rate * sc.Dt; r > 0.3 {
		t.Errorf("migration.rate x dt = %v > 0.3", r)
	}
	clusters := map[string]bool{}
	perRegion := map[string]int{}
	for _, c := range sc.Cities {
		perRegion[c.Region]++
		if c.Role == model.Core {
			clusters[c.Region] = true
		}
	}
	for _, c := range sc.Cities {
		if clusters[c.Region] != (c.Role == model.Core) {
			t.Errorf("city %s: a cluster region's cities are all cores, the others none", c.Name)
		}
	}
	if len(clusters) != 5 {
		t.Errorf("%d cluster regions, want the 5 major clusters (report 3)", len(clusters))
	}
	for _, r := range sc.Regions {
		if n := perRegion[r.Name]; n < 2 || n > 4 {
			t.Errorf("region %s has %d cities, want 2-4", r.Name, n)
		}
	}
}
