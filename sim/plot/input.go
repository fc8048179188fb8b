package plot

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"factorflow/sim/output"
)

// Input is what plot reads: a run directory, a compare CSV, a bifurcation
// directory or a calibration directory, one of the fields after Path set.
type Input struct {
	Path     string
	Run      *Run
	Compare  *Compare
	Tomahawk *Tomahawk
	// Calibration is a calibration directory of factorflow calibrate.
	Calibration *Calibration
}

// Read reads path: a bifurcation directory (one with tomahawk.csv), a
// calibration directory (one with summary.json or calibration.json), a run
// directory (one with metrics.csv) or a compare CSV file (one whose header
// is that of factorflow compare).
func Read(path string) (*Input, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, missing(path, err)
	}
	in := &Input{Path: path}
	if info.IsDir() && hasFile(path, TomahawkFile) {
		in.Tomahawk, err = ReadTomahawk(path)
		return in, err
	}
	if info.IsDir() && isCalibration(path) {
		in.Calibration, err = ReadCalibration(path)
		return in, err
	}
	if info.IsDir() {
		if _, err := os.Stat(filepath.Join(path, "metrics.csv")); errors.Is(err, os.ErrNotExist) {
			if _, e := os.Stat(filepath.Join(path, "metrics.csv.tmp")); e != nil {
				return nil, &ParseError{File: path, Err: errors.New("not a run directory: it has no metrics.csv")}
			}
		}
		in.Run, err = ReadRun(path)
		return in, err
	}
	switch filepath.Base(path) {
	case output.CitiesFile, output.MetricsFile, output.FlowsFile, output.RegionsFile, output.PoliciesFile:
		return nil, &ParseError{File: path, Err: errors.New("a table of a run directory: give the directory, " + filepath.Dir(path))}
	}
	in.Compare, err = ReadCompare(path)
	return in, err
}

// Figures returns the figures of the input: RunFigures for a run,
// CompareFigures for a compare CSV, which has no options: a year or factor
// in opt is then an error.
func (in *Input) Figures(opt Options) ([]*Figure, error) {
	if in.Run != nil {
		return RunFigures(in.Run, opt)
	}
	if opt != (Options{}) {
		return nil, fmt.Errorf("plot: %s: a year or a factor applies to a run directory, not to %s", in.Path, in.kind())
	}
	if in.Tomahawk != nil {
		return []*Figure{TomahawkFigure(in.Tomahawk)}, nil
	}
	if in.Calibration != nil {
		return CalibrationFigures(in.Calibration), nil
	}
	return CompareFigures(in.Compare), nil
}

// kind names the input in messages.
func (in *Input) kind() string {
	switch {
	case in.Run != nil:
		return "a run directory"
	case in.Tomahawk != nil:
		return "a bifurcation directory"
	case in.Calibration != nil:
		return "a calibration directory"
	}
	return "a compare CSV"
}

// DefaultDir is where plot writes figures when not told: RUNDIR/figures for
// a run, the directory itself for a bifurcation or a calibration (where
// factorflow bifurcation and calibrate write their figures), and FILE-figures beside a compare CSV
// FILE.csv.
func (in *Input) DefaultDir() string {
	switch {
	case in.Run != nil:
		return filepath.Join(in.Path, "figures")
	case in.Tomahawk != nil, in.Calibration != nil:
		return in.Path
	}
	return strings.TrimSuffix(in.Path, ".csv") + "-figures"
}

// DefaultReport is where report writes when not told: DIR/report.html for
// a run, bifurcation or calibration directory, and FILE.html beside a compare CSV
// FILE.csv.
func (in *Input) DefaultReport() string {
	if in.Run != nil || in.Tomahawk != nil || in.Calibration != nil {
		return filepath.Join(in.Path, "report.html")
	}
	return strings.TrimSuffix(in.Path, ".csv") + ".html"
}
