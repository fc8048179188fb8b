package scenarios

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// decoder applies the keys of one TOML file to a scenario under
// construction. It walks the file's tables with toml.Primitive values, so
// that decoding only overwrites the keys that are present, and it tracks two
// paths at once: src, the key as written in this file (what errors show),
// and dst, the same value in the resolved scenario, whose array indices
// differ when elements merge with a base scenario's.
type decoder struct {
	l    *loader
	md   toml.MetaData
	file string
	pos  positions
}

// errorf reports a value at src that could not be decoded.
func (d *decoder) errorf(src, format string, args ...any) {
	d.problem(true, src, format, args...)
}

// problem reports a problem at key src; undecoded says the value was not
// decoded.
func (d *decoder) problem(undecoded bool, src, format string, args ...any) {
	at := d.pos.find(src)
	d.l.fail(&Error{File: d.file, Line: at.Line, Col: at.Col, Key: src, Msg: fmt.Sprintf(format, args...)}, undecoded)
}

// note records that the value at dst comes from key src of this file.
func (d *decoder) note(dst, src string) {
	at := d.pos.find(src)
	d.l.origins[dst] = origin{file: d.file, line: at.Line, col: at.Col, key: src}
}

// raw returns the undecoded value behind p.
func (d *decoder) raw(p toml.Primitive) any {
	var v any
	_ = d.md.PrimitiveDecode(p, &v) // cannot fail: an empty interface takes anything
	return v
}

// table returns the keys of the table p, or false after reporting that p is
// not a table.
func (d *decoder) table(p toml.Primitive, src string) (map[string]toml.Primitive, bool) {
	if raw, ok := d.raw(p).(map[string]any); !ok {
		d.errorf(src, "expected a table, found %s", tomlType(raw))
		return nil, false
	}
	var kids map[string]toml.Primitive
	if err := d.md.PrimitiveDecode(p, &kids); err != nil {
		d.decodeError(src, err)
		return nil, false
	}
	return kids, true
}

// fields applies the keys of a table to struct v.
func (d *decoder) fields(kids map[string]toml.Primitive, v reflect.Value, src, dst string) {
	for _, k := range sortedKeys(kids) {
		sf, ok := field(v.Type(), k)
		if !ok {
			d.problem(false, join(src, k), "unknown key%s", suggest(k, keys(v.Type())))
			continue
		}
		d.value(kids[k], v.FieldByIndex(sf.Index), join(src, k), join(dst, k))
	}
}

func (d *decoder) value(p toml.Primitive, v reflect.Value, src, dst string) {
	d.note(dst, src)
	switch {
	case v.Kind() == reflect.Struct:
		if kids, ok := d.table(p, src); ok {
			d.fields(kids, v, src, dst)
		}
	case isTables(v.Type()):
		d.array(p, v, src, dst)
	default:
		d.leaf(p, v, src, dst)
	}
}

// array applies an array of tables to slice v: elements that match a base
// element by identity update it; the others are appended.
func (d *decoder) array(p toml.Primitive, v reflect.Value, src, dst string) {
	raw := d.raw(p)
	if !isTableList(raw) {
		d.errorf(src, "expected an array of tables, found %s", tomlType(raw))
		return
	}
	var elems []toml.Primitive
	if err := d.md.PrimitiveDecode(p, &elems); err != nil {
		d.decodeError(src, err)
		return
	}
	base := v.Len()
	for i, e := range elems {
		s := index(src, i)
		kids, ok := d.table(e, s)
		if !ok {
			continue
		}
		j, fresh := d.target(v, base, kids, dst)
		if fresh {
			d.note(index(dst, j), s)
		}
		d.fields(kids, v.Index(j), s, index(dst, j))
	}
}

// target returns the index in v (at path dst) of the element that kids
// update, appending a new element or replacing a base one (fresh) when
// identities say so.
func (d *decoder) target(v reflect.Value, base int, kids map[string]toml.Primitive, dst string) (int, bool) {
	idKeys, replace := identity(v.Type().Elem())
	if id, ok := d.rawID(kids, idKeys); ok {
		for j := range base {
			if elemID(v.Index(j), idKeys) != id {
				continue
			}
			if replace {
				v.Index(j).Set(newElem(v.Type().Elem()))
				d.l.forget(index(dst, j))
			}
			return j, replace
		}
	}
	v.Set(reflect.Append(v, newElem(v.Type().Elem())))
	return v.Len() - 1, true
}

