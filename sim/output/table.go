package output

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Precision is the number of significant digits of every floating-point
// value in the tables (strconv 'g' format).
const Precision = 10

// tmpSuffix marks a file that is still being written.
const tmpSuffix = ".tmp"

// table is one CSV file being written under its temporary name. A row is
// built in line, a buffer reused for every row, so writing a row allocates
// nothing.
type table struct {
	name   string // final name in the run directory, e.g. "cities.csv"
	path   string // final path
	f      *os.File
	w      *bufio.Writer
	line   []byte
	fields int   // fields in line so far
	rows   int64 // data rows written (the header is not counted)
	err    error // first write error
}

// openTable creates dir/name.tmp, truncating a leftover one.
func openTable(dir, name string) (*table, error) {
	path := filepath.Join(dir, name)
	f, err := os.OpenFile(path+tmpSuffix, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	return &table{name: name, path: path, f: f, w: bufio.NewWriterSize(f, 64<<10), line: make([]byte, 0, 1024)}, nil
}

// sep starts a new field.
func (t *table) sep() {
	if t.fields > 0 {
		t.line = append(t.line, ',')
	}
	t.fields++
}

// str appends a text field, quoted as RFC 4180 requires.
func (t *table) str(s string) {
	t.sep()
	if !needsQuotes(s) {
		t.line = append(t.line, s...)
		return
	}
	t.line = append(t.line, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			t.line = append(t.line, '"')
		}
		t.line = append(t.line, s[i])
	}
	t.line = append(t.line, '"')
}

// num appends a floating-point field with Precision significant digits.
func (t *table) num(v float64) {
	t.sep()
	t.line = strconv.AppendFloat(t.line, v, 'g', Precision, 64)
}

// int appends an integer field.
func (t *table) int(v int64) {
	t.sep()
	t.line = strconv.AppendInt(t.line, v, 10)
}

// header writes a row of column names; it is not counted in rows.
func (t *table) header(cols ...string) {
	for _, c := range cols {
		t.str(c)
	}
	t.flushLine()
}

// end finishes a data row.
func (t *table) end() {
	t.flushLine()
	t.rows++
}

func (t *table) flushLine() {
	t.line = append(t.line, '\n')
	if _, err := t.w.Write(t.line); err != nil && t.err == nil {
		t.err = err
	}
	t.line = t.line[:0]
	t.fields = 0
}

// finish flushes and closes the file and, if every write succeeded, renames
// it to its final name. A file that failed keeps its temporary name.
func (t *table) finish() error {
	err := t.err
	if e := t.w.Flush(); err == nil {
		err = e
	}
	if e := t.f.Sync(); err == nil {
		err = e
	}
	if e := t.f.Close(); err == nil {
		err = e
	}
	if err != nil {
		return err
	}
	return os.Rename(t.path+tmpSuffix, t.path)
}

// discard closes and removes the temporary file.
func (t *table) discard() {
	t.f.Close()
	os.Remove(t.path + tmpSuffix)
}

// needsQuotes reports whether a CSV field must be quoted: it holds a comma,
// a quote or a line break, or starts with white space.
func needsQuotes(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',', '"', '\r', '\n':
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}
