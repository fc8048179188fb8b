package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/BurntSushi/toml"

	"factorflow/model"
)

// maxFile bounds the size of a scenario file read from disk.
const maxFile = 16 << 20

// Load reads a scenario, fills its defaults, applies the overrides in sets
// and validates it. nameOrPath is a file if such a file exists, or if it
// contains a path separator or ends in ".toml"; otherwise it is the name of
// an embedded scenario (see Names). sets are "path=value" overrides, as in
// "migration.rate=0.2" or "cities.Beijing.population=2e7".
//
// When the scenario is invalid, the error is an Errors listing every
// problem; an unreadable file or unknown name gives a plain error.
func Load(nameOrPath string, sets []string) (*model.Scenario, error) {
	if !isPath(nameOrPath) {
		src, err := embedded(nameOrPath)
		if err != nil {
			return nil, err
		}
		return newLoader().load(src, sets)
	}
	data, err := readFile(nameOrPath)
	if err != nil {
		return nil, fmt.Errorf("scenarios: %w", err)
	}
	return Parse(nameOrPath, data, sets)
}

// Parse is Load for a scenario already in memory. filename names it in
// error messages, and a base scenario named by extends is looked up
// relative to it (or among the embedded scenarios if no such file exists).
func Parse(filename string, data []byte, sets []string) (*model.Scenario, error) {
	if filename == "" {
		filename = "<input>"
	}
	return newLoader().load(fileSource(filename, data), sets)
}

// Apply returns a copy of the resolved scenario sc with the overrides sets
// applied and the result checked as Load checks it; problems are reported
// as "--set: key: message", or against sc's own name for values sc already
// held. sc is not changed. It is the fast path for many variants of one
// scenario, as in sweeps: the file is parsed once.
func Apply(sc *model.Scenario, sets []string) (out *model.Scenario, err error) {
	l := newLoader()
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, Errors{{File: setFile, Msg: fmt.Sprintf("internal error: %v", r)}}
		}
	}()
	c := sc.Clone()
	l.origins[""] = origin{file: sc.Name}
	l.set(c, sets)
	l.validate(c)
	if err := l.errs.sorted(); err != nil {
		return nil, err
	}
	return c, nil
}

func isPath(s string) bool {
	if _, err := os.Stat(s); err == nil {
		return true
	}
	return strings.ContainsRune(s, '/') || strings.ContainsRune(s, os.PathSeparator) ||
		strings.HasSuffix(s, ".toml")
}

// readFile reads a regular file of at most maxFile bytes.
func readFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	if err == nil && len(data) > maxFile {
		err = fmt.Errorf("%s: larger than %d bytes", path, maxFile)
	}
	return data, err
}

// source is one scenario file to load.
type source struct {
	name     string // in messages: the path, or "name.toml" when embedded
	id       string // identity, for cycle detection
	data     []byte
	embedded bool
}

func fileSource(path string, data []byte) source {
	id, err := filepath.Abs(path)
	if err != nil {
		id = filepath.Clean(path)
	}
	return source{name: path, id: "file:" + id, data: data}
}

// origin is where a value of the resolved scenario was set.
type origin struct {
	file      string
	line, col int
	key       string // the key as written there
}

// loader resolves one scenario: its chain of base files, overrides and
// validation, collecting every problem.
type loader struct {
	errs    Errors
	failed  []*Error          // values that could not be decoded
	origins map[string]origin // by path in the resolved scenario
	stack   []source          // files being applied, base last
}

func newLoader() *loader {
	return &loader{origins: map[string]origin{}}
}

func (l *loader) load(src source, sets []string) (sc *model.Scenario, err error) {
	defer func() {
		if r := recover(); r != nil {
			sc, err = nil, Errors{{File: src.name, Line: 1, Col: 1, Msg: fmt.Sprintf("internal error: %v", r)}}
		}
	}()
	sc = &model.Scenario{}
	setDefaults(reflect.ValueOf(sc).Elem())
	l.origins[""] = origin{file: src.name, line: 1, col: 1}
	if !l.apply(sc, src) {
		return nil, l.errs.sorted()
	}
	sc.Extends = ""
	l.set(sc, sets)
	l.validate(sc)
	if err := l.errs.sorted(); err != nil {
		return nil, err
	}
	return sc, nil
}

// fail records a problem found while decoding. If the value was not
// decoded (a syntax or type error), problems with it or the values it holds
// or that hold it are not reported again by validation.
func (l *loader) fail(e *Error, undecoded bool) {
	if undecoded {
		l.failed = append(l.failed, e)
	}
	l.errs = append(l.errs, e)
}

// hides reports whether an earlier decoding problem hides a problem with
// the value at key of file.
func (l *loader) hides(file, key string) bool {
	for _, f := range l.failed {
		if f.File == file && (f.Key == key || within(f.Key, key) || within(key, f.Key)) {
			return true
		}
	}
	return false
}

