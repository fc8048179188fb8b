package model_test

import (
	"reflect"
	"testing"
)

// TestClone: a clone equals its original, and changing every kind of
// field of the clone (scalars, slices, maps, pointers) leaves the original
// as it was.
func TestClone(t *testing.T) {
	sc := parse(t, "", `
[[barriers.pairs]]
a = "North"
b = "South"
people = 2.0
`)
	c := sc.Clone()
	if !reflect.DeepEqual(sc, c) {
		t.Fatal("the clone differs from the original")
	}
	before := sc.Clone()
	c.Years++
	c.Sectors[0].Talent = 0.9
	for k := range c.Sectors[0].Inputs {
		c.Sectors[0].Inputs[k] = 9
	}
	c.Cities[0].Population = 1
	for k := range c.Cities[0].Sectors {
		c.Cities[0].Sectors[k] = 9
	}
	*c.Barriers.Pairs[0].People = 99
	c.Regions[0].Rural = 1
	if !reflect.DeepEqual(sc, before) {
		t.Error("changing the clone changed the original")
	}
}
