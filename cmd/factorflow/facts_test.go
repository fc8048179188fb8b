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

// TestFactsOverride: --set reaches every scenario of the suite (the
// measured numbers change), and a bad override is a usage error naming
// the parameter.
func TestFactsOverride(t *testing.T) {
	measured := func(args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		run(&out, &errb, append([]string{"facts"}, args...))
		for _, line := range strings.Split(out.String(), "\n") {
			if strings.Contains(line, "model:") {
				return line
			}
		}
		t.Fatalf("facts %v printed no model line:\n%s%s", args, out.String(), errb.String())
		return ""
	}
	base, rich := measured("F6"), measured("--set", "migration.rate=0.2", "F6")
	if base == rich {
		t.Errorf("facts --set migration.rate=0.2 F6 measured the same as without:\n%s", base)
	}
	var out, errb bytes.Buffer
	if code := run(&out, &errb, []string{"facts", "--set", "migration.rate=7", "F6"}); code != exitUsage {
		t.Errorf("facts with an out-of-range --set: exit %d, want %d", code, exitUsage)
	}
	if !strings.Contains(errb.String(), "migration.rate") {
		t.Errorf("the error does not name the parameter:\n%s", errb.String())
	}
}
