package scenarios

import (
	"reflect"

	"factorflow/model"
)

// Param describes one parameter of a scenario, from the struct tags of
// model.Scenario.
type Param struct {
	Path    string // TOML path; "[]" marks an array of tables: "cities[].population"
	Unit    string // "1" for dimensionless; empty for names and text
	Default string // applied when the key is absent; empty if none
	Min     string // smallest valid value, inclusive; may be "-inf"
	Max     string // largest valid value, inclusive; may be "inf"
	Enum    string // valid values separated by "|"
	Source  string // the reason behind the value
	Type    string // float, integer, boolean, string, "table of float", "array of string"
}

// Params returns every parameter of model.Scenario in declaration order.
func Params() []Param {
	var ps []Param
	params(&ps, reflect.TypeOf(model.Scenario{}), "")
	return ps
}

func params(ps *[]Param, t reflect.Type, prefix string) {
	for i := range t.NumField() {
		sf := t.Field(i)
		k := key(sf)
		if k == "" {
			continue
		}
		p := join(prefix, k)
		switch {
		case sf.Type.Kind() == reflect.Struct:
			params(ps, sf.Type, p)
		case isTables(sf.Type):
			params(ps, sf.Type.Elem(), p+"[]")
		default:
			*ps = append(*ps, param(p, sf))
		}
	}
}

func param(path string, sf reflect.StructField) Param {
	tag := sf.Tag
	return Param{
		Path:    path,
		Unit:    tag.Get("unit"),
		Default: tag.Get("def"),
		Min:     tag.Get("min"),
		Max:     tag.Get("max"),
		Enum:    tag.Get("enum"),
		Source:  tag.Get("src"),
		Type:    typeName(sf.Type),
	}
}
