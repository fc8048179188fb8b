package sweep

import (
	"bufio"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
)

// RunsCSV is the name of the runs table in CSV.
const RunsCSV = "runs.csv"

const (
	statusOK     = "ok"
	statusFailed = "failed"
)

// header returns the runs table's columns.
func (c *Contract) header() []string {
	h := []string{"run", "point", "replicate", "seed"}
	for _, f := range c.Factors {
		h = append(h, f.Path)
	}
	h = append(h, "status", "error")
	return append(h, c.Metrics...)
}

// source yields the records of a sweep in run-id order; next returns false
// at the end.
type source interface {
	next() (Record, bool, error)
}

// writeTables writes the runs table of the records of src into dir, as
// CSV and as Parquet, each under a temporary name renamed when complete.
func writeTables(dir string, c *Contract, src func() source) error {
	err := createAtomic(filepath.Join(dir, RunsCSV), func(f *os.File) error {
		return writeCSV(f, c, src())
	})
	if err != nil {
		return err
	}
	return createAtomic(filepath.Join(dir, RunsParquet), func(f *os.File) error {
		return writeParquet(f, c, src())
	})
}

// writeCSV writes the runs table as CSV: numbers in strconv's 'g' format
// with the fewest digits that read back exactly; a failed run's metrics
// are empty.
func writeCSV(f *os.File, c *Contract, src source) error {
	b := bufio.NewWriterSize(f, 1<<16)
	w := csv.NewWriter(b)
	if err := w.Write(c.header()); err != nil {
		return err
	}
	row := make([]string, 0, len(c.header()))
	for {
		rec, ok, err := src.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		row = append(row[:0], strconv.Itoa(rec.Run), strconv.Itoa(rec.Point), strconv.Itoa(rec.Replicate),
			strconv.FormatInt(rec.Seed, 10))
		for _, x := range rec.X {
			row = append(row, num(x))
		}
		row = append(row, rec.Status, rec.Error)
		for i := range c.Metrics {
			v := ""
			if i < len(rec.Metrics) {
				v = num(rec.Metrics[i])
			}
			row = append(row, v)
		}
		if err := w.Write(row); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return b.Flush()
}

func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
