package bifurcation

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"factorflow/model"
	"factorflow/model/coreperiphery"
	"factorflow/scenarios"
)

func load(t testing.TB, name string, sets ...string) *model.Scenario {
	t.Helper()
	sc, err := scenarios.Load(name, sets)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// TestDetectedPoints: the break and sustain points that Trace detects on
// a coarse grid of φ are within 1e-3 (in fact 1e-6) of the closed forms,
// for both families and several (σ, μ); the symmetric equilibrium is
// stable below the break point and full agglomeration above the sustain
// point.
func TestDetectedPoints(t *testing.T) {
	cases := []struct{ sigma, mu float64 }{{5, 0.4}, {4, 0.3}, {6, 0.5}, {3, 0.2}}
	for _, fam := range []string{"core-periphery", "footloose-entrepreneur"} {
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s/sigma=%g/mu=%g", fam, c.sigma, c.mu), func(t *testing.T) {
				sc := load(t, fam, fmt.Sprintf("core_periphery.sigma=%g", c.sigma), fmt.Sprintf("core_periphery.mu=%g", c.mu))
				k, _ := coreperiphery.KindOf(fam)
				res, err := Trace(context.Background(), sc, Spec{Param: "core_periphery.phi", From: 0.02, To: 0.98, Steps: 12, MaxSteps: 1})
				if err != nil {
					t.Fatal(err)
				}
				for _, kind := range []string{"break", "sustain"} {
					tr, ok := res.Find(kind)
					if !ok {
						t.Fatalf("no %s point found: %+v", kind, res.Transitions)
					}
					want, _ := ClosedForm(sc, "core_periphery.phi", kind)
					if math.Abs(tr.Value-want) > 1e-6 {
						t.Errorf("%s point %.8f, closed form %.8f", kind, tr.Value, want)
					}
					if tr.StableBelow != (kind == "break") {
						t.Errorf("%s point: stable below = %v", kind, tr.StableBelow)
					}
				}
				b, _ := coreperiphery.BreakPoint(k, c.sigma, c.mu)
				if want, _ := ClosedForm(sc, "core_periphery.phi", "break"); want != b {
					t.Errorf("ClosedForm gave break point %g, BreakPoint %g", want, b)
				}
			})
		}
	}
}

// TestTomahawk: at the textbook values the traces follow the tomahawk:
// below φ_S both starts end symmetric, between φ_S and φ_B each keeps its
// side (hysteresis) and an unstable interior equilibrium separates them,
// above φ_B both end agglomerated.
func TestTomahawk(t *testing.T) {
	sc := load(t, "core-periphery")
	// φ_S = 0.0937, φ_B = 0.1429 for σ = 5, μ = 0.4.
	res, err := Trace(context.Background(), sc, Spec{Param: "core_periphery.phi", From: 0.06, To: 0.2, Steps: 2})
	if err != nil {
		t.Fatal(err)
	}
	low, mid, high := res.Points[0], res.Points[1], res.Points[2]
	near := func(x, want float64) bool { return math.Abs(x-want) < 1e-6 }
	if !near(low.FromSymmetric, 0.5) || !near(low.FromCore, 0.5) || !low.SymmetricStable || low.CoreSustainable || len(low.Interior) != 0 {
		t.Errorf("phi %g: %+v, want both traces at 1/2 and no interior equilibrium", low.Value, low)
	}
	if !near(mid.FromSymmetric, 0.5) || !near(mid.FromCore, 1) || !mid.SymmetricStable || !mid.CoreSustainable {
		t.Errorf("phi %g: %+v, want hysteresis", mid.Value, mid)
	}
	if len(mid.Interior) != 1 || mid.Interior[0].Stable || !(mid.Interior[0].Lambda > 0.5 && mid.Interior[0].Lambda < 1) {
		t.Errorf("phi %g: interior equilibria %+v, want one unstable", mid.Value, mid.Interior)
	}
	if !near(high.FromSymmetric, 1) || !near(high.FromCore, 1) || high.SymmetricStable || !high.CoreSustainable {
		t.Errorf("phi %g: %+v, want both traces agglomerated", high.Value, high)
	}
	for _, pt := range res.Points {
		if !pt.SymmetricConverged || !pt.CoreConverged {
			t.Errorf("phi %g: a trace did not settle", pt.Value)
		}
	}
}

