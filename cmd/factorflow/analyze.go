package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"factorflow/sim/sensitivity"
)

// This file holds "factorflow analyze": it reads a sweep directory's
// sweep.json and runs.csv, averages the replicates of each design point and
// hands the means to package sensitivity, then prints and writes the
// indices.

// Defaults of "factorflow analyze".
const (
	defaultBootstrap = 1000 // bootstrap resamples
	analyzeLevel     = 0.95 // confidence level of the intervals
	designTolerance  = 1e-6 // largest gap, in [0,1] units, between runs.csv and the design
)

// sweepInfo is what analyze reads of sweep.json; other keys are ignored.
type sweepInfo struct {
	Design       string        `json:"design"`
	Factors      []sweepFactor `json:"factors"`
	Samples      int           `json:"samples"` // base rows (sobol) or trajectories (morris)
	Replications int           `json:"replications"`
	K            int           `json:"k"`
	MorrisLevels int           `json:"morris_levels"`
	Seed         int64         `json:"seed"`
	Metrics      []string      `json:"metrics"`
}

// sweepFactor is a factor of sweep.json: the design's [0,1] coordinate u
// maps to min + u·(max − min), or to min·(max/min)^u when log.
type sweepFactor struct {
	Path string  `json:"path"`
	Min  float64 `json:"min"`
	Max  float64 `json:"max"`
	Log  bool    `json:"log"`
}

// unit maps a parameter value back to its design coordinate in [0,1].
func (f sweepFactor) unit(x float64) float64 {
	if f.Max == f.Min {
		return 0.5
	}
	if f.Log {
		return math.Log(x/f.Min) / math.Log(f.Max/f.Min)
	}
	return (x - f.Min) / (f.Max - f.Min)
}

// sweepData is runs.csv reduced to design points.
type sweepData struct {
	points [][]float64 // each point's [0,1] coordinates
	means  [][]float64 // means[m][p]: metric m averaged over point p's ok replicates
	why    []string    // why[m]: why metric m's indices are undefined, or ""
}

// sensitivityRow is one metric and factor of the result; unused measures
// are NaN.
type sensitivityRow struct {
	metric, factor                 string
	s1, s1Lo, s1Hi, st, stLo, stHi float64
	muStar, mu, sigma              float64
	undefined                      bool
}

// cmdAnalyze is "factorflow analyze SWEEPDIR".
func cmdAnalyze(stdout, stderr io.Writer, args []string) int {
	flags := newFlags("analyze")
	out := flags.String("out", "", "CSV file")
	reps := flags.Int("bootstrap", defaultBootstrap, "bootstrap resamples")
	seed := flags.Uint64("seed", 0, "seed of the bootstrap")
	pos, code, ok := parse(flags, "analyze", args, stdout, stderr)
	if !ok {
		return code
	}
	if *reps < 0 {
		return usageError(stderr, "analyze", fmt.Sprintf("--bootstrap %d: want 0 or more", *reps))
	}
	if len(pos) != 1 {
		return usageError(stderr, "analyze", "want one SWEEPDIR")
	}
	dir := pos[0]
	info, err := readSweepInfo(dir)
	if err != nil {
		fmt.Fprintf(stderr, "factorflow analyze: %v\n", err)
		return exitUsage
	}
	if info.Design != "sobol" && info.Design != "morris" {
		fmt.Fprintf(stderr, "factorflow analyze: %s has a %q design: analyze needs a sobol (Saltelli) or morris design\n", dir, info.Design)
		return exitUsage
	}
	seedSet := false
	flags.Visit(func(f *flag.Flag) { seedSet = seedSet || f.Name == "seed" })
	if !seedSet {
		*seed = uint64(info.Seed)
	}
	data, err := readRuns(filepath.Join(dir, "runs.csv"), info)
	if errors.Is(err, fs.ErrNotExist) {
		err = fmt.Errorf("%w: has the sweep finished (and, if it ran in shards, been merged by 'factorflow merge %s')?", err, dir)
	}
	if err == nil {
		err = checkShape(info, len(data.points))
	}
	if err != nil {
		fmt.Fprintf(stderr, "factorflow analyze: %v\n", err)
		return exitUsage
	}
	rows, warn := analyze(info, data, *reps, *seed)
	if warn != "" {
		fmt.Fprintf(stderr, "factorflow analyze: warning: %s\n", warn)
	}
	if *out == "" {
		*out = filepath.Join(dir, "sensitivity.csv")
	}
	if err := writeAtomic(*out, func(w io.Writer) error { return writeSensitivity(w, info.Design, rows) }); err != nil {
		fmt.Fprintf(stderr, "factorflow analyze: %v\n", err)
		return exitFailed
	}
	printSensitivity(stdout, dir, info, len(data.points), *reps, *seed, data.why, rows)
	fmt.Fprintf(stdout, "\nwritten to %s\n", *out)
	for _, why := range data.why {
		if why != "" {
			return exitFailed
		}
	}
	return exitOK
}

