package main

import (
	"fmt"
	"io"
	"strings"
)

// This file holds all of factorflow's help text. The tests check that every
// command and every flag appears in it.

// helpEntry documents one subcommand.
type helpEntry struct {
	name  string
	usage string // the usage line, without "usage: "
	text  string // what it does, its arguments and flags, indented two spaces
}

const helpIntro = `factorflow simulates the flow of talent, capital and firms between the cities
of a city cluster: cities as agents that exchange people, investment, firms and
ideas across a transport network and administrative barriers, year by year,
from a TOML scenario. The embedded scenarios ("jing-jin-ji", the default, the
other clusters of the report, "national", "town-cluster", "teaching" and the
Jing-Jin-Ji what-ifs) are listed by "factorflow scenarios"; any other is a file
path.
The canonical models "core-periphery", "footloose-entrepreneur" and "marius"
(MARIUS, Cottineau et al. 2015, on 1,145 Soviet cities from the 1959 census)
run as model families on the same engine (docs/models.md).

Commands:
`

var helpCommands = []helpEntry{
	{"run", "factorflow run [SCENARIO] [--seed N] [--years N] [--mode stochastic|mean-field] [--out DIR] [--set key=value]... [--check] [--synergy] [--quiet]", `
  Simulates SCENARIO (a file path or an embedded name; default "jing-jin-ji")
  and writes a run directory. At the end it prints the run directory and a
  table of key metrics at the start and end years: population, output,
  urbanisation and stage, economic-cliff ratio, Theil index, specialisation,
  then the model family's own metrics: for "marius", fit (sum over the census
  years reached of the squared log10 differences between sorted simulated and
  observed populations; over 1970, 1979 and 1989 in the shipped 30 years),
  census_year, census_fit, census_simulated and census_observed (total
  population against the census), dead (cities with no wealth left), wealth,
  trade, trading_pairs, bonus and fixed_costs.
  Flags may come before or after SCENARIO.

  --seed N          seed of every random stream (same as --set seed=N)
  --years N         years to simulate (same as --set years=N)
  --mode M          stochastic (default) or mean-field (same as --set mode=M)
  --out DIR         run directory; default results/<scenario>-<seed>-<YYYYmmdd-HHMMSS>
                    (made unique). DIR must not hold a run already.
  --set key=value   override any parameter, with the same checks as the file;
                    repeatable. Keys are TOML paths as 'factorflow params' prints
                    them, with array elements by name: --set migration.rate=0.2,
                    --set cities.Beijing.population=2e7,
                    --set cities.Beijing.sectors.finance=0.3,
                    --set policies.reform.regions=Beijing,Hebei; elements without
                    a name by index: --set barriers.pairs.0.people=inf.
                    --seed, --years and --mode are applied after every --set.
  --check           verify the conservation of people and capital every step;
                    stop at the first violation, naming year, city and quantity
  --synergy         also run the same cities in isolation (infinite barriers, the
                    cluster's calibration, the same seed) and write the "1 + 1 > 2"
                    synergy gain to metrics.csv: synergy_gain (total), synergy_links
                    (the isolated run replays the cluster's residents) and
                    synergy_per_capita; NaN without this flag. About 3x slower.
  --quiet           no progress bar (it is shown on stderr only when stderr is a
                    terminal)

  An invalid scenario or override prints every problem, one a line, as
  file:line:col: key: message (or --set: key: message), exits 2 and writes
  nothing. Ctrl-C stops the run cleanly after the year in progress: the years
  done are kept, the manifest says "interrupted", and the exit code is 130. A
  second Ctrl-C kills it at once, leaving the tables as *.tmp and no manifest.
`},
	{"compare", "factorflow compare BASE VARIANT [--reps N] [--years N] [--mode stochastic|mean-field] [--seed N] [--set key=value]... [--synergy] [--out FILE.csv] [--quiet] [-j N]", `
  What-if comparison. Runs BASE and VARIANT (file paths or embedded names)
  with common random numbers: replication r of each is run r with the same
  seed, so the two draw the same random numbers and their difference is the
  variant's effect rather than noise. For every cluster metric of metrics.csv
  and every year it computes the mean of base and of variant, the mean
  difference variant − base over the replications with its 95 % confidence
  interval (Student's t, reps − 1 degrees of freedom) and the relative change
  (mean difference / base mean). It prints the table of the end year, a * on
  each difference whose interval excludes 0, and writes every year to a CSV.
  Mean-field runs have no noise: one replication, and the difference is exact
  (an interval of zero width). Flags may come before or after the scenarios.

  --reps N          replications of each scenario (default 10); mean-field runs 1.
                    With one stochastic replication the interval is n/a (NaN).
  --years N, --mode M, --set key=value
                    as for run, applied to both scenarios; --years and --mode
                    come after every --set. Both must then have the same mode,
                    start_year and years.
  --seed N          seed of both scenarios; default BASE's seed, which VARIANT
                    then shares
  --synergy         compute the synergy gain of both (as for run), so that the
                    synergy_* metrics are compared; n/a without it
  --out FILE.csv    the CSV; default results/compare-<base>-<variant>-<YYYYmmdd-HHMMSS>.csv
                    (made unique); an existing FILE is replaced. One row per
                    year and metric: year, metric, base_mean, variant_mean,
                    diff_mean, diff_ci_low, diff_ci_high, rel_change, reps
                    (see results/README.md). Written under a temporary name
                    and renamed when complete.
  --quiet           no progress bar (it is shown on stderr only when stderr is a
                    terminal)
  -j N              replications run at once (default: the number of CPUs);
                    the output is the same for any N

  Both scenarios are checked before anything runs; problems are printed as for
  run and exit 2. A failed replication stops the rest, is named (base or
  variant, replication) with its error, and exits 1. Ctrl-C stops the runs,
  writes nothing and exits 130.
`},
	{"sweep", "factorflow sweep SWEEP.toml [--out DIR] [-j N] [--shard K/N] [--csv] [--quiet] [--slurm [--array-size N] [--partition P] [--time T]]", `
  Runs a batch parameter sweep: the base scenario of SWEEP.toml at every
  point of a design over its [[factors]] (grid, random, lhs, sobol with the
  Saltelli scheme, morris), with replications. Run id = point × replications
  + replicate; run i's scenario seed derives from the sweep seed and i only
  (sim/sweep RunSeed) and is written as seed=N. See README "Sweeps" for the
  file's keys; unknown keys and bad values exit 2 before anything runs.

  --out DIR         sweep directory; default results/sweep-<name>-<YYYYmmdd-HHMMSS>.
                    Give it to resume: the same command continues where it
                    stopped (runs in DIR/journal.jsonl are skipped) and the final
                    files equal those of an uninterrupted sweep. A DIR that holds
                    another sweep (sweep.json's hash differs) is refused.
  -j N              runs at once (default: the number of CPUs); the files are
                    the same for any N
  --shard K/N       make only the runs with id % N == K-1, into DIR/shard-K-of-N/;
                    'factorflow merge DIR' combines the shards (needs --out)
  --csv             also write the time series as CSV (outputs = "timeseries")
  --quiet           no progress bar (runs done, failed, runs/s, ETA; shown on
                    stderr only when stderr is a terminal)
  --slurm           do not run: write DIR/sweep.sbatch, a Slurm job array of one
                    task per shard (task K runs --shard K/N from SLURM_ARRAY_TASK_ID)
                    which, run with bash, submits itself and then a merge job
                    that waits for every task; prints how to submit it
  --array-size N    array tasks, that is shards (default 10, at most the runs)
  --partition P     Slurm partition (default: the cluster's)
  --time T          Slurm time limit of each task (default 1:00:00)

  Files in DIR (see results/README.md): sweep.json (design, factors, hash,
  runs), journal.jsonl (one line per finished run), runs.csv and
  runs.parquet (one row per run, by run id: run, point, replicate, seed, each factor,
  status, error, each metric's final-year value). With outputs = "timeseries"
  also timeseries.parquet (and with --csv timeseries.csv): run, year, city,
  variable, value for every ok run, from the per-run files of DIR/timeseries/,
  which may be deleted once the sweep is done. A run that fails (invalid
  factor value, engine error, panic, non-finite metric) is recorded as failed
  and the sweep goes on; the exit code is then 1. Ctrl-C finishes the runs in
  flight, prints the command that resumes, and exits 130.
`},
	{"calibrate", "factorflow calibrate CALIBRATION.toml [--out DIR] [-j N] [--quiet] [--format png|svg]", `
  Fits parameters of a scenario to observed targets. CALIBRATION.toml names
  the scenario, fixed overrides (set, start_year, years, mode), the [[params]]
  (any --set path with lower, upper, optional log and start; per or minus
  another earlier parameter's path searches the ratio to it or the
  difference from it instead), the targets CSV
  (year,unit,variable,value,role: unit a city or "cluster", variable a
  cities.csv or metrics.csv column, role fit or holdout), the objective
  (sse-log: weighted sum of squared log errors, default; sorted-log10:
  MARIUS's squared log10 differences of the sorted distributions), weights,
  reps (replications; rep r of every point is run r: common random numbers,
  the loss is the mean over reps), optional [[constraints]] (a metrics.csv
  column bounded by min/max in every recorded year; the loss gains penalty ×
  the summed excess), the method and its budget (points
  evaluated), and the seed. Methods: cmaes and nelder-mead (best fit),
  abc-rejection and abc-smc (posterior sample and credible intervals),
  profile (fit the others at each value of one parameter), evaluate (the
  fit at the parameters' start values, e.g. published ones). See README
  "Calibration" and docs/calibration.md; unknown keys and bad values exit 2
  before anything runs, naming file:line:col.

  --out DIR         calibration directory; default
                    results/calibrate-<name>-<YYYYmmdd-HHMMSS>. Give it to resume:
                    runs in DIR/journal.jsonl are read, not recomputed, and the
                    outputs equal those of an uninterrupted calibration. A DIR of
                    another calibration (calibration.json's hash differs) is refused.
  -j N              runs at once (default: the number of CPUs); the outputs are
                    the same for any N
  --quiet           no progress bar (shown on stderr only when it is a terminal)
  --format F        format of the figures: png (default) or svg

  Files in DIR: best.toml (a scenario extending the calibrated one with the
  best values, for 'factorflow run'), fit.csv (per target: observed,
  simulated, role, error; then the objective summed on fit and on holdout
  targets), trace.csv (convergence), evaluations.parquet (every run: params,
  losses, simulated targets), posterior.csv and intervals.csv (abc-*),
  profile.csv (profile), summary.json (written last), calibration.json and
  journal.jsonl. Figures, drawn at the end (and again by "factorflow plot
  DIR"): fit (observed against simulated per target, log-log, fit and
  holdout targets apart, the 1:1 line), convergence (the best loss by points
  evaluated, log axis), posterior (abc-*: each parameter's histogram with
  its median and credible interval), profile (profile: the losses and the
  others' fitted values at each value). Ctrl-C finishes the runs in flight,
  writes nothing but the journal, prints the command that resumes, and
  exits 130.
`},
	{"analyze", "factorflow analyze SWEEPDIR [--out FILE.csv] [--bootstrap N] [--seed N]", `
  Global sensitivity analysis of a finished sweep. Reads SWEEPDIR/sweep.json
  and SWEEPDIR/runs.csv, averages each design point's replicates (skipping
  failed runs and non-finite values) and computes, for every metric and
  factor: with a sobol design, the first-order (S1, Saltelli 2010) and
  total-order (ST, Jansen) Sobol indices with 95 % percentile bootstrap
  intervals over the base rows; with a morris design, the elementary
  effects' mean of absolute values μ*, mean μ and standard deviation σ, per
  unit of the factor's [0,1] design range (log factors on the log scale).
  Prints a table and writes the same as CSV. Other designs exit 2.

  --out FILE.csv    the CSV; default SWEEPDIR/sensitivity.csv, replaced if it
                    exists. Columns metric, factor, S1, S1_low, S1_high, ST,
                    ST_low, ST_high (sobol) or metric, factor, mu_star, mu,
                    sigma (morris). Written under a temporary name and
                    renamed when complete.
  --bootstrap N     bootstrap resamples (default 1000); 0: no intervals
  --seed N          seed of the bootstrap; default the sweep's seed

  A metric with a design point that has no ok replicate has undefined
  indices: the table says which point and why (its runs' errors), its CSV
  rows are NaN, and the exit code is 1. An unreadable or inconsistent
  SWEEPDIR exits 2.
`},
	{"plot", "factorflow plot RUNDIR [--format png|svg] [--out DIR] [--year Y] [--factor F]", `
  Draws the figures of a run directory (or of a compare CSV) with titles,
  axis labels with units and legends, and prints the path of each file
  written. For a run: population by city over the years (population; the 30
  largest cities when there are more), urbanisation with the bands of its
  three stages (urbanisation), sector shares of output by city, stacked
  (sectors-Y), the matrix of flows between cities and rural hinterlands of a
  year and factor, as a heatmap (flows-F-Y), and the metric panel:
  economic-cliff ratio, Theil index, specialisation and, with run --synergy,
  the synergy gain (metrics). For a compare CSV: the difference variant −
  base of the key metrics over the years with its 95 % confidence band
  (compare). For a bifurcation directory (with tomahawk.csv): the tomahawk
  diagram (tomahawk). For a calibration directory (with summary.json): fit,
  convergence, and posterior or profile (see calibrate). The same input
  gives the same bytes.

  --format F        png (default, 150 dpi) or svg
  --out DIR         where the figures go, created if needed; default
                    RUNDIR/figures (FILE-figures beside a compare FILE.csv;
                    the directory itself for a bifurcation or calibration
                    directory).
                    Existing figures of the same name are replaced; each is
                    written under a temporary name and renamed when complete.
  --year Y          year of the sector shares and the flow matrices; default
                    the run's last year (the start year has no flows)
  --factor F        factor of the flow matrix: talent, workers, capital or
                    firms; default one matrix for each. --year and --factor
                    apply to a run directory only.

  A missing or malformed file is named with its line and column and exits 2,
  as does a --year the run does not have; a figure that cannot be written
  exits 1.
`},
	{"report", "factorflow report RUNDIR [--out FILE]", `
  Writes one self-contained HTML page for a run directory (or a compare CSV,
  a bifurcation or a calibration directory): every figure of plot, inlined as
  SVG, the table of the metrics in the first and last years (for a compare
  CSV, the differences in its last year; for a bifurcation, the break and
  sustain points; for a calibration, the losses and posterior intervals), and
  the scenario (scenario.toml). It needs no other file and no network.

  --out FILE        the page; default RUNDIR/report.html (FILE.html beside a
                    compare FILE.csv). Written under a temporary name and
                    renamed when complete.

  Errors exit as for plot.
`},
	{"merge", "factorflow merge SWEEPDIR [--csv]", `
  Combines the shards of a sweep (SWEEPDIR/shard-K-of-N/, made by sweep --shard
  or --slurm) into SWEEPDIR/runs.csv and runs.parquet, equal to those of the
  same sweep made on one machine. It checks that every run is present exactly
  once; if some are missing it writes nothing, lists them and prints the
  sweep --shard commands that make them, and exits 1. It lists the failed runs
  (exit 1) and refuses shards of another sweep (their sweep.json's hash
  differs) or of different N.

  --csv             also write timeseries.csv (outputs = "timeseries")
`},
	{"facts", "factorflow facts [--set key=value ...] [F1 ... F9]", `
  Runs the report's stylized facts (MODEL.md section 6) against the shipped
  scenarios, in mean-field mode (F2 and F9 over 10 and 40 stochastic runs
  with fixed seeds, on confidence intervals), and prints for each what the
  report says, what the model gives and whether it holds; with arguments,
  only those
  facts. Exits 1 if a fact is not reproduced (docs/calibration.md says why).

  --set key=value   override a parameter in every scenario of the suite
                    (repeatable): how robust a fact is to it
`},
	{"bifurcation", "factorflow bifurcation SCENARIO --param PATH --from A --to B [--steps N] [--set key=value]... [--out DIR] [--format png|svg]", `
  Traces the tomahawk diagram of a two-region core-periphery or
  footloose-entrepreneur scenario (docs/models.md): the stable long-run
  equilibria as the parameter PATH moves from A to B. At each of the N + 1
  values it runs the replicator from a near-symmetric and a near-agglomerated
  start (core_periphery.perturbation away) until they settle, finds every
  equilibrium and its stability from the real-reward gap, and refines each
  break point (the symmetric equilibrium changes stability) and sustain point
  (full agglomeration does) by bisection on PATH. Prints them, with the
  published closed forms when PATH is core_periphery.phi or trade_cost.

  --param PATH      the parameter, any path --set accepts (core_periphery.phi,
                    core_periphery.trade_cost, core_periphery.mu, ...)
  --from A          first value
  --to B            last value
  --steps N         grid intervals (default 50)
  --set key=value   override a parameter of the scenario first; repeatable
  --out DIR         directory of the files; default
                    results/bifurcation-<scenario>-<seed>-<YYYYmmdd-HHMMSS>.
                    Files there are replaced.
  --format F        format of the figure tomahawk.png or .svg: png (default)
                    or svg

  Files: tomahawk.csv (PATH, branch, lambda, stable: per value the symmetric,
  core and interior equilibria with their stability, and where the traces
  from the two starts ended, trace_symmetric and trace_core, stable meaning
  they settled) and points.csv (kind, param, value, stable_below,
  closed_form); lambda is the first region's share of the mobile factor.
  The figure tomahawk.FORMAT draws them: λ against PATH, stable equilibria
  solid and unstable dashed, the break and sustain points marked with their
  closed forms (as "factorflow plot DIR" draws it again).
  A point is found where the stability test changes sign between two grid
  values: two points closer than the grid step may hide each other, so use
  more --steps. Written under a temporary name and renamed when complete.
  A scenario of another family or without exactly two regions, or a value
  the scenario rejects, exits 2.
`},
	{"serve", "factorflow serve [SCENARIO] [--listen 127.0.0.1:8080] [--seed N] [--set key=value]... [--max-sessions N] [--max-years N]", `
  Serves the classroom page: open the printed address in a browser (every
  asset is in the binary; no internet needed). Each browser tab runs its own
  pair of simulations of SCENARIO (default "jing-jin-ji"; the page can pick
  any embedded scenario) from the same seed: the left one as written, the
  right one with the changes made on the page, from the next year: sliders
  for the administrative barrier (all pairs of regions or one), the hukou
  penalty, non-local access to services and transport density, and buttons
  applying a level of the policy pyramid to the cities clicked on the map.
  The page shows both maps (circle area ∝ residents, flows as lines), the
  year, stage and a sentence on what changed most, the difference between
  the runs, and charts of urbanisation, residents and output per head by
  city, the economic cliff, Theil, specialisation and the synergy gain. The
  JSON API and its event stream are in docs/api.md.

  --listen ADDR     host:port to listen on; default 127.0.0.1:8080 (this
                    computer only). Another address, e.g. 0.0.0.0:8080 for a
                    classroom network, only when given; a warning says so.
  --seed N          seed of new sessions; default the scenario's
  --set key=value   override a parameter of every scenario, as for run; repeatable
  --max-sessions N  sessions (tabs) at once, 1-1000 (default 16); sessions idle
                    for 15 minutes end
  --max-years N     years a session simulates at most, 1-500 (default 100)

  A bad scenario exits 2 before listening. Ctrl-C stops the server cleanly
  (exit 0): event streams end and requests in flight finish.
`},
	{"scenarios", "factorflow scenarios", `
  Lists the embedded scenarios with the first line of their description.
`},
	{"show", "factorflow show NAME", `
  Prints the TOML source of the embedded scenario NAME: a starting point for
  your own. An unknown NAME lists the embedded ones and exits 2.
`},
	{"validate", "factorflow validate FILE...", `
  Loads each scenario (a file or an embedded name) with every check of run,
  without running it. Prints "FILE: ok" for a valid one and its problems, one a
  line as file:line:col: key: message, for an invalid one. Exits 2 if any is
  invalid.
`},
	{"params", "factorflow params [PREFIX]", `
  Prints every scenario parameter: its path (the TOML key, and the key of
  --set), unit, default, valid range or values, and source. With PREFIX, only
  the paths that start with it (e.g. "factorflow params migration").
`},
	{"version", "factorflow version", `
  Prints factorflow's version (with the VCS revision it was built from, when
  known) and the Go version.
`},
	{"help", "factorflow help [COMMAND]", `
  Prints this help, or the help of one command. -h and --help do the same,
  also after a command ("factorflow run -h").
`},
}

