package sim

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"factorflow/model"
	"factorflow/scenarios"
)

// logistic is a toy family: one city whose residents grow by a share a
// year (stage "grow") and whose output follows them (stage "produce").
type logistic struct {
	st     *model.State
	rate   float64
	calls  []string
	checks int
	fail   bool
}

func (l *logistic) Stages() []string   { return []string{"grow", "produce"} }
func (l *logistic) Enabled(i int) bool { return true }
func (l *logistic) Stage(i int) error {
	l.calls = append(l.calls, l.Stages()[i])
	switch i {
	case 0:
		l.st.Pop[model.WorkerLocal][0] *= 1 + l.rate
	case 1:
		l.st.V[0] = l.st.Pop[model.WorkerLocal][0]
	}
	return nil
}
func (l *logistic) Metrics(m *model.Metrics) {
	m.Population = l.st.Pop[model.WorkerLocal][0]
	m.FamilyNames = []string{"double"}
	m.Family = append(m.Family[:0], 2*m.Population)
}
func (l *logistic) CheckBefore(int) { l.checks++ }
func (l *logistic) CheckAfter(int) error {
	if l.fail {
		return errors.New("toy invariant broken")
	}
	return nil
}

// withFamily registers a family under name for the test's duration.
func withFamily(t *testing.T, name string, f Family) {
	t.Helper()
	families[name] = f
	t.Cleanup(func() { delete(families, name) })
}

func TestFamilyRunsItsStagesInOrder(t *testing.T) {
	var toy *logistic
	withFamily(t, "toy", func(sc *model.Scenario, opt Options) (Mechanisms, *model.State, error) {
		st := model.NewState(len(sc.Cities), len(sc.Regions), len(sc.Sectors))
		st.Pop[model.WorkerLocal][0] = 100
		toy = &logistic{st: st, rate: 0.1, fail: opt.Run == 7}
		return toy, st, nil
	})
	sc, err := scenarios.Load("teaching", []string{"years=3", "mode=mean-field"})
	if err != nil {
		t.Fatal(err)
	}
	sc.Family = "toy"
	var pops, doubles []float64
	obs := ObserverFunc(func(f *Frame) error {
		pops = append(pops, f.Metrics.Population)
		doubles = append(doubles, f.Metrics.Family[0])
		if got := f.Metrics.Columns(); got[len(got)-1] != "double" {
			t.Errorf("last metric column %q, want the family's %q", got[len(got)-1], "double")
		}
		return nil
	})
	if err := Run(context.Background(), sc, Options{Check: true}, obs); err != nil {
		t.Fatal(err)
	}
	want := []float64{100, 110, 121, 133.1}
	for i := range want {
		if d := pops[i] - want[i]; d > 1e-9 || d < -1e-9 || doubles[i] != 2*pops[i] {
			t.Fatalf("populations %v, doubles %v; want %v and twice that", pops, doubles, want)
		}
	}
	wantCalls := strings.Repeat("grow produce ", 3)
	if got := strings.Join(toy.calls, " ") + " "; got != wantCalls {
		t.Errorf("stages ran %q, want %q", got, wantCalls)
	}
	if toy.checks != 6 {
		t.Errorf("CheckBefore called %d times, want 6 (2 stages × 3 years)", toy.checks)
	}
	err = Run(context.Background(), sc, Options{Check: true, Run: 7})
	if err == nil || !strings.Contains(err.Error(), "toy invariant broken") {
		t.Errorf("a failing family check gave %v, want its error", err)
	}
}

func TestUnknownFamily(t *testing.T) {
	sc, err := scenarios.Load("teaching", []string{"years=1"})
	if err != nil {
		t.Fatal(err)
	}
	sc.Family = "no-such-family"
	_, err = New(sc, Options{})
	if err == nil || !strings.Contains(err.Error(), `family "no-such-family"`) {
		t.Fatalf("New with an unknown family: %v, want an error naming it", err)
	}
	if got := Families(); !slices.Contains(got, "synergy") {
		t.Errorf("Families() = %v, want synergy among them", got)
	}
}
