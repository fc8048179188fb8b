package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"

	"factorflow/sim/serve"
)

// defaultListen is where "factorflow serve" listens without --listen:
// loopback only, so nothing outside this computer can reach the page.
const defaultListen = "127.0.0.1:8080"

// serveOptions are the flags of "factorflow serve".
type serveOptions struct {
	listen      string
	seed        int64
	sets        setList
	maxSessions int
	maxYears    int
}

func serveFlags(o *serveOptions) *flag.FlagSet {
	fs := newFlags("serve")
	fs.StringVar(&o.listen, "listen", defaultListen, "address to listen on, host:port")
	fs.Int64Var(&o.seed, "seed", 0, "seed of new sessions; 0 = the scenario's")
	fs.Var(&o.sets, "set", "override a parameter, key=value")
	fs.IntVar(&o.maxSessions, "max-sessions", 16, "sessions (browser tabs) at once")
	fs.IntVar(&o.maxYears, "max-years", 100, "years a session may simulate")
	return fs
}

// cmdServe serves the classroom page until Ctrl-C.
func cmdServe(stdout, stderr io.Writer, args []string) int {
	ctx, stop := interruptible()
	defer stop()
	return serveCommand(ctx, stdout, stderr, args)
}

// serveCommand is "factorflow serve": it checks the scenario, listens, prints
// the page's address and serves until ctx is cancelled.
func serveCommand(ctx context.Context, stdout, stderr io.Writer, args []string) int {
	var o serveOptions
	fs := serveFlags(&o)
	pos, code, ok := parse(fs, "serve", args, stdout, stderr)
	if !ok {
		return code
	}
	name, code, ok := scenarioArg(stderr, "serve", pos)
	if !ok {
		return code
	}
	switch {
	case o.seed < 0:
		return usageError(stderr, "serve", fmt.Sprintf("--seed %d: want 0 or more", o.seed))
	case o.maxSessions < 1 || o.maxSessions > 1000:
		return usageError(stderr, "serve", fmt.Sprintf("--max-sessions %d: want 1 to 1000", o.maxSessions))
	case o.maxYears < 1 || o.maxYears > 500:
		return usageError(stderr, "serve", fmt.Sprintf("--max-years %d: want 1 to 500", o.maxYears))
	}
	if _, _, err := net.SplitHostPort(o.listen); err != nil {
		return usageError(stderr, "serve", fmt.Sprintf("--listen %q: want host:port, as %s", o.listen, defaultListen))
	}
	if sc, code := load(stderr, name, o.sets); sc == nil {
		return code
	}
	cfg := serve.Config{Scenario: name, Sets: o.sets, Seed: o.seed, MaxSessions: o.maxSessions, MaxYears: o.maxYears}
	err := serve.ListenAndServe(ctx, o.listen, cfg, func(url string) {
		fmt.Fprintf(stdout, "factorflow serve: open %s in a browser (Ctrl-C stops)\n", url)
		if !loopback(o.listen) {
			fmt.Fprintf(stderr, "factorflow serve: warning: listening on %s, reachable from other computers\n", o.listen)
		}
	})
	if err != nil {
		fmt.Fprintf(stderr, "factorflow: %v\n", err)
		return exitFailed
	}
	fmt.Fprintln(stdout, "factorflow serve: stopped")
	return exitOK
}

// loopback reports whether addr's host is a loopback address or localhost.
func loopback(addr string) bool {
	host, _, _ := net.SplitHostPort(addr)
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
