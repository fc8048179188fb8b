package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// version is factorflow's release version.
const version = "0.1.0-dev"

// fullVersion returns version with the VCS revision the binary was built
// from, when the build recorded it: "0.1.0-dev+1a2b3c4d5e6f" or, with
// uncommitted changes, "0.1.0-dev+1a2b3c4d5e6f.dirty".
func fullVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return version
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = ".dirty"
			}
		}
	}
	if rev == "" {
		return version
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	return version + "+" + rev + dirty
}

// cmdVersion prints factorflow's and Go's versions.
func cmdVersion(stdout, stderr io.Writer, args []string) int {
	pos, code, ok := parse(newFlags("version"), "version", args, stdout, stderr)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return usageError(stderr, "version", "takes no arguments")
	}
	fmt.Fprintf(stdout, "factorflow %s\n%s %s/%s\n", fullVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return exitOK
}
