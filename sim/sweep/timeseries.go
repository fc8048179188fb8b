package sweep

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"

	"factorflow/model"
	"factorflow/sim"
)

// Names of the time-series files and directory.
const (
	TimeseriesParquet = "timeseries.parquet"
	TimeseriesCSV     = "timeseries.csv"
	timeseriesDir     = "timeseries" // one file a run until the tables are written
)

// Variables are the per-city variables of the time series, in order:
// residents, output (value, sum over sectors), capital (sum over sectors),
// the wages of talent and workers, the land price, pollution and amenity,
// in the units of cities.csv.
var Variables = []string{"population", "output", "capital", "wage_talent", "wage_workers",
	"land_price", "pollution", "amenity"}

// series collects a run's time series as CSV lines "year,city,variable,value".
type series struct{ buf bytes.Buffer }

// Observe appends the frame's rows.
func (ts *series) Observe(f *sim.Frame) error {
	st, s := f.State, len(f.Sectors)
	y := strconv.Itoa(f.Year)
	for c, name := range f.Cities {
		var pop, out, k float64
		for g := range st.Pop {
			pop += st.Pop[g][c]
		}
		for j := c * s; j < c*s+s; j++ {
			out += st.V[j]
			k += st.K[j]
		}
		vals := [...]float64{pop, out, k, st.Wage[model.Talent][c], st.Wage[model.Worker][c],
			st.LandPrice[c], st.Pollution[c], st.Amenity[c]}
		for i, v := range vals {
			ts.buf.WriteString(y)
			ts.buf.WriteByte(',')
			ts.buf.WriteString(csvField(name))
			ts.buf.WriteByte(',')
			ts.buf.WriteString(Variables[i])
			ts.buf.WriteByte(',')
			ts.buf.WriteString(num(v))
			ts.buf.WriteByte('\n')
		}
	}
	return nil
}

// csvField quotes a city name for CSV when it needs it.
func csvField(s string) string {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// seriesPath returns the file of run id's time series under dir.
func seriesPath(dir string, id int) string {
	return filepath.Join(dir, timeseriesDir, fmt.Sprintf("run-%d.csv", id))
}

// tsRow is a row of timeseries.parquet.
type tsRow struct {
	Run      int64   `parquet:"run"`
	Year     int64   `parquet:"year"`
	City     string  `parquet:"city,dict"`
	Variable string  `parquet:"variable,dict"`
	Value    float64 `parquet:"value"`
}

// writeSeries writes timeseries.parquet, and with withCSV timeseries.csv,
// into dir from the per-run files of the ok runs of src; at returns the
// file of run id.
func writeSeries(dir string, c *Contract, src func() source, at func(id int) string, withCSV bool) error {
	err := createAtomic(filepath.Join(dir, TimeseriesParquet), func(f *os.File) error {
		b := bufio.NewWriterSize(f, 1<<16)
		w := parquet.NewGenericWriter[tsRow](b, parquet.Compression(&parquet.Zstd))
		rows := make([]tsRow, 0, 4096)
		n := 0
		err := eachSeries(src(), at, func(run int, line []byte) error {
			row, err := parseSeries(run, line)
			if err != nil {
				return err
			}
			if rows = append(rows, row); len(rows) == cap(rows) {
				if _, err := w.Write(rows); err != nil {
					return err
				}
				rows = rows[:0]
			}
			if n++; n%(1<<20) == 0 {
				return w.Flush() // a row group per 2^20 rows
			}
			return nil
		})
		if err == nil {
			_, err = w.Write(rows)
		}
		if err == nil {
			err = w.Close()
		}
		if err == nil {
			err = b.Flush()
		}
		return err
	})
	if err != nil || !withCSV {
		return err
	}
	return createAtomic(filepath.Join(dir, TimeseriesCSV), func(f *os.File) error {
		b := bufio.NewWriterSize(f, 1<<16)
		b.WriteString("run,year,city,variable,value\n")
		err := eachSeries(src(), at, func(run int, line []byte) error {
			b.WriteString(strconv.Itoa(run))
			b.WriteByte(',')
			_, err := b.Write(line)
			return err
		})
		if err != nil {
			return err
		}
		return b.Flush()
	})
}

// eachSeries calls fn with every line of the time series of the ok runs
// of src, in run-id order.
func eachSeries(src source, at func(id int) string, fn func(run int, line []byte) error) error {
	for {
		rec, ok, err := src.next()
		if err != nil || !ok {
			return err
		}
		if rec.Status != statusOK {
			continue
		}
		f, err := os.Open(at(rec.Run))
		if err != nil {
			return fmt.Errorf("sweep: run %d: %w", rec.Run, err)
		}
		r := bufio.NewReader(f)
		for {
			line, err := r.ReadSlice('\n')
			if err == io.EOF && len(line) == 0 {
				break
			}
			if err != nil {
				f.Close()
				return fmt.Errorf("sweep: %s: %w", at(rec.Run), err)
			}
			if err := fn(rec.Run, line); err != nil {
				f.Close()
				return err
			}
		}
		f.Close()
	}
}

// parseSeries reads a line "year,city,variable,value\n" of run.
func parseSeries(run int, line []byte) (tsRow, error) {
	s := strings.TrimSuffix(string(line), "\n")
	row := tsRow{Run: int64(run)}
	y, rest, _ := strings.Cut(s, ",")
	i := strings.LastIndexByte(rest, ',')
	j := strings.LastIndexByte(rest[:max(i, 0)], ',')
	if i < 0 || j < 0 {
		return row, fmt.Errorf("sweep: run %d: bad time-series line %q", run, s)
	}
	year, err1 := strconv.ParseInt(y, 10, 64)
	v, err2 := strconv.ParseFloat(rest[i+1:], 64)
	if err1 != nil || err2 != nil {
		return row, fmt.Errorf("sweep: run %d: bad time-series line %q", run, s)
	}
	row.Year, row.Value, row.Variable = year, v, rest[j+1:i]
	row.City = rest[:j]
	if strings.HasPrefix(row.City, `"`) {
		row.City = strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(row.City, `"`), `"`), `""`, `"`)
	}
	return row, nil
}
