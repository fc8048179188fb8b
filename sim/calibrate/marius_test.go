package calibrate

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"factorflow/scenarios"
	"factorflow/sim"
)

// mariusFile is a shipped MARIUS calibration file.
func mariusFile(name string) string {
	return filepath.Join("..", "..", "scenarios", "calibration", name)
}

// publishedFit is the family's fit at the published parameters over 1970,
// 1979 and 1989 (model/marius published_test.go).
const publishedFit = 0.6543671215

// TestMariusObjective: on the shipped MARIUS targets, the calibration's
// sorted-log10 objective of a run is the MARIUS family's own fit metric of
// the same run (the published measure), and at the published parameters
// it is 0.6544. One 30-year run of the 1,145 cities.
func TestMariusObjective(t *testing.T) {
	f, err := Load(mariusFile("marius-published.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Method != "evaluate" || f.Objective != "sorted-log10" || len(f.Params) != 8 {
		t.Fatalf("marius-published.toml: method %q, objective %q, %d params: want evaluate, sorted-log10, 8",
			f.Method, f.Objective, len(f.Params))
	}
	fit, holdout := 0, 0
	for _, tg := range f.TargetList() {
		if tg.Role == Fit {
			fit++
		} else {
			holdout++
		}
	}
	if fit != 3*1145 || holdout != 0 {
		t.Fatalf("%d fit and %d holdout targets, want 3 × 1,145 and none", fit, holdout)
	}
	x := space(f.Params).startX()
	sets := make([]string, len(x))
	for i, p := range f.Params {
		sets[i] = scenarios.SetValue(p.Path, x[i])
	}
	sc, err := scenarios.Apply(f.base, sets)
	if err != nil {
		t.Fatal(err)
	}
	def, err := scenarios.Load("marius", nil)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Marius != def.Marius {
		t.Fatalf("the start values %+v are not the scenario's published parameters %+v", sc.Marius, def.Marius)
	}
	pr := newProbe(f.targets, nil)
	var family, dead float64
	last := sim.ObserverFunc(func(fr *sim.Frame) error {
		for i, name := range fr.Metrics.FamilyNames {
			switch name {
			case "fit":
				family = fr.Metrics.Family[i]
			case "dead":
				dead = max(dead, fr.Metrics.Family[i])
			}
		}
		return nil
	})
	if err := sim.Run(context.Background(), sc, sim.Options{}, pr, last); err != nil {
		t.Fatal(err)
	}
	got := loss(f.Objective, f.targets, pr.out, Fit, make([]float64, len(pr.out)))
	if math.Abs(got-family) > 1e-12*family {
		t.Errorf("sorted-log10 objective %.15g, the family's fit %.15g: want equal", got, family)
	}
	if math.Abs(got-publishedFit) > 1e-9 {
		t.Errorf("objective at the published parameters %.10f, want %.10f", got, publishedFit)
	}
	if dead != 0 {
		t.Errorf("%g dead cities at the published parameters, want 0", dead)
	}
}

// mariusBudget is the stated budget of the MARIUS calibration from
// scratch: scenarios/calibration/marius.toml's.
const mariusBudget = 2000

// TestMariusCalibration calibrates MARIUS's eight parameters from scratch
// (no start values: a uniform screen, then IPOP-CMA-ES, with bonus and
// fixed cost searched relative to the economic multiplier and a no-dead-city
// constraint) with the shipped file and its budget, and requires issue 7's
// result: a fit at least as good as the published parameters' with no dead
// city. It takes about ten minutes on two cores: it runs only with
// FACTORFLOW_LONG=1 and not under the race detector:
//
//	FACTORFLOW_LONG=1 go test ./sim/calibrate -run TestMariusCalibration -v
//
// docs/calibration.md section 6 records the result.
func TestMariusCalibration(t *testing.T) {
	if os.Getenv("FACTORFLOW_LONG") != "1" {
		t.Skip("minutes long: set FACTORFLOW_LONG=1")
	}
	if raceEnabled {
		t.Skip("minutes long, ten times that under the race detector")
	}
	f, err := Load(mariusFile("marius.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Method != "cmaes" || f.Budget != mariusBudget || f.Objective != "sorted-log10" || len(f.Params) != 8 {
		t.Fatalf("marius.toml: method %q, budget %d, objective %q, %d params: want cmaes, %d, sorted-log10, 8",
			f.Method, f.Budget, f.Objective, len(f.Params), mariusBudget)
	}
	for _, p := range f.Params {
		if p.Start != nil {
			t.Fatalf("%s starts at %g: a calibration from scratch has no start", p.Path, *p.Start)
		}
	}
	res, err := Run(context.Background(), f, filepath.Join(t.TempDir(), "out"), Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d evaluations: fit %.4f (published %.4f) at %v", res.Evaluations, res.Fit, publishedFit, res.Best)
	if res.Evaluations > mariusBudget || !(res.Fit <= publishedFit) {
		t.Fatalf("%d evaluations, fit %.6f: want at most %d evaluations and a fit ≤ the published %.6f",
			res.Evaluations, res.Fit, mariusBudget, publishedFit)
	}
	sc, err := scenarios.Load(filepath.Join(res.Dir, BestFile), nil)
	if err != nil {
		t.Fatal(err)
	}
	var dead, fit float64
	var years []string
	obs := sim.ObserverFunc(func(fr *sim.Frame) error {
		var year, yearFit float64
		for i, name := range fr.Metrics.FamilyNames {
			switch name {
			case "dead":
				dead = max(dead, fr.Metrics.Family[i])
			case "fit":
				fit = fr.Metrics.Family[i]
			case "census_year":
				year = fr.Metrics.Family[i]
			case "census_fit":
				yearFit = fr.Metrics.Family[i]
			}
		}
		if int(year) == fr.Year && fr.Year != sc.StartYear {
			years = append(years, fmt.Sprintf("%d: %.4f", fr.Year, yearFit))
		}
		return nil
	})
	if err := sim.Run(context.Background(), sc, sim.Options{}, obs); err != nil {
		t.Fatal(err)
	}
	t.Logf("best.toml: fit by census %s; at most %g dead cities", strings.Join(years, ", "), dead)
	if dead != 0 || math.Abs(fit-res.Fit) > 1e-9*res.Fit {
		t.Errorf("best.toml: %g dead cities (want 0), fit %.10f (want the calibration's %.10f)", dead, fit, res.Fit)
	}
}

// BenchmarkMariusEvaluate is one evaluation of a MARIUS calibration: the
// 30-year run of the 1,145 cities at the published parameters and the
// objective, as the worker pool runs each point.
func BenchmarkMariusEvaluate(b *testing.B) {
	f, err := Load(mariusFile("marius-published.toml"))
	if err != nil {
		b.Fatal(err)
	}
	x := space(f.Params).startX()
	ev := &evaluator{f: f}
	b.ReportAllocs()
	for b.Loop() {
		if rec := ev.run(0, x); rec.Status != "ok" {
			b.Fatal(rec.Error)
		}
	}
}
