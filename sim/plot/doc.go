// Package plot draws the figures of a run directory of factorflow run, of
// a compare CSV of factorflow compare, of a bifurcation directory of
// factorflow bifurcation or of a calibration directory of factorflow
// calibrate, and writes them as SVG or PNG files or as one self-contained
// HTML report.
//
// [Read] reads any of these inputs: [ReadRun] parses a run directory's
// metrics.csv, cities.csv and flows.csv (and scenario.toml and
// manifest.json when present) into a [Run]; [ReadCompare] parses a compare
// CSV into a [Compare]; [ReadTomahawk] parses tomahawk.csv and points.csv
// into a [Tomahawk]; [ReadCalibration] parses summary.json, trace.csv,
// fit.csv and, by method, posterior.csv, intervals.csv or profile.csv
// into a [Calibration]. Errors are [*ParseError] values that name the file,
// line and column. The file formats are those of results/README.md.
//
// The figure constructors ([PopulationFigure], [UrbanisationFigure],
// [SectorFigure], [FlowFigure], [MetricFigure], collected by [RunFigures];
// [CompareFigures] for a comparison; [TomahawkFigure] for a bifurcation;
// [FitFigure], [ConvergenceFigure], [PosteriorFigure] and [ProfileFigure],
// collected by [CalibrationFigures], for a calibration) return a
// [Figure], which [Figure.Render] draws with gonum.org/v1/plot. [WriteFigures] writes a set of them to a
// directory and [WriteReport] writes the HTML page, each file under a
// temporary name renamed when complete.
//
//	in, err := plot.Read(dir)
//	if err != nil { ... }
//	figs, err := in.Figures(plot.Options{Year: 2030})
//	if err != nil { ... }
//	paths, err := plot.WriteFigures(in.DefaultDir(), figs, "svg")
//
// Every figure has a title, axis labels with units and a legend, in
// Liberation Sans (shipped with gonum/plot) at 11–16 pt on a 10-inch-wide
// page. The same input gives the same bytes, in both formats.
package plot