const helpTail = `
Exit codes:
  0    success
  1    the run failed (an error from the engine, a --check violation, a
       non-finite value), its files could not be written, or --out already
       holds a run: "factorflow: ..."
  2    bad usage, an unknown command or scenario, or an invalid scenario
  130  interrupted by Ctrl-C; run keeps the years before, compare writes
       nothing

Run directory (see results/README.md for every column):
  cities.csv     one row per year and city: residents by skill and hukou
                 status, output (total, per capita, by sector), capital,
                 knowledge, wages, land price, market access, revenue,
                 public services, pollution, amenity, firms
  regions.csv    one row per year and region: rural population and wage, farm floor
  flows.csv      year, factor (talent, workers, capital, firms), origin,
                 destination, amount: nonzero flows between cities, and rural
                 migration from and returns to "rural:<region>" (factor "workers",
                 counting both skills); flows are yearly sums
  metrics.csv    cluster metrics per year: stage, population, output,
                 urbanisation, specialisation, Theil, cliff, flows, hierarchy...,
                 then the model family's own (marius: fit, dead, ...)
  policies.csv   fiscal cost of each policy in each year it costs something
  scenario.toml  the resolved scenario, every default filled in:
                 'factorflow run DIR/scenario.toml' repeats the run
  manifest.json  version, Go version, seed, mode, scenario sha256, command line,
                 start and end time, status (complete, failed, interrupted),
                 error, last year written, files with row counts

Every file is written under a temporary name and renamed when complete;
manifest.json is written last. Numbers have 10 significant digits.
`

