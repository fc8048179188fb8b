package plot

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"factorflow/scenarios"
	"factorflow/sim"
	"factorflow/sim/output"
)

// runDirs caches the run directories the tests make, one per scenario and
// option set, in a directory removed when the package's tests end.
var (
	runMu   sync.Mutex
	runDirs = map[string]string{}
)

// makeRun runs scenario name for years years (with the synergy metrics if
// synergy) and returns its run directory. Runs are cached: tests must not
// modify the directory.
func makeRun(t testing.TB, name string, years string, synergy bool) string {
	t.Helper()
	key := name + "/" + years
	if synergy {
		key += "/synergy"
	}
	runMu.Lock()
	defer runMu.Unlock()
	if dir, ok := runDirs[key]; ok {
		return dir
	}
	sc, err := scenarios.Load(name, []string{"years=" + years})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(testRoot, filepath.FromSlash(key))
	w, err := output.Create(dir, sc, output.Meta{Version: "test", Args: []string{"test"}})
	if err != nil {
		t.Fatal(err)
	}
	runErr := sim.Run(context.Background(), sc, sim.Options{Synergy: synergy}, w)
	if err := w.Close(runErr); err != nil || runErr != nil {
		t.Fatalf("run %s: %v, %v", key, runErr, err)
	}
	runDirs[key] = dir
	return dir
}

// testRoot holds the runs of makeRun; TestMain removes it.
var testRoot string

func TestMain(m *testing.M) {
	var err error
	testRoot, err = os.MkdirTemp("", "factorflow-plot-test")
	if err != nil {
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(testRoot)
	os.Exit(code)
}
