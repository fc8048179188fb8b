package plot_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"factorflow/scenarios"
	"factorflow/sim"
	"factorflow/sim/output"
	"factorflow/sim/plot"
)

// Figures of a run directory: run the teaching scenario for two years,
// read the directory back and write its figures as SVG.
func Example() {
	parent, err := os.MkdirTemp("", "factorflow-plot-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(parent)
	dir := filepath.Join(parent, "run")

	sc, err := scenarios.Load("teaching", []string{"years=2"})
	if err != nil {
		log.Fatal(err)
	}
	w, err := output.Create(dir, sc, output.Meta{Version: "example"})
	if err != nil {
		log.Fatal(err)
	}
	if err := w.Close(sim.Run(context.Background(), sc, sim.Options{}, w)); err != nil {
		log.Fatal(err)
	}

	in, err := plot.Read(dir)
	if err != nil {
		log.Fatal(err)
	}
	figs, err := in.Figures(plot.Options{Factor: "talent"})
	if err != nil {
		log.Fatal(err)
	}
	paths, err := plot.WriteFigures(in.DefaultDir(), figs, "svg")
	if err != nil {
		log.Fatal(err)
	}
	for i, p := range paths {
		rel, _ := filepath.Rel(dir, p)
		fmt.Printf("%-28s %s\n", filepath.ToSlash(rel), figs[i].Title)
	}
	// Output:
	// figures/population.svg       Population by city — teaching, seed 1
	// figures/urbanisation.svg     Urbanisation and its stages — teaching, seed 1
	// figures/sectors-2022.svg     Sector shares of output by city, 2022 — teaching, seed 1
	// figures/flows-talent-2022.svg Flows of talent, 2022 — teaching, seed 1
	// figures/metrics.svg          Cluster metrics — teaching, seed 1
}

// A compare CSV of factorflow compare gives one figure: the differences of
// the key metrics with their confidence bands.
func ExampleCompareFigures() {
	file := filepath.Join(os.TempDir(), "factorflow-example-compare.csv")
	defer os.Remove(file)
	csv := "year,metric,base_mean,variant_mean,diff_mean,diff_ci_low,diff_ci_high,rel_change,reps\n" +
		"2015,cliff,2.8,2.8,0,0,0,0,5\n" +
		"2016,cliff,2.8,2.7,-0.1,-0.15,-0.05,-0.0357,5\n"
	if err := os.WriteFile(file, []byte(csv), 0o644); err != nil {
		log.Fatal(err)
	}
	c, err := plot.ReadCompare(file)
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range plot.CompareFigures(c) {
		fmt.Println(f.Name)
	}
	_, diffs := c.Series("cliff")
	fmt.Printf("2016: %+.2f [%+.2f, %+.2f]\n", diffs[1].Mean, diffs[1].Low, diffs[1].High)
	// Output:
	// compare
	// 2016: -0.10 [-0.15, -0.05]
}

// The tomahawk of a bifurcation directory of factorflow bifurcation, with
// its break and sustain points.
func ExampleReadTomahawk() {
	t, err := plot.ReadTomahawk(filepath.Join("testdata", "bifurcation"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d values from %g to %g\n", t.Param, len(t.Values), t.Values[0], t.Values[len(t.Values)-1])
	for _, p := range t.Points {
		fmt.Printf("%s point %.4f (closed form %.4f)\n", p.Kind, p.Value, p.ClosedForm)
	}
	fig := plot.TomahawkFigure(t)
	svg, err := fig.Render("svg")
	fmt.Println(fig.Name, len(svg) > 0, err)
	// Output:
	// core_periphery.phi: 9 values from 0.05 to 0.25
	// sustain point 0.0937 (closed form 0.0937)
	// break point 0.1429 (closed form 0.1429)
	// tomahawk true <nil>
}

// The figures of a calibration directory of factorflow calibrate (here an
// ABC-SMC posterior).
func ExampleCalibrationFigures() {
	c, err := plot.ReadCalibration(filepath.Join("testdata", "calibration-abc-smc"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d points, %d particles of %v\n", c.Method, c.Evaluations, len(c.Posterior), c.Params)
	for _, f := range plot.CalibrationFigures(c) {
		fmt.Println(f.Name+":", f.Title)
	}
	// Output:
	// abc-smc: 120 points, 30 particles of [production.tfp_growth migration.rate]
	// fit: Observed and simulated targets at the best fit
	// convergence: Convergence of abc-smc: best objective by points evaluated
	// posterior: Posterior marginals (abc-smc, 30 particles) with 90 % credible intervals
}
