package serve

import (
	"bytes"
	"context"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"factorflow/scenarios"
)

//go:embed web
var webFiles embed.FS

// Config sets a Server's defaults and limits. The zero value serves
// jing-jin-ji with the limits given on each field.
type Config struct {
	// Scenario is the scenario of a new session: an embedded name or a file
	// path; default "jing-jin-ji". The page may pick any embedded scenario
	// or this one, nothing else.
	Scenario string
	// Sets are overrides applied to every scenario loaded ("key=value", as
	// factorflow run --set).
	Sets []string
	// Seed, when not 0, replaces the scenario's seed in new sessions.
	Seed int64
	// MaxSessions caps the sessions (browser tabs) alive at once; default 16.
	MaxSessions int
	// MaxYears caps the years a session simulates; a longer scenario is
	// cut to it. Default 100.
	MaxYears int
	// Idle is how long a session lives without a request or an open event
	// stream; default 15 minutes.
	Idle time.Duration
	// MaxBody caps a request body, bytes; default 16 KiB.
	MaxBody int64
	// Log receives internal errors (recovered panics); default discards.
	Log *log.Logger
}

func (c Config) withDefaults() Config {
	if c.Scenario == "" {
		c.Scenario = "jing-jin-ji"
	}
	if c.MaxSessions <= 0 {
		c.MaxSessions = 16
	}
	if c.MaxYears <= 0 {
		c.MaxYears = 100
	}
	if c.Idle <= 0 {
		c.Idle = 15 * time.Minute
	}
	if c.MaxBody <= 0 {
		c.MaxBody = 16 << 10
	}
	if c.Log == nil {
		c.Log = log.New(io.Discard, "", 0)
	}
	return c
}

// Server holds the sessions and serves the page and the API. Its methods
// are safe for concurrent use.
type Server struct {
	cfg      Config
	mux      *http.ServeMux
	mu       sync.Mutex
	sessions map[string]*session
	quit     chan struct{} // closed by Close
	closed   bool
	wg       sync.WaitGroup // the janitor
	building int            // sessions being built, counted against the cap
}

// New checks that the default scenario loads and returns a Server; the
// caller must Close it.
func New(cfg Config) (*Server, error) {
	cfg = cfg.withDefaults()
	if _, err := loadScenario(cfg, cfg.Scenario); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, sessions: map[string]*session{}, quit: make(chan struct{})}
	s.routes()
	s.wg.Add(1)
	go s.janitor()
	return s, nil
}

// Handler returns the HTTP handler of the page and the API.
func (s *Server) Handler() http.Handler { return s.mux }

// Close ends every session and event stream and waits for their
// goroutines. It is idempotent.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	close(s.quit)
	all := make([]*session, 0, len(s.sessions))
	for id, ss := range s.sessions {
		all = append(all, ss)
		delete(s.sessions, id)
	}
	s.mu.Unlock()
	for _, ss := range all {
		ss.close()
	}
	s.wg.Wait()
}

// ListenAndServe serves on addr until ctx is cancelled, then shuts down:
// event streams end, requests in flight get up to 5 s. ready, if not nil,
// receives the page's address once the port is open.
func ListenAndServe(ctx context.Context, addr string, cfg Config, ready func(url string)) error {
	s, err := New(cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	hs := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	if ready != nil {
		ready("http://" + ln.Addr().String() + "/")
	}
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.Close() // ends the event streams, which Shutdown would wait for
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	return nil
}

func (s *Server) routes() {
	s.mux = http.NewServeMux()
	static, _ := fs.Sub(webFiles, "web") // the directory is embedded
	files := http.FileServerFS(static)
	handle := func(pattern string, h http.HandlerFunc) { s.mux.Handle(pattern, s.guard(h)) }
	handle("GET /{$}", func(w http.ResponseWriter, r *http.Request) { files.ServeHTTP(w, r) })
	handle("GET /static/", func(w http.ResponseWriter, r *http.Request) {
		http.StripPrefix("/static", files).ServeHTTP(w, r)
	})
	handle("GET /api/scenarios", s.listScenarios)
	handle("POST /api/sessions", s.createSession)
	handle("GET /api/sessions/{id}", s.getSession)
	handle("DELETE /api/sessions/{id}", s.deleteSession)
	handle("POST /api/sessions/{id}/control", s.control)
	handle("POST /api/sessions/{id}/changes", s.change)
	handle("GET /api/sessions/{id}/events", s.events)
	handle("/", s.notFound)
}

// notFound answers what no route takes: 405 with Allow when the path
// exists with another method, else 404.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{"GET", "POST", "DELETE"} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "/" && pattern != "" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		fail(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed on %s (allowed: %s)", r.Method, r.URL.Path, strings.Join(allow, ", ")))
		return
	}
	fail(w, http.StatusNotFound, "no such page: "+r.URL.Path)
}

