package serve

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"factorflow/scenarios"
)

// Environment of the browser test.
const (
	// envE2E = 1 makes a missing Chromium a failure instead of a skip
	// (.ci/run sets it after installing Chromium).
	envE2E = "FACTORFLOW_E2E"
	// envChrome names the browser binary; default the first of chromium,
	// chromium-browser, google-chrome on PATH.
	envChrome = "FACTORFLOW_CHROME"
	// envArtefacts is the directory for the screenshot; default a
	// temporary one.
	envArtefacts = "FF_ARTEFACTS"
	// envScreenshot, when set, is a further path for the screenshot (the
	// README's: docs/screenshot.png).
	envScreenshot = "FACTORFLOW_SCREENSHOT"
)

// chrome returns the browser binary, or skips (fails under envE2E=1).
func chrome(t *testing.T) string {
	t.Helper()
	names := []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}
	if p := os.Getenv(envChrome); p != "" {
		names = []string{p}
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("no Chromium found (tried %v; set %s to its path, or apt-get install chromium)", names, envChrome)
	if os.Getenv(envE2E) == "1" {
		t.Fatal(msg + "; " + envE2E + "=1 requires the browser test")
	}
	t.Skip(msg)
	return ""
}

// TestBrowser drives the page in headless Chromium as a teacher would:
// the map shows the scenario's cities, play advances the years, the
// barrier slider changes the right-hand run, and the charts and the
// difference table follow. It saves a screenshot.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test: not with -short")
	}
	bin := chrome(t)
	s, err := New(Config{Scenario: "jing-jin-ji"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	defer s.Close() // before ts.Close: ends the event stream

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1500, 1250),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	// The browser lives as long as this context: at most two minutes.
	actx, cancel = context.WithTimeout(actx, 2*time.Minute)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()

	sc, err := scenarios.Load("jing-jin-ji", nil)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, c := range sc.Cities {
		want = append(want, c.Name)
	}
	slices.Sort(want)

	do(t, ctx, "load the page", chromedp.Navigate(ts.URL), chromedp.WaitVisible(`#map-variant circle.city`))
	cities := get(t, ctx, "read the map", chromedp.Evaluate[[]string](`[...document.querySelectorAll('#map-base circle.city')].map(c => c.dataset.city).sort()`))
	if !slices.Equal(cities, want) {
		t.Errorf("map shows cities %v, want %v", cities, want)
	}
	if year := get(t, ctx, "read the year", chromedp.Text(`#year`)); year != strconv.Itoa(sc.StartYear) {
		t.Errorf("year %q, want %d", year, sc.StartYear)
	}

	play := func(to int) {
		t.Helper()
		do(t, ctx, fmt.Sprintf("play to %d", to),
			chromedp.Click(`#play`),
			chromedp.Poll[chromedp.Void](fmt.Sprintf(`+document.querySelector('#year').textContent >= %d`, to), chromedp.WithPollingTimeout(40*time.Second)),
			chromedp.Click(`#pause`),
			chromedp.Poll[chromedp.Void](`document.body.dataset.playing === 'false'`, chromedp.WithPollingTimeout(10*time.Second)),
		)
	}
	play(sc.StartYear + 4)
	before := readPage(t, ctx)
	if before.points < 5 {
		t.Errorf("charts drew %d years after playing 4, want ≥ 5", before.points)
	}
	if before.diff != "0" {
		t.Errorf("cliff difference %q before any change, want 0 (same seed)", before.diff)
	}

	// Move the barrier slider (all pairs of regions) with a click near
	// its left end, as a teacher would.
	do(t, ctx, "scroll to the barrier slider", chromedp.ScrollIntoView(`#barrier`))
	box := get(t, ctx, "find the barrier slider", chromedp.Evaluate[[]float64](`(() => { const r = document.querySelector('#barrier').getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`))
	do(t, ctx, "move the barrier slider",
		chromedp.MouseClickXY(box[0]+0.06*box[2], box[1]+box[3]/2),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('#changes li').length >= 1`, chromedp.WithPollingTimeout(10*time.Second)),
	)
	t.Logf("change: %s", get(t, ctx, "read the change", chromedp.Text(`#changes`)))

	play(before.year + 3)
	after := readPage(t, ctx)
	if after.points < before.points+3 {
		t.Errorf("charts drew %d years, then %d: want 3 more", before.points, after.points)
	}
	if d, err := strconv.ParseFloat(after.diff, 64); err != nil || d == 0 {
		t.Errorf("cliff difference %q after lowering the barrier, want a nonzero number", after.diff)
	}
	if after.chart == before.chart {
		t.Errorf("cliff chart's last value stayed %q", after.chart)
	}
	t.Logf("year %d: %s", after.year, after.explain)

	do(t, ctx, "scroll to the top", chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	png := get(t, ctx, "screenshot", chromedp.FullScreenshot(100))

	// Choose two cities on the map and apply pyramid level 3 to them.
	do(t, ctx, "apply pyramid level 3 to Langfang and Baoding",
		chromedp.Click(`#map-variant circle[data-city="Langfang"]`),
		chromedp.Click(`#map-variant circle[data-city="Baoding"]`),
		chromedp.Click(`#levels button[data-level="3"]`),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('#changes li').length >= 2`, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if got := get(t, ctx, "read the changes", chromedp.Text(`#changes li:nth-child(2)`)); got != "pyramid level "+pyramid[2].label+" in Langfang, Baoding" {
		t.Errorf("second change %q", got)
	}
	// Pick another scenario: the map redraws with its cities, back at its start.
	tsc, err := scenarios.Load("teaching", nil)
	if err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "pick the teaching scenario",
		chromedp.SetValue(`#scenario`, "teaching"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#scenario').dispatchEvent(new Event('change'))`),
		chromedp.Poll[chromedp.Void](fmt.Sprintf(`document.querySelectorAll('#map-base circle.city').length === %d && document.querySelector('#year').textContent === '%d'`, len(tsc.Cities), tsc.StartYear), chromedp.WithPollingTimeout(10*time.Second)),
	)
	if n := get(t, ctx, "count the changes", chromedp.Evaluate[int](`document.querySelectorAll('#changes li').length`)); n != 0 {
		t.Errorf("%d changes listed after picking a scenario, want 0", n)
	}
	dir := os.Getenv(envArtefacts)
	if dir == "" {
		dir = t.TempDir()
	}
	paths := []string{filepath.Join(dir, "serve-screenshot.png")}
	if p := os.Getenv(envScreenshot); p != "" {
		paths = append(paths, p)
	}
	for _, p := range paths {
		if err := writeFileAtomic(p, png); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", p)
	}
}

// page is what TestBrowser reads off the page.
type page struct {
	year    int
	points  int    // years drawn by the cliff chart
	chart   string // its last value
	diff    string // the cliff difference in the table
	explain string
}

func readPage(t *testing.T, ctx context.Context) page {
	t.Helper()
	attr := func(sel, name string) string {
		return get(t, ctx, "read "+sel, chromedp.AttributeValue(sel, name)).Value
	}
	p := page{chart: attr(`#chart-cliff`, "data-last"), diff: attr(`#diff-cliff`, "data-diff"),
		explain: get(t, ctx, "read the explanation", chromedp.Text(`#explain`))}
	p.year, _ = strconv.Atoi(get(t, ctx, "read the year", chromedp.Text(`#year`)))
	p.points, _ = strconv.Atoi(attr(`#chart-cliff`, "data-points"))
	return p
}

// do runs actions in the browser, failing the test on an error.
func do(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// get runs an action that returns a value, failing the test on an error.
func get[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// writeFileAtomic writes data to path through a temporary file.
func writeFileAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
