package main

import (
	"io"
	"os"
	"strconv"
	"time"

	"factorflow/model"
	"factorflow/sim"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows the simulated years on a progress bar. It is a
// sim.Observer.
type progress struct {
	w      io.Writer
	bar    *progressbar.ProgressBar
	frames int
}

// newProgress returns a progress bar on stderr, or nil when stderr is not a
// terminal or quiet is set.
func newProgress(stderr io.Writer, sc *model.Scenario, quiet bool) *progress {
	return newYearBar(stderr, sc.Years, strconv.Itoa(sc.StartYear), quiet)
}

// newYearBar returns a bar counting total simulated years, described by
// desc, on stderr; nil when stderr is not a terminal or quiet is set.
func newYearBar(stderr io.Writer, total int, desc string, quiet bool) *progress {
	f, ok := stderr.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionShowCount(),
		progressbar.OptionSetItsString("yr"),
		progressbar.OptionShowIts(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	return &progress{w: stderr, bar: bar}
}

// Observe advances the bar by one year.
func (p *progress) Observe(f *sim.Frame) error {
	p.bar.Describe(strconv.Itoa(f.Year))
	if p.frames > 0 {
		p.bar.Add(1)
	}
	p.frames++
	return nil
}

// finish clears a completed bar, or ends a stopped one's line so that the
// error is printed below it.
func (p *progress) finish(runErr error) {
	if runErr == nil {
		p.bar.Finish()
		return
	}
	p.bar.Exit()
	io.WriteString(p.w, "\n")
}
