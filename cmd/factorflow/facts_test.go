package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestFactsCommand: a fact that holds prints its verdict and exits 0; an
// unknown flag is a usage error.
func TestFactsCommand(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(&out, &errb, []string{"facts", "F6"}); code != exitOK {
		t.Fatalf("facts F6: exit %d, stderr %s", code, errb.String())
	}
	for _, want := range []string{"F6 hukou — holds", "report:", "model:"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "F5") {
		t.Errorf("facts F6 ran other facts:\n%s", out.String())
	}
	if code := run(&out, &errb, []string{"facts", "--bogus"}); code != exitUsage {
		t.Errorf("facts --bogus: exit %d, want %d", code, exitUsage)
	}
}
