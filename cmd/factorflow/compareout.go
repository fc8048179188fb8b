package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"factorflow/sim/compare"
	"factorflow/sim/output"
)

// compareCols are the columns of the compare CSV.
var compareCols = []string{"year", "metric", "base_mean", "variant_mean", "diff_mean", "diff_ci_low", "diff_ci_high", "rel_change", "reps"}

// diffs compares the replications of every metric in every year: element
// y*len(cols)+i is metric i in year years[y].
func (c *comparison) diffs() []compare.Diff {
	return compare.Vectors(c.vals[0], c.vals[1], c.exact)
}

// writeCSV writes one row per year and metric, years in order and metrics
// in Columns order, floats with output.Precision digits.
func (c *comparison) writeCSV(w io.Writer, diffs []compare.Diff) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	cw.Write(compareCols)
	for y, year := range c.years {
		for i, col := range c.cols {
			d := diffs[y*len(c.cols)+i]
			cw.Write([]string{strconv.Itoa(year), col, g10(d.Base), g10(d.Variant), g10(d.Mean),
				g10(d.Low), g10(d.High), g10(d.Rel), strconv.Itoa(d.N)})
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

func g10(v float64) string { return strconv.FormatFloat(v, 'g', output.Precision, 64) }

// print writes the header and the table of the end year.
func (c *comparison) print(w io.Writer, diffs []compare.Diff) {
	mode := "stochastic"
	switch {
	case c.exact && c.asked > 1:
		mode = fmt.Sprintf("mean-field, exact: 1 replication (--reps %d ignored, every one would be the same)", c.asked)
	case c.exact:
		mode = "mean-field, exact: 1 replication"
	case c.reps == 1:
		mode += ", 1 replication: no confidence interval"
	default:
		mode += fmt.Sprintf(", %d paired replications", c.reps)
	}
	fmt.Fprintf(w, "compare base %q with variant %q: %s, seed %d, %d–%d\n",
		c.names[0], c.names[1], mode, c.sc.Seed, c.years[0], c.years[len(c.years)-1])
	end := len(c.years) - 1
	fmt.Fprintf(w, "\nend year %d (difference = variant − base; * its 95 %% confidence interval excludes 0):\n\n", c.years[end])
	rows := [][]string{{"metric", "base", "variant", "difference  ", "95 % CI", "change"}}
	for i, col := range c.cols {
		d := diffs[end*len(c.cols)+i]
		star := "  "
		if d.Significant() {
			star = " *"
		}
		rows = append(rows, []string{col, g4(d.Base), g4(d.Variant), signed(d.Mean) + star,
			interval(d.Low, d.High), percent(d.Rel)})
	}
	printAligned(w, rows)
}

// g4 formats v with 4 significant digits, NaN as "n/a".
func g4(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// signed is g4 with a sign, except on 0.
func signed(v float64) string {
	switch {
	case math.IsNaN(v):
		return "n/a"
	case v == 0:
		return "0"
	}
	return fmt.Sprintf("%+.4g", v)
}

// interval formats a confidence interval, "n/a" when undefined.
func interval(low, high float64) string {
	if math.IsNaN(low) || math.IsNaN(high) {
		return "n/a"
	}
	return "[" + signed(low) + ", " + signed(high) + "]"
}

// percent formats a relative change as a signed percentage.
func percent(rel float64) string {
	if math.IsNaN(rel) {
		return "n/a"
	}
	return signed(100*rel) + " %"
}

// printAligned writes rows as columns two spaces apart: the first
// left-aligned, the others right-aligned.
func printAligned(w io.Writer, rows [][]string) {
	width := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, cell := range row {
			width[i] = max(width[i], utf8.RuneCountInString(cell))
		}
	}
	for _, row := range rows {
		var b strings.Builder
		for i, cell := range row {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(cell))
			if i == 0 {
				b.WriteString(cell + pad)
			} else {
				b.WriteString("  " + pad + cell)
			}
		}
		fmt.Fprintln(w, b.String())
	}
}
