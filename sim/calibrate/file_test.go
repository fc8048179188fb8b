package calibrate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const goodFile = `scenario = "teaching"
mode = "mean-field"
years = 5
targets = "tiny-targets.csv"
method = "nelder-mead"
budget = 20

[[params]]
path = "production.tfp_growth"
lower = 0.0
upper = 0.06
`

// TestParseErrors checks that each bad calibration file is refused with
// an error that says where (file:line:col) and what.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, edit, want string
	}{
		{"unknown key", "colour = 3\n" + goodFile, "testdata/x.toml:1:1: colour: unknown key"},
		{"unknown nested key", goodFile + "[abc]\nparticle = 3\n", "testdata/x.toml:13:1: abc.particle: unknown key"},
		{"unknown key in params", goodFile + "colour = 3\n", "testdata/x.toml:12:1: params.colour: unknown key"},
		{"syntax", goodFile + "budget = = 3\n", "testdata/x.toml:12:"},
		{"type", strings.Replace(goodFile, "budget = 20", `budget = "20"`, 1), "testdata/x.toml:6:1: budget: incompatible types"},
		{"method", strings.Replace(goodFile, `"nelder-mead"`, `"genetic"`, 1),
			`testdata/x.toml:5:1: method: "genetic": want one of cmaes, nelder-mead, abc-rejection, abc-smc, profile`},
		{"objective", "objective = \"l1\"\n" + goodFile, `objective: "l1": want one of sse-log, sorted-log10`},
		{"range", strings.Replace(goodFile, "upper = 0.06", "upper = -1.0", 1), `params[0] "production.tfp_growth": range [0, -1]: want finite lower < upper`},
		{"log", strings.Replace(goodFile, "upper = 0.06", "upper = 0.06\nlog = true", 1), "a log scale needs lower > 0"},
		{"no params", goodFile[:strings.Index(goodFile, "[[params]]")], "params: missing"},
		{"bad path", strings.Replace(goodFile, "production.tfp_growth", "production.nothing", 1), `testdata/x.toml:9:8: params[0]: "production.nothing" = 0 gives an invalid scenario`},
		{"out of the parameter's range", strings.Replace(goodFile, "upper = 0.06", "upper = 0.5", 1), `"production.tfp_growth" = 0.5 gives an invalid scenario`},
		{"bad scenario", strings.Replace(goodFile, `"teaching"`, `"atlantis"`, 1), "testdata/x.toml:1:1: scenario:"},
		{"missing targets", strings.Replace(goodFile, "tiny-targets.csv", "none.csv", 1), "none.csv"},
		{"budget", strings.Replace(goodFile, "budget = 20", "budget = 1", 1), "Nelder–Mead needs at least k + 1 = 2"},
		{"profile param", strings.Replace(goodFile, `"nelder-mead"`, `"profile"`, 1) + "[profile]\nparam = \"x\"\n", `profile.param: "x": want the path of one of the [[params]]`},
		{"reps", "reps = -1\n" + goodFile, "reps: -1: want 1 to 10000"},
		{"cmaes screen over the budget", goodFile + "[cmaes]\ninit = 20\n", "cmaes.init: 20: want 0 (no screen) to budget - 1 (19)"},
		{"cmaes restarts", goodFile + "[cmaes]\nrestarts = -1\n", "cmaes.restarts: -1: want 0 (none) to 20"},
		{"cmaes stagnation", goodFile + "[cmaes]\nstagnation = -3\n", "cmaes.stagnation: -3: want 0 (none) to 100000 generations"},
		{"constraint without bounds", goodFile + "[[constraints]]\nvariable = \"population\"\npenalty = 1.0\n",
			`testdata/x.toml:12:1: constraints[0]: "population": give min, max or both`},
		{"constraint bounds crossed", goodFile + "[[constraints]]\nvariable = \"population\"\nmin = 2.0\nmax = 1.0\npenalty = 1.0\n",
			`constraints[0]: "population": min 2 above max 1`},
		{"constraint without variable", goodFile + "[[constraints]]\nmax = 1.0\npenalty = 1.0\n", "constraints[0]: variable missing"},
		{"constraint penalty", goodFile + "[[constraints]]\nvariable = \"population\"\nmax = 1.0\n",
			`testdata/x.toml:12:1: constraints[0]: "population": penalty 0: want a finite penalty > 0`},
		{"constraint infinite bound", goodFile + "[[constraints]]\nvariable = \"population\"\nmax = inf\npenalty = 1.0\n",
			"min and max must be finite"},
		{"constraint unknown metric", goodFile + "[[constraints]]\nvariable = \"dead\"\nmax = 0.0\npenalty = 1.0\n",
			`testdata/x.toml:12:1: constraints[0].variable: "dead": want a metrics.csv column of the scenario's runs (population, urban,`},
		{"constraint twice", goodFile + "[[constraints]]\nvariable = \"population\"\nmax = 2e6\npenalty = 1.0\n[[constraints]]\nvariable = \"population\"\nmin = 1.0\npenalty = 1.0\n",
			`testdata/x.toml:16:1: constraints[1]: "population" given twice (first in constraints[0])`},
		{"unknown constraint key", goodFile + "[[constraints]]\nvariable = \"population\"\nmax = 1.0\npenalty = 1.0\nweight = 2.0\n",
			"constraints.weight: unknown key"},
		{"per and minus", relFile("per = \"production.tfp_growth\"\nminus = \"production.tfp_growth\""), `params[1] "migration.rate": per "production.tfp_growth" and minus "production.tfp_growth": give at most one`},
		{"relative to a later parameter", strings.Replace(goodFile, "upper = 0.06\n", "upper = 0.06\nminus = \"migration.rate\"\n", 1) + "\n[[params]]\npath = \"migration.rate\"\nlower = 0.02\nupper = 0.3\n",
			`params[0].minus "migration.rate": want the path of an earlier [[params]]`},
		{"relative to a relative one", relFile("minus = \"production.tfp_growth\"") + "\n[[params]]\npath = \"knowledge.rd\"\nlower = 0.1\nupper = 0.2\nminus = \"migration.rate\"\n",
			`params[2].minus "migration.rate": that parameter is itself relative; refer to a plain one`},
		{"ratio to a range through 0", relFile("per = \"production.tfp_growth\""), `params[1].per "production.tfp_growth": its range [0, 0.06] must be above 0`},
		{"no valid derived value", relFile("minus = \"production.tfp_growth\"\nlower = 5.0\nupper = 6.0"),
			`params[1]: "migration.rate" = 5 (production.tfp_growth 0, difference 5) gives an invalid scenario, and so do the other corners`},
		{"profile of a relative parameter", strings.Replace(relFile("minus = \"production.tfp_growth\""), `"nelder-mead"`, `"profile"`, 1) + "[profile]\nparam = \"production.tfp_growth\"\n",
			`profile.param: "production.tfp_growth": migration.rate is searched relative to it; profile a parameter no other is relative to`},
		{"years too short for the targets", strings.Replace(goodFile, "years = 5", "years = 2", 1), "year 2023: the run records 2020 to 2022"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("testdata/x.toml", []byte(tt.edit))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error:\n%v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

// relFile is goodFile with a second parameter, migration.rate, whose
// [[params]] table ends with the lines extra (lower and upper given there
// replace its defaults 0.05 and 0.5).
func relFile(extra string) string {
	lo, hi := "lower = 0.05\n", "upper = 0.5\n"
	if strings.Contains(extra, "lower") {
		lo, hi = "", ""
	}
	return goodFile + "\n[[params]]\npath = \"migration.rate\"\n" + lo + hi + extra + "\n"
}

func TestParseGood(t *testing.T) {
	f, err := Parse("testdata/x.toml", []byte(goodFile))
	if err != nil {
		t.Fatal(err)
	}
	if f.Reps != 1 || f.Seed != 1 || f.Objective != "sse-log" || f.ABC.Particles != 100 || len(f.TargetList()) != 24 {
		t.Errorf("defaults: reps %d seed %d objective %s particles %d targets %d", f.Reps, f.Seed, f.Objective, f.ABC.Particles, len(f.TargetList()))
	}
	if f.Name() != "x" {
		t.Errorf("name %q", f.Name())
	}
	g, _ := Parse("testdata/x.toml", []byte(goodFile+"# a comment\n"))
	h, _ := Parse("testdata/x.toml", []byte(strings.Replace(goodFile, "budget = 20", "budget = 21", 1)))
	if f.Hash() != g.Hash() || f.Hash() == h.Hash() {
		t.Error("the hash must ignore comments and follow values")
	}
}

// TestTargetErrors checks the targets file's errors: line and column of
// the bad field, and what is wanted.
func TestTargetErrors(t *testing.T) {
	sc := loadTeaching(t)
	tests := []struct{ name, csv, want string }{
		{"header", "year,city,variable,value,role\n", `t.csv:1:1: header "year,city,variable,value,role": want year,unit,variable,value,role`},
		{"empty", "", "t.csv:1:1: empty"},
		{"year", "year,unit,variable,value,role\n20x5,Capital,population,1,fit\n", `t.csv:2:1: year "20x5": want an integer`},
		{"year range", "year,unit,variable,value,role\n2019,Capital,population,1,fit\n", "t.csv:2:1: year 2019: the run records 2020 to 2050"},
		{"unit", "year,unit,variable,value,role\n2021,Atlantis,population,1,fit\n", `t.csv:2:6: unit "Atlantis": want "cluster" or a city`},
		{"city variable", "year,unit,variable,value,role\n2021,Capital,urbanisation,1,fit\n", `t.csv:2:14: variable "urbanisation": want a cities.csv column`},
		{"cluster variable", "year,unit,variable,value,role\n2021,cluster,wage_talent,1,fit\n", `t.csv:2:14: variable "wage_talent": want a metrics.csv column`},
		{"value", "year,unit,variable,value,role\n2021,Capital,output,-3,fit\n", `t.csv:2:21: value "-3": want a finite number > 0`},
		{"role", "year,unit,variable,value,role\n2021,Capital,output,3,test\n", `t.csv:2:23: role "test": want fit or holdout`},
		{"fields", "year,unit,variable,value,role\n2021,Capital,output,3\n", "t.csv:2:1: wrong number of fields"},
		{"twice", "year,unit,variable,value,role\n2021,Capital,output,3,fit\n2021,Capital,output,4,fit\n", "t.csv:3:1: 2021 Capital output given twice (first on line 2)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadTargets("t.csv", []byte(tt.csv), sc)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error:\n%v\nwant it to contain %q", err, tt.want)
			}
		})
	}
	ts, err := ReadTargets("t.csv", []byte("year,unit,variable,value,role\n2021,Capital,output_tech,3,fit\n2030,cluster,urbanisation,0.5,holdout\n"), sc)
	if err != nil || len(ts) != 2 || ts[1].Role != Holdout || ts[0].Variable != "output_tech" {
		t.Errorf("good targets: %v %v", ts, err)
	}
}

