package scenarios

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"factorflow/model"
)

// Overrides ("--set path=value") name a parameter by its TOML keys, with
// array elements by name: "cities.Beijing.population=2e7". Elements without
// a name (transport links, barrier pairs) are chosen by index from 0:
// "barriers.pairs.0.people=inf" (an index also selects a named element whose
// name contains a dot). A map entry is one more key:
// "cities.Beijing.sectors.finance=0.3"; a list is comma-separated:
// "policies.reform.regions=Beijing,Hebei".

// SetValue formats the override of the numeric parameter at path to v, in
// the shortest form that reads back as v exactly.
func SetValue(path string, v float64) string {
	return path + "=" + strconv.FormatFloat(v, 'g', -1, 64)
}

// setTarget is the value an override writes.
type setTarget struct {
	v      reflect.Value // settable; for a map entry, the map
	mapKey string        // set for a map entry
	dst    string        // path in the resolved scenario
}

// set applies overrides to sc.
func (l *loader) set(sc *model.Scenario, sets []string) {
	for _, s := range sets {
		l.setOne(sc, s)
	}
}

func (l *loader) setOne(sc *model.Scenario, s string) {
	path, value, ok := strings.Cut(s, "=")
	path, value = strings.TrimSpace(path), unquote(strings.TrimSpace(value))
	fail := func(msg string) { l.fail(&Error{File: setFile, Key: path, Msg: msg}, true) }
	if !ok || path == "" {
		path = s
		fail("expected path=value")
		return
	}
	t, msg := find(reflect.ValueOf(sc).Elem(), strings.Split(path, "."))
	if msg != "" {
		fail(msg)
		return
	}
	if err := t.store(value); err != nil {
		fail(err.Error())
		return
	}
	l.forget(t.dst)
	l.origins[t.dst] = origin{file: setFile, key: path}
}

// store parses value by the target's type and writes it.
func (t setTarget) store(value string) error {
	if t.mapKey == "" {
		return setText(t.v, value)
	}
	x := reflect.New(t.v.Type().Elem()).Elem()
	if err := setText(x, value); err != nil {
		return err
	}
	if t.v.IsNil() {
		t.v.Set(reflect.MakeMap(t.v.Type()))
	}
	t.v.SetMapIndex(reflect.ValueOf(t.mapKey).Convert(t.v.Type().Key()), x)
	return nil
}

// find follows the keys of an override path from struct v. It returns the
// target or why there is none.
func find(v reflect.Value, keys []string) (setTarget, string) {
	dst, param := "", ""
	for i := 0; i < len(keys); i++ {
		sf, ok := field(v.Type(), keys[i])
		if !ok {
			return setTarget{}, unknownParam(param, keys[i:])
		}
		f := v.FieldByIndex(sf.Index)
		dst, param = join(dst, keys[i]), join(param, keys[i])
		rest := len(keys) - i - 1
		switch {
		case f.Kind() == reflect.Struct && rest > 0:
			v = f
		case isTables(f.Type()) && rest > 1:
			j, msg := element(f, keys[i], keys[i+1])
			if msg != "" {
				return setTarget{}, msg
			}
			v, dst, param = f.Index(j), index(dst, j), param+"[]"
			i++
		case f.Kind() == reflect.Map && rest == 1:
			return setTarget{v: f, mapKey: keys[i+1], dst: join(dst, keys[i+1])}, ""
		case rest == 0 && f.Kind() != reflect.Struct && !isTables(f.Type()):
			return setTarget{v: f, dst: dst}, ""
		default:
			return setTarget{}, unknownParam(param, keys[i+1:])
		}
	}
	return setTarget{}, unknownParam(param, nil)
}

// element finds the element of array of tables f selected by sel: the one
// named sel, else the one at index sel.
func element(f reflect.Value, key, sel string) (int, string) {
	idKeys, _ := identity(f.Type().Elem())
	named := len(idKeys) == 1
	var ns []string
	for j := range f.Len() {
		if named {
			n := elemID(f.Index(j), idKeys)
			if n == sel {
				return j, ""
			}
			ns = append(ns, n)
		}
	}
	if j, err := strconv.Atoi(sel); err == nil && j >= 0 && j < f.Len() {
		return j, ""
	}
	if named {
		return 0, fmt.Sprintf("no element of %s named %q (%s: %s)", key, sel, key, brief(ns))
	}
	return 0, fmt.Sprintf("no element %q of %s: select one by index, 0 to %d", sel, key, f.Len()-1)
}

// unknownParam explains an override path that names no parameter, with
// the closest parameter names.
func unknownParam(param string, rest []string) string {
	given := param
	for _, k := range rest {
		given = join(given, k)
	}
	var paths []string
	for _, p := range Params() {
		paths = append(paths, p.Path)
	}
	msg := "unknown parameter"
	if close := closest(given, paths, 3); len(close) > 0 {
		for i, c := range close {
			close[i] = strings.ReplaceAll(c, "[]", ".<name>")
		}
		msg += "; did you mean " + strings.Join(close, " or ") + "?"
	}
	return msg
}

// suggest returns " (did you mean x?)" for the key closest to k, or "".
func suggest(k string, candidates []string) string {
	c := closest(k, candidates, 1)
	if len(c) == 0 {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", c[0])
}

// closest returns up to n of the candidates nearest to s in edit distance,
// all at the same distance, or none if that is too far to be a typo.
func closest(s string, candidates []string, n int) []string {
	best := max(2, len(s)/3) + 1
	var out []string
	for _, c := range candidates {
		switch d := distance(s, c); {
		case d < best:
			best, out = d, []string{c}
		case d == best && len(out) < n:
			out = append(out, c)
		}
	}
	return out
}

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		prev := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			prev, row[j] = row[j], min(row[j]+1, row[j-1]+1, prev+cost)
		}
	}
	return row[len(b)]
}
