package plot

import (
	"errors"
	"os"
	"strconv"
)

// Compare is a compare CSV of factorflow compare: per year and metric, the
// means of base and variant and their paired difference with its 95 %
// confidence interval.
type Compare struct {
	File    string
	Years   []int    // ascending
	Metrics []string // in the file's order
	// Diffs[y][m] is metric m in Years[y]; Valid false when the file has
	// no row for it.
	Diffs [][]Diff
}

// Diff is one row of a compare CSV.
type Diff struct {
	Base, Variant, Mean, Low, High, Rel float64
	Reps                                int
	Valid                               bool
}

// compareCols are the columns of a compare CSV, in order.
var compareCols = []string{"year", "metric", "base_mean", "variant_mean", "diff_mean", "diff_ci_low", "diff_ci_high", "rel_change", "reps"}

// ReadCompare reads the compare CSV at path. Errors are *ParseError naming
// the file, line and column.
func ReadCompare(path string) (*Compare, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, missing(path, err)
	}
	defer f.Close()
	t, err := readTable(f, path, compareCols...)
	if err != nil {
		return nil, err
	}
	return parseCompare(t)
}

// parseCompare builds a Compare from the rows of a compare CSV: years in
// ascending order, each metric at most once a year.
func parseCompare(t *table) (*Compare, error) {
	c := &Compare{File: t.file}
	if len(t.rows) == 0 {
		return nil, &ParseError{File: t.file, Line: 2, Err: errors.New("no data rows")}
	}
	metricAt := map[string]int{}
	for i := range t.rows {
		year, err := t.year(i)
		if err != nil {
			return nil, err
		}
		n := len(c.Years)
		switch {
		case n > 0 && year < c.Years[n-1]:
			return nil, t.errorAt(i, t.col["year"], "year %d after %d: years must not decrease", year, c.Years[n-1])
		case n == 0 || year > c.Years[n-1]:
			c.Years = append(c.Years, year)
			c.Diffs = append(c.Diffs, make([]Diff, len(c.Metrics)))
		}
		y := len(c.Years) - 1
		name := t.str(i, "metric")
		m, ok := metricAt[name]
		if !ok {
			m = len(c.Metrics)
			metricAt[name] = m
			c.Metrics = append(c.Metrics, name)
		}
		for len(c.Diffs[y]) <= m {
			c.Diffs[y] = append(c.Diffs[y], Diff{})
		}
		if c.Diffs[y][m].Valid {
			return nil, t.errorAt(i, t.col["metric"], "metric %q appears twice in year %d", name, year)
		}
		d, err := parseDiff(t, i)
		if err != nil {
			return nil, err
		}
		c.Diffs[y][m] = d
	}
	for y := range c.Diffs {
		for len(c.Diffs[y]) < len(c.Metrics) {
			c.Diffs[y] = append(c.Diffs[y], Diff{})
		}
	}
	return c, nil
}

// parseDiff parses the numbers of row i.
func parseDiff(t *table, i int) (Diff, error) {
	d := Diff{Valid: true}
	for _, f := range []struct {
		dst  *float64
		name string
	}{{&d.Base, "base_mean"}, {&d.Variant, "variant_mean"}, {&d.Mean, "diff_mean"},
		{&d.Low, "diff_ci_low"}, {&d.High, "diff_ci_high"}, {&d.Rel, "rel_change"}} {
		v, err := t.float(i, f.name)
		if err != nil {
			return d, err
		}
		*f.dst = v
	}
	c := t.col["reps"]
	n, err := strconv.Atoi(t.rows[i][c])
	if err != nil || n < 1 {
		return d, t.errorAt(i, c, "column reps: %q is not a count of replications (an integer ≥ 1)", t.rows[i][c])
	}
	d.Reps = n
	return d, nil
}

// Series returns the years and rows of the named metric where the file has
// it, or nil when it has no such metric.
func (c *Compare) Series(metric string) (years []int, diffs []Diff) {
	for m, name := range c.Metrics {
		if name != metric {
			continue
		}
		for y, year := range c.Years {
			if d := c.Diffs[y][m]; d.Valid {
				years = append(years, year)
				diffs = append(diffs, d)
			}
		}
	}
	return years, diffs
}
