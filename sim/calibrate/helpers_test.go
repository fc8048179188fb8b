package calibrate

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"factorflow/model"
	"factorflow/scenarios"
	"factorflow/sim"
)

// funcProblem is a Problem of a plain function of the parameters.
type funcProblem struct {
	fn    func(x []float64) float64
	calls int
}

func (p *funcProblem) Evaluate(_ context.Context, xs [][]float64) ([]float64, error) {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = p.fn(x)
		p.calls++
	}
	return out, nil
}

// gaussToy is the ABC toy: n draws from N(mu, 1), summarised by their
// mean; the distance is the squared difference of the means. Point i's
// draws come from stream i, so results depend only on the call history.
type gaussToy struct {
	n    int
	obs  float64
	next uint64
}

func (g *gaussToy) Evaluate(_ context.Context, xs [][]float64) ([]float64, error) {
	out := make([]float64, len(xs))
	for i, x := range xs {
		rng := rand.New(rand.NewPCG(7, g.next))
		g.next++
		var s float64
		for range g.n {
			s += x[0] + rng.NormFloat64()
		}
		d := s/float64(g.n) - g.obs
		out[i] = d * d
	}
	return out, nil
}

// truth is a parameter's true value in a recovery test.
type truth struct {
	path         string
	value        float64
	lower, upper float64
	log          bool
}

// writeRecovery writes, into a new directory, a calibration of the
// teaching scenario over the parameters of ts and targets that the model
// made at their true values: every city's population and output in the
// given years, the mean over reps replications (runs 0..reps-1), the
// cities named in holdout held back. It returns the calibration file.
func writeRecovery(t testing.TB, mode string, years, reps int, ts []truth, targetYears []int, holdout []string, extra string) string {
	t.Helper()
	return writeRecoveryOf(t, []string{"population", "output"}, mode, years, reps, ts, targetYears, holdout, extra)
}

// writeRecoveryOf is writeRecovery with targets on the variables vars.
func writeRecoveryOf(t testing.TB, vars []string, mode string, years, reps int, ts []truth, targetYears []int, holdout []string, extra string) string {
	t.Helper()
	dir := t.TempDir()
	sets := []string{"mode=" + mode, fmt.Sprintf("years=%d", years), "seed=1"}
	for _, tr := range ts {
		sets = append(sets, scenarios.SetValue(tr.path, tr.value))
	}
	sc, err := scenarios.Load("teaching", sets)
	if err != nil {
		t.Fatal(err)
	}
	var targets []Target
	for _, y := range targetYears {
		for _, c := range sc.Cities {
			for _, v := range vars {
				targets = append(targets, Target{Year: y, Unit: c.Name, Variable: v, Role: Fit})
			}
		}
	}
	sum := make([]float64, len(targets))
	for r := range reps {
		p := newProbe(targets, nil)
		if err := sim.Run(context.Background(), sc, sim.Options{Run: uint64(r)}, p); err != nil {
			t.Fatal(err)
		}
		for i, v := range p.out {
			sum[i] += v / float64(reps)
		}
	}
	var csv strings.Builder
	csv.WriteString("year,unit,variable,value,role\n")
	for i, tg := range targets {
		role := "fit"
		for _, h := range holdout {
			if tg.Unit == h {
				role = "holdout"
			}
		}
		fmt.Fprintf(&csv, "%d,%s,%s,%s,%s\n", tg.Year, tg.Unit, tg.Variable, num(sum[i]), role)
	}
	if err := os.WriteFile(filepath.Join(dir, "targets.csv"), []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "scenario = \"teaching\"\nmode = %q\nyears = %d\nreps = %d\ntargets = \"targets.csv\"\n%s\n", mode, years, reps, extra)
	for _, tr := range ts {
		fmt.Fprintf(&b, "\n[[params]]\npath = %q\nlower = %s\nupper = %s\nlog = %v\n", tr.path, tomlFloat(tr.lower), tomlFloat(tr.upper), tr.log)
	}
	path := filepath.Join(dir, "calibration.toml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// relErr is |got − want| / |want|.
func relErr(got, want float64) float64 { return math.Abs(got-want) / math.Abs(want) }

func loadTeaching(t testing.TB) *model.Scenario {
	t.Helper()
	sc, err := scenarios.Load("teaching", nil)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func scenarioOf(path string) (*model.Scenario, error) { return scenarios.Load(path, nil) }