// TestTradeCost traces over the iceberg cost T, which runs the diagram
// the other way: agglomeration is stable at low T.
func TestTradeCost(t *testing.T) {
	sc := load(t, "core-periphery")
	res, err := Trace(context.Background(), sc, Spec{Param: "core_periphery.trade_cost", From: 1.2, To: 2.2, Steps: 5, MaxSteps: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"break", "sustain"} {
		tr, ok := res.Find(kind)
		want, _ := ClosedForm(sc, "core_periphery.trade_cost", kind)
		if !ok || math.Abs(tr.Value-want) > 1e-6 || tr.StableBelow == (kind == "break") {
			t.Errorf("%s: %+v (found %v), want T = %g with the stable side above", kind, tr, ok, want)
		}
	}
}

func TestTraceErrors(t *testing.T) {
	cp := load(t, "core-periphery")
	tests := []struct {
		name string
		sc   *model.Scenario
		spec Spec
		want string
	}{
		{"family", load(t, "teaching"), Spec{Param: "core_periphery.phi", From: 0.1, To: 0.2, Steps: 2}, "needs core-periphery or footloose-entrepreneur"},
		{"steps", cp, Spec{Param: "core_periphery.phi", From: 0.1, To: 0.2}, "steps = 0"},
		{"range", cp, Spec{Param: "core_periphery.phi", From: 0.1, To: 0.1, Steps: 2}, "two different finite values"},
		{"no param", cp, Spec{From: 0.1, To: 0.2, Steps: 2}, "no parameter"},
		{"out of range", cp, Spec{Param: "core_periphery.phi", From: 0.5, To: 1.5, Steps: 2}, "core_periphery.phi=1.5"},
		{"unknown", cp, Spec{Param: "core_periphery.nothing", From: 0.1, To: 0.2, Steps: 2}, "nothing"},
	}
	three := load(t, "core-periphery")
	three.Cities = append(three.Cities, three.Cities[0])
	tests = append(tests, struct {
		name string
		sc   *model.Scenario
		spec Spec
		want string
	}{"regions", three, Spec{Param: "core_periphery.phi", From: 0.1, To: 0.2, Steps: 2}, "needs two"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Trace(context.Background(), tt.sc, tt.spec)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Trace(ctx, cp, Spec{Param: "core_periphery.phi", From: 0.1, To: 0.2, Steps: 2}); err != context.Canceled {
		t.Errorf("cancelled: %v", err)
	}
}

// TestWriteCSV checks the tables' structure and that they are the same
// bytes on a second trace.
func TestWriteCSV(t *testing.T) {
	sc := load(t, "footloose-entrepreneur")
	spec := Spec{Param: "core_periphery.phi", From: 0.6, To: 0.8, Steps: 4, MaxSteps: 50}
	write := func() (string, string) {
		res, err := Trace(context.Background(), sc, spec)
		if err != nil {
			t.Fatal(err)
		}
		var a, b bytes.Buffer
		if err := res.WriteCSV(&a); err != nil {
			t.Fatal(err)
		}
		if err := res.WritePoints(&b, sc); err != nil {
			t.Fatal(err)
		}
		return a.String(), b.String()
	}
	diagram, points := write()
	d2, p2 := write()
	if diagram != d2 || points != p2 {
		t.Error("a second trace wrote different bytes")
	}
	lines := strings.Split(strings.TrimSpace(diagram), "\n")
	if lines[0] != "core_periphery.phi,branch,lambda,stable" {
		t.Errorf("header %q", lines[0])
	}
	if !strings.HasPrefix(lines[1], "0.6,symmetric,0.5,true") {
		t.Errorf("first row %q", lines[1])
	}
	pl := strings.Split(strings.TrimSpace(points), "\n")
	if len(pl) != 3 || pl[0] != "kind,param,value,stable_below,closed_form" ||
		!strings.HasPrefix(pl[1], "sustain,core_periphery.phi,0.695") || !strings.HasPrefix(pl[2], "break,core_periphery.phi,0.696") {
		t.Errorf("points:\n%s", points)
	}
}

func ExampleTrace() {
	sc, err := scenarios.Load("core-periphery", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := Trace(context.Background(), sc, Spec{Param: "core_periphery.phi", From: 0.05, To: 0.3, Steps: 5, MaxSteps: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, tr := range res.Transitions {
		fmt.Printf("%s point phi = %.4f\n", tr.Kind, tr.Value)
	}
	// Output:
	// sustain point phi = 0.0937
	// break point phi = 0.1429
}

func BenchmarkTrace(b *testing.B) {
	sc := load(b, "core-periphery")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Trace(context.Background(), sc, Spec{Param: "core_periphery.phi", From: 0.05, To: 0.3, Steps: 10}); err != nil {
			b.Fatal(err)
		}
	}
}
