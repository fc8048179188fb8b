package serve_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"factorflow/sim/serve"
)

// A client creates a session, steps it a year and lowers every barrier to
// half for the run on the right.
func Example() {
	s, err := serve.New(serve.Config{Scenario: "jing-jin-ji"})
	if err != nil {
		panic(err)
	}
	defer s.Close()
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()

	post := func(path, body string, v any) int {
		r, err := http.Post(ts.URL+path, "application/json", strings.NewReader(body))
		if err != nil {
			panic(err)
		}
		defer r.Body.Close()
		json.NewDecoder(r.Body).Decode(v)
		return r.StatusCode
	}
	var session struct {
		ID     string
		Cities []struct{ Name string }
	}
	fmt.Println(post("/api/sessions", `{}`, &session), len(session.Cities), "cities, the first", session.Cities[0].Name)
	var st struct {
		Year    int
		Changes []string
	}
	post("/api/sessions/"+session.ID+"/control", `{"action":"step"}`, &st)
	fmt.Println("year", st.Year)
	post("/api/sessions/"+session.ID+"/changes", `{"lever":"barrier","value":0.5}`, &st)
	fmt.Println(st.Changes[0])
	var bad struct{ Error string }
	fmt.Println(post("/api/sessions/"+session.ID+"/changes", `{"lever":"barrier","value":5}`, &bad), bad.Error)
	// Output:
	// 201 13 cities, the first Beijing
	// year 2016
	// the barrier between every pair of regions fell to 50 %
	// 400 value: 5 out of range [0, 2] for lever barrier
}
