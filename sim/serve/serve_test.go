package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"factorflow/model"
	"factorflow/scenarios"
	"factorflow/sim"
)

// newTest returns a server on the small teaching scenario.
func newTest(t *testing.T, cfg Config) *Server {
	t.Helper()
	if cfg.Scenario == "" {
		cfg.Scenario = "teaching"
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// call sends a request to the server's handler and returns the status and
// body.
func call(t *testing.T, s *Server, method, path, body string) (int, string) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, r)
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, req)
	return w.Code, w.Body.String()
}

// create makes a session and returns its view.
func create(t *testing.T, s *Server, body string) sessionView {
	t.Helper()
	code, out := call(t, s, "POST", "/api/sessions", body)
	if code != http.StatusCreated {
		t.Fatalf("POST /api/sessions %s: %d %s", body, code, out)
	}
	var v sessionView
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// view is a session as the page reads it, with the numbers as JSON
// numbers or null.
type view struct {
	ID      string   `json:"id"`
	Cities  []any    `json:"cities"`
	Status  status   `json:"status"`
	History []gotEvt `json:"history"`
}

type gotEvt struct {
	Year    int             `json:"year"`
	Base    json.RawMessage `json:"base"`
	Variant json.RawMessage `json:"variant"`
	Explain string          `json:"explain"`
}

func getView(t *testing.T, s *Server, id string) view {
	t.Helper()
	code, out := call(t, s, "GET", "/api/sessions/"+id, "")
	if code != http.StatusOK {
		t.Fatalf("GET session: %d %s", code, out)
	}
	var v view
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestPages(t *testing.T) {
	s := newTest(t, Config{})
	tests := []struct {
		path, want string
	}{
		{"/", "<svg id=\"map-variant\""},
		{"/static/app.js", "EventSource"},
		{"/static/style.css", ".map"},
	}
	for _, tt := range tests {
		code, body := call(t, s, "GET", tt.path, "")
		if code != http.StatusOK || !strings.Contains(body, tt.want) {
			t.Errorf("GET %s: %d, body lacks %q", tt.path, code, tt.want)
		}
	}
	if code, _ := call(t, s, "GET", "/static/nope.js", ""); code != http.StatusNotFound {
		t.Errorf("GET /static/nope.js: %d, want 404", code)
	}
}

func TestScenarios(t *testing.T) {
	s := newTest(t, Config{})
	code, body := call(t, s, "GET", "/api/scenarios", "")
	var got struct {
		Default   string
		Scenarios []string
	}
	if code != http.StatusOK || json.Unmarshal([]byte(body), &got) != nil {
		t.Fatalf("GET /api/scenarios: %d %s", code, body)
	}
	if diff := cmp.Diff(scenarios.Names(), got.Scenarios); diff != "" || got.Default != "teaching" {
		t.Errorf("default %q, scenarios (-want +got):\n%s", got.Default, diff)
	}
}

// TestSessionLifecycle creates a session, steps it, changes every lever,
// resets it and deletes it.
func TestSessionLifecycle(t *testing.T) {
	s := newTest(t, Config{})
	v := create(t, s, "")
	sc, _ := scenarios.Load("teaching", nil)
	if len(v.Cities) != len(sc.Cities) || len(v.History) != 1 || v.History[0].Year != sc.StartYear {
		t.Fatalf("new session: %d cities, %d years from %d; want %d cities, 1 year, %d",
			len(v.Cities), len(v.History), v.History[0].Year, len(sc.Cities), sc.StartYear)
	}
	base := "/api/sessions/" + v.ID
	for i := 0; i < 2; i++ {
		if code, out := call(t, s, "POST", base+"/control", `{"action":"step"}`); code != http.StatusOK {
			t.Fatalf("step: %d %s", code, out)
		}
	}
	changes := []string{
		`{"lever":"barrier","value":0.5}`,
		`{"lever":"barrier","regions":["` + sc.Regions[0].Name + `","` + sc.Regions[1].Name + `"],"value":0}`,
		`{"lever":"hukou_penalty","value":0.1}`,
		`{"lever":"access","value":1}`,
		`{"lever":"transport","value":2}`,
		`{"lever":"pyramid","level":3,"cities":["` + sc.Cities[1].Name + `"]}`,
	}
	for _, c := range changes {
		if code, out := call(t, s, "POST", base+"/changes", c); code != http.StatusOK {
			t.Fatalf("change %s: %d %s", c, code, out)
		}
	}
	call(t, s, "POST", base+"/control", `{"action":"step"}`)
	got := getView(t, s, v.ID)
	if len(got.History) != 4 || len(got.Status.Changes) != len(changes) {
		t.Fatalf("after 3 steps and %d changes: %d years, changes %q", len(changes), len(got.History), got.Status.Changes)
	}
	set := got.Status.Settings
	if set.HukouPenalty != 0.1 || set.Access != 1 || set.Transport != 2 || set.Barrier[sc.Regions[0].Name+"|"+sc.Regions[1].Name] != 0 {
		t.Errorf("settings %+v", set)
	}
	last := got.History[3]
	if string(last.Base) == string(last.Variant) {
		t.Error("the variant's year equals the base's after the changes")
	}
	if !strings.Contains(last.Explain, "than without your changes, after the barrier between every pair of regions fell to 50 % and ") ||
		!strings.HasSuffix(last.Explain, " and pyramid level "+pyramid[2].label+" in "+sc.Cities[1].Name+".") {
		t.Errorf("explanation %q does not name the last change", last.Explain)
	}
	if code, out := call(t, s, "POST", base+"/control", `{"action":"reset","scenario":"jing-jin-ji","seed":7}`); code != http.StatusOK {
		t.Fatalf("reset: %d %s", code, out)
	}
	got = getView(t, s, v.ID)
	if len(got.History) != 1 || len(got.Status.Changes) != 0 || len(got.Cities) != 13 {
		t.Errorf("after reset to jing-jin-ji: %d years, %d changes, %d cities", len(got.History), len(got.Status.Changes), len(got.Cities))
	}
	if code, _ := call(t, s, "DELETE", base, ""); code != http.StatusNoContent {
		t.Errorf("DELETE: %d, want 204", code)
	}
	if code, _ := call(t, s, "GET", base, ""); code != http.StatusNotFound {
		t.Errorf("GET after DELETE: %d, want 404", code)
	}
}

// TestSameSeed checks that the two runs of a session are identical year
// by year until the teacher changes something: the difference shown is
// never noise.
func TestSameSeed(t *testing.T) {
	s := newTest(t, Config{})
	v := create(t, s, `{"seed":42}`)
	for i := 0; i < 5; i++ {
		call(t, s, "POST", "/api/sessions/"+v.ID+"/control", `{"action":"step"}`)
	}
	for _, e := range getView(t, s, v.ID).History {
		if string(e.Base) != string(e.Variant) {
			t.Errorf("%d: the runs differ with no change", e.Year)
		}
	}
}

// TestPyramidIsAPolicy checks that a pyramid button applied live gives the
// run the scenario would give with the same policy written in it (the
// metrics of the cluster; the synergy counterfactuals keep the scenario's
// own policies), costs included.
func TestPyramidIsAPolicy(t *testing.T) {
	s := newTest(t, Config{Scenario: "jing-jin-ji", MaxYears: 6})
	v := create(t, s, "")
	id := "/api/sessions/" + v.ID
	call(t, s, "POST", id+"/control", `{"action":"step"}`)
	if code, out := call(t, s, "POST", id+"/changes", `{"lever":"pyramid","level":3,"cities":["Langfang","Baoding"]}`); code != http.StatusOK {
		t.Fatalf("pyramid: %d %s", code, out)
	}
	for i := 0; i < 5; i++ {
		call(t, s, "POST", id+"/control", `{"action":"step"}`)
	}
	s.mu.Lock()
	live := s.sessions[v.ID].p.variant.Frame()
	s.mu.Unlock()

	sc, err := scenarios.Load("jing-jin-ji", []string{"years=6"})
	if err != nil {
		t.Fatal(err)
	}
	l := pyramid[2]
	sc.Policies = append(sc.Policies, model.Policy{Name: "level 3", Kind: l.kind, Start: sc.StartYear + 2,
		Cities: []string{"Langfang", "Baoding"}, Factor: "all", Magnitude: l.magnitude, UnitCost: l.unitCost, Duration: l.duration, Capacity: l.capacity, Conversion: l.convert})
	var want []float64
	err = sim.Run(context.Background(), sc, sim.Options{}, sim.ObserverFunc(func(f *sim.Frame) error {
		want = f.Metrics.Values(want[:0])
		return nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	got := live.Metrics.Values(nil)
	for i, name := range live.Metrics.Columns() {
		if strings.HasPrefix(name, "synergy") {
			continue
		}
		if got[i] != want[i] {
			t.Errorf("%s: live %g, scenario %g", name, got[i], want[i])
		}
	}
	if live.Metrics.PolicyCost <= 0 {
		t.Errorf("policy cost %g, want > 0 (training is paid per person)", live.Metrics.PolicyCost)
	}
}

// TestBadRequests sends every kind of bad request to every endpoint: each
// gets its status and a message naming the problem, and the server goes
// on serving.
func TestBadRequests(t *testing.T) {
	s := newTest(t, Config{MaxBody: 256})
	id := create(t, s, "").ID
	ses := "/api/sessions/" + id
	big := `{"scenario":"` + strings.Repeat("x", 300) + `"}`
	tests := []struct {
		method, path, body string
		code               int
		msg                string
	}{
		{"GET", "/api/scenarios?x=1", "", 400, `unknown parameter "x"`},
		{"GET", ses + "?verbose=true", "", 400, `unknown parameter "verbose"`},
		{"GET", "/nope", "", 404, "no such page"},
		{"PUT", "/api/sessions", "", 405, "method PUT not allowed on /api/sessions (allowed: POST)"},
		{"POST", "/api/scenarios", "", 405, "allowed: GET"},
		{"PATCH", ses, "", 405, "allowed: GET, DELETE"},
		{"GET", ses + "/control", "", 405, "allowed: POST"},
		{"POST", "/api/sessions", `{`, 400, "malformed JSON"},
		{"POST", "/api/sessions", `{"scenario":`, 400, "malformed JSON"},
		{"POST", "/api/sessions", `[1]`, 400, "body"},
		{"POST", "/api/sessions", `{"sceanrio":"teaching"}`, 400, `unknown parameter "sceanrio"`},
		{"POST", "/api/sessions", `{"scenario":"atlantis"}`, 400, `scenario: unknown "atlantis"`},
		{"POST", "/api/sessions", `{"scenario":"/etc/passwd"}`, 400, "scenario: unknown"},
		{"POST", "/api/sessions", `{"seed":-1}`, 400, "seed: -1 out of range"},
		{"POST", "/api/sessions", `{"seed":"one"}`, 400, "seed: want a int64"},
		{"POST", "/api/sessions", `{"seed":1.5}`, 400, "seed"},
		{"POST", "/api/sessions", `{} {}`, 400, "data after the object"},
		{"POST", "/api/sessions", big, 400, "body over the limit of 256 bytes"},
		{"GET", "/api/sessions/nope", "", 404, `no session "nope"`},
		{"DELETE", "/api/sessions/nope", "", 404, `no session "nope"`},
		{"POST", "/api/sessions/nope/control", `{"action":"play"}`, 404, "no session"},
		{"POST", "/api/sessions/nope/changes", `{"lever":"access","value":1}`, 404, "no session"},
		{"GET", "/api/sessions/nope/events", "", 404, "no session"},
		{"POST", ses + "/control", ``, 400, "action: missing"},
		{"POST", ses + "/control", `{"action":"fly"}`, 400, `action: unknown "fly"`},
		{"POST", ses + "/control", `{"action":"speed"}`, 400, "speed: missing"},
		{"POST", ses + "/control", `{"action":"play","speed":100}`, 400, "speed: 100 out of range [0.2, 20]"},
		{"POST", ses + "/control", `{"action":"play","speed":0}`, 400, "speed: 0 out of range"},
		{"POST", ses + "/control", `{"action":"play","scenario":"teaching"}`, 400, "apply only to action reset"},
		{"POST", ses + "/control", `{"action":"reset","scenario":"atlantis"}`, 400, `scenario: unknown "atlantis"`},
		{"POST", ses + "/control", `{"action":"reset","seed":-5}`, 400, "seed: -5 out of range"},
		{"POST", ses + "/control", `{"action":"play","years":3}`, 400, `unknown parameter "years"`},
		{"POST", ses + "/control", `{"action":`, 400, "malformed JSON"},
		{"POST", ses + "/control", big, 400, "body over the limit"},
		{"POST", ses + "/changes", `{}`, 400, "lever: missing"},
		{"POST", ses + "/changes", `{"lever":"wall","value":1}`, 400, `lever: unknown "wall"`},
		{"POST", ses + "/changes", `{"lever":"barrier"}`, 400, "value: missing"},
		{"POST", ses + "/changes", `{"lever":"barrier","value":3}`, 400, "value: 3 out of range [0, 2] for lever barrier"},
		{"POST", ses + "/changes", `{"lever":"barrier","value":-0.1}`, 400, "out of range"},
		{"POST", ses + "/changes", `{"lever":"barrier","value":1,"regions":["North"]}`, 400, "regions: want two different regions"},
		{"POST", ses + "/changes", `{"lever":"barrier","value":1,"regions":["Mu","Lemuria"]}`, 400, `regions: unknown region "Mu"`},
		{"POST", ses + "/changes", `{"lever":"hukou_penalty","value":6}`, 400, "value: 6 out of range [0, 5]"},
		{"POST", ses + "/changes", `{"lever":"access","value":1.5}`, 400, "value: 1.5 out of range [0, 1]"},
		{"POST", ses + "/changes", `{"lever":"transport","value":0.1}`, 400, "value: 0.1 out of range [0.5, 5]"},
		{"POST", ses + "/changes", `{"lever":"access","value":0.5,"regions":["A","B"]}`, 400, "regions apply only to lever barrier"},
		{"POST", ses + "/changes", `{"lever":"access","value":0.5,"level":2}`, 400, "level and cities apply only to lever pyramid"},
		{"POST", ses + "/changes", `{"lever":"pyramid","level":6,"cities":["x"]}`, 400, "level: 6 out of range [1, 5]"},
		{"POST", ses + "/changes", `{"lever":"pyramid","level":2}`, 400, "cities: choose at least one city"},
		{"POST", ses + "/changes", `{"lever":"pyramid","level":2,"cities":["Gotham"]}`, 400, `cities: unknown city "Gotham"`},
		{"POST", ses + "/changes", `{"lever":"pyramid","level":2,"cities":["Gotham"],"value":1}`, 400, "value and regions do not apply to lever pyramid"},
		{"POST", ses + "/changes", `{"lever":"access","value":"high"}`, 400, "value: want a float64"},
		{"POST", ses + "/changes", `{"lever":"access","value":1,"colour":"red"}`, 400, `unknown parameter "colour"`},
		{"POST", ses + "/changes", `{"lever":"access","value":1}}`, 400, "malformed JSON"},
		{"POST", ses + "/changes", big, 400, "body over the limit"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path+" "+tt.body, func(t *testing.T) {
			code, body := call(t, s, tt.method, tt.path, tt.body)
			if code != tt.code {
				t.Errorf("status %d, want %d (body %s)", code, tt.code, body)
			}
			if tt.msg == "" {
				return
			}
			var e apiError
			if err := json.Unmarshal([]byte(body), &e); err != nil {
				t.Fatalf("body %q is not a JSON error: %v", body, err)
			}
			if !strings.Contains(e.Error, tt.msg) {
				t.Errorf("message %q lacks %q", e.Error, tt.msg)
			}
		})
	}
	// The session is untouched and the server still serves it.
	if v := getView(t, s, id); len(v.History) != 1 || len(v.Status.Changes) != 0 {
		t.Errorf("after the bad requests: %d years, changes %q", len(v.History), v.Status.Changes)
	}
}

// TestYearCap checks that a session stops at MaxYears and refuses to go on.
func TestYearCap(t *testing.T) {
	s := newTest(t, Config{MaxYears: 2})
	id := "/api/sessions/" + create(t, s, "").ID
	for i := 0; i < 2; i++ {
		if code, out := call(t, s, "POST", id+"/control", `{"action":"step"}`); code != 200 {
			t.Fatalf("step %d: %d %s", i+1, code, out)
		}
	}
	for _, req := range [][2]string{
		{"/control", `{"action":"step"}`}, {"/control", `{"action":"play"}`}, {"/changes", `{"lever":"access","value":1}`},
	} {
		code, out := call(t, s, "POST", id+req[0], req[1])
		if code != 400 || !strings.Contains(out, "the run has ended") {
			t.Errorf("%s after the last year: %d %s", req[1], code, out)
		}
	}
	if v := getView(t, s, id[len("/api/sessions/"):]); !v.Status.Done || len(v.History) != 3 {
		t.Errorf("done %v with %d years, want true with 3", v.Status.Done, len(v.History))
	}
}

// TestSessionCap checks the cap on sessions and that an idle session
// expires.
func TestSessionCap(t *testing.T) {
	s := newTest(t, Config{MaxSessions: 2, Idle: time.Hour})
	create(t, s, "")
	create(t, s, "")
	code, out := call(t, s, "POST", "/api/sessions", "")
	if code != http.StatusServiceUnavailable || !strings.Contains(out, "at most 2") {
		t.Errorf("third session: %d %s, want 503", code, out)
	}

	s = newTest(t, Config{Idle: 30 * time.Millisecond})
	id := create(t, s, "").ID
	deadline := time.Now().Add(5 * time.Second)
	for {
		code, _ := call(t, s, "GET", "/api/sessions/"+id+"/nothing", "") // a 404 that does not touch it
		_ = code
		s.mu.Lock()
		n := len(s.sessions)
		s.mu.Unlock()
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("an idle session did not expire")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if code, _ := call(t, s, "GET", "/api/sessions/"+id, ""); code != http.StatusNotFound {
		t.Errorf("expired session: %d, want 404", code)
	}
}

// TestRecover checks that a panicking handler answers 500 and the server
// goes on.
func TestRecover(t *testing.T) {
	s := newTest(t, Config{})
	h := s.guard(func(http.ResponseWriter, *http.Request) { panic("boom") })
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if w.Code != 500 || !strings.Contains(w.Body.String(), "boom") {
		t.Errorf("panic: %d %s", w.Code, w.Body.String())
	}
	if err := safely(func() error { panic("engine") }); err == nil || !strings.Contains(err.Error(), "engine") {
		t.Errorf("safely: %v", err)
	}
	if code, _ := call(t, s, "GET", "/api/scenarios", ""); code != 200 {
		t.Errorf("after a panic: %d", code)
	}
}

// TestEvents plays a session and reads its event stream over real HTTP.
func TestEvents(t *testing.T) {
	s := newTest(t, Config{})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	defer s.Close()
	id := create(t, s, "").ID
	resp, err := http.Get(ts.URL + "/api/sessions/" + id + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	post := func(path, body string) {
		r, err := http.Post(ts.URL+"/api/sessions/"+id+path, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		if r.StatusCode != 200 {
			t.Fatalf("%s %s: %d", path, body, r.StatusCode)
		}
	}
	post("/control", `{"action":"play","speed":20}`)
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<20)
	var event string
	years := 0
	for years < 3 && sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			event = line[len("event: "):]
		case strings.HasPrefix(line, "data: ") && event == "year":
			var e gotEvt
			if err := json.Unmarshal([]byte(line[len("data: "):]), &e); err != nil {
				t.Fatal(err)
			}
			years++
			if want := 2020 + years; e.Year != want {
				t.Errorf("event %d: year %d, want %d", years, e.Year, want)
			}
		}
	}
	if years < 3 {
		t.Fatalf("stream ended after %d years: %v", years, sc.Err())
	}
	post("/control", `{"action":"pause"}`)
}

// TestShutdown serves on a real port, holds an event stream open and
// cancels: ListenAndServe returns promptly and without an error.
func TestShutdown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- ListenAndServe(ctx, "127.0.0.1:0", Config{Scenario: "teaching"}, func(u string) { urls <- u })
	}()
	var url string
	select {
	case url = <-urls:
	case err := <-done:
		t.Fatal(err)
	}
	r, err := http.Post(url+"api/sessions", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	var v sessionView
	json.NewDecoder(r.Body).Decode(&v)
	r.Body.Close()
	stream, err := http.Get(url + "api/sessions/" + v.ID + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("ListenAndServe: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no shutdown within 10 s")
	}
}

// TestExplain checks the one-line explanation on a two-city frame.
func TestExplain(t *testing.T) {
	const N = 2
	flows := func(talent, capital, firms float64) [4][]float64 {
		return [4][]float64{{0, talent, 0, 0}, {0, 0, 0, 0}, {0, capital, 0, 0}, {0, firms, 0, 0}}
	}
	frame := func(f [4][]float64) *sim.Frame {
		return &sim.Frame{Year: 2030, Cities: []string{"Beijing", "Langfang"}, State: &model.State{N: N, Flow: f}}
	}
	var none [4][]float64
	tests := []struct {
		name            string
		now, prev, base [4][]float64
		after, want     string
	}{
		{"first year", flows(0, 0, 0), none, none, "", "2030: the cluster as the scenario starts it."},
		{"first flows", flows(100, 50, 0), flows(0, 0, 0), none, "", "2030: the largest move: 100 talent from Beijing to Langfang."},
		{"first flows capital", [4][]float64{{0, 1, 1, 0}, {0, 0, 0, 0}, {0, 5000, 0, 0}, {0, 0, 0, 0}}, flows(0, 0, 0), none, "",
			"2030: the largest move: 5,000 CNY million of capital from Beijing to Langfang."},
		{"year on year", flows(1500, 100, 3), flows(1000, 100, 1), none, "", "2030: 500 more talent moved from Beijing to Langfang than the year before."},
		{"firms only", flows(1000, 100, 3), flows(1000, 100, 1), none, "", "2030: 2 more firms moved from Beijing to Langfang than the year before."},
		{"unchanged", flows(1000, 100, 1), flows(1000, 100, 1), none, "", "2030: the same flows between the cities as the year before."},
		{"after a change", flows(1000, 80, 1), flows(0, 0, 0), flows(1000, 100, 1), "the hukou penalty fell to 0.30",
			"2030: 20 CNY million less capital moved from Beijing to Langfang than without your changes, after the hukou penalty fell to 0.30."},
		{"change not acting yet", flows(1000, 100, 1), flows(900, 100, 1), flows(1000, 100, 1), "the hukou penalty fell to 0.30",
			"2030: the same flows as without your changes so far: they act from the next year."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := explain(frame(tt.now), tt.prev, tt.base, tt.after, "CNY million"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestStageNews(t *testing.T) {
	a := &snapshot{Stage: model.StageAgglomeration, Metrics: map[string]num{"urbanisation": 0.69}}
	b := &snapshot{Stage: model.StageSaturation, Metrics: map[string]num{"urbanisation": 0.704}}
	if got := stageNews(a, a); got != "" {
		t.Errorf("same stage: %q", got)
	}
	if got, want := stageNews(a, b), "Urbanisation is now 70 %: the saturation stage. "; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAmount(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{{0, "0"}, {2.5, "2.5"}, {12, "12"}, {1234.4, "1,234"}, {1234567, "1,234,567"}}
	for _, tt := range tests {
		if got := amount(tt.in); got != tt.want {
			t.Errorf("amount(%g) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestHalfYearSteps checks that a session with dt = 0.5 still advances a
// whole year a step, and that the server's overrides reach its scenario.
func TestHalfYearSteps(t *testing.T) {
	s := newTest(t, Config{Sets: []string{"dt=0.5"}})
	v := create(t, s, "")
	for i := 1; i <= 2; i++ {
		call(t, s, "POST", "/api/sessions/"+v.ID+"/control", `{"action":"step"}`)
		got := getView(t, s, v.ID)
		if n := len(got.History); n != i+1 || got.History[i].Year != v.StartYear+i || got.Status.Year != v.StartYear+i {
			t.Fatalf("after %d steps: %d years, last %d (status %d), want year %d", i, n, got.History[n-1].Year, got.Status.Year, v.StartYear+i)
		}
	}
	s.mu.Lock()
	dt := s.sessions[v.ID].p.base.Frame().Scenario.Dt
	s.mu.Unlock()
	if dt != 0.5 {
		t.Errorf("dt %g, want 0.5 from Config.Sets", dt)
	}
}
