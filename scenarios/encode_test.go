package scenarios

import (
	"bytes"
	"math"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"factorflow/model"
)

// roundTrip encodes sc, parses the result and compares.
func roundTrip(t *testing.T, sc *model.Scenario) {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, sc); err != nil {
		t.Fatal(err)
	}
	back, err := Parse("encoded.toml", buf.Bytes(), nil)
	if err != nil {
		t.Fatalf("Parse of encoded scenario: %v\n%s", err, buf.String())
	}
	if diff := cmp.Diff(sc, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	var again bytes.Buffer
	if err := Encode(&again, back); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("Encode is not deterministic")
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	for _, f := range []string{"small.toml", "variant.toml"} {
		t.Run(f, func(t *testing.T) {
			sc, err := Load(filepath.Join("testdata", f), nil)
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, sc)
		})
	}
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			sc, err := Load(name, nil)
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, sc)
		})
	}
}

// TestEncodeAwkward round-trips values that are easy to get wrong.
func TestEncodeAwkward(t *testing.T) {
	sc := mustParse(t, valid+setExtra)
	third := 1.0 / 3
	sc.Name = "quote \" backslash \\ tab \t newline \n bell \a unicode é 北京"
	sc.Description = ""
	sc.Barriers.People = math.Inf(1)
	sc.Barriers.Pairs[0].Knowledge = &third
	sc.Nation.Population = 1.4e9
	sc.Nation.Output = 123456789.123456789
	a, b := 0.1, 0.2
	sc.Migration.Rate = a + b
	sc.Demography.Urban = math.Copysign(0, -1)
	odd := "heavy \"oil\".x"
	sc.Sectors[1].Name = odd
	for _, c := range sc.Cities {
		c.Sectors[odd], c.Sectors["tech"] = 0.5, 1e-300
		delete(c.Sectors, "steel")
	}
	sc.Sectors[0].Inputs = map[string]float64{}
	sc.Policies[0].Regions = []string{}
	sc.Policies[0].Cities = []string{"Alpha", "Beta"}
	sc.Seed = 9e18
	roundTrip(t, sc)
}

func TestFloat(t *testing.T) {
	tests := map[float64]string{
		1:            "1.0",
		0.1:          "0.1",
		1e7:          "1e+07",
		4.5e-7:       "4.5e-07",
		math.Inf(1):  "inf",
		math.Inf(-1): "-inf",
		-2:           "-2.0",
	}
	for x, want := range tests {
		if got := float(x); got != want {
			t.Errorf("float(%g) = %q, want %q", x, got, want)
		}
	}
}
