// Command mariustargets writes the targets file of the MARIUS calibration,
// scenarios/calibration/marius-targets.csv, from the observed populations
// of the embedded scenario scenarios/marius.toml (themselves written by
// scripts/mariusdata from the MARIUS data set):
//
//	go run ./scripts/mariustargets -out scenarios/calibration/marius-targets.csv
//
// One row per city and census year the calibration fits (1970, 1979 and
// 1989: the years the published calibration fitted, from a start in
// 1959), variable population, in persons, role fit, in the scenario's
// city order. The 2002 and 2010 censuses are left out: the run stops in
// 1989 (docs/calibration.md section 6 says why no target is held back).
package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"factorflow/model"
	"factorflow/scenarios"
)

// years are the census years fitted.
var years = []int{1970, 1979, 1989}

func main() {
	out := flag.String("out", "scenarios/calibration/marius-targets.csv", "targets file to write")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "mariustargets:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	sc, err := scenarios.Load("marius", nil)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := write(&b, sc); err != nil {
		return err
	}
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Clean(out))
}

// write writes the targets of sc's cities: the header of the targets file
// (package sim/calibrate), then each census year's observed populations.
// A city without an observation of a census year is an error.
func write(w io.Writer, sc *model.Scenario) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"year", "unit", "variable", "value", "role"})
	for _, y := range years {
		key := strconv.Itoa(y)
		for _, c := range sc.Cities {
			v, ok := c.Observed[key]
			if !ok {
				return fmt.Errorf("city %s has no observed population in %d", c.Name, y)
			}
			cw.Write([]string{key, c.Name, "population", strconv.FormatFloat(v, 'f', -1, 64), "fit"})
		}
	}
	cw.Flush()
	return cw.Error()
}
