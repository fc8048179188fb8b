package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"factorflow/scenarios"
)

// This file holds the commands that read scenarios without running them:
// scenarios, show, validate and params.

// isEmbedded reports whether name is an embedded scenario.
func isEmbedded(name string) bool { return slices.Contains(scenarios.Names(), name) }

// listEmbedded prints the embedded scenario names.
func listEmbedded(w io.Writer) {
	fmt.Fprintf(w, "embedded scenarios: %s\n", strings.Join(scenarios.Names(), ", "))
}

// cmdScenarios lists the embedded scenarios with the first line of their
// description.
func cmdScenarios(stdout, stderr io.Writer, args []string) int {
	pos, code, ok := parse(newFlags("scenarios"), "scenarios", args, stdout, stderr)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return usageError(stderr, "scenarios", "takes no arguments")
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	for _, name := range scenarios.Names() {
		desc := ""
		if sc, err := scenarios.Load(name, nil); err != nil {
			desc = "(invalid: " + firstLine(err.Error()) + ")"
		} else {
			desc = firstLine(sc.Description)
		}
		fmt.Fprintf(tw, "%s\t%s\n", name, desc)
	}
	tw.Flush()
	return exitOK
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(line)
}

// cmdShow prints an embedded scenario's TOML source.
func cmdShow(stdout, stderr io.Writer, args []string) int {
	pos, code, ok := parse(newFlags("show"), "show", args, stdout, stderr)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return usageError(stderr, "show", "want one NAME")
	}
	if !isEmbedded(pos[0]) {
		fmt.Fprintf(stderr, "factorflow show: no embedded scenario %q\n", pos[0])
		listEmbedded(stderr)
		return exitUsage
	}
	src, err := scenarios.Source(pos[0])
	if err != nil {
		fmt.Fprintf(stderr, "factorflow: %v\n", err)
		return exitFailed
	}
	stdout.Write(src)
	return exitOK
}

// cmdValidate loads each scenario named and reports its problems.
func cmdValidate(stdout, stderr io.Writer, args []string) int {
	pos, code, ok := parse(newFlags("validate"), "validate", args, stdout, stderr)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		return usageError(stderr, "validate", "want at least one FILE")
	}
	code = exitOK
	for _, file := range pos {
		if _, c := load(stderr, file, nil); c != exitOK {
			code = c
			continue
		}
		fmt.Fprintf(stdout, "%s: ok\n", file)
	}
	return code
}

// cmdParams prints every parameter with its unit, default, range and source.
func cmdParams(stdout, stderr io.Writer, args []string) int {
	pos, code, ok := parse(newFlags("params"), "params", args, stdout, stderr)
	if !ok {
		return code
	}
	if len(pos) > 1 {
		return usageError(stderr, "params", "want at most one PREFIX")
	}
	prefix := ""
	if len(pos) == 1 {
		prefix = pos[0]
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PATH\tUNIT\tDEFAULT\tRANGE\tSOURCE")
	n := 0
	for _, p := range scenarios.Params() {
		if !strings.HasPrefix(p.Path, prefix) {
			continue
		}
		rng := wrap(dash(valueRange(p.Min, p.Max, p.Enum)), rangeWidth)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.Path, dash(text(p.Unit)), dash(text(p.Default)), rng[0], p.Source)
		for _, more := range rng[1:] {
			fmt.Fprintf(tw, "\t\t\t%s\t\n", more)
		}
		n++
	}
	tw.Flush()
	if n == 0 {
		fmt.Fprintf(stderr, "factorflow params: no parameter starts with %q\n", prefix)
		return exitUsage
	}
	return exitOK
}

// rangeWidth is the widest RANGE cell of "factorflow params"; a longer
// enumeration continues on the next lines.
const rangeWidth = 36

// wrap splits an enumeration "a|b|c" into lines of at most width bytes,
// breaking after a '|'. A single longer value is not split.
func wrap(s string, width int) []string {
	var lines []string
	for len(s) > width {
		cut := strings.LastIndexByte(s[:width], '|')
		if cut < 0 {
			break
		}
		lines, s = append(lines, s[:cut+1]), s[cut+1:]
	}
	return append(lines, s)
}

// text formats a parameter attribute, whatever its type.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []string:
		return strings.Join(v, "|")
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// valueRange formats a parameter's valid values: "a|b" for an enumeration,
// "[min, max]" for a number, "" for neither.
func valueRange(min, max, enum any) string {
	if e := text(enum); e != "" {
		return e
	}
	lo, hi := text(min), text(max)
	if lo == "" && hi == "" {
		return ""
	}
	return "[" + dash(lo) + ", " + dash(hi) + "]"
}
