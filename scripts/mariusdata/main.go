// Command mariusdata writes the embedded scenario scenarios/marius.toml from
// the MARIUS data set (shared/data/marius/marius.csv): the 1,145 cities of
// the former Soviet Union whose populations are known at all six census
// dates, in file order, with their 1959 population as the start and the
// later censuses as observed populations.
//
//	go run ./scripts/mariusdata -in /work/shared/data/marius/marius.csv -out scenarios/marius.toml
//
// The CSV is Latin-1; the scenario is UTF-8. Populations are in thousands
// in the CSV and in persons in the scenario.
package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"
)

func main() {
	in := flag.String("in", "/work/shared/data/marius/marius.csv", "the MARIUS data set (Latin-1 CSV)")
	out := flag.String("out", "scenarios/marius.toml", "scenario to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "mariusdata:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	cities, err := parse(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	var b bytes.Buffer
	write(&b, complete(cities))
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Clean(out))
}

// dates are the census years of the data set, in column order.
var dates = [6]int{1959, 1970, 1979, 1989, 2002, 2010}

// header is the expected first row.
var header = []string{"AROKATO", "Name", "IDREG", "Nation", "Lat", "Long", "EastWest",
	"RegionalCapital", "Oil&Gas", "NationalCapital", "1959", "1970", "1979", "1989", "2002", "2010"}

// city is one row of the data set. A coordinate or population is NaN where
// unknown.
type city struct {
	id, name, region, nation string
	lat, lon                 float64
	pop                      [6]float64 // thousands, by dates
}

// ParseError is a problem in the CSV, at a line and column counted from 1.
type ParseError struct {
	Line, Column int
	Err          error
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%d:%d: %v", e.Line, e.Column, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// parse reads the Latin-1 CSV of the data set.
func parse(r io.Reader) ([]city, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(latin1(raw)))
	cr.FieldsPerRecord = len(header)
	var out []city
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &ParseError{Line: pe.Line, Column: max(pe.Column, 1), Err: pe.Err}
			}
			return nil, err
		}
		l, _ := cr.FieldPos(0)
		if line == 1 {
			if strings.Join(rec, ",") != strings.Join(header, ",") {
				return nil, &ParseError{Line: l, Column: 1, Err: fmt.Errorf("header %q, want %q", strings.Join(rec, ","), strings.Join(header, ","))}
			}
			continue
		}
		c, err := row(cr, rec)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, &ParseError{Line: 1, Column: 1, Err: errors.New("no cities")}
	}
	return out, nil
}

// row converts one record.
func row(cr *csv.Reader, rec []string) (city, error) {
	c := city{id: rec[0], name: strings.TrimSpace(rec[1]), region: rec[2], nation: rec[3]}
	bad := func(field int, err error) error {
		l, col := cr.FieldPos(field)
		return &ParseError{Line: l, Column: col, Err: fmt.Errorf("%s: %w", header[field], err)}
	}
	if c.id == "" || c.name == "" || c.region == "" {
		return c, bad(0, errors.New("a city needs an id, a name and a region"))
	}
	var err error
	if c.lat, err = coord(rec[4], 90); err != nil {
		return c, bad(4, err)
	}
	if c.lon, err = coord(rec[5], 180); err != nil {
		return c, bad(5, err)
	}
	for i := range dates {
		c.pop[i] = math.NaN()
		s := strings.TrimSpace(rec[10+i])
		if s == "" {
			continue
		}
		p, err := strconv.ParseFloat(s, 64)
		if err != nil || !(p > 0) || math.IsInf(p, 0) {
			return c, bad(10+i, fmt.Errorf("population %q is not a positive number", s))
		}
		c.pop[i] = p
	}
	return c, nil
}

