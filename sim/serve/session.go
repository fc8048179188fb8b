package serve

import (
	"fmt"
	"maps"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"factorflow/model"
	"factorflow/scenarios"
	"factorflow/sim"
)

// loadScenario loads name with the server's overrides, its years cut to
// cfg.MaxYears.
func loadScenario(cfg Config, name string) (*model.Scenario, error) {
	sc, err := scenarios.Load(name, cfg.Sets)
	if err != nil {
		return nil, err
	}
	if sc.Years > cfg.MaxYears {
		sc.Years = cfg.MaxYears
	}
	return sc, nil
}

// pair is the two runs of a session: base as the scenario has it, variant
// with the teacher's changes.
type pair struct {
	name          string
	seed          int64
	base, variant *sim.Sim
	start         model.Levers // the variant's base levers at the start
	set           settings
	changes       []string
	changeYears   []int // the year each change was made in (it acts from the next)
	history       []*yearEvent
	prev          [4][]float64 // the variant's flows of the last year
	err           string       // the error that stopped the runs
}

// newPair builds the two runs of scenario name from seed (0 = the
// scenario's own).
func newPair(cfg Config, name string, seed int64) (*pair, error) {
	p := &pair{name: name}
	for _, run := range []**sim.Sim{&p.base, &p.variant} {
		sc, err := loadScenario(cfg, name)
		if err != nil {
			return nil, err
		}
		if seed != 0 {
			sc.Seed = seed
		}
		p.seed = sc.Seed
		if *run, err = sim.New(sc, sim.Options{Synergy: true}); err != nil {
			return nil, err
		}
	}
	eco := p.variant.Economy()
	p.start = cloneLevers(&eco.Levers)
	p.set = defaultSettings(eco)
	p.record()
	return p, nil
}

// cloneLevers copies the levers the sliders change.
func cloneLevers(lv *model.Levers) model.Levers {
	var c model.Levers
	for k := range lv.Barrier {
		c.Barrier[k] = append([]float64(nil), lv.Barrier[k]...)
	}
	c.HukouPenalty = append([]float64(nil), lv.HukouPenalty...)
	c.HukouAccess = append([]float64(nil), lv.HukouAccess...)
	return c
}

// done reports whether the runs have reached their last year (or failed).
func (p *pair) done() bool { return p.base.Done() || p.err != "" }

// year steps both runs by a year and records it.
func (p *pair) year() error {
	if p.done() {
		return nil
	}
	for _, s := range []*sim.Sim{p.base, p.variant} {
		if err := stepYear(s); err != nil {
			p.err = err.Error()
			return err
		}
	}
	p.record()
	return nil
}

// stepYear steps s to the end of its next year (several steps when dt < 1).
func stepYear(s *sim.Sim) error {
	for {
		if err := s.Step(); err != nil {
			return err
		}
		t := s.Frame().State.T
		if s.Done() || math.Abs(t-math.Round(t)) < 1e-6 {
			return nil
		}
	}
}

// record appends the current year of both runs to the history.
func (p *pair) record() {
	bf, vf := p.base.Frame(), p.variant.Frame()
	after := ""
	if n := len(p.changes); n > 0 { // the changes of the latest year with any
		var last []string
		for i, y := range p.changeYears {
			if y == p.changeYears[n-1] {
				last = append(last, p.changes[i])
			}
		}
		after = strings.Join(last, " and ")
	}
	prev := p.prev
	if len(p.history) == 0 {
		prev = [4][]float64{}
	}
	ev := &yearEvent{Year: vf.Year, Base: snap(bf), Variant: snap(vf),
		Explain: explain(vf, prev, bf.State.Flow, after, vf.Scenario.Currency)}
	ev.Done = p.base.Done()
	if n := len(p.history); n > 0 {
		ev.Explain = stageNews(p.history[n-1].Variant, ev.Variant) + ev.Explain
	}
	p.history = append(p.history, ev)
	p.prev = flowsOf(vf.State)
}

