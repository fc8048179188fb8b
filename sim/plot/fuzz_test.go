package plot

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// The fuzz tests feed arbitrary bytes to each parser: it must return a
// result or a *ParseError with a position, never panic, and a result must
// be consistent.

// checkParseError fails unless err is a *ParseError naming the file.
func checkParseError(t *testing.T, err error) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) || pe.File != "f.csv" && pe.File != "manifest.json" {
		t.Fatalf("error %v (%T), want a *ParseError naming the file", err, err)
	}
}

func FuzzMetrics(f *testing.F) {
	f.Add([]byte("year,stage,urbanisation,cliff\n2015,agglomeration,0.5,2.8\n2016,saturation,0.71,NaN\n"))
	f.Add([]byte("year,stage\n2015,initiation\n"))
	f.Add([]byte("stage,year,x\ninitiation,2015,1\n"))
	f.Add([]byte("year,stage,x\n2016,initiation,1\n2015,initiation,1\n"))
	f.Add([]byte("year,stage,x\n\"2015\",initiation,\"1e400\"\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tab, err := readTable(bytes.NewReader(b), "f.csv", "year", "stage")
		if err != nil {
			checkParseError(t, err)
			return
		}
		r := &Run{}
		if err := r.parseMetrics(tab); err != nil {
			checkParseError(t, err)
			return
		}
		if len(r.Years) == 0 || len(r.Stage) != len(r.Years) || len(r.Values) != len(r.Years) {
			t.Fatalf("%d years, %d stages, %d rows of values", len(r.Years), len(r.Stage), len(r.Values))
		}
		for y := range r.Years {
			if y > 0 && r.Years[y] <= r.Years[y-1] {
				t.Fatalf("years %v do not increase", r.Years)
			}
			if len(r.Values[y]) != len(r.Metrics) {
				t.Fatalf("year %d: %d values for %d metrics", r.Years[y], len(r.Values[y]), len(r.Metrics))
			}
		}
		// The figures of the metrics alone do not panic.
		r.Cities, r.Population = []string{}, make([][]float64, len(r.Years))
		for _, fig := range []*Figure{UrbanisationFigure(r), MetricFigure(r)} {
			if _, err := fig.Render("svg"); err != nil && !strings.HasPrefix(err.Error(), "plot: ") {
				t.Fatal(err)
			}
		}
	})
}

func FuzzCities(f *testing.F) {
	f.Add([]byte("year,city,population,output_per_capita,output_a,output_b\n2015,X,100,1,2,3\n2015,Y,50,1,0,0\n2016,X,110,1,2,4\n"))
	f.Add([]byte("year,city,population\n2015,\"A, B\",1\n2015,A,NaN\n"))
	f.Add([]byte("year,city,population\n2017,X,1\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tab, err := readTable(bytes.NewReader(b), "f.csv", "year", "city", "population")
		if err != nil {
			checkParseError(t, err)
			return
		}
		r := &Run{Years: []int{2015, 2016}}
		if err := r.parseCities(tab); err != nil {
			checkParseError(t, err)
			return
		}
		for y := range r.Years {
			if len(r.Population[y]) != len(r.Cities) || len(r.Output[y]) != len(r.Cities) {
				t.Fatalf("year %d: %d populations, %d outputs for %d cities", y, len(r.Population[y]), len(r.Output[y]), len(r.Cities))
			}
			for c := range r.Cities {
				if len(r.Output[y][c]) != len(r.Sectors) {
					t.Fatalf("year %d city %d: %d outputs for %d sectors", y, c, len(r.Output[y][c]), len(r.Sectors))
				}
			}
		}
		if _, err := SectorFigure(r, 2016).Render("svg"); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzFlows(f *testing.F) {
	f.Add([]byte("year,factor,origin,destination,amount\n2016,talent,A,B,5\n2016,workers,rural:R,A,1e3\n"))
	f.Add([]byte("year,factor,origin,destination,amount\n2016,firms,A,A,-1\n2016,capital,A,B,Inf\n"))
	f.Add([]byte("year,factor,origin,destination,amount\n2016,talent,A,B,1e-300\n2016,talent,B,A,1e300\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tab, err := readTable(bytes.NewReader(b), "f.csv", "year", "factor", "origin", "destination", "amount")
		if err != nil {
			checkParseError(t, err)
			return
		}
		r := &Run{Years: []int{2016}, Cities: []string{"A", "B"}}
		if err := r.parseFlows(tab); err != nil {
			checkParseError(t, err)
			return
		}
		if len(r.Flows) != len(tab.rows) {
			t.Fatalf("%d flows from %d rows", len(r.Flows), len(tab.rows))
		}
		for _, factor := range Factors {
			if _, err := FlowFigure(r, 2016, factor).Render("svg"); err != nil && !strings.HasPrefix(err.Error(), "plot: ") {
				t.Fatal(err)
			}
		}
	})
}

func FuzzCompare(f *testing.F) {
	f.Add([]byte(compareSample))
	f.Add([]byte(strings.Join(compareCols, ",") + "\n2015,cliff,1,1,0,NaN,NaN,0,1\n"))
	f.Add([]byte(strings.Join(compareCols, ",") + "\n2015,a,1,1,0,0,0,0,2\n2016,b,1,1,0,0,0,0,2\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tab, err := readTable(bytes.NewReader(b), "f.csv", compareCols...)
		if err != nil {
			checkParseError(t, err)
			return
		}
		c, err := parseCompare(tab)
		if err != nil {
			checkParseError(t, err)
			return
		}
		for y := range c.Years {
			if y > 0 && c.Years[y] <= c.Years[y-1] {
				t.Fatalf("years %v do not increase", c.Years)
			}
			if len(c.Diffs[y]) != len(c.Metrics) {
				t.Fatalf("year %d: %d diffs for %d metrics", c.Years[y], len(c.Diffs[y]), len(c.Metrics))
			}
		}
		var buf bytes.Buffer
		if err := Report(&buf, &Input{Path: "f.csv", Compare: c}, nil); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzManifest(f *testing.F) {
	f.Add([]byte(`{"scenario": "x", "seed": 3, "status": "complete"}`))
	f.Add([]byte("{\n  \"seed\": \"one\"\n}"))
	f.Add([]byte("{\n  \"seed\": 1,\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := decodeManifest(bytes.NewReader(b), "manifest.json")
		if err != nil {
			checkParseError(t, err)
			return
		}
		if m == nil {
			t.Fatal("nil manifest without error")
		}
	})
}
