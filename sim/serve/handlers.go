package serve

import (
	"fmt"
	"net/http"
	"time"
)

// lookup returns the session named in the path, touching it, or answers
// 404.
func (s *Server) lookup(w http.ResponseWriter, r *http.Request) *session {
	id := r.PathValue("id")
	s.mu.Lock()
	ss := s.sessions[id]
	s.mu.Unlock()
	if ss == nil {
		fail(w, http.StatusNotFound, fmt.Sprintf("no session %q (it may have expired after %s idle): create one with POST /api/sessions", id, s.cfg.Idle))
		return nil
	}
	ss.touch()
	return ss
}

func (s *Server) getSession(w http.ResponseWriter, r *http.Request) {
	if ss := s.lookup(w, r); ss != nil {
		reply(w, http.StatusOK, ss.view())
	}
}

func (s *Server) deleteSession(w http.ResponseWriter, r *http.Request) {
	ss := s.lookup(w, r)
	if ss == nil {
		return
	}
	s.mu.Lock()
	delete(s.sessions, ss.id)
	s.mu.Unlock()
	ss.close()
	w.WriteHeader(http.StatusNoContent)
}

// controlRequest is the body of POST /api/sessions/{id}/control.
type controlRequest struct {
	Action   string   `json:"action"`
	Speed    *float64 `json:"speed"`
	Scenario string   `json:"scenario"`
	Seed     *int64   `json:"seed"`
}

// Speed limits, years per second.
const (
	minSpeed = 0.2
	maxSpeed = 20
)

func (s *Server) control(w http.ResponseWriter, r *http.Request) {
	ss := s.lookup(w, r)
	if ss == nil {
		return
	}
	var req controlRequest
	if err := s.decode(w, r, &req); err != nil {
		fail(w, http.StatusBadRequest, err.Error())
		return
	}
	if err := s.checkControl(&req); err != nil {
		fail(w, http.StatusBadRequest, err.Error())
		return
	}
	if err := ss.control(&req); err != nil {
		fail(w, http.StatusBadRequest, err.Error())
		return
	}
	reply(w, http.StatusOK, ss.status())
}

// checkControl validates a control request's fields against its action.
func (s *Server) checkControl(req *controlRequest) error {
	switch req.Action {
	case "play", "pause", "step", "speed", "reset":
	case "":
		return fmt.Errorf("action: missing (one of play, pause, step, speed, reset)")
	default:
		return fmt.Errorf("action: unknown %q (one of play, pause, step, speed, reset)", req.Action)
	}
	if req.Speed != nil {
		if v := *req.Speed; !(v >= minSpeed && v <= maxSpeed) {
			return fmt.Errorf("speed: %g out of range [%g, %g] years a second", v, float64(minSpeed), float64(maxSpeed))
		}
	} else if req.Action == "speed" {
		return fmt.Errorf("speed: missing (years a second in [%g, %g])", float64(minSpeed), float64(maxSpeed))
	}
	if req.Action != "reset" && (req.Scenario != "" || req.Seed != nil) {
		return fmt.Errorf("scenario and seed apply only to action reset")
	}
	if req.Scenario != "" && !s.pickable(req.Scenario) {
		return fmt.Errorf("scenario: unknown %q (GET /api/scenarios lists them)", req.Scenario)
	}
	if req.Seed != nil && *req.Seed < 0 {
		return fmt.Errorf("seed: %d out of range [0, 9223372036854775807]", *req.Seed)
	}
	return nil
}

func (s *Server) change(w http.ResponseWriter, r *http.Request) {
	ss := s.lookup(w, r)
	if ss == nil {
		return
	}
	var req changeRequest
	if err := s.decode(w, r, &req); err != nil {
		fail(w, http.StatusBadRequest, err.Error())
		return
	}
	if err := ss.apply(&req); err != nil {
		fail(w, http.StatusBadRequest, err.Error())
		return
	}
	reply(w, http.StatusOK, ss.status())
}

// events streams the session's years as server-sent events: "year" (a
// yearEvent), "status" (a status) and "reset" (the page reloads the
// session). A comment line every 15 s keeps the stream and the session
// alive.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	ss := s.lookup(w, r)
	if ss == nil {
		return
	}
	flusher, ok := w.(http.Flusher)
	if !ok {
		fail(w, http.StatusInternalServerError, "streaming unsupported")
		return
	}
	ch := ss.subscribe()
	if ch == nil {
		fail(w, http.StatusNotFound, "the session has ended")
		return
	}
	defer ss.unsubscribe(ch)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ": factorflow\n\n")
	flusher.Flush()
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		select {
		case msg, ok := <-ch:
			if !ok {
				return
			}
			w.Write(msg)
		case <-ping.C:
			ss.touch()
			fmt.Fprint(w, ": ping\n\n")
		case <-r.Context().Done():
			return
		case <-s.quit:
			return
		}
		flusher.Flush()
	}
}

// janitor ends the sessions idle for longer than cfg.Idle.
func (s *Server) janitor() {
	defer s.wg.Done()
	every := min(s.cfg.Idle/4, time.Minute)
	every = max(every, 10*time.Millisecond)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-s.quit:
			return
		case now := <-t.C:
			s.mu.Lock()
			s.expireLocked(now)
			s.mu.Unlock()
		}
	}
}

// expireLocked removes the sessions idle since before now − Idle; s.mu is
// held.
func (s *Server) expireLocked(now time.Time) {
	for id, ss := range s.sessions {
		if now.Sub(ss.seen()) > s.cfg.Idle {
			delete(s.sessions, id)
			go ss.close() // it may wait for its runner: not under s.mu
		}
	}
}
