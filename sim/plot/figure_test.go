package plot

import (
	"bytes"
	"strings"
	"testing"
)

// svgTexts returns the text of every <text> element of an SVG of vgsvg,
// unescaped.
func svgTexts(t *testing.T, svg []byte) []string {
	t.Helper()
	var texts []string
	s := string(svg)
	for {
		i := strings.Index(s, "<text ")
		if i < 0 {
			return texts
		}
		s = s[i:]
		j := strings.IndexByte(s, '>')
		k := strings.Index(s, "</text>")
		if j < 0 || k < j {
			t.Fatalf("malformed <text> element in SVG: %.80s", s)
		}
		texts = append(texts, htmlUnescape(s[j+1:k]))
		s = s[k:]
	}
}

func htmlUnescape(s string) string {
	r := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&#34;", `"`, "&#39;", "'")
	return r.Replace(s)
}

// hasAll reports the wanted strings that are not among texts.
func missingTexts(texts []string, want ...string) []string {
	have := map[string]bool{}
	for _, s := range texts {
		have[s] = true
	}
	var miss []string
	for _, w := range want {
		if !have[w] {
			miss = append(miss, w)
		}
	}
	return miss
}

func TestRunFiguresSVG(t *testing.T) {
	r, err := ReadRun(makeRun(t, "jing-jin-ji", "5", false))
	if err != nil {
		t.Fatal(err)
	}
	figs, err := RunFigures(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"population": {"Population by city", "year", "urban residents (million persons)", "Beijing", "Tianjin", "Hengshui", "2015", "2020"},
		"urbanisation": {"Urbanisation and its stages", "year", "urban share of population (%)",
			"initiation (< 30 %)", "agglomeration (30–70 %)", "saturation (> 70 %)", "urbanisation"},
	}
	got := map[string]bool{}
	for _, f := range figs {
		got[f.Name] = true
		b, err := f.Render("svg")
		if err != nil {
			t.Fatal(err)
		}
		texts := svgTexts(t, b)
		for _, w := range want[f.Name] {
			found := false
			for _, s := range texts {
				if strings.HasPrefix(s, w) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s.svg has no text %q; it has %q", f.Name, w, texts)
			}
		}
		again, err := f.Render("svg")
		if err != nil || !bytes.Equal(b, again) {
			t.Errorf("%s.svg: a second rendering differs (err %v)", f.Name, err)
		}
	}
	for name := range want {
		if !got[name] {
			t.Errorf("no figure %s", name)
		}
	}
}
