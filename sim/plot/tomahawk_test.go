package plot

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tomahawkDir is a tomahawk of the shipped core-periphery scenario from
// "factorflow bifurcation core-periphery --param core_periphery.phi --from
// 0.05 --to 0.25 --steps 8".
var tomahawkDir = filepath.Join("testdata", "bifurcation")

func TestReadTomahawk(t *testing.T) {
	tm, err := ReadTomahawk(tomahawkDir)
	if err != nil {
		t.Fatal(err)
	}
	if tm.Param != "core_periphery.phi" || len(tm.Values) != 9 || tm.Values[0] != 0.05 || tm.Values[8] != 0.25 {
		t.Fatalf("param %q, values %v", tm.Param, tm.Values)
	}
	// φ = 0.1 lies between the sustain (0.0937) and break (0.1429) points:
	// both the symmetric state and full agglomeration are stable, and an
	// unstable interior pair separates them.
	want := []Equilibrium{{0.9647898345, false}, {0.03521016545, false}}
	if diff := cmp.Diff(want, tm.Interior[2]); diff != "" || !tm.Symmetric[2] || !tm.Core[2] {
		t.Errorf("φ = 0.1: symmetric %v, core %v, interior (-want +got):\n%s", tm.Symmetric[2], tm.Core[2], diff)
	}
	if tm.FromCore[2] < 0.99 || tm.FromSymmetric[2] > 0.51 || !tm.CoreSettled[2] {
		t.Errorf("φ = 0.1: traces ended at %v and %v", tm.FromSymmetric[2], tm.FromCore[2])
	}
	if len(tm.Points) != 2 || tm.Points[0].Kind != "sustain" || tm.Points[1].Kind != "break" || !tm.Points[1].StableBelow ||
		math.Abs(tm.Points[1].ClosedForm-1.0/7) > 1e-9 {
		t.Errorf("points %+v", tm.Points)
	}
}

func TestReadTomahawkErrors(t *testing.T) {
	for _, tc := range []struct {
		file, old, new, want string
	}{
		{TomahawkFile, "0.05,core,1,false", "0.05,corer,1,false", `tomahawk.csv:3:2: branch "corer"`},
		{TomahawkFile, "0.1,interior,0.9647898345", "0.1,interior,1.5", "tomahawk.csv:15:3: column lambda: 1.5: want a share in [0, 1]"},
		{TomahawkFile, "0.05,trace_core,0.5,true", "0.05,trace_core,0.5,yes", `tomahawk.csv:6:4: column stable: "yes": want true or false`},
		{TomahawkFile, "0.05,trace_core,0.5,true\n", "", "tomahawk.csv:2:1: value 0.05 has 0 trace_core rows, want 1"},
		{TomahawkFile, "0.075,core,1,false", "0.08,core,1,false", "tomahawk.csv:8:1: value 0.08 in the block of 0.075"},
		{TomahawkFile, "0.05,core,0,false", "0.05,core,0,false\n0.05,core,0,false", "tomahawk.csv:5:2: a core row too many"},
		{TomahawkFile, "core_periphery.phi,branch,lambda,stable\n0.05,symmetric", "core_periphery.phi,branch,lambda,stable\n0.05,interior", "tomahawk.csv:2:2: branch \"interior\" before any symmetric row"},
		{TomahawkFile, "core_periphery.phi,branch", "branch,core_periphery.phi", "tomahawk.csv:1: want the header"},
		{TomahawkFile, "0.25,symmetric,0.5,false", "NaN,symmetric,0.5,false", "tomahawk.csv:46:1: column core_periphery.phi: NaN: want a finite number"},
		{PointsFile, "sustain,core_periphery.phi", "stay,core_periphery.phi", `points.csv:2:1: kind "stay"`},
		{PointsFile, "break,core_periphery.phi", "break,core_periphery.mu", `points.csv:3:2: param "core_periphery.mu": the diagram's is "core_periphery.phi"`},
		{PointsFile, "0.1428571374,true,0.1428571429", "0.1428571374,true,x", `points.csv:3:5: column closed_form: "x" is not a number`},
		{PointsFile, "kind,", "kinds,", `points.csv:1: no column "kind"`},
	} {
		t.Run(tc.want, func(t *testing.T) {
			dir := copyRun(t, tomahawkDir)
			edit(t, dir, tc.file, tc.old, tc.new)
			_, err := ReadTomahawk(dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if !strings.Contains(err.Error(), filepath.Join(dir, tc.file)) {
				t.Errorf("error %v does not name the file's path", err)
			}
		})
	}
	if _, err := ReadTomahawk(t.TempDir()); err == nil || !strings.Contains(err.Error(), "tomahawk.csv: missing") {
		t.Errorf("empty directory: %v", err)
	}
}

func TestTomahawkFigure(t *testing.T) {
	in, err := Read(tomahawkDir)
	if err != nil {
		t.Fatal(err)
	}
	if in.Tomahawk == nil || in.Run != nil || in.DefaultDir() != tomahawkDir {
		t.Fatalf("Read: %+v, default dir %s", in, in.DefaultDir())
	}
	if _, err := in.Figures(Options{Year: 2000}); err == nil || !strings.Contains(err.Error(), "not to a bifurcation directory") {
		t.Errorf("a year for a tomahawk: %v", err)
	}
	figs, err := in.Figures(Options{})
	if err != nil || len(figs) != 1 || figs[0].Name != "tomahawk" {
		t.Fatalf("figures %v, %v", figs, err)
	}
	checkTexts(t, figs[0], []string{
		"Tomahawk diagram: long-run equilibria against core_periphery.phi",
		"freeness of trade φ (core_periphery.phi)",
		"λ, region 1's share of the mobile factor",
		"stable equilibrium", "unstable equilibrium",
		"replicator from λ = 1/2 + ε", "replicator from λ = 1 − ε",
		"sustain point 0.09373 (closed form 0.09373)",
		"break point 0.1429 (closed form 0.1429)",
	}, []string{"still moving"})
	svg, err := figs[0].Render("svg")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg, []byte("stroke-dasharray")) {
		t.Error("the SVG has no dashed line for the unstable equilibria")
	}
	again, _ := TomahawkFigure(in.Tomahawk).Render("svg")
	if !bytes.Equal(svg, again) {
		t.Error("two renderings of the tomahawk differ")
	}
}

