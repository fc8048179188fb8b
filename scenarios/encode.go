package scenarios

import (
	"bytes"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"factorflow/model"
)

// Encode writes sc as TOML that Parse reads back to an equal scenario: every
// field, in declaration order, map keys sorted, floats in their shortest
// exact form. Absent pointers, nil maps and nil lists are left out.
func Encode(w io.Writer, sc *model.Scenario) error {
	var e encoder
	e.table(reflect.ValueOf(sc).Elem(), "")
	_, err := w.Write(e.buf.Bytes())
	return err
}

type encoder struct{ buf bytes.Buffer }

// table writes the keys of struct v, then its sub-tables, then its arrays of
// tables: TOML requires a table's own keys before any header.
func (e *encoder) table(v reflect.Value, path string) {
	t := v.Type()
	for i := range t.NumField() {
		if sf, f := t.Field(i), v.Field(i); key(sf) != "" && !nested(sf.Type) {
			e.keyval(sf, f)
		}
	}
	for i := range t.NumField() {
		if sf, f := t.Field(i), v.Field(i); key(sf) != "" && sf.Type.Kind() == reflect.Struct {
			p := join(path, key(sf))
			e.buf.WriteString("\n[" + p + "]\n")
			e.table(f, p)
		}
	}
	for i := range t.NumField() {
		if sf, f := t.Field(i), v.Field(i); key(sf) != "" && isTables(sf.Type) {
			e.array(f, join(path, key(sf)))
		}
	}
}

func nested(t reflect.Type) bool { return t.Kind() == reflect.Struct || isTables(t) }

func (e *encoder) array(v reflect.Value, path string) {
	for j := range v.Len() {
		e.buf.WriteString("\n[[" + path + "]]\n")
		e.table(v.Index(j), path)
	}
}

func (e *encoder) keyval(sf reflect.StructField, v reflect.Value) {
	switch {
	case v.Kind() == reflect.Pointer || v.Kind() == reflect.Map || v.Kind() == reflect.Slice:
		if v.IsNil() {
			return
		}
	case omitEmpty(sf) && v.IsZero():
		return
	}
	e.buf.WriteString(quoteKey(key(sf)) + " = " + value(v) + "\n")
}

// value formats v as a TOML value.
func value(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Pointer:
		return value(v.Elem())
	case reflect.Float32, reflect.Float64:
		return float(v.Float())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.String:
		return quote(v.String())
	case reflect.Map:
		return inline(v)
	case reflect.Slice:
		items := make([]string, v.Len())
		for i := range items {
			items[i] = value(v.Index(i))
		}
		return "[" + strings.Join(items, ", ") + "]"
	}
	return quote(v.String())
}

// inline formats a map as an inline table with sorted keys.
func inline(v reflect.Value) string {
	ks := make([]string, 0, v.Len())
	for _, k := range v.MapKeys() {
		ks = append(ks, k.String())
	}
	sort.Strings(ks)
	items := make([]string, len(ks))
	for i, k := range ks {
		items[i] = quoteKey(k) + " = " + value(v.MapIndex(reflect.ValueOf(k).Convert(v.Type().Key())))
	}
	if len(items) == 0 {
		return "{}"
	}
	return "{" + strings.Join(items, ", ") + "}"
}

// float formats x so that it parses back to the same bits and as a TOML
// float, not an integer.
func float(x float64) string {
	s := num(x)
	if strings.ContainsAny(s, ".eEn") { // n: inf, nan
		return s
	}
	return s + ".0"
}