// session is one browser tab's pair of runs, with its runner goroutine
// that steps them while playing.
type session struct {
	id  string
	srv *Server

	mu       sync.Mutex
	p        *pair
	playing  bool
	speed    float64 // years a second
	lastSeen time.Time
	subs     map[chan []byte]struct{}
	ended    bool

	wake chan struct{} // a play or speed change
	quit chan struct{} // closed by close
	gone chan struct{} // closed when the runner has returned
}

func newSession(s *Server, name string, seed int64) (*session, error) {
	p, err := newPair(s.cfg, name, seed)
	if err != nil {
		return nil, err
	}
	ss := &session{id: newID(), srv: s, p: p, speed: 1, lastSeen: time.Now(), subs: map[chan []byte]struct{}{},
		wake: make(chan struct{}, 1), quit: make(chan struct{}), gone: make(chan struct{})}
	go ss.run() // Server.Close, or whoever ends the session, waits for it

	return ss, nil
}

func (ss *session) touch() {
	ss.mu.Lock()
	ss.lastSeen = time.Now()
	ss.mu.Unlock()
}

func (ss *session) seen() time.Time {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.lastSeen
}

// close stops the runner and ends the event streams.
func (ss *session) close() {
	ss.mu.Lock()
	if ss.ended {
		ss.mu.Unlock()
		<-ss.gone
		return
	}
	ss.ended = true
	for ch := range ss.subs {
		close(ch)
		delete(ss.subs, ch)
	}
	close(ss.quit)
	ss.mu.Unlock()
	<-ss.gone
}

// run steps the pair a year every 1/speed seconds while playing. A panic
// in a run stops it with the panic as its error; the server goes on.
func (ss *session) run() {
	defer close(ss.gone)
	for {
		ss.mu.Lock()
		playing, wait := ss.playing, time.Duration(float64(time.Second)/ss.speed)
		ss.mu.Unlock()
		var tick <-chan time.Time
		var t *time.Timer
		if playing {
			t = time.NewTimer(wait)
			tick = t.C
		}
		select {
		case <-ss.quit:
			return
		case <-ss.wake:
		case <-tick:
			ss.mu.Lock()
			if ss.playing {
				ss.stepLocked()
			}
			ss.mu.Unlock()
		}
		if t != nil {
			t.Stop()
		}
	}
}

// stepLocked simulates a year and sends it; it stops playing at the end or
// on an error. ss.mu is held.
func (ss *session) stepLocked() {
	p := ss.p
	if p.done() {
		ss.playing = false
		ss.sendLocked("status", ss.statusLocked())
		return
	}
	err := safely(p.year)
	if err != nil && p.err == "" {
		p.err = err.Error()
	}
	if err == nil {
		ss.sendLocked("year", p.history[len(p.history)-1])
	}
	if p.done() {
		ss.playing = false
		ss.sendLocked("status", ss.statusLocked())
	}
}

// safely runs f, turning a panic into an error.
func safely(f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("serve: the simulation failed: %v", v)
		}
	}()
	return f()
}

// control carries out a validated control request.
func (ss *session) control(req *controlRequest) error {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if req.Speed != nil {
		ss.speed = *req.Speed
	}
	switch req.Action {
	case "play":
		if ss.p.done() {
			return fmt.Errorf("action: the run has ended (%s); reset to start again", ss.endLocked())
		}
		ss.playing = true
	case "pause":
		ss.playing = false
	case "step":
		ss.playing = false
		if ss.p.done() {
			return fmt.Errorf("action: the run has ended (%s); reset to start again", ss.endLocked())
		}
		ss.stepLocked()
	case "reset":
		name, seed := ss.p.name, ss.p.seed
		if req.Scenario != "" {
			name = req.Scenario
			seed = ss.srv.cfg.Seed
		}
		if req.Seed != nil {
			seed = *req.Seed
		}
		p, err := newPair(ss.srv.cfg, name, seed)
		if err != nil {
			return err
		}
		ss.p, ss.playing = p, false
		ss.sendLocked("reset", struct{}{})
	}
	select {
	case ss.wake <- struct{}{}:
	default:
	}
	ss.sendLocked("status", ss.statusLocked())
	return nil
}

