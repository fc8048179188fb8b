// Package tomlfile reads the strict TOML input files of factorflow's tools
// (sweep and calibration files): size-limited reading, decoding that
// refuses unknown keys, and errors placed at file:line:column.
package tomlfile

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Error is a problem in an input file.
type Error struct {
	File      string
	Line, Col int // counted from 1; 0 when unknown
	Key       string
	Msg       string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, max(e.Col, 1))
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Read returns the contents of the file at path, refusing files larger than
// limit bytes. Its errors begin with tool ("sweep: ...").
func Read(tool, path string, limit int64) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", tool, err)
	}
	if info.Size() > limit {
		return nil, fmt.Errorf("%s: %s: larger than %d bytes", tool, path, limit)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", tool, err)
	}
	return data, nil
}

// Decode decodes data, the file filename, into v. Syntax errors and values
// of the wrong type are an *Error at their place; keys that v has no field
// for are each an *Error, joined.
func Decode(filename string, data []byte, v any) error {
	md, err := toml.Decode(string(data), v)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return &Error{File: filename, Line: pe.Position.Line, Col: pe.Position.Col, Key: pe.LastKey, Msg: pe.Message}
		}
		return typeError(filename, data, err)
	}
	var errs []error
	for _, k := range md.Undecoded() {
		line, col := KeyPos(data, k[len(k)-1])
		errs = append(errs, &Error{File: filename, Line: line, Col: col, Key: k.String(), Msg: "unknown key"})
	}
	return errors.Join(errs...)
}

// typeErr matches the decoder's type errors, which are not ParseErrors.
var typeErr = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

// typeError places a decoding error that is not a ParseError (a value of
// the wrong type) at its line and key.
func typeError(filename string, data []byte, err error) error {
	m := typeErr.FindStringSubmatch(err.Error())
	if m == nil {
		return &Error{File: filename, Msg: err.Error()}
	}
	line, _ := strconv.Atoi(m[1])
	key := m[2]
	col := 1
	lines := bytes.Split(data, []byte("\n"))
	if line >= 1 && line <= len(lines) {
		if c := bytes.Index(lines[line-1], []byte(key[strings.LastIndexByte(key, '.')+1:])); c >= 0 {
			col = c + 1
		}
	}
	return &Error{File: filename, Line: line, Col: col, Key: key, Msg: m[3]}
}

// KeyPos returns the line and column of the first "name =" (or table
// header naming name) in data, or 0, 0. It is a heuristic: the TOML
// decoder keeps no key positions.
func KeyPos(data []byte, name string) (line, col int) {
	for i, l := range bytes.Split(data, []byte("\n")) {
		s := string(l)
		t := strings.TrimSpace(s)
		rest, ok := strings.CutPrefix(strings.Trim(t, "[]"), name)
		if ok && (strings.HasPrefix(strings.TrimSpace(rest), "=") || strings.HasPrefix(t, "[")) {
			return i + 1, strings.Index(s, name) + 1
		}
	}
	return 0, 0
}

// QuotedPos returns the line and column of the first quoted s in data, or
// 0, 0.
func QuotedPos(data []byte, s string) (line, col int) {
	q := strconv.Quote(s)
	for i, l := range bytes.Split(data, []byte("\n")) {
		if c := bytes.Index(l, []byte(q)); c >= 0 {
			return i + 1, c + 1
		}
	}
	return 0, 0
}

// TablePos returns the line of the i-th (from 0) [[name]] header in data,
// or 0.
func TablePos(data []byte, name string, i int) int {
	for n, l := range bytes.Split(data, []byte("\n")) {
		if strings.TrimSpace(string(l)) == "[["+name+"]]" {
			if i == 0 {
				return n + 1
			}
			i--
		}
	}
	return 0
}
