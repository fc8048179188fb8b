package main

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"factorflow/scenarios"
)

const head = "AROKATO,Name,IDREG,Nation,Lat,Long,EastWest,RegionalCapital,Oil&Gas,NationalCapital,1959,1970,1979,1989,2002,2010\n"

func TestParse(t *testing.T) {
	src := head +
		"AR1,Moscou,RUS14,Russie,55.75,37.6,O,1,0,1,7186.148,9061.219,10480.741,11625.098,13028.998,14425.208\n" +
		"AR2,Kirovo\xe9,RUS14,Russie,55,38,O,0,,0,,,12.5,13,14,15\n" // Latin-1 é, unknown early censuses
	cs, err := parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].name != "Moscou" || cs[0].pop[0] != 7186.148 || cs[0].lon != 37.6 {
		t.Fatalf("parsed %+v", cs)
	}
	if cs[1].name != "Kirovoé" || !math.IsNaN(cs[1].pop[0]) || cs[1].pop[2] != 12.5 {
		t.Errorf("second city %+v: want the Latin-1 name in UTF-8 and NaN for unknown", cs[1])
	}
	if got := complete(cs); len(got) != 1 || got[0].id != "AR1" {
		t.Errorf("complete kept %d cities, want only AR1", len(got))
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"bad header", strings.Replace(head, "Name", "Nom", 1), "1:1: header"},
		{"no cities", head, "1:1: no cities"},
		{"bad population", head + "A,N,R,X,1,2,E,0,0,0,-3,,,,,\n", "2:21: 1959: population \"-3\""},
		{"bad latitude", head + "A,N,R,X,91,2,E,0,0,0,1,,,,,\n", "2:9: Lat: \"91\" is not a coordinate"},
		{"no name", head + "A,,R,X,1,2,E,0,0,0,1,,,,,\n", "2:1: AROKATO: a city needs"},
		{"short row", head + "A,N,R\n", "2:1: wrong number of fields"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(strings.NewReader(tt.src))
			var pe *ParseError
			if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %v, want a ParseError starting %q", err, tt.want)
			}
		})
	}
}

// TestNames: a shared name takes the region in brackets.
func TestNames(t *testing.T) {
	got := names([]city{{name: "Armavir", region: "ARM00"}, {name: "Armavir", region: "RUS33"}, {name: "Moscou"}})
	want := []string{"Armavir (ARM00)", "Armavir (RUS33)", "Moscou"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("names %q, want %q", got, want)
	}
}

// TestScenarioUpToDate regenerates the scenario from the data set, when the
// data set is there, and compares it with the embedded one.
func TestScenarioUpToDate(t *testing.T) {
	const data = "/work/shared/data/marius/marius.csv"
	if _, err := os.Stat(data); err != nil {
		t.Skipf("data set not available: %v", err)
	}
	out := filepath.Join(t.TempDir(), "marius.toml")
	if err := run(data, out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := scenarios.Source("marius")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("scenarios/marius.toml differs from what scripts/mariusdata writes: rerun it")
	}
}

// FuzzParse: any input either parses into cities with finite coordinates
// in range and positive or unknown populations, or gives a ParseError.
func FuzzParse(f *testing.F) {
	f.Add([]byte(head + "AR1,Moscou,RUS14,Russie,55.75,37.6,O,1,0,1,7186.148,9061.219,10480.741,11625.098,13028.998,14425.208\n"))
	f.Add([]byte(head + "A,N\xe9,R,X,,,E,0,,0,,,1,2,3,4\n"))
	f.Add([]byte(head + "A,\"N,\"\"q\"\"\",R,X,1,2,E,0,0,0,1e3,NaN,inf,0,,\n"))
	f.Add([]byte("a,b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, err := parse(bytes.NewReader(data))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line < 1 || pe.Column < 1 {
				t.Fatalf("error %v is not a ParseError with a position", err)
			}
			return
		}
		for _, c := range cs {
			if c.name == "" || c.id == "" || c.region == "" {
				t.Fatalf("city without a name: %+v", c)
			}
			if math.Abs(c.lat) > 90 || math.Abs(c.lon) > 180 {
				t.Fatalf("coordinates out of range: %+v", c)
			}
			for _, p := range c.pop {
				if !math.IsNaN(p) && !(p > 0 && !math.IsInf(p, 0)) {
					t.Fatalf("population %g", p)
				}
			}
		}
		var b bytes.Buffer
		write(&b, complete(cs))
	})
}
