package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// The schema is model.Scenario itself: these helpers read its fields and
// struct tags by reflection, so that decoding, defaults, validation, --set,
// Params and Encode all follow the same single source of truth.

// key returns the TOML key of a struct field, "" for fields without one.
func key(sf reflect.StructField) string {
	if !sf.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(sf.Tag.Get("toml"), ",")
	if name == "-" {
		return ""
	}
	return name
}

// omitEmpty reports whether the field's toml tag has the omitempty option.
func omitEmpty(sf reflect.StructField) bool {
	_, opts, _ := strings.Cut(sf.Tag.Get("toml"), ",")
	return strings.Contains(opts, "omitempty")
}

// field finds the field of struct type t with TOML key k (exact match).
func field(t reflect.Type, k string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		if sf := t.Field(i); key(sf) == k && k != "" {
			return sf, true
		}
	}
	return reflect.StructField{}, false
}

// keys returns the TOML keys of struct type t in declaration order.
func keys(t reflect.Type) []string {
	var ks []string
	for i := range t.NumField() {
		if k := key(t.Field(i)); k != "" {
			ks = append(ks, k)
		}
	}
	return ks
}

// isTables reports whether t is an array of tables: a slice of structs.
func isTables(t reflect.Type) bool {
	return t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct
}

// newElem returns a new element of an array of tables, defaults filled.
func newElem(t reflect.Type) reflect.Value {
	v := reflect.New(t).Elem()
	setDefaults(v)
	return v
}

// setDefaults sets every field of struct v that has a def tag, recursively.
// Arrays of tables are left alone: their elements get defaults when created.
func setDefaults(v reflect.Value) {
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		if sf.Type.Kind() == reflect.Struct {
			setDefaults(v.Field(i))
			continue
		}
		if def, ok := sf.Tag.Lookup("def"); ok {
			// A def tag that does not parse is a schema bug; the tests parse all.
			_ = setText(v.Field(i), def)
		}
	}
}

// setText parses s by the kind of v and stores it. A []string takes a
// comma-separated list; a pointer is allocated.
func setText(v reflect.Value, s string) error {
	switch v.Kind() {
	case reflect.Pointer:
		n := reflect.New(v.Type().Elem())
		if err := setText(n.Elem(), s); err != nil {
			return err
		}
		v.Set(n)
	case reflect.Float32, reflect.Float64:
		return setFloat(v, s)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return setInt(v, s)
	case reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return fmt.Errorf("cannot parse %q as %s", s, typeName(v.Type()))
		}
		v.SetBool(b)
	case reflect.String:
		v.SetString(s)
	case reflect.Slice:
		return setList(v, s)
	default:
		return fmt.Errorf("cannot set a %s from text", typeName(v.Type()))
	}
	return nil
}

func setFloat(v reflect.Value, s string) error {
	x, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
	if err != nil && !isRange(err) {
		return fmt.Errorf("cannot parse %q as float", s)
	}
	v.SetFloat(x)
	return nil
}

func setInt(v reflect.Value, s string) error {
	s = strings.ReplaceAll(s, "_", "")
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		// Accept an integral float such as "2e3".
		x, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || x != math.Trunc(x) || math.Abs(x) >= 1<<63 {
			return fmt.Errorf("cannot parse %q as integer", s)
		}
		n = int64(x)
	}
	if v.OverflowInt(n) {
		return fmt.Errorf("%d overflows %s", n, v.Type())
	}
	v.SetInt(n)
	return nil
}

func setList(v reflect.Value, s string) error {
	if v.Type().Elem().Kind() != reflect.String {
		return fmt.Errorf("cannot set a %s from text", typeName(v.Type()))
	}
	parts := []string{}
	if strings.TrimSpace(s) != "" {
		parts = strings.Split(s, ",")
	}
	l := reflect.MakeSlice(v.Type(), len(parts), len(parts))
	for i, p := range parts {
		l.Index(i).SetString(unquote(strings.TrimSpace(p)))
	}
	v.Set(l)
	return nil
}

func isRange(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// unquote strips one pair of matching quotes.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// typeName names the TOML type of Go type t, as Params reports it.
func typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Pointer:
		return typeName(t.Elem())
	case reflect.Float32, reflect.Float64:
		return "float"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "integer"
	case reflect.Bool:
		return "boolean"
	case reflect.String:
		return "string"
	case reflect.Map:
		return "table of " + typeName(t.Elem())
	case reflect.Slice:
		return "array of " + typeName(t.Elem())
	case reflect.Struct:
		return "table"
	}
	return t.String()
}