const shortUsage = `usage: factorflow COMMAND [ARGS]
Commands: run, compare, sweep, calibrate, merge, analyze, plot, report, facts, bifurcation, serve, scenarios, show, validate, params, version, help.
Run 'factorflow help' for details.
`

// findHelp returns the entry of a command, or nil.
func findHelp(name string) *helpEntry {
	for i := range helpCommands {
		if helpCommands[i].name == name {
			return &helpCommands[i]
		}
	}
	return nil
}

// usageLine returns a command's usage line.
func usageLine(name string) string {
	if h := findHelp(name); h != nil {
		return h.usage
	}
	return "factorflow COMMAND [ARGS]"
}

// commandHelp returns the help of one command.
func commandHelp(name string) string {
	h := findHelp(name)
	if h == nil {
		return fullHelp()
	}
	return "usage: " + h.usage + "\n" + h.text
}

// fullHelp returns the help of every command, the exit codes and the files.
func fullHelp() string {
	var b strings.Builder
	b.WriteString(helpIntro)
	for _, h := range helpCommands {
		fmt.Fprintf(&b, "\n%s\n%s", h.usage, h.text)
	}
	b.WriteString(helpTail)
	return b.String()
}

// cmdHelp prints the help, or one command's help.
func cmdHelp(stdout, stderr io.Writer, args []string) int {
	fs := newFlags("help")
	pos, code, ok := parse(fs, "help", args, stdout, stderr)
	if !ok {
		return code
	}
	switch {
	case len(pos) == 0:
		fmt.Fprint(stdout, fullHelp())
	case len(pos) > 1:
		return usageError(stderr, "help", "want at most one COMMAND")
	case findHelp(pos[0]) == nil:
		fmt.Fprintf(stderr, "factorflow help: unknown command %q\n%s", pos[0], shortUsage)
		return exitUsage
	default:
		fmt.Fprint(stdout, commandHelp(pos[0]))
	}
	return exitOK
}