// readSweepInfo reads and checks dir/sweep.json.
func readSweepInfo(dir string) (*sweepInfo, error) {
	path := filepath.Join(dir, "sweep.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var info sweepInfo
	if err := json.Unmarshal(b, &info); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	switch {
	case len(info.Factors) == 0:
		return nil, fmt.Errorf("%s: no factors", path)
	case info.K != 0 && info.K != len(info.Factors):
		return nil, fmt.Errorf("%s: k is %d but %d factors are listed", path, info.K, len(info.Factors))
	case len(info.Metrics) == 0:
		return nil, fmt.Errorf("%s: no metrics", path)
	}
	for i, f := range info.Factors {
		if f.Log && (f.Min <= 0 || f.Max <= 0) {
			return nil, fmt.Errorf("%s: factor %d (%s) is on a log scale but its range [%g, %g] is not positive", path, i+1, f.Path, f.Min, f.Max)
		}
	}
	return &info, nil
}

// checkShape checks that points design points fit the design: N·(K+2) for
// sobol, R·(K+1) for morris, with N or R the samples of sweep.json.
func checkShape(info *sweepInfo, points int) error {
	k := len(info.Factors)
	per, unit := k+2, "Saltelli base rows of K+2 points"
	if info.Design == "morris" {
		per, unit = k+1, "Morris trajectories of K+1 points"
	}
	if points%per != 0 || (info.Samples != 0 && info.Samples*per != points) {
		return fmt.Errorf("runs.csv has %d design points with K = %d factors: want %d %s (%d points)", points, k, info.Samples, unit, info.Samples*per)
	}
	if info.Design == "sobol" && 2*k > sensitivity.MaxSobolDim {
		return fmt.Errorf("%d factors: a Saltelli design has at most %d", k, sensitivity.MaxSobolDim/2)
	}
	return nil
}

// runsColumns locates the columns analyze needs in the header of runs.csv.
type runsColumns struct {
	point, replicate, run, status, errText int
	factors, metrics                       []int
}

// findColumns returns the positions of the columns analyze reads.
func findColumns(header []string, info *sweepInfo) (*runsColumns, error) {
	at := map[string]int{}
	for i, name := range header {
		at[name] = i
	}
	find := func(name string) (int, error) {
		i, ok := at[name]
		if !ok {
			return 0, fmt.Errorf("runs.csv: no column %q in the header", name)
		}
		return i, nil
	}
	var c runsColumns
	var errs []error
	for _, col := range []struct {
		name string
		dst  *int
	}{{"run", &c.run}, {"point", &c.point}, {"replicate", &c.replicate}, {"status", &c.status}, {"error", &c.errText}} {
		var err error
		*col.dst, err = find(col.name)
		errs = append(errs, err)
	}
	for _, f := range info.Factors {
		i, err := find(f.Path)
		c.factors, errs = append(c.factors, i), append(errs, err)
	}
	for _, m := range info.Metrics {
		i, err := find(m)
		c.metrics, errs = append(c.metrics, i), append(errs, err)
	}
	return &c, errors.Join(errs...)
}

// readRuns reads runs.csv: each point's coordinates (from its first row)
// and each metric's mean over the point's ok replicates.
func readRuns(path string, info *sweepInfo) (*sweepData, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	cols, err := findColumns(header, info)
	if err != nil {
		return nil, err
	}
	acc := &accumulator{sums: make([][]float64, len(info.Metrics)), counts: make([][]int, len(info.Metrics)), limit: maxPoints(info)}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil { // a *csv.ParseError, which says where
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if err := acc.add(rec, cols, info); err != nil {
			line, _ := r.FieldPos(0)
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
	return acc.finish(info)
}

// accumulator sums the replicates of each point.
type accumulator struct {
	points [][]float64
	sums   [][]float64 // sums[m][p]
	counts [][]int     // counts[m][p]: ok replicates with a finite value
	failed [][]string  // failed[p]: "run N: error" of its failed replicates
	limit  int         // the number of points of the design
}

// maxPoints returns the number of points of the design: from samples when
// sweep.json has it, otherwise a bound that keeps a bad index from
// exhausting memory.
func maxPoints(info *sweepInfo) int {
	if info.Samples <= 0 {
		return 1 << 24
	}
	if info.Design == "morris" {
		return info.Samples * (len(info.Factors) + 1)
	}
	return info.Samples * (len(info.Factors) + 2)
}

// add adds a row of runs.csv.
func (a *accumulator) add(rec []string, cols *runsColumns, info *sweepInfo) error {
	p, err := strconv.Atoi(rec[cols.point])
	if err != nil || p < 0 || p >= a.limit {
		return fmt.Errorf("column point: %q is not a design point index: the design has %d points (0 to %d)", rec[cols.point], a.limit, a.limit-1)
	}
	for len(a.points) <= p {
		a.points, a.failed = append(a.points, nil), append(a.failed, nil)
		for m := range a.sums {
			a.sums[m], a.counts[m] = append(a.sums[m], 0), append(a.counts[m], 0)
		}
	}
	if a.points[p] == nil {
		x := make([]float64, len(cols.factors))
		for i, c := range cols.factors {
			v, err := strconv.ParseFloat(rec[c], 64)
			if err != nil {
				return fmt.Errorf("column %s: %q is not a number", info.Factors[i].Path, rec[c])
			}
			x[i] = info.Factors[i].unit(v)
		}
		a.points[p] = x
	}
	switch rec[cols.status] {
	case "ok":
	case "failed":
		a.failed[p] = append(a.failed[p], fmt.Sprintf("run %s: %s", rec[cols.run], rec[cols.errText]))
		return nil
	default:
		return fmt.Errorf("column status: %q, want ok or failed", rec[cols.status])
	}
	for m, c := range cols.metrics {
		v, err := strconv.ParseFloat(rec[c], 64)
		if err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
			a.sums[m][p] += v
			a.counts[m][p]++
		}
	}
	return nil
}

// finish returns the means, and for each metric why it is undefined: the
// first point without an ok replicate with a finite value.
func (a *accumulator) finish(info *sweepInfo) (*sweepData, error) {
	for p, x := range a.points {
		if x == nil {
			return nil, fmt.Errorf("runs.csv: design point %d has no row (the points go to %d)", p, len(a.points)-1)
		}
	}
	d := &sweepData{points: a.points, means: a.sums, why: make([]string, len(a.sums))}
	for m := range a.sums {
		bad := 0
		for p := range a.points {
			if a.counts[m][p] == 0 {
				if bad == 0 {
					d.why[m] = fmt.Sprintf("point %d has no ok replicate with a finite %s", p, info.Metrics[m])
					if len(a.failed[p]) > 0 {
						d.why[m] += " (" + strings.Join(a.failed[p], "; ") + ")"
					}
				}
				bad++
				continue
			}
			d.means[m][p] /= float64(a.counts[m][p])
		}
		if bad > 1 {
			d.why[m] += fmt.Sprintf(", and %d more points", bad-1)
		}
	}
	return d, nil
}

// analyze computes each metric's indices, and warns when runs.csv's points
// are not those of the design package sensitivity builds.
func analyze(info *sweepInfo, data *sweepData, reps int, seed uint64) (rows []sensitivityRow, warn string) {
	k := len(info.Factors)
	var salt sensitivity.Saltelli
	var morris sensitivity.Morris
	if info.Design == "sobol" {
		salt = sensitivity.NewSaltelli(len(data.points)/(k+2), k)
		warn = compareDesign(salt.Points, data.points)
	} else {
		morris = sensitivity.Morris{R: len(data.points) / (k + 1), K: k, Levels: info.MorrisLevels, Points: data.points}
	}
	nan := math.NaN()
	for m, name := range info.Metrics {
		y := data.means[m]
		first, total, muStar, mu, sigma := nans(k), nans(k), nans(k), nans(k), nans(k)
		fLo, fHi, tLo, tHi := nans(k), nans(k), nans(k), nans(k)
		switch {
		case data.why[m] != "":
		case info.Design == "sobol":
			first, total = salt.Indices(y)
			if reps > 0 {
				fLo, fHi, tLo, tHi = salt.Bootstrap(y, reps, seed, analyzeLevel)
			}
		default:
			muStar, mu, sigma = morris.Effects(y)
		}
		for i, f := range info.Factors {
			row := sensitivityRow{metric: name, factor: f.Path, s1: nan, s1Lo: nan, s1Hi: nan, st: nan, stLo: nan, stHi: nan,
				muStar: muStar[i], mu: mu[i], sigma: sigma[i], undefined: data.why[m] != ""}
			if info.Design == "sobol" {
				row.s1, row.s1Lo, row.s1Hi, row.st, row.stLo, row.stHi = first[i], fLo[i], fHi[i], total[i], tLo[i], tHi[i]
			}
			rows = append(rows, row)
		}
	}
	return rows, warn
}

// nans returns k NaNs.
func nans(k int) []float64 {
	v := make([]float64, k)
	for i := range v {
		v[i] = math.NaN()
	}
	return v
}

// compareDesign returns a warning if got differs from the design want.
func compareDesign(want, got [][]float64) string {
	for p := range want {
		for i := range want[p] {
			if math.Abs(want[p][i]-got[p][i]) > designTolerance {
				return fmt.Sprintf("runs.csv point %d, factor %d: design coordinate %.6g, the Saltelli design has %.6g; "+
					"the indices assume the points are in the Saltelli order", p, i+1, got[p][i], want[p][i])
			}
		}
	}
	return ""
}

// sensitivityCols are the columns of the CSV of each design.
var sensitivityCols = map[string][]string{
	"sobol":  {"metric", "factor", "S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high"},
	"morris": {"metric", "factor", "mu_star", "mu", "sigma"},
}

// writeSensitivity writes one row per metric and factor.
func writeSensitivity(w io.Writer, design string, rows []sensitivityRow) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	cw.Write(sensitivityCols[design])
	for _, r := range rows {
		vals := []float64{r.s1, r.s1Lo, r.s1Hi, r.st, r.stLo, r.stHi}
		if design == "morris" {
			vals = []float64{r.muStar, r.mu, r.sigma}
		}
		rec := []string{r.metric, r.factor}
		for _, v := range vals {
			rec = append(rec, g10(v))
		}
		cw.Write(rec)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// printSensitivity prints the header and the table of indices.
func printSensitivity(w io.Writer, dir string, info *sweepInfo, points, reps int, seed uint64, why []string, rows []sensitivityRow) {
	k := len(info.Factors)
	if info.Design == "sobol" {
		fmt.Fprintf(w, "sensitivity of %s: Saltelli design, %d factors, N = %d base rows (%d points), %d replicates a point\n",
			dir, k, points/(k+2), points, info.Replications)
		if reps > 0 {
			fmt.Fprintf(w, "first-order S1 and total-order ST Sobol indices, %g %% percentile bootstrap intervals (%d resamples, seed %d)\n\n",
				100*analyzeLevel, reps, seed)
		} else {
			fmt.Fprintf(w, "first-order S1 and total-order ST Sobol indices (--bootstrap 0: no intervals)\n\n")
		}
	} else {
		fmt.Fprintf(w, "sensitivity of %s: Morris design, %d factors, R = %d trajectories on %d levels (%d points), %d replicates a point\n",
			dir, k, points/(k+1), info.MorrisLevels, points, info.Replications)
		fmt.Fprintf(w, "elementary effects per unit of each factor's [0,1] range: mean of absolute values μ*, mean μ, standard deviation σ\n\n")
	}
	table := [][]string{{"metric", "factor", "S1", "95 % CI", "ST", "95 % CI"}}
	if info.Design == "morris" {
		table = [][]string{{"metric", "factor", "μ*", "μ", "σ"}}
	}
	for _, r := range rows {
		switch {
		case r.undefined:
			continue
		case info.Design == "sobol":
			table = append(table, []string{r.metric, r.factor, f4(r.s1), ci4(r.s1Lo, r.s1Hi), f4(r.st), ci4(r.stLo, r.stHi)})
		default:
			table = append(table, []string{r.metric, r.factor, g4(r.muStar), g4(r.mu), g4(r.sigma)})
		}
	}
	if len(table) > 1 {
		printAligned(w, table)
	}
	for m, reason := range why {
		if reason != "" {
			fmt.Fprintf(w, "%s: indices undefined: %s\n", info.Metrics[m], reason)
		}
	}
}

// f4 formats an index with 4 decimals, NaN as "n/a".
func f4(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	if s := strconv.FormatFloat(v, 'f', 4, 64); s != "-0.0000" {
		return s
	}
	return "0.0000"
}

// ci4 formats an interval of indices, "n/a" when undefined.
func ci4(low, high float64) string {
	if math.IsNaN(low) || math.IsNaN(high) {
		return "n/a"
	}
	return "[" + f4(low) + ", " + f4(high) + "]"
}