// FuzzParse feeds arbitrary calibration files to Parse: it must return a
// file or an error, never panic, and a file it returns must be valid.
func FuzzParse(f *testing.F) {
	f.Add([]byte(goodFile))
	for _, name := range []string{"tiny.toml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("scenario = 3\n[[params]]\npath = \"\"\n"))
	f.Add([]byte("method = \"abc-smc\"\n[abc]\nparticles = 1\n"))
	f.Add([]byte(relFile("minus = \"production.tfp_growth\"")))
	f.Add([]byte(relFile("per = \"production.tfp_growth\"")))
	f.Add([]byte(goodFile + "[cmaes]\nrestarts = 3\nstagnation = 10\n[[constraints]]\nvariable = \"population\"\nmin = 1.0\nmax = 2e6\npenalty = 0.5\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cf, err := Parse("testdata/fuzz.toml", data)
		if err != nil {
			return
		}
		if len(cf.Params) == 0 || len(cf.TargetList()) == 0 || cf.Reps < 1 || cf.Budget < 1 {
			t.Errorf("accepted an invalid file: %+v", cf)
		}
	})
}

// FuzzReadTargets feeds arbitrary CSV to ReadTargets.
func FuzzReadTargets(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("testdata", "tiny-targets.csv"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte("year,unit,variable,value,role\n2021,cluster,output,1e9,fit\n"))
	f.Add([]byte("year,unit,variable,value,role\n\"2021\n"))
	sc := loadTeaching(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		ts, err := ReadTargets("fuzz.csv", data, sc)
		if err != nil {
			return
		}
		for _, tg := range ts {
			if !(tg.Value > 0) || (tg.Role != Fit && tg.Role != Holdout) {
				t.Errorf("accepted %+v", tg)
			}
		}
	})
}
