package tomlfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type file struct {
	Name  string  `toml:"name"`
	Seed  int     `toml:"seed"`
	Items []item  `toml:"items"`
	Rate  float64 `toml:"rate"`
}

type item struct {
	Path string `toml:"path"`
}

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		want       []string // each error's text, in order; none for a good file
	}{
		{"good", "name = \"a\"\nseed = 2\n[[items]]\npath = \"x\"\n", nil},
		{"syntax", "name = \"a\"\nseed = = 2\n", []string{"f.toml:2:"}},
		{"type", "name = \"a\"\n  seed = \"two\"\n", []string{"f.toml:2:3: seed: "}},
		{"unknown keys", "name = \"a\"\nsede = 2\n[[items]]\n  paht = \"x\"\n", []string{"f.toml:2:1: sede: unknown key", "f.toml:4:3: items.paht: unknown key"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var f file
			err := Decode("f.toml", []byte(tc.data), &f)
			if len(tc.want) == 0 {
				if err != nil {
					t.Fatalf("error %v, want none", err)
				}
				if f.Name != "a" || f.Seed != 2 || len(f.Items) != 1 || f.Items[0].Path != "x" {
					t.Fatalf("decoded %+v", f)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tc.want) {
				t.Fatalf("errors %q, want %d", lines, len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("error %d is %q, want prefix %q", i, lines[i], w)
				}
			}
			var e *Error
			if !errors.As(err, &e) || e.Line == 0 {
				t.Errorf("error %v is not an *Error with a line", err)
			}
		})
	}
}

func TestError(t *testing.T) {
	for _, tc := range []struct {
		e    Error
		want string
	}{
		{Error{File: "a.toml", Line: 3, Col: 5, Key: "seed", Msg: "bad"}, "a.toml:3:5: seed: bad"},
		{Error{File: "a.toml", Line: 3, Msg: "bad"}, "a.toml:3:1: bad"},
		{Error{File: "a.toml", Msg: "bad"}, "a.toml: bad"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.e, got, tc.want)
		}
	}
}

func TestPositions(t *testing.T) {
	data := []byte("# seed = 1 in a comment\n[cmaes]\n  sigma = 0.2\npath = \"a.b\"\n")
	for _, tc := range []struct {
		name      string
		quoted    bool
		line, col int
	}{
		{"cmaes", false, 2, 2},
		{"sigma", false, 3, 3},
		{"seed", false, 0, 0}, // only in a comment
		{"a.b", true, 4, 8},
		{"c.d", true, 0, 0},
	} {
		var l, c int
		if tc.quoted {
			l, c = QuotedPos(data, tc.name)
		} else {
			l, c = KeyPos(data, tc.name)
		}
		if l != tc.line || c != tc.col {
			t.Errorf("%s: %d:%d, want %d:%d", tc.name, l, c, tc.line, tc.col)
		}
	}
}

func TestTablePos(t *testing.T) {
	data := []byte("[[items]]\npath = \"a\"\n# [[items]]\n  [[items]]\npath = \"b\"\n")
	for i, want := range []int{1, 4, 0} {
		if got := TablePos(data, "items", i); got != want {
			t.Errorf("TablePos(items, %d) = %d, want %d", i, got, want)
		}
	}
	if got := TablePos(data, "item", 0); got != 0 {
		t.Errorf("TablePos(item, 0) = %d, want 0", got)
	}
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f.toml")
	if err := os.WriteFile(p, []byte("seed = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if data, err := Read("sweep", p, 100); err != nil || string(data) != "seed = 1\n" {
		t.Errorf("Read: %q, %v", data, err)
	}
	if _, err := Read("sweep", p, 4); err == nil || !strings.Contains(err.Error(), "sweep: "+p+": larger than 4 bytes") {
		t.Errorf("over the limit: %v", err)
	}
	if _, err := Read("calibrate", filepath.Join(dir, "none.toml"), 100); err == nil || !strings.HasPrefix(err.Error(), "calibrate: ") {
		t.Errorf("missing file: %v", err)
	}
}

// FuzzDecode: any input decodes or fails with errors that name the file,
// never panics.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{"name = \"a\"\n", "seed = = 1", "[[items]]\npath = 3\n", "x = 1\n[y]\nz = 2\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		var v file
		if err := Decode("f.toml", []byte(data), &v); err != nil && !strings.HasPrefix(err.Error(), "f.toml") {
			t.Fatalf("error %q does not name the file", err)
		}
	})
}
