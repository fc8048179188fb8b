package serve

import "testing"

// benchYear measures what a playing session does each year: step both
// runs (with the synergy counterfactuals), take the snapshots and the
// explanation, and encode the event the page receives.
func benchYear(b *testing.B, scenario string) {
	cfg := Config{}.withDefaults()
	newP := func() *pair {
		p, err := newPair(cfg, scenario, 0)
		if err != nil {
			b.Fatal(err)
		}
		return p
	}
	p := newP()
	b.ReportAllocs()
	for b.Loop() {
		if p.done() {
			b.StopTimer()
			p = newP()
			b.StartTimer()
		}
		if err := p.year(); err != nil {
			b.Fatal(err)
		}
		_ = eventJSON(p.history[len(p.history)-1])
	}
}

// BenchmarkYear13 is Jing-Jin-Ji's 13 cities.
func BenchmarkYear13(b *testing.B) { benchYear(b, "jing-jin-ji") }

// BenchmarkYear24 is the national scenario's 24 cities.
func BenchmarkYear24(b *testing.B) { benchYear(b, "national") }