// TestTomahawkBranches checks the lines of the diagram: where the
// symmetric line and the full-agglomeration lines change style, and that
// the unstable arms join λ = 1/2 at the break point and λ = 1 and 0 at the
// sustain point.
func TestTomahawkBranches(t *testing.T) {
	tm, err := ReadTomahawk(tomahawkDir)
	if err != nil {
		t.Fatal(err)
	}
	brk, sus := tm.Points[1].Value, tm.Points[0].Value
	type seg struct {
		x0, y0, x1, y1 float64
		stable         bool
	}
	var got []seg
	for _, s := range tm.branches() {
		a, b := s.pts[0], s.pts[len(s.pts)-1]
		got = append(got, seg{a.X, a.Y, b.X, b.Y, s.stable})
	}
	want := []seg{
		{0.05, 0.5, brk, 0.5, true}, {brk, 0.5, 0.25, 0.5, false},
		{0.05, 1, sus, 1, false}, {sus, 1, 0.25, 1, true},
		{0.05, 0, sus, 0, false}, {sus, 0, 0.25, 0, true},
		{sus, 1, brk, 0.5, false}, {sus, 0, brk, 0.5, false},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(seg{})); diff != "" {
		t.Errorf("branches (-want +got):\n%s", diff)
	}
}

func FuzzTomahawk(f *testing.F) {
	for _, name := range []string{TomahawkFile, PointsFile} {
		b, err := os.ReadFile(filepath.Join(tomahawkDir, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, name == PointsFile)
	}
	f.Add([]byte("p,branch,lambda,stable\n1,symmetric,0.5,true\n1,core,1,false\n1,core,0,false\n1,interior,0.7,false\n1,interior,0.6,true\n1,trace_symmetric,0.5,true\n1,trace_core,1,false\n"), false)
	f.Add([]byte("kind,param,value,stable_below,closed_form\nbreak,p,1e308,true,\nsustain,p,-1,false,NaN\n"), true)
	f.Fuzz(func(t *testing.T, b []byte, points bool) {
		tm := &Tomahawk{}
		var err error
		if points {
			tm, err = ReadTomahawk(tomahawkDir)
			if err != nil {
				t.Fatal(err)
			}
			tm.Points = nil
			var tab *table
			if tab, err = readTable(bytes.NewReader(b), "f.csv", "kind", "param", "value", "stable_below", "closed_form"); err == nil {
				err = tm.parsePoints(tab)
			}
		} else {
			var tab *table
			if tab, err = readTable(bytes.NewReader(b), "f.csv", "branch", "lambda", "stable"); err == nil {
				err = tm.parseDiagram(tab)
			}
		}
		if err != nil {
			checkParseError(t, err)
			return
		}
		n := len(tm.Values)
		if n == 0 || len(tm.Symmetric) != n || len(tm.Core) != n || len(tm.Interior) != n || len(tm.FromCore) != n || len(tm.CoreSettled) != n {
			t.Fatalf("%d values but %d, %d, %d, %d, %d", n, len(tm.Symmetric), len(tm.Core), len(tm.Interior), len(tm.FromCore), len(tm.CoreSettled))
		}
		if _, err := TomahawkFigure(tm).Render("svg"); err != nil && !strings.HasPrefix(err.Error(), "plot: ") {
			t.Fatal(err)
		}
	})
}