// coord parses a coordinate in [-limit, limit] degrees; empty is NaN
// (unknown).
func coord(s string, limit float64) (float64, error) {
	if strings.TrimSpace(s) == "" {
		return math.NaN(), nil
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || !(math.Abs(x) <= limit) {
		return 0, fmt.Errorf("%q is not a coordinate in [-%g, %g]", s, limit, limit)
	}
	return x, nil
}

// latin1 converts ISO 8859-1 bytes to UTF-8.
func latin1(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return out
}

// complete keeps the cities located and known at every date.
func complete(cs []city) []city {
	var out []city
	for _, c := range cs {
		ok := !math.IsNaN(c.lat) && !math.IsNaN(c.lon)
		for _, p := range c.pop {
			ok = ok && !math.IsNaN(p)
		}
		if ok {
			out = append(out, c)
		}
	}
	return out
}

// names gives each city a unique name: a name shared by several cities
// takes its region's code in brackets.
func names(cs []city) []string {
	count := map[string]int{}
	for _, c := range cs {
		count[c.name]++
	}
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.name
		if count[c.name] > 1 {
			out[i] = c.name + " (" + c.region + ")"
		}
	}
	return out
}

// write writes the scenario.
func write(w io.Writer, cs []city) {
	fmt.Fprint(w, preamble)
	var regions []string
	nation := map[string]string{}
	for _, c := range cs {
		if _, ok := nation[c.region]; !ok {
			regions = append(regions, c.region)
			nation[c.region] = c.nation
		}
	}
	fmt.Fprintf(w, "\n# %d regions (IDREG), each with its republic (Nation column).\n", len(regions))
	for _, r := range regions {
		fmt.Fprintf(w, "\n[[regions]]\nname = %q # %s\n", r, nation[r])
	}
	fmt.Fprintf(w, "\n# %d cities with populations at all six censuses, in the data set's order;\n", len(cs))
	fmt.Fprint(w, "# population = 1959 census, observed = later censuses (persons).\n")
	unique := names(cs)
	for i, c := range cs {
		fmt.Fprintf(w, "\n[[cities]] # %s\nname = %q\nregion = %q\nlat = %s\nlon = %s\npopulation = %s\nobserved = {",
			c.id, unique[i], c.region, num(c.lat), num(c.lon), persons(c.pop[0]))
		for j := 1; j < len(dates); j++ {
			if j > 1 {
				fmt.Fprint(w, ", ")
			}
			fmt.Fprintf(w, "%d = %s", dates[j], persons(c.pop[j]))
		}
		fmt.Fprint(w, "}\n")
	}
}

// persons converts thousands to persons, rounded to the person.
func persons(k float64) string { return num(math.Round(k * 1000)) }

// num formats a float as TOML.
func num(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

const preamble = `# MARIUS: the cities of the former Soviet Union, 1959-1989.
#
# Generated by scripts/mariusdata from shared/data/marius/marius.csv (do not
# edit by hand; rerun the script). Source: the data set published with the
# MARIUS model, ISCPIF/marius-method (model/src/main/resources), described in
# Cottineau, Chapron & Reuillon (2015), "Growing models from the bottom up",
# JASSS 18(4) 9, and Cottineau, Reuillon, Chapron, Rey-Coyrehourcq & Pumain
# (2015), "A modular modelling framework for hypotheses testing in the
# simulation of urbanisation", Systems 3(4) 348-377. Converted from Latin-1 to
# UTF-8; populations from thousands to persons.
#
# The parameters are the published calibration of the model with bonus and
# fixed cost (the defaults of [marius], model/spec.go), calibrated on 1959 ->
# 1989 with one step a year. factorflow run reports the fit (sum over the
# census years reached of the squared log10 differences between the sorted
# simulated and observed populations), the dead cities and the total
# population against the observed. The model is deterministic: both modes run
# the same equations (docs/models.md).

name = "marius"
description = "MARIUS (Cottineau et al. 2015): 1,145 cities of the former Soviet Union from the 1959 census, 30 years, the published calibration with bonus and fixed cost"
family = "marius"
start_year = 1959
years = 30
currency = "MARIUS wealth"

[[sectors]]
name = "economy" # MARIUS has one good: supply, demand and wealth
`