// identity returns the keys that identify an element of an array of tables
// across files, and whether a match replaces the base element (true) or
// updates it key by key (false). Elements with a name merge by name; barrier
// pairs replace by their two regions; others (links) have no identity.
func identity(t reflect.Type) ([]string, bool) {
	if _, ok := field(t, "name"); ok {
		return []string{"name"}, false
	}
	_, a := field(t, "a")
	_, b := field(t, "b")
	if a && b {
		return []string{"a", "b"}, true
	}
	return nil, false
}

func (d *decoder) rawID(kids map[string]toml.Primitive, idKeys []string) (string, bool) {
	parts := make([]string, len(idKeys))
	for i, k := range idKeys {
		p, ok := kids[k]
		if !ok {
			return "", false
		}
		s, ok := d.raw(p).(string)
		if !ok || s == "" {
			return "", false
		}
		parts[i] = s
	}
	sort.Strings(parts)
	return strings.Join(parts, "\x00"), len(parts) > 0
}

func elemID(v reflect.Value, idKeys []string) string {
	parts := make([]string, len(idKeys))
	for i, k := range idKeys {
		sf, _ := field(v.Type(), k)
		parts[i] = v.FieldByIndex(sf.Index).String()
	}
	sort.Strings(parts)
	return strings.Join(parts, "\x00")
}

// leaf decodes a value that is not a table into v, replacing what was there.
func (d *decoder) leaf(p toml.Primitive, v reflect.Value, src, dst string) {
	raw := d.raw(p)
	if sub, msg := typeError(raw, v.Type()); msg != "" {
		d.errorf(src+sub, "%s", msg)
		return
	}
	n := reflect.New(v.Type())
	if err := d.md.PrimitiveDecode(p, n.Interface()); err != nil {
		d.decodeError(src, err)
		return
	}
	v.Set(n.Elem())
	d.noteItems(raw, src, dst)
}

// noteItems records the origins of the entries of a map or list value.
func (d *decoder) noteItems(raw any, src, dst string) {
	switch r := raw.(type) {
	case map[string]any:
		for k := range r {
			d.note(join(dst, k), join(src, k))
		}
	case []any:
		for i := range r {
			d.note(index(dst, i), index(src, i))
		}
	}
}

// decodeError reports an error of the TOML decoder at the key's position.
func (d *decoder) decodeError(src string, err error) {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		d.errorf(src, "%s", pe.Message)
		return
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "toml: ") {
		if _, rest, ok := strings.Cut(msg, "): "); ok {
			msg = rest
		}
	}
	d.errorf(src, "%s", strings.TrimPrefix(msg, "toml: "))
}

// typeError checks that raw can be decoded into a value of type t. It
// returns the path below raw where it cannot ("" for raw itself) and why.
func typeError(raw any, t reflect.Type) (string, string) {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	want := typeName(t)
	switch t.Kind() {
	case reflect.Map:
		m, ok := raw.(map[string]any)
		if !ok {
			break
		}
		for _, k := range sortedKeys(m) {
			if sub, msg := typeError(m[k], t.Elem()); msg != "" {
				return "." + quoteKey(k) + sub, msg
			}
		}
		return "", ""
	case reflect.Slice:
		l, ok := raw.([]any)
		if !ok {
			break
		}
		for i, x := range l {
			if sub, msg := typeError(x, t.Elem()); msg != "" {
				return "[" + fmt.Sprint(i) + "]" + sub, msg
			}
		}
		return "", ""
	default:
		if tomlType(raw) == want || want == "float" && tomlType(raw) == "integer" {
			return "", ""
		}
	}
	return "", fmt.Sprintf("expected %s, found %s", want, tomlType(raw))
}

// tomlType names the TOML type of a decoded value.
func tomlType(raw any) string {
	switch raw.(type) {
	case int64:
		return "integer"
	case float64:
		return "float"
	case bool:
		return "boolean"
	case string:
		return "string"
	case time.Time:
		return "datetime"
	case map[string]any:
		return "table"
	case []map[string]any:
		return "array of tables"
	case []any:
		return "array"
	}
	return fmt.Sprintf("%T", raw)
}

// isTableList reports whether raw is an array whose elements are all tables.
func isTableList(raw any) bool {
	switch r := raw.(type) {
	case []map[string]any:
		return true
	case []any:
		for _, x := range r {
			if _, ok := x.(map[string]any); !ok {
				return false
			}
		}
		return true
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