// within reports whether path names a value inside the value at outer.
func within(path, outer string) bool {
	return outer != "" && strings.HasPrefix(path, outer) && len(path) > len(outer) &&
		(path[len(outer)] == '.' || path[len(outer)] == '[')
}

// report records a problem with the value at path of the resolved scenario,
// at the place that set it (or set its nearest ancestor). A value whose
// decoding already failed is not reported again.
func (l *loader) report(path, msg string) {
	p := path
	o, ok := l.origins[p]
	for !ok && p != "" {
		p = parent(p)
		o, ok = l.origins[p]
	}
	key := path
	if ok {
		key = o.key + path[len(p):]
	}
	if l.hides(o.file, key) {
		return
	}
	l.errs = append(l.errs, &Error{File: o.file, Line: o.line, Col: o.col, Key: key, Msg: msg})
}

// forget drops the origins of path and everything below it.
func (l *loader) forget(path string) {
	for p := range l.origins {
		if p == path || within(p, path) {
			delete(l.origins, p)
		}
	}
}

// apply decodes src onto sc, after the base it extends. It reports false if
// src has a syntax error.
func (l *loader) apply(sc *model.Scenario, src source) bool {
	l.stack = append(l.stack, src)
	defer func() { l.stack = l.stack[:len(l.stack)-1] }()
	var root toml.Primitive
	md, err := toml.Decode(string(src.data), &root)
	if err != nil {
		l.syntax(src.name, src.data, err)
		return false
	}
	d := &decoder{l: l, md: md, file: src.name, pos: scan(src.data)}
	kids, ok := d.table(root, "")
	if !ok {
		return false
	}
	if p, ok := kids["extends"]; ok && !d.extends(sc, p, src) {
		return false
	}
	d.fields(kids, reflect.ValueOf(sc).Elem(), "", "")
	return true
}

// syntax records a TOML syntax error.
func (l *loader) syntax(file string, data []byte, err error) {
	e := &Error{File: file, Line: 1, Col: 1, Msg: err.Error()}
	var pe toml.ParseError
	if errors.As(err, &pe) {
		e.Line, e.Col = syntaxPos(data, pe.Position)
		e.Key, e.Msg = pe.LastKey, pe.Message
	}
	l.fail(e, true)
}

// syntaxPos returns the line and column of a syntax error. The decoder's
// byte offset is more reliable than its line (which is one too far when the
// error is at a newline), except at the end of the input.
func syntaxPos(data []byte, p toml.Position) (int, int) {
	for _, bom := range []string{"\xef\xbb\xbf", "\xff\xfe", "\xfe\xff"} {
		if bytes.HasPrefix(data, []byte(bom)) {
			data = data[len(bom):]
			break
		}
	}
	if p.Start >= 0 && p.Start < len(data) {
		nl := bytes.LastIndexByte(data[:p.Start], '\n')
		return bytes.Count(data[:p.Start], []byte("\n")) + 1, p.Start - nl
	}
	line := max(p.Line, 1)
	lines := bytes.Split(data, []byte("\n"))
	if line > len(lines) {
		return len(lines), 1
	}
	return line, min(max(p.Col, 1), len(lines[line-1])+1)
}

// extends applies the base scenario named by p. It reports false if the
// base has a syntax error.
func (d *decoder) extends(sc *model.Scenario, p toml.Primitive, from source) bool {
	name, ok := d.raw(p).(string)
	if !ok || name == "" {
		return true // reported when the key is decoded
	}
	base, err := resolve(from, name)
	if err != nil {
		d.errorf("extends", "%v", err)
		return true
	}
	for i, s := range d.l.stack {
		if s.id == base.id {
			d.errorf("extends", "extends cycle: %s", cycle(d.l.stack[i:], base))
			return true
		}
	}
	return d.l.apply(sc, base)
}

func cycle(stack []source, back source) string {
	names := make([]string, 0, len(stack)+1)
	for _, s := range stack {
		names = append(names, s.name)
	}
	return strings.Join(append(names, back.name), " -> ")
}

// resolve finds the base scenario name extended by from: a file relative
// to from's directory, else an embedded scenario. An embedded scenario's
// base is always embedded.
func resolve(from source, name string) (source, error) {
	if from.embedded {
		return embedded(name)
	}
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(from.name), name)
	}
	data, err := readFile(path)
	if err == nil {
		return fileSource(path, data), nil
	}
	if src, eerr := embedded(name); eerr == nil {
		return src, nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		return source{}, fmt.Errorf("base scenario %q not found (no file %s, no embedded scenario; embedded: %s)",
			name, path, strings.Join(Names(), ", "))
	}
	return source{}, err
}
