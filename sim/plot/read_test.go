package plot

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"factorflow/sim/output"
)

// copyRun copies the files of run directory src into a new directory and
// returns it, so that a test can break them.
func copyRun(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// edit replaces the first occurrence of old in dir/name by new.
func edit(t *testing.T, dir, name, old, new string) {
	t.Helper()
	path := filepath.Join(dir, name)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not hold %q", name, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestReadRun(t *testing.T) {
	dir := makeRun(t, "jing-jin-ji", "3", false)
	r, err := ReadRun(dir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{2015, 2016, 2017, 2018}, r.Years); diff != "" {
		t.Errorf("years (-want +got):\n%s", diff)
	}
	if len(r.Cities) != 13 || r.Cities[0] != "Beijing" || r.Cities[12] != "Hengshui" {
		t.Errorf("cities %q", r.Cities)
	}
	wantSectors := []string{"finance", "tech", "auto", "electronics", "parts", "steel", "logistics", "services"}
	if diff := cmp.Diff(wantSectors, r.Sectors); diff != "" {
		t.Errorf("sectors (-want +got):\n%s", diff)
	}
	// The cities' residents add up to the urban population of metrics.csv.
	urban := r.Metric("urban")
	for y := range r.Years {
		var sum float64
		for _, p := range r.Population[y] {
			sum += p
		}
		if d := sum/urban[y] - 1; d > 1e-8 || d < -1e-8 {
			t.Errorf("year %d: cities' residents %g, urban %g", r.Years[y], sum, urban[y])
		}
	}
	// Talent flows between cities over the talent residents, as the metric.
	flowTalent := r.Metric("flow_talent")
	m := r.Matrix(2016, "talent")
	var between float64
	for o := range r.Cities {
		for d := range r.Cities {
			between += m.Amount[o][d]
		}
	}
	if between <= 0 || flowTalent[1] <= 0 {
		t.Errorf("talent flows in 2016: %g between cities, metric %g", between, flowTalent[1])
	}
	if r.Manifest == nil || r.Manifest.Scenario != "jing-jin-ji" || len(r.Scenario) == 0 {
		t.Errorf("manifest %+v, scenario %d bytes", r.Manifest, len(r.Scenario))
	}
	if r.Stage[0] != "agglomeration" {
		t.Errorf("stage %q", r.Stage[0])
	}
}

func TestReadRunErrors(t *testing.T) {
	src := makeRun(t, "teaching", "2", false)
	for _, tc := range []struct {
		name  string
		spoil func(t *testing.T, dir string)
		want  string // the error holds it, after the directory
	}{
		{"no metrics", func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, output.MetricsFile)) }, "metrics.csv: missing"},
		{"killed", func(t *testing.T, dir string) {
			os.Rename(filepath.Join(dir, output.CitiesFile), filepath.Join(dir, output.CitiesFile+".tmp"))
		}, "cities.csv: missing: only its .tmp exists"},
		{"no flows", func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, output.FlowsFile)) }, "flows.csv: missing"},
		{"empty metrics", func(t *testing.T, dir string) { os.WriteFile(filepath.Join(dir, output.MetricsFile), nil, 0o644) }, "metrics.csv: empty file"},
		{"header only", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, output.MetricsFile), []byte("year,stage,urbanisation\n"), 0o644)
		}, "metrics.csv:2: no data rows"},
		{"bad number", func(t *testing.T, dir string) { edit(t, dir, output.MetricsFile, "\n2021,", "\n2021,x") }, `metrics.csv:3:2: stage "xagglomeration": want initiation, agglomeration or saturation`},
		{"bad metric", func(t *testing.T, dir string) {
			edit(t, dir, output.MetricsFile, ",agglomeration,29800000,", ",agglomeration,many,")
		}, "is not a number"},
		{"short row", func(t *testing.T, dir string) { edit(t, dir, output.MetricsFile, "\n2022,", "\n2022\n2022,") }, "metrics.csv:4:1: wrong number of fields"},
		{"bad year", func(t *testing.T, dir string) { edit(t, dir, output.CitiesFile, "\n2021,", "\n20x1,") }, `cities.csv:`},
		{"unknown year", func(t *testing.T, dir string) { edit(t, dir, output.CitiesFile, "\n2021,", "\n2099,") }, "year 2099 is not in metrics.csv"},
		{"years out of order", func(t *testing.T, dir string) { edit(t, dir, output.MetricsFile, "\n2022,", "\n2019,") }, "year 2019 after 2021"},
		{"duplicate column", func(t *testing.T, dir string) { edit(t, dir, output.CitiesFile, "year,city,", "year,year,") }, `cities.csv:1:2: column "year" appears twice`},
		{"no population", func(t *testing.T, dir string) { edit(t, dir, output.CitiesFile, ",population,", ",people,") }, `cities.csv:1: no column "population"`},
		{"duplicate city", func(t *testing.T, dir string) { edit(t, dir, output.CitiesFile, "\n2020,Harbor", "\n2020,Capital") }, `city "Capital" appears twice in year 2020`},
		{"bad factor", func(t *testing.T, dir string) { edit(t, dir, output.FlowsFile, ",talent,", ",brains,") }, `factor "brains": want one of talent, workers, capital, firms`},
		{"bad amount", func(t *testing.T, dir string) {
			edit(t, dir, output.FlowsFile, "\n2021,talent,", "\n2021,talent,a,b,lots\n2021,talent,")
		}, `flows.csv:2:5: column amount: "lots" is not a number`},
		{"bare quote", func(t *testing.T, dir string) { edit(t, dir, output.FlowsFile, "\n2021,talent,", "\n2021,\"talent,") }, "flows.csv:2"},
		{"bad scenario", func(t *testing.T, dir string) {
			edit(t, dir, output.ScenarioFile, "name = ", "name = = ") // the first line
		}, "scenario.toml:1:"},
		{"bad manifest", func(t *testing.T, dir string) { edit(t, dir, output.ManifestFile, `"seed": `, `"seed": x`) }, "manifest.json:6:"},
		{"manifest type", func(t *testing.T, dir string) { edit(t, dir, output.ManifestFile, `"seed": 1`, `"seed": "one"`) }, "manifest.json:6:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyRun(t, src)
			tc.spoil(t, dir)
			_, err := ReadRun(dir)
			if err == nil {
				t.Fatal("no error")
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Errorf("error %T, want *ParseError", err)
			}
			if !strings.Contains(err.Error(), dir+string(filepath.Separator)) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want the file and %q", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "plot: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
}