func (ss *session) endLocked() string {
	if ss.p.err != "" {
		return ss.p.err
	}
	return "year " + strconv.Itoa(ss.p.variant.Frame().Year)
}

// subscribe returns a channel of encoded events, or nil when the session
// has ended.
func (ss *session) subscribe() chan []byte {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.ended {
		return nil
	}
	ch := make(chan []byte, 64)
	ss.subs[ch] = struct{}{}
	return ch
}

func (ss *session) unsubscribe(ch chan []byte) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if _, ok := ss.subs[ch]; ok {
		delete(ss.subs, ch)
		close(ch)
	}
	ss.lastSeen = time.Now()
}

// sendLocked sends an event to every stream; a stream too slow to keep up
// is closed (the page reconnects and reloads the session). ss.mu is held.
func (ss *session) sendLocked(event string, v any) {
	msg := []byte("event: " + event + "\ndata: " + string(eventJSON(v)) + "\n\n")
	for ch := range ss.subs {
		select {
		case ch <- msg:
		default:
			delete(ss.subs, ch)
			close(ch)
		}
	}
}

// status is what the page shows of a session besides its years.
type status struct {
	Playing  bool     `json:"playing"`
	Speed    float64  `json:"speed"`
	Year     int      `json:"year"`
	Done     bool     `json:"done"`
	Error    string   `json:"error,omitempty"`
	Settings settings `json:"settings"`
	Changes  []string `json:"changes"`
}

func (ss *session) status() status {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.statusLocked()
}

func (ss *session) statusLocked() status {
	p := ss.p
	set := p.set
	set.Barrier = maps.Clone(p.set.Barrier) // encoded after the lock is released
	return status{Playing: ss.playing, Speed: ss.speed, Year: p.variant.Frame().Year, Done: p.done(),
		Error: p.err, Settings: set, Changes: append([]string{}, p.changes...)}
}

// cityInfo, regionInfo and sectorInfo describe the scenario to the page.
type cityInfo struct {
	Name   string  `json:"name"`
	Region int     `json:"region"`
	Core   bool    `json:"core"`
	Lat    float64 `json:"lat"`
	Lon    float64 `json:"lon"`
}

type sectorInfo struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// sessionView is the body of GET /api/sessions/{id}: everything the page
// needs to draw the session from scratch.
type sessionView struct {
	ID        string       `json:"id"`
	Scenario  string       `json:"scenario"`
	Title     string       `json:"title"`
	Seed      int64        `json:"seed"`
	StartYear int          `json:"start_year"`
	EndYear   int          `json:"end_year"`
	Currency  string       `json:"currency"`
	Cities    []cityInfo   `json:"cities"`
	Regions   []string     `json:"regions"`
	Sectors   []sectorInfo `json:"sectors"`
	Levels    []string     `json:"levels"`
	Status    status       `json:"status"`
	History   []*yearEvent `json:"history"`
}

func (ss *session) view() sessionView {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	p := ss.p
	f := p.base.Frame()
	sc := f.Scenario
	v := sessionView{ID: ss.id, Scenario: p.name, Title: sc.Name, Seed: p.seed, StartYear: sc.StartYear,
		EndYear: sc.StartYear + sc.Years, Currency: sc.Currency, Regions: f.Regions,
		Status: ss.statusLocked(), History: p.history}
	for i, c := range sc.Cities {
		v.Cities = append(v.Cities, cityInfo{Name: c.Name, Region: f.CityRegion[i], Core: c.Role == model.Core, Lat: c.Lat, Lon: c.Lon})
	}
	for _, s := range sc.Sectors {
		v.Sectors = append(v.Sectors, sectorInfo{s.Name, string(s.Type)})
	}
	for _, l := range pyramid {
		v.Levels = append(v.Levels, l.label)
	}
	return v
}
