// Package facts checks the stylized facts of the report (MODEL.md section
// 6, F1–F9) against the shipped scenarios. Each fact runs the scenarios it
// needs, measures what the report says, and compares it with a threshold
// stated in its code with the reason beside it. The test suite and the
// `factorflow facts` command both run them, so that the table a reviewer
// sees is the one the tests assert.
package facts

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"

	"factorflow/model"
	"factorflow/scenarios"
	"factorflow/sim"
)

// Fact is one stylized fact of the report.
type Fact struct {
	ID    string // "F1" … "F9"
	Name  string
	Claim string // what the report says
	Check func(ctx context.Context) (Result, error)
}

// Result is what a fact's check measured.
type Result struct {
	Measured string // the numbers behind the verdict, for people
	Pass     bool
	Failures []string // each failed condition, for people
}

// cond records one condition of a fact.
func (r *Result) cond(ok bool, format string, args ...any) {
	if !ok {
		r.Failures = append(r.Failures, fmt.Sprintf(format, args...))
	}
}

// finish sets Pass from the conditions.
func (r Result) finish() Result {
	r.Pass = len(r.Failures) == 0
	return r
}

// All lists the facts in order.
func All() []Fact {
	return []Fact{
		{"F1", "stages", "A nation starting at 20 % urbanisation passes initiation, agglomeration and saturation; the fastest year lies between 30 % and 70 %; above 70 % urbanisation slows to at most half the peak, below 0.3 points a year past 80 %; the clusters' share of the population rises into 50–60 % and stays.", checkStages},
		{"F2", "hierarchy", "A mature cluster has 1–2 primary cores (> 5 M), 3–5 secondary cores (0.5–5 M) and many small cities; rank-size exponent near 1.", checkHierarchy},
		{"F3", "differentiation", "Specialisation among cores rises from initiation to agglomeration to saturation; cloud sectors concentrate in cores while chain manufacturing moves to secondary and small cities; dearer core land lowers the core's chain share.", checkDifferentiation},
		{"F4", "synergy", "The synergy gain (\"1 + 1 > 2\") is positive, rises with transport density and falls with the administrative barrier.", checkSynergy},
		{"F5", "economic cliff", "Under Jing-Jin-Ji's barriers the Beijing–Tianjin / Hebei output-per-capita ratio stays above 2.5 for 20 years and little of the cores' investment reaches Hebei; with lower barriers the ratio is lower and Hebei's output and share of the cores' investment are higher.", checkCliff},
		{"F6", "hukou", "Relaxing hukou raises migration into the cores and lowers the service-access gap; tightening it does the reverse.", checkHukou},
		{"F7", "policy pyramid", "At equal discounted fiscal cost, barrier removal has the highest leverage and subsidy the lowest (below 1); a long subsidy to a declining heavy sector delays its restructuring.", checkPyramid},
		{"F8", "path", "Infrastructure raises the effect of later industrial coordination: the same industry policy gains more with high connectivity.", checkPath},
		{"F9", "market coordination", "Fiscal benefit sharing and co-built parks raise firm relocation from cores to the hinterland.", checkMarket},
	}
}

// Series is what a run recorded, by year (index 0 is the start).
type Series struct {
	Years  []int
	values map[string][]float64
}

// Get returns the series of a metric column or a custom probe.
func (s *Series) Get(name string) []float64 { return s.values[name] }

// At returns the value of name in year y (NaN if the year was not run).
func (s *Series) At(name string, y int) float64 {
	for i, yy := range s.Years {
		if yy == y {
			return s.values[name][i]
		}
	}
	return math.NaN()
}

// Probe computes one number from a frame.
type Probe func(f *sim.Frame) float64

// Run simulates sc and records every metric and the given probes each year.
func Run(ctx context.Context, sc *model.Scenario, opt sim.Options, probes map[string]Probe) (*Series, error) {
	s := &Series{values: map[string][]float64{}}
	var buf []float64
	rec := sim.ObserverFunc(func(f *sim.Frame) error {
		s.Years = append(s.Years, f.Year)
		buf = f.Metrics.Values(buf[:0])
		for i, c := range f.Metrics.Columns() {
			s.values[c] = append(s.values[c], buf[i])
		}
		for name, p := range probes {
			s.values[name] = append(s.values[name], p(f))
		}
		return nil
	})
	if err := sim.Run(ctx, sc, opt, rec); err != nil {
		return nil, fmt.Errorf("facts: %s: %w", sc.Name, err)
	}
	return s, nil
}