func TestReadInput(t *testing.T) {
	dir := makeRun(t, "teaching", "2", false)
	in, err := Read(dir)
	if err != nil || in.Run == nil || in.Compare != nil {
		t.Fatalf("Read(run dir): %+v, %v", in, err)
	}
	if got := in.DefaultDir(); got != filepath.Join(dir, "figures") {
		t.Errorf("DefaultDir %q", got)
	}
	if got := in.DefaultReport(); got != filepath.Join(dir, "report.html") {
		t.Errorf("DefaultReport %q", got)
	}
	cmpFile := filepath.Join(t.TempDir(), "c.csv")
	os.WriteFile(cmpFile, []byte(compareSample), 0o644)
	in, err = Read(cmpFile)
	if err != nil || in.Compare == nil || in.Run != nil {
		t.Fatalf("Read(compare csv): %+v, %v", in, err)
	}
	if got := in.DefaultDir(); got != strings.TrimSuffix(cmpFile, ".csv")+"-figures" {
		t.Errorf("DefaultDir %q", got)
	}
	if _, err := Read(filepath.Join(dir, "metrics.csv")); err == nil || !strings.Contains(err.Error(), "give the directory, "+dir) {
		t.Errorf("Read(metrics.csv): %v", err)
	}
	empty := t.TempDir()
	if _, err := Read(empty); err == nil || !strings.Contains(err.Error(), "not a run directory") {
		t.Errorf("Read(empty dir): %v", err)
	}
	if _, err := Read(filepath.Join(empty, "nope")); err == nil || !strings.Contains(err.Error(), "nope: missing") {
		t.Errorf("Read(missing): %v", err)
	}
}

// compareSample is a compare CSV of two years and three metrics.
const compareSample = `year,metric,base_mean,variant_mean,diff_mean,diff_ci_low,diff_ci_high,rel_change,reps
2015,urbanisation,0.5,0.5,0,0,0,0,3
2015,cliff,2.8,2.8,0,0,0,0,3
2015,synergy_gain,NaN,NaN,NaN,NaN,NaN,NaN,3
2016,urbanisation,0.51,0.52,0.01,0.005,0.015,0.0196,3
2016,cliff,2.8,2.7,-0.1,-0.2,0,-0.0357,3
2016,synergy_gain,NaN,NaN,NaN,NaN,NaN,NaN,3
`

func TestReadCompare(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.csv")
	os.WriteFile(path, []byte(compareSample), 0o644)
	c, err := ReadCompare(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"urbanisation", "cliff", "synergy_gain"}, c.Metrics); diff != "" {
		t.Errorf("metrics (-want +got):\n%s", diff)
	}
	years, diffs := c.Series("cliff")
	want := []Diff{{2.8, 2.8, 0, 0, 0, 0, 3, true}, {2.8, 2.7, -0.1, -0.2, 0, -0.0357, 3, true}}
	if diff := cmp.Diff([]int{2015, 2016}, years); diff != "" {
		t.Errorf("years (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, diffs); diff != "" {
		t.Errorf("cliff (-want +got):\n%s", diff)
	}
	if y, d := c.Series("nope"); y != nil || d != nil {
		t.Errorf("Series(nope) = %v, %v", y, d)
	}
}

func TestReadCompareErrors(t *testing.T) {
	head := strings.Join(compareCols, ",") + "\n"
	for _, tc := range []struct{ name, text, want string }{
		{"empty", "", "c.csv: empty file"},
		{"no rows", head, "c.csv:2: no data rows"},
		{"missing column", "year,metric\n", `c.csv:1: no column "base_mean"`},
		{"bad reps", head + "2015,cliff,1,1,0,0,0,0,0\n", `c.csv:2:9: column reps: "0" is not a count`},
		{"bad mean", head + "2015,cliff,1,one,0,0,0,0,3\n", `c.csv:2:4: column variant_mean: "one" is not a number`},
		{"twice", head + "2015,cliff,1,1,0,0,0,0,3\n2015,cliff,1,1,0,0,0,0,3\n", `c.csv:3:2: metric "cliff" appears twice in year 2015`},
		{"backwards", head + "2016,cliff,1,1,0,0,0,0,3\n2015,cliff,1,1,0,0,0,0,3\n", "c.csv:3:1: year 2015 after 2016"},
		{"fields", head + "2015,cliff,1\n", "c.csv:2:1: wrong number of fields"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c.csv")
			os.WriteFile(path, []byte(tc.text), 0o644)
			_, err := ReadCompare(path)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}
