package main

import (
	"fmt"
	"io"
	"strings"

	"factorflow/sim/facts"
)

// cmdFacts runs the report's stylized facts against the shipped scenarios
// and prints, for each, what the report says, what the model gives, and
// whether it holds.
func cmdFacts(stdout, stderr io.Writer, args []string) int {
	var sets setList
	fs := newFlags("facts")
	fs.Var(&sets, "set", "override a parameter in every scenario of the suite, key=value")
	pos, code, ok := parse(fs, "facts", args, stdout, stderr)
	if !ok {
		return code
	}
	if len(sets) > 0 { // a bad override is a usage error, before any run
		if sc, code := load(stderr, defaultScenario, sets); sc == nil {
			return code
		}
	}
	want := map[string]bool{}
	for _, id := range pos {
		want[strings.ToUpper(id)] = true
	}
	ctx, stop := interruptible()
	defer stop()
	ctx = facts.WithOverrides(ctx, sets)
	failed := 0
	for _, f := range facts.All() {
		if len(want) > 0 && !want[f.ID] {
			continue
		}
		r, err := f.Check(ctx)
		if err != nil {
			if ctx.Err() != nil {
				fmt.Fprintln(stderr, "factorflow: interrupted")
				return exitInterrupted
			}
			fmt.Fprintf(stderr, "factorflow: %s: %v\n", f.ID, err)
			return exitFailed
		}
		verdict := "holds"
		if !r.Pass {
			verdict = "NOT REPRODUCED"
			failed++
		}
		fmt.Fprintf(stdout, "%s %s — %s\n  report: %s\n  model:  %s\n", f.ID, f.Name, verdict, f.Claim, r.Measured)
		for _, msg := range r.Failures {
			fmt.Fprintf(stdout, "  ✗ %s\n", msg)
		}
		fmt.Fprintln(stdout)
	}
	if failed > 0 {
		fmt.Fprintf(stdout, "%d fact(s) not reproduced (see docs/calibration.md)\n", failed)
		return exitFailed
	}
	return exitOK
}
