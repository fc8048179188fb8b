// Package serve is the classroom server behind "factorflow serve": one web
// page, embedded in the binary, that runs a scenario year by year in the
// browser and lets a teacher change its rules while it runs.
//
// Each browser tab owns a session: a pair of simulations of the same
// scenario from the same seed. The teacher's changes (barrier, hukou and
// transport sliders, policy-pyramid buttons) go to the second one only, so
// that the difference between the two is the changes' effect and not
// noise. A session steps both runs on its own goroutine while playing and
// streams each year to the page as server-sent events; a JSON API controls
// it (docs/api.md lists every endpoint).
//
// The parts: server.go holds the Server, its limits, routes and request
// decoding; handlers.go the API's handlers and the idle-session janitor;
// session.go the simulation pair and its runner; change.go the teacher's
// changes and how they reach the running economy (model.Economy.AddPolicy
// for policies, whose costs are booked; AdjustBase for the rules sliders
// set); year.go the yearly snapshot sent to the page and the one-line
// explanation of what happened; web/ the page.
package serve
