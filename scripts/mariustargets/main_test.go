package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"factorflow/model"
	"factorflow/scenarios"
)

// TestShippedTargets: the shipped targets file is what the script writes
// from the shipped scenario.
func TestShippedTargets(t *testing.T) {
	sc, err := scenarios.Load("marius", nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := write(&b, sc); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "..", "scenarios", "calibration", "marius-targets.csv")
	have, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, b.Bytes()) {
		t.Errorf("%s is not what the script writes: rerun go run ./scripts/mariustargets", path)
	}
	if lines := strings.Count(b.String(), "\n"); lines != 1+3*len(sc.Cities) {
		t.Errorf("%d lines, want a header and 3 × %d cities", lines, len(sc.Cities))
	}
}

// TestWrite checks the rows on two cities, one with a comma in its name,
// and the error for a city without a census.
func TestWrite(t *testing.T) {
	sc := &model.Scenario{Cities: []model.City{
		{Name: "A", Observed: map[string]float64{"1970": 1000, "1979": 1100.5, "1989": 1200}},
		{Name: "B, C", Observed: map[string]float64{"1970": 10, "1979": 20, "1989": 30}},
	}}
	var b bytes.Buffer
	if err := write(&b, sc); err != nil {
		t.Fatal(err)
	}
	want := "year,unit,variable,value,role\n" +
		"1970,A,population,1000,fit\n1970,\"B, C\",population,10,fit\n" +
		"1979,A,population,1100.5,fit\n1979,\"B, C\",population,20,fit\n" +
		"1989,A,population,1200,fit\n1989,\"B, C\",population,30,fit\n"
	if b.String() != want {
		t.Errorf("wrote\n%s\nwant\n%s", b.String(), want)
	}
	delete(sc.Cities[1].Observed, "1979")
	if err := write(&b, sc); err == nil || !strings.Contains(err.Error(), "B, C has no observed population in 1979") {
		t.Errorf("error %v, want one naming the city and year", err)
	}
}