// load returns an embedded scenario in mean-field mode with sets applied.
func load(ctx context.Context, name string, sets ...string) (*model.Scenario, error) {
	return scenarios.Load(name, withOverrides(ctx, sets))
}

// variant returns base extended by the TOML text body (policies and the
// like), in mean-field mode.
func variant(ctx context.Context, base, name, body string, sets ...string) (*model.Scenario, error) {
	text := fmt.Sprintf("name = %q\nextends = %q\n%s", name, base, body)
	return scenarios.Parse(name+".toml", []byte(text), withOverrides(ctx, sets))
}

// runAll loads and runs the named embedded scenarios.
func runAll(ctx context.Context, opt sim.Options, probes map[string]Probe, names ...string) (map[string]*Series, error) {
	out := make(map[string]*Series, len(names))
	for _, n := range names {
		sc, err := load(ctx, n)
		if err != nil {
			return nil, err
		}
		if out[n], err = Run(ctx, sc, opt, probes); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// mean returns the mean of x over the years [from, to] of s.
func mean(s *Series, name string, from, to int) float64 {
	var sum float64
	var n int
	for i, y := range s.Years {
		if y >= from && y <= to {
			sum += s.values[name][i]
			n++
		}
	}
	return sum / float64(n)
}

// total returns the sum of name over the years (from, to] of s.
func total(s *Series, name string, from, to int) float64 {
	var sum float64
	for i, y := range s.Years {
		if y > from && y <= to {
			sum += s.values[name][i]
		}
	}
	return sum
}

// discounted returns Σ name_t / (1 + rate)^(t − from) over (from, to].
func discounted(s *Series, name string, from, to int, rate float64) float64 {
	var sum float64
	for i, y := range s.Years {
		if y > from && y <= to {
			sum += s.values[name][i] / math.Pow(1+rate, float64(y-from))
		}
	}
	return sum
}

// isCore reports whether city c of the frame's scenario has the core role.
func isCore(f *sim.Frame, c int) bool { return f.Scenario.Cities[c].Role == model.Core }

// flowCoreTo sums factor flows out of core cities into cities for which
// into(j) holds, and, as the second value, all flows out of core cities
// (their own city included: the stay).
func flowCoreTo(f *sim.Frame, factor model.Factor, into func(j int) bool) (to, all float64) {
	st := f.State
	N := st.N
	for i := 0; i < N; i++ {
		if !isCore(f, i) {
			continue
		}
		for j := 0; j < N; j++ {
			x := st.Flow[factor][i*N+j]
			all += x
			if into(j) {
				to += x
			}
		}
	}
	return to, all
}

// arrivals is the number of people arriving in city j in the frame's year:
// talent and workers from other cities, and movers from the hinterlands.
func arrivals(f *sim.Frame, j int) float64 {
	st := f.State
	N := st.N
	var in float64
	for _, k := range []model.Factor{model.FlowTalent, model.FlowWorkers} {
		for i := 0; i < N; i++ {
			if i != j {
				in += st.Flow[k][i*N+j]
			}
		}
	}
	for r := 0; r < st.R; r++ {
		in += st.RuralFlow[r*N+j]
	}
	return in
}

type overridesKey struct{}

// WithOverrides returns a context under which every scenario of the fact
// suite is loaded with the given key=value overrides on top of its own (the
// --set syntax of the scenarios package): how robust a fact is to a
// parameter.
func WithOverrides(ctx context.Context, sets []string) context.Context {
	return context.WithValue(ctx, overridesKey{}, append([]string(nil), sets...))
}

// withOverrides returns the overrides of a fact's scenario: mean-field
// mode, the fact's own sets, then the context's.
func withOverrides(ctx context.Context, sets []string) []string {
	out := append([]string{"mode=mean-field"}, sets...)
	extra, _ := ctx.Value(overridesKey{}).([]string)
	return append(out, extra...)
}

// replicate calls run(rep) for rep = 1..n on up to GOMAXPROCS goroutines
// and returns the failed replications' errors joined (nil if none); once
// ctx is done, the replications not yet started fail with its error. Each
// call must write only its own rep's results, so the outcome does not
// depend on the order of the runs.
func replicate(ctx context.Context, n int, run func(rep int) error) error {
	reps := make(chan int)
	errs := make([]error, n+1)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for rep := range reps {
				if ctx.Err() != nil {
					errs[rep] = ctx.Err()
					continue
				}
				errs[rep] = run(rep)
			}
		}()
	}
	for rep := 1; rep <= n; rep++ {
		reps <- rep
	}
	close(reps)
	wg.Wait()
	return errors.Join(errs...)
}
