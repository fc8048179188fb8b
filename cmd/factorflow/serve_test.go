package main

import (
	"bytes"
	"context"
	"flag"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestServeUsage checks the arguments serve refuses before listening.
func TestServeUsage(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	busy := ln.Addr().String()
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"serve", "a", "b"}, exitUsage, "want at most one SCENARIO"},
		{[]string{"serve", "--listen", "8080"}, exitUsage, `--listen "8080": want host:port`},
		{[]string{"serve", "--max-sessions", "0"}, exitUsage, "--max-sessions 0: want 1 to 1000"},
		{[]string{"serve", "--max-years", "501"}, exitUsage, "--max-years 501: want 1 to 500"},
		{[]string{"serve", "--seed", "-1"}, exitUsage, "--seed -1: want 0 or more"},
		{[]string{"serve", "--bogus"}, exitUsage, "flag provided but not defined"},
		{[]string{"serve", "no-such-scenario"}, exitUsage, `no scenario "no-such-scenario"`},
		{[]string{"serve", "--set", "migration.rate=7"}, exitUsage, "migration.rate"},
		{[]string{"serve", "--listen", busy}, exitFailed, "address already in use"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, errs := factorflow(tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.err) {
				t.Errorf("exit %d, want %d; stderr lacks %q:\n%s", code, tt.code, tt.err, errs)
			}
		})
	}
}

// TestServeHelp checks that the help names every flag of serve.
func TestServeHelp(t *testing.T) {
	var o serveOptions
	serveFlags(&o).VisitAll(func(f *flag.Flag) {
		for _, text := range []string{fullHelp(), commandHelp("serve"), usageLine("serve")} {
			if !strings.Contains(text, "--"+f.Name) {
				t.Errorf("help lacks serve's flag --%s", f.Name)
			}
		}
	})
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServe starts the server on a free loopback port, reads the printed
// address, fetches the page and stops it as Ctrl-C would.
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errs syncBuffer
	done := make(chan int, 1)
	go func() { done <- serveCommand(ctx, &out, &errs, []string{"teaching", "--listen", "127.0.0.1:0"}) }()
	addr := regexp.MustCompile(`open (http://127\.0\.0\.1:\d+/) in a browser`)
	var url string
	for deadline := time.Now().Add(10 * time.Second); url == ""; {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			url = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("no address printed; stdout %q, stderr %q", out.String(), errs.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	r, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusOK {
		t.Errorf("GET %s: %d", url, r.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK || errs.String() != "" {
			t.Errorf("exit %d, stderr %q; want 0 and nothing", code, errs.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:80": true, "[::1]:80": true, "localhost:1": true, "0.0.0.0:80": false, ":8080": false, "10.0.0.2:80": false} {
		if got := loopback(addr); got != want {
			t.Errorf("loopback(%q) = %v, want %v", addr, got, want)
		}
	}
}
