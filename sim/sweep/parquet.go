package sweep

import (
	"bufio"
	"os"
	"slices"

	"github.com/parquet-go/parquet-go"
)

// RunsParquet is the name of the runs table in Parquet.
const RunsParquet = "runs.parquet"

// rowGroup is the number of runs per Parquet row group: the writer holds
// one row group in memory.
const rowGroup = 8192

// ordered is a Parquet group whose columns keep a given order (a
// parquet.Group sorts them by name).
type ordered struct {
	parquet.Group
	names []string
}

// Fields returns the group's fields in the order of names.
func (g ordered) Fields() []parquet.Field {
	fields := slices.Clone(g.Group.Fields())
	slices.SortStableFunc(fields, func(a, b parquet.Field) int {
		return slices.Index(g.names, a.Name()) - slices.Index(g.names, b.Name())
	})
	return fields
}

// runsSchema returns the runs table's schema: the columns of runs.csv,
// integers as INT64, factors and metrics as DOUBLE, status and error as
// strings; a metric is null for a failed run.
func (c *Contract) runsSchema() *parquet.Schema {
	g := ordered{Group: parquet.Group{}, names: c.header()}
	for _, n := range []string{"run", "point", "replicate", "seed"} {
		g.Group[n] = parquet.Int(64)
	}
	for _, f := range c.Factors {
		g.Group[f.Path] = parquet.Leaf(parquet.DoubleType)
	}
	g.Group["status"], g.Group["error"] = parquet.String(), parquet.String()
	for _, m := range c.Metrics {
		g.Group[m] = parquet.Optional(parquet.Leaf(parquet.DoubleType))
	}
	return parquet.NewSchema("runs", g)
}

// writeParquet writes the runs table as Parquet, Zstandard-compressed, a
// row group per 8,192 runs.
func writeParquet(f *os.File, c *Contract, src source) error {
	b := bufio.NewWriterSize(f, 1<<16)
	w := parquet.NewWriter(b, c.runsSchema(), parquet.Compression(&parquet.Zstd))
	rows := make([]parquet.Row, 0, 256)
	flush := func() error {
		if _, err := w.WriteRows(rows); err != nil {
			return err
		}
		rows = rows[:0]
		return nil
	}
	n := 0
	for {
		rec, ok, err := src.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		rows = append(rows, c.row(rec))
		if n++; len(rows) == cap(rows) {
			if err := flush(); err != nil {
				return err
			}
		}
		if n%rowGroup == 0 {
			if err := flush(); err != nil {
				return err
			}
			if err := w.Flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return b.Flush()
}

// row returns rec as a Parquet row of the runs schema.
func (c *Contract) row(rec Record) parquet.Row {
	row := make(parquet.Row, 0, 6+len(c.Factors)+len(c.Metrics))
	add := func(v parquet.Value, def int) { row = append(row, v.Level(0, def, len(row))) }
	for _, v := range []int64{int64(rec.Run), int64(rec.Point), int64(rec.Replicate), rec.Seed} {
		add(parquet.Int64Value(v), 0)
	}
	for _, x := range rec.X {
		add(parquet.DoubleValue(x), 0)
	}
	add(parquet.ByteArrayValue([]byte(rec.Status)), 0)
	add(parquet.ByteArrayValue([]byte(rec.Error)), 0)
	for i := range c.Metrics {
		if i < len(rec.Metrics) {
			add(parquet.DoubleValue(rec.Metrics[i]), 1)
		} else {
			add(parquet.NullValue(), 0)
		}
	}
	return row
}