// guard turns a panic into a 500 (the server keeps running) and refuses
// any query parameter: no endpoint takes one.
func (s *Server) guard(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.cfg.Log.Printf("serve: %s %s: panic: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
				fail(w, http.StatusInternalServerError, fmt.Sprintf("internal error: %v", v))
			}
		}()
		for k := range r.URL.Query() {
			fail(w, http.StatusBadRequest, fmt.Sprintf("unknown parameter %q (this endpoint takes none)", k))
			return
		}
		h(w, r)
	})
}

// apiError is the body of every error response.
type apiError struct {
	Error string `json:"error"`
}

func fail(w http.ResponseWriter, code int, msg string) {
	reply(w, code, apiError{msg})
}

func reply(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(eventJSON(v))
}

// decode reads a JSON object of at most MaxBody bytes into dst, refusing
// unknown fields and trailing data. An empty body leaves dst as it is.
func (s *Server) decode(w http.ResponseWriter, r *http.Request, dst any) error {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBody))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return fmt.Errorf("body over the limit of %d bytes", tooBig.Limit)
	} else if err != nil {
		return fmt.Errorf("body: %v", err)
	}
	return decodeJSON(data, dst)
}

// decodeJSON is decode's parser: a JSON object (or nothing) into dst.
func decodeJSON(data []byte, dst any) error {
	if len(data) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return fmt.Errorf("body: malformed JSON at byte %d: %v", syn.Offset, err)
		case errors.As(err, &typ):
			return fmt.Errorf("body: %s: want a %s, got a JSON %s", typ.Field, typ.Type, typ.Value)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return fmt.Errorf("body: malformed JSON: it ends early")
		}
		return fmt.Errorf("body: %v", unknownField(err))
	}
	if dec.More() {
		return fmt.Errorf("body: malformed JSON: data after the object at byte %d", dec.InputOffset())
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("body: malformed JSON: data after the object at byte %d", dec.InputOffset())
	}
	return nil
}

// unknownField rewords encoding/json's unknown-field error.
func unknownField(err error) error {
	const p = "json: unknown field "
	if m := err.Error(); len(m) > len(p) && m[:len(p)] == p {
		return fmt.Errorf("unknown parameter %s", m[len(p):])
	}
	return err
}

// newID returns a random session id.
func newID() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// pickable reports whether the page may load scenario name.
func (s *Server) pickable(name string) bool {
	return name == s.cfg.Scenario || slices.Contains(scenarios.Names(), name)
}

func (s *Server) listScenarios(w http.ResponseWriter, r *http.Request) {
	names := scenarios.Names()
	if !slices.Contains(names, s.cfg.Scenario) {
		names = append([]string{s.cfg.Scenario}, names...)
	}
	reply(w, http.StatusOK, struct {
		Default   string   `json:"default"`
		Scenarios []string `json:"scenarios"`
	}{s.cfg.Scenario, names})
}

// newSessionRequest is the body of POST /api/sessions.
type newSessionRequest struct {
	Scenario string `json:"scenario"`
	Seed     *int64 `json:"seed"`
}

func (s *Server) createSession(w http.ResponseWriter, r *http.Request) {
	var req newSessionRequest
	if err := s.decode(w, r, &req); err != nil {
		fail(w, http.StatusBadRequest, err.Error())
		return
	}
	if req.Scenario == "" {
		req.Scenario = s.cfg.Scenario
	}
	if !s.pickable(req.Scenario) {
		fail(w, http.StatusBadRequest, fmt.Sprintf("scenario: unknown %q (GET /api/scenarios lists them)", req.Scenario))
		return
	}
	seed := s.cfg.Seed
	if req.Seed != nil {
		if *req.Seed < 0 {
			fail(w, http.StatusBadRequest, fmt.Sprintf("seed: %d out of range [0, 9223372036854775807]", *req.Seed))
			return
		}
		seed = *req.Seed
	}
	if !s.reserve() {
		fail(w, http.StatusServiceUnavailable, fmt.Sprintf("too many sessions: the server runs at most %d at once; close another tab or wait %s", s.cfg.MaxSessions, s.cfg.Idle))
		return
	}
	ss, err := newSession(s, req.Scenario, seed)
	if err != nil {
		s.release()
		fail(w, http.StatusBadRequest, err.Error())
		return
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		ss.close()
		fail(w, http.StatusServiceUnavailable, "the server is shutting down")
		return
	}
	s.sessions[ss.id] = ss
	s.mu.Unlock()
	s.release()
	reply(w, http.StatusCreated, ss.view())
}

// reserve holds a place for a session being built, expiring idle ones
// when the cap is reached; release gives the place back once it is in
// the map (or failed).
func (s *Server) reserve() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.sessions)+s.building >= s.cfg.MaxSessions {
		s.expireLocked(time.Now())
	}
	if len(s.sessions)+s.building >= s.cfg.MaxSessions {
		return false
	}
	s.building++
	return true
}

func (s *Server) release() {
	s.mu.Lock()
	s.building--
	s.mu.Unlock()
}
