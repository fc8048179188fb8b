package plot

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
)

// ParseError is a problem in one of the files plot reads: the file, the
// line and column (counted from 1; 0 when not known) and what is wrong.
type ParseError struct {
	File         string
	Line, Column int
	Err          error
}

func (e *ParseError) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("plot: %s: %v", e.File, e.Err)
	case e.Column == 0:
		return fmt.Sprintf("plot: %s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("plot: %s:%d:%d: %v", e.File, e.Line, e.Column, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// maxRows bounds the data rows read from one table, so that a corrupt or
// hostile file cannot exhaust memory.
const maxRows = 10_000_000

// table is a CSV file read whole: its header, the index of each column,
// and the rows with the line each began on.
type table struct {
	file   string
	header []string
	col    map[string]int
	rows   [][]string
	lines  []int
}

// readTable reads a CSV table from r, named file in errors. Every row must
// have as many fields as the header, and the header must hold each of want.
func readTable(r io.Reader, file string, want ...string) (*table, error) {
	cr := csv.NewReader(r)
	t := &table{file: file, col: map[string]int{}}
	head, err := cr.Read()
	if err == io.EOF {
		return nil, &ParseError{File: file, Err: errors.New("empty file: want a header row")}
	}
	if err != nil {
		return nil, t.csvError(err)
	}
	t.header = head
	for i, name := range head {
		if _, dup := t.col[name]; dup {
			return nil, &ParseError{File: file, Line: 1, Column: i + 1, Err: fmt.Errorf("column %q appears twice", name)}
		}
		t.col[name] = i
	}
	for _, name := range want {
		if _, ok := t.col[name]; !ok {
			return nil, &ParseError{File: file, Line: 1, Err: fmt.Errorf("no column %q in the header", name)}
		}
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return t, nil
		}
		if err != nil {
			return nil, t.csvError(err)
		}
		if len(t.rows) == maxRows {
			line, _ := cr.FieldPos(0)
			return nil, &ParseError{File: file, Line: line, Err: fmt.Errorf("more than %d rows", maxRows)}
		}
		line, _ := cr.FieldPos(0)
		t.rows = append(t.rows, rec)
		t.lines = append(t.lines, line)
	}
}

// csvError turns an error of encoding/csv into a ParseError.
func (t *table) csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{File: t.file, Line: pe.Line, Column: pe.Column, Err: pe.Err}
	}
	return &ParseError{File: t.file, Err: err}
}

// errorAt returns a ParseError at field col of row i.
func (t *table) errorAt(i, col int, format string, args ...any) error {
	return &ParseError{File: t.file, Line: t.lines[i], Column: col + 1, Err: fmt.Errorf(format, args...)}
}

// str returns the field of row i in the named column.
func (t *table) str(i int, name string) string { return t.rows[i][t.col[name]] }

// float parses the field of row i in the named column: a number as
// strconv.ParseFloat reads it, NaN and ±Inf included.
func (t *table) float(i int, name string) (float64, error) {
	c := t.col[name]
	v, err := strconv.ParseFloat(t.rows[i][c], 64)
	if err != nil {
		return 0, t.errorAt(i, c, "column %s: %q is not a number", name, t.rows[i][c])
	}
	return v, nil
}

// year parses the year field of row i: an integer within ±1e6.
func (t *table) year(i int) (int, error) {
	c := t.col["year"]
	v, err := strconv.Atoi(t.rows[i][c])
	if err != nil || v < -1e6 || v > 1e6 {
		return 0, t.errorAt(i, c, "column year: %q is not a year (an integer)", t.rows[i][c])
	}
	return v, nil
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// openTable opens dir/name and reads it as a table.
func openTable(dir, name string, want ...string) (*table, error) {
	path := filepath.Join(dir, name)
	f, err := os.Open(path)
	if err != nil {
		return nil, missing(path, err)
	}
	defer f.Close()
	return readTable(f, path, want...)
}

// missing explains a file that could not be opened; a file that exists
// only under its temporary name belongs to a run that did not finish.
func missing(path string, err error) error {
	if errors.Is(err, os.ErrNotExist) {
		if _, e := os.Stat(path + ".tmp"); e == nil {
			return &ParseError{File: path, Err: errors.New("missing: only its .tmp exists, so the run was killed before it could finish the file")}
		}
		return &ParseError{File: path, Err: errors.New("missing")}
	}
	return &ParseError{File: path, Err: err}
}
