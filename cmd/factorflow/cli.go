package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes.
const (
	exitOK          = 0   // success
	exitFailed      = 1   // the run failed or its files could not be written
	exitUsage       = 2   // bad usage or an invalid scenario
	exitInterrupted = 130 // stopped by Ctrl-C (128 + SIGINT)
)

// command is a subcommand: it parses args (what follows its name) and
// returns an exit code.
type command func(stdout, stderr io.Writer, args []string) int

// commands maps each subcommand's name to its function. Their help is in
// help.go.
var commands map[string]command

func init() {
	commands = map[string]command{
		"run":       cmdRun,
		"compare":   cmdCompare,
		"sweep":     cmdSweep,
		"calibrate": cmdCalibrate,
		"merge":     cmdMerge,
		"analyze":   cmdAnalyze,
		"plot":      cmdPlot,
		"report":    cmdReport,
		"facts":     cmdFacts,
		"serve":     cmdServe,
		"scenarios": cmdScenarios,
		"show":      cmdShow,
		"validate":  cmdValidate,
		"params":    cmdParams,
		"version":   cmdVersion,
		"help":      cmdHelp,

		"bifurcation": cmdBifurcation, // bifurcation.go
	}
}

// run dispatches args (without the program name) to a subcommand and returns
// the exit code.
func run(stdout, stderr io.Writer, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, shortUsage)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		return cmdHelp(stdout, stderr, args[1:])
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "factorflow: unknown command %q\n%s", args[0], shortUsage)
		return exitUsage
	}
	return cmd(stdout, stderr, args[1:])
}

// cmdRun runs a scenario until it ends or the user interrupts it. The first
// Ctrl-C (or SIGTERM) cancels the run, which then stops after the year in
// progress; a second one kills the process at once.
func cmdRun(stdout, stderr io.Writer, args []string) int {
	ctx, stop := interruptible()
	defer stop()
	return runScenario(ctx, stdout, stderr, args)
}

// interruptible returns a context cancelled by the first Ctrl-C (or
// SIGTERM); after it, the default is restored, so a second one ends the
// process at once.
func interruptible() (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	return ctx, stop
}

// newFlags returns a FlagSet for the named subcommand that reports nothing
// itself: parse prints the errors and the help.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("factorflow "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses args with fs, allowing flags after positional arguments, and
// returns the positional ones. On -h it prints the command's help to stdout;
// on a bad flag it prints the error and the command's usage line to stderr.
// When ok is false the command returns code.
func parse(fs *flag.FlagSet, name string, args []string, stdout, stderr io.Writer) (pos []string, code int, ok bool) {
	for {
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, commandHelp(name))
			return nil, exitOK, false
		} else if err != nil {
			return nil, usageError(stderr, name, err.Error()), false
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, exitOK, true
		}
		pos, args = append(pos, args[0]), args[1:]
	}
}

// usageError prints a usage problem and the command's usage line, and
// returns exitUsage.
func usageError(stderr io.Writer, name, msg string) int {
	fmt.Fprintf(stderr, "factorflow %s: %s\nusage: %s\nRun 'factorflow help %s' for details.\n", name, msg, usageLine(name), name)
	return exitUsage
}
