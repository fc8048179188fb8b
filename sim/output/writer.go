package output

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"factorflow/model"
	"factorflow/scenarios"
	"factorflow/sim"
)

// Meta describes the run for the manifest.
type Meta struct {
	Version   string // factorflow version
	GoVersion string // default runtime.Version()
	// Seed and Mode of the run; when Mode is empty both are taken from the
	// scenario.
	Seed int64
	Mode string
	// ScenarioHash is set by Create: the hex sha256 of scenario.toml as
	// written. A value given is replaced.
	ScenarioHash string
	Start        time.Time // default time.Now() at Create
	Args         []string  // command line, recorded as given
}

// Writer writes one run directory. It is a sim.Observer; it is not safe for
// concurrent use.
type Writer struct {
	dir  string
	sc   *model.Scenario
	meta Meta
	toml int64 // bytes of scenario.toml

	cities, regions, flows, metrics, policies *table
	tables                                    []*table

	started  bool // headers written
	years    int
	lastYear int
	closed   bool
	err      error // first error of Observe

	// Reused per frame, filled on the first frame.
	metricCols  []string
	vals        []float64
	firms       []float64 // by city: the firms' counts
	roles       []string
	rural       []string // "rural:<region>"
	policyNames []string
}

// Create makes the run directory dir (and its parents), writes the resolved
// scenario to scenario.toml, and opens the tables under temporary names. It
// refuses a directory that already holds a run: one with a manifest.json or
// any table of a run under its final name.
func Create(dir string, sc *model.Scenario, meta Meta) (*Writer, error) {
	if err := checkDir(dir); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := scenarios.Encode(&buf, sc); err != nil {
		return nil, fmt.Errorf("output: encoding the scenario: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := writeAtomic(filepath.Join(dir, ScenarioFile), buf.Bytes()); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	sum := sha256.Sum256(buf.Bytes())
	meta.ScenarioHash = hex.EncodeToString(sum[:])
	if meta.Mode == "" {
		meta.Seed, meta.Mode = sc.Seed, sc.Mode
	}
	if meta.GoVersion == "" {
		meta.GoVersion = runtime.Version()
	}
	if meta.Start.IsZero() {
		meta.Start = time.Now()
	}
	w := &Writer{dir: dir, sc: sc, meta: meta, toml: int64(buf.Len())}
	for _, p := range []struct {
		t    **table
		name string
	}{{&w.cities, CitiesFile}, {&w.regions, RegionsFile}, {&w.flows, FlowsFile}, {&w.metrics, MetricsFile}, {&w.policies, PoliciesFile}} {
		t, err := openTable(dir, p.name)
		if err != nil {
			w.discard()
			return nil, fmt.Errorf("output: %w", err)
		}
		*p.t = t
		w.tables = append(w.tables, t)
	}
	return w, nil
}

// checkDir refuses a path that is not a directory or that holds a run.
func checkDir(dir string) error {
	fi, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("output: %s is not a directory", dir)
	}
	for _, name := range []string{ManifestFile, CitiesFile, RegionsFile, FlowsFile, MetricsFile, PoliciesFile} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return fmt.Errorf("output: %s already holds a run (%s); choose another directory", dir, name)
		}
	}
	return nil
}

// Dir returns the run directory.
func (w *Writer) Dir() string { return w.dir }

// Meta returns the run's metadata, with the defaults and the scenario hash
// filled in.
func (w *Writer) Meta() Meta { return w.meta }

// Observe appends the frame's year to every table. The first frame fixes the
// columns. It returns an error, and writes nothing, if the frame's state does
// not have the shape its names promise.
func (w *Writer) Observe(f *sim.Frame) error {
	if w.closed {
		return errors.New("output: Observe after Close")
	}
	if w.err != nil {
		return w.err
	}
	if err := checkFrame(f, len(w.sc.Policies)); err != nil {
		w.err = err
		return err
	}
	if !w.started {
		w.start(f)
	}
	w.writeCities(f)
	w.writeRegions(f)
	w.writeFlows(f)
	if err := w.writeMetrics(f); err != nil {
		w.err = err
		return err
	}
	w.writePolicies(f)
	for _, t := range w.tables {
		if t.err != nil {
			w.err = fmt.Errorf("output: %s: %w", t.name, t.err)
			return w.err
		}
	}
	w.years++
	w.lastYear = f.Year
	return nil
}

// Close finishes the run directory: it flushes the tables, renames each to
// its final name and writes manifest.json last, with status "complete" when
// runErr is nil, "interrupted" when runErr is a context cancellation, and
// "failed" otherwise. runErr is recorded, not returned: Close returns an
// error only when the directory could not be finished. Close is idempotent.
func (w *Writer) Close(runErr error) error {
	if w.closed {
		return nil
	}
	w.closed = true
	if !w.started {
		w.headers(sectorNames(w.sc), new(model.Metrics).Columns())
	}
	var finishErr error
	for _, t := range w.tables {
		if err := t.finish(); err != nil && finishErr == nil {
			finishErr = fmt.Errorf("output: %s: %w", t.name, err)
		}
	}
	if runErr == nil {
		runErr = w.err
	}
	if runErr == nil {
		runErr = finishErr
	}
	m := w.manifest(runErr)
	if err := m.write(w.dir); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return finishErr
}

// manifest describes the run as it ended.
func (w *Writer) manifest(runErr error) *Manifest {
	m := &Manifest{
		Factorflow:     w.meta.Version,
		Go:             w.meta.GoVersion,
		Scenario:       w.sc.Name,
		ScenarioSHA256: w.meta.ScenarioHash,
		Seed:           w.meta.Seed,
		Mode:           w.meta.Mode,
		Args:           w.meta.Args,
		Start:          w.meta.Start.Format(time.RFC3339),
		End:            time.Now().Format(time.RFC3339),
		Status:         StatusComplete,
		StartYear:      w.sc.StartYear,
		YearsWritten:   w.years,
	}
	if m.Args == nil {
		m.Args = []string{}
	}
	switch {
	case runErr == nil:
	case errors.Is(runErr, context.Canceled):
		m.Status, m.Error = StatusInterrupted, runErr.Error()
	default:
		m.Status, m.Error = StatusFailed, runErr.Error()
	}
	if w.years > 0 {
		last := w.lastYear
		m.LastYear = &last
	}
	for _, t := range w.tables {
		if fi, err := os.Stat(t.path); err == nil {
			rows := t.rows
			m.Files = append(m.Files, File{Name: t.name, Rows: &rows, Bytes: fi.Size()})
		}
	}
	m.Files = append(m.Files, File{Name: ScenarioFile, Bytes: w.toml})
	return m
}

// discard removes the temporary files of a Writer that could not be created.
func (w *Writer) discard() {
	for _, t := range w.tables {
		t.discard()
	}
}
