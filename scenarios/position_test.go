package scenarios

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestScan(t *testing.T) {
	src := `# comment [not = a header]
name = "x" # trailing [comment]
description = """
[fake]
key = 1
"""
lit = '''
[[fake]]'''
"quoted key" = 1
'literal.key' = 2
a.b.c = 3

[migration]
  rate = 0.2

[[sectors]]
name = "tech"
inputs = {steel = 0.1, "heavy oil" = {deep = 1}}

[[sectors]]
name = "steel"
inputs.tech = 0.3

[ transport ]
neighbours = 2
[[transport.links]]
from = "A"
[[ transport.links ]]
from = "B"
[transport.links.extra]
x = 1

[[cities]]
sectors = [
  1, # one
  "two",
  [3, 4],
]
cities = [{name = "x"}, {name = "y", s = {z = 1}}]
`
	want := positions{
		"name":                               {2, 1},
		"description":                        {3, 1},
		"lit":                                {7, 1},
		`"quoted key"`:                       {9, 1},
		`"literal.key"`:                      {10, 1},
		"a":                                  {11, 1},
		"a.b":                                {11, 3},
		"a.b.c":                              {11, 5},
		"migration":                          {13, 1},
		"migration.rate":                     {14, 3},
		"sectors":                            {16, 1},
		"sectors[0]":                         {16, 1},
		"sectors[0].name":                    {17, 1},
		"sectors[0].inputs":                  {18, 1},
		"sectors[0].inputs.steel":            {18, 11},
		`sectors[0].inputs."heavy oil"`:      {18, 24},
		`sectors[0].inputs."heavy oil".deep`: {18, 39},
		"sectors[1]":                         {20, 1},
		"sectors[1].name":                    {21, 1},
		"sectors[1].inputs":                  {22, 1},
		"sectors[1].inputs.tech":             {22, 8},
		"transport":                          {24, 1},
		"transport.neighbours":               {25, 1},
		"transport.links":                    {26, 1},
		"transport.links[0]":                 {26, 1},
		"transport.links[0].from":            {27, 1},
		"transport.links[1]":                 {28, 1},
		"transport.links[1].from":            {29, 1},
		"transport.links[1].extra":           {30, 1},
		"transport.links[1].extra.x":         {31, 1},
		"cities":                             {33, 1},
		"cities[0]":                          {33, 1},
		"cities[0].sectors":                  {34, 1},
		"cities[0].sectors[0]":               {35, 3},
		"cities[0].sectors[1]":               {36, 3},
		"cities[0].sectors[2]":               {37, 3},
		"cities[0].sectors[2][0]":            {37, 4},
		"cities[0].sectors[2][1]":            {37, 7},
		"cities[0].cities":                   {39, 1},
		"cities[0].cities[0]":                {39, 11},
		"cities[0].cities[0].name":           {39, 12},
		"cities[0].cities[1]":                {39, 25},
		"cities[0].cities[1].name":           {39, 26},
		"cities[0].cities[1].s":              {39, 38},
		"cities[0].cities[1].s.z":            {39, 43},
		"migration.nothing":                  {13, 1}, // found through find
	}
	got := scan([]byte(src))
	got["migration.nothing"] = got.find("migration.nothing")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("positions (-want +got):\n%s", diff)
	}
}

func TestParent(t *testing.T) {
	tests := map[string]string{
		"":                      "",
		"a":                     "",
		"a.b":                   "a",
		"a[2]":                  "a",
		"a[2].b":                "a[2]",
		`a."x.y"`:               "a",
		`a."x\"[y"`:             "a",
		`a."x.y".z`:             `a."x.y"`,
		"cities[3].sectors.oil": "cities[3].sectors",
	}
	for in, want := range tests {
		if got := parent(in); got != want {
			t.Errorf("parent(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestScanBroken checks that the scanner ends on input that is not TOML.
func TestScanBroken(t *testing.T) {
	for _, src := range []string{"", "[", "[[", "a = [", "a = {", `a = "`, `a = """`, "a = '''x", "= = =", "]]]", "\xef\xbb\xbfa = 1", "a.\"b"} {
		scan([]byte(src))
	}
}
