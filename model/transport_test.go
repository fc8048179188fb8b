package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// transportDefaults is Transport with the defaults of its def tags.
func transportDefaults() Transport {
	return Transport{
		ValueOfTime:     4e-5,
		IntraCity:       0.5,
		CheckpointHours: 0.5,
		BoundaryToll:    2e-5,
		TollPerKm:       4.5e-7,
		HighwayDensity:  0.04,
		RailDensity:     0.0425,
		Broadband:       10,
		Neighbours:      5,
		Detour:          1.3,
		BaseSpeed:       35,
		HighwayGain:     400,
		RailGain:        500,
	}
}

// transportCities returns cities at the given (lat, lon) pairs, 1,000 km² each.
func transportCities(latlon ...float64) []City {
	cities := make([]City, len(latlon)/2)
	for c := range cities {
		cities[c] = City{Name: fmt.Sprint("c", c), Lat: latlon[2*c], Lon: latlon[2*c+1], AreaKm2: 1000}
	}
	return cities
}

// transportRandom returns nc cities placed uniformly at random in a 500 km
// square around (39° N, 116° E), in four regions by quadrant.
func transportRandom(nc int, seed uint64) ([]City, []int) {
	rng := rand.New(rand.NewPCG(seed, 0x7a))
	const lat0, lon0, side = 39.0, 116.0, 500.0
	dlat := side / (EarthRadiusKm * math.Pi / 180)
	dlon := dlat / math.Cos(lat0*math.Pi/180)
	cities := make([]City, nc)
	regions := make([]int, nc)
	for c := range cities {
		u, v := rng.Float64(), rng.Float64()
		cities[c] = City{Name: fmt.Sprint("c", c), Lat: lat0 + (u-0.5)*dlat, Lon: lon0 + (v-0.5)*dlon, AreaKm2: 1000}
		regions[c] = int(2*u) + 2*int(2*v)
	}
	return cities, regions
}

// transportCosts returns the cost matrix of n.
func transportCosts(n *Network) []float64 {
	nc := len(n.lat)
	dst := make([]float64, nc*nc)
	n.Costs(dst)
	return dst
}

// transportApprox compares floats to 1e-12 relative; infinities must match.
var transportApprox = cmpopts.EquateApprox(1e-12, 0)

func TestTransportGreatCircle(t *testing.T) {
	tests := []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		want, tol              float64 // km
	}{
		{"Beijing-Tianjin", 39.905, 116.391, 39.147, 117.206, 110, 2},
		{"same point", 39.905, 116.391, 39.905, 116.391, 0, 0},
		{"one degree of the equator", 0, 0, 0, 1, EarthRadiusKm * math.Pi / 180, 1e-9},
		{"equator to pole", 0, 0, 90, 0, EarthRadiusKm * math.Pi / 2, 1e-9},
		{"antipodes", 0, 0, 0, 180, EarthRadiusKm * math.Pi, 1e-9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := GreatCircleKm(tt.lat1, tt.lon1, tt.lat2, tt.lon2)
			back := GreatCircleKm(tt.lat2, tt.lon2, tt.lat1, tt.lon1)
			if math.Abs(got-tt.want) > tt.tol || got != back {
				t.Errorf("GreatCircleKm = %v (reverse %v), want %v ± %v", got, back, tt.want, tt.tol)
			}
		})
	}
}

func TestTransportLine(t *testing.T) {
	// A–B–C on a parallel, C in another region: the path A–C runs through B.
	cities := transportCities(39, 116, 39, 116.5, 39, 117)
	regions := []int{0, 0, 1}
	line := transportDefaults()
	line.Neighbours = 1 // B's nearest is A (tie to the lower index), C's is B
	tests := []struct {
		name  string
		tr    Transport
		links []NetLink
	}{
		{"synthesised", line, nil},
		{"explicit", transportDefaults(), []NetLink{
			{From: 0, To: 1, Mode: ModeHighway, SpeedKmh: 80, Toll: -1},
			{From: 1, To: 2, Mode: ModeHSR, LengthKm: 50, SpeedKmh: 250, Toll: 1e-4},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := transportCosts(NewNetwork(cities, regions, tt.tr, tt.links))
			if diff := cmp.Diff(c[0*3+1]+c[1*3+2], c[0*3+2], transportApprox); diff != "" {
				t.Errorf("C[A][C] != C[A][B] + C[B][C] (-want +got):\n%s", diff)
			}
			transportCheckMatrix(t, c, 3, tt.tr.IntraCity)
		})
	}
}

// transportCheckMatrix checks that c (nc×nc) is exactly symmetric, has the
// given diagonal, no NaN, and satisfies the triangle inequality over
// distinct cities to 1e-12 relative (rounding of path sums).
func transportCheckMatrix(t *testing.T, c []float64, nc int, diag float64) {
	t.Helper()
	for i := range nc {
		if c[i*nc+i] != diag {
			t.Fatalf("C[%d][%d] = %v, want %v", i, i, c[i*nc+i], diag)
		}
		for j := range nc {
			if c[i*nc+j] != c[j*nc+i] || math.IsNaN(c[i*nc+j]) {
				t.Fatalf("C[%d][%d] = %v, C[%d][%d] = %v: not symmetric", i, j, c[i*nc+j], j, i, c[j*nc+i])
			}
			for k := range nc {
				if i == j || j == k || i == k {
					continue
				}
				if via := c[i*nc+j] + c[j*nc+k]; c[i*nc+k] > via*(1+1e-12) {
					t.Fatalf("C[%d][%d] = %v > C[%d][%d] + C[%d][%d] = %v", i, k, c[i*nc+k], i, j, j, k, via)
				}
			}
		}
	}
}

func TestTransportRandom(t *testing.T) {
	for _, nc := range []int{2, 13, 60} {
		t.Run(fmt.Sprint(nc), func(t *testing.T) {
			cities, regions := transportRandom(nc, uint64(nc))
			tr := transportDefaults()
			c := transportCosts(NewNetwork(cities, regions, tr, nil))
			transportCheckMatrix(t, c, nc, tr.IntraCity)
			for i, v := range c {
				if math.IsInf(v, 0) {
					t.Fatalf("C[%d][%d] = %v in a synthesised network", i/nc, i%nc, v)
				}
			}
		})
	}
}

// transportGonum fills dst as Network.paths does, with gonum's Dijkstra
// from each city over a simple.WeightedUndirectedGraph (the lightest of
// parallel links), diagonal 0. It is the reference for paths and the
// baseline of its benchmarks.
func transportGonum(dst []float64, n *Network, weight func(*netEdge) float64) {
	nc := len(n.lat)
	g := simple.NewWeightedUndirectedGraph(0, math.Inf(1))
	for c := range nc {
		g.AddNode(simple.Node(c))
	}
	for i := range n.links {
		e := &n.links[i]
		w := weight(e)
		if e.a == e.b {
			continue
		}
		if old, ok := g.Weight(int64(e.a), int64(e.b)); ok && old <= w {
			continue
		}
		g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(e.a), simple.Node(e.b), w))
	}
	for s := range nc {
		tree := path.DijkstraFrom(simple.Node(s), g)
		for j := range nc {
			dst[s*nc+j] = tree.WeightTo(int64(j))
		}
	}
}

func TestTransportMatchesGonum(t *testing.T) {
	cities, regions := transportRandom(80, 3)
	explicit := []NetLink{{From: 0, To: 1, Mode: ModeHSR, SpeedKmh: 300, Toll: -1}}
	for c := 2; c < 60; c++ { // a chain with shortcuts; cities 60-79 isolated
		explicit = append(explicit, NetLink{From: c - 1, To: c, SpeedKmh: 80, Toll: -1},
			NetLink{From: c / 3, To: c, Mode: ModeIntercityRail, SpeedKmh: 120, Toll: -1})
	}
	for _, tt := range []struct {
		name  string
		links []NetLink
	}{{"synthesised", nil}, {"explicit", explicit}} {
		t.Run(tt.name, func(t *testing.T) {
			n := NewNetwork(cities, regions, transportDefaults(), tt.links)
			nc := len(cities)
			for _, w := range []struct {
				name   string
				weight func(*netEdge) float64
				fill   func([]float64)
				diag   float64
			}{
				{"Costs", n.costWeight(), n.Costs, n.tr.IntraCity},
				{"TravelHours", n.timeWeight, n.TravelHours, 0},
			} {
				got, want := make([]float64, nc*nc), make([]float64, nc*nc)
				w.fill(got)
				transportGonum(want, n, w.weight)
				n.fillDiagonal(want, w.diag)
				if diff := cmp.Diff(want, got, transportApprox); diff != "" {
					t.Errorf("%s differs from gonum's Dijkstra (-want +got):\n%s", w.name, diff)
				}
			}
		})
	}
}

func TestTransportWorkers(t *testing.T) {
	// Enough cities for several goroutines: the matrix must not depend on them.
	cities, regions := transportRandom(4*netRowsPerWorker+7, 5)
	n := NewNetwork(cities, regions, transportDefaults(), nil)
	nc := len(cities)
	want := make([]float64, nc*nc)
	g, h := n.graph(n.costWeight()), newNetHeap(nc)
	for s := range nc {
		g.shortest(want[s*nc:(s+1)*nc], s, h)
	}
	netSymmetrise(want, nc)
	n.fillDiagonal(want, n.tr.IntraCity)
	if diff := cmp.Diff(want, transportCosts(n)); diff != "" {
		t.Errorf("Costs with %d goroutines differs from one (-want +got):\n%s", runtime.GOMAXPROCS(0), diff)
	}
}

func TestTransportHeap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, nc := range []int{1, 2, 5, 17, 300} {
		t.Run(fmt.Sprint(nc), func(t *testing.T) {
			h := newNetHeap(nc)
			keys := make([]float64, nc)
			for v := range keys {
				keys[v] = rng.Float64()
				h.update(int32(v), keys[v])
			}
			for v := range keys { // lower half of the keys
				if rng.IntN(2) == 0 {
					keys[v] /= 2
					h.update(int32(v), keys[v])
				}
			}
			var got []float64
			for len(h.items) > 0 {
				v, d := h.pop()
				if d != keys[v] {
					t.Fatalf("pop() = %d, %v; its key is %v", v, d, keys[v])
				}
				got = append(got, d)
			}
			want := slices.Sorted(slices.Values(keys))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("keys popped (-want +got):\n%s", diff)
			}
			if i := slices.IndexFunc(h.pos, func(p int32) bool { return p != -1 }); i >= 0 {
				t.Errorf("pos[%d] = %d after emptying, want -1", i, h.pos[i])
			}
		})
	}
}

func TestTransportCheckpoint(t *testing.T) {
	cities := transportCities(39, 116, 39.2, 116.6)
	tests := []struct {
		name       string
		checkpoint float64 // h
		toll       float64 // currency
		links      []NetLink
	}{
		{"synthesised", 0.5, 2e-5, nil},
		{"highway", 0.5, 2e-5, []NetLink{{From: 0, To: 1, Mode: ModeHighway, SpeedKmh: 80, Toll: -1}}},
		{"rail", 0.5, 2e-5, []NetLink{{From: 0, To: 1, Mode: ModeCommuterRail, SpeedKmh: 60, Toll: -1}}},
		{"checkpoint only", 2, 0, nil},
		{"toll only", 0, 1e-4, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := transportDefaults()
			tr.CheckpointHours, tr.BoundaryToll = tt.checkpoint, tt.toll
			same := NewNetwork(cities, []int{0, 0}, tr, tt.links)
			cross := NewNetwork(cities, []int{0, 1}, tr, tt.links)
			want := transportCosts(same)
			want[1] += tt.checkpoint + tt.toll/tr.ValueOfTime
			want[2] = want[1]
			if diff := cmp.Diff(want, transportCosts(cross), transportApprox); diff != "" {
				t.Errorf("crossing a boundary (-want +got):\n%s", diff)
			}

			cross.ScaleBoundary(0.5)
			cross.ScaleBoundary(0.5)
			want = transportCosts(same)
			want[1] += (tt.checkpoint + tt.toll/tr.ValueOfTime) / 4
			want[2] = want[1]
			if diff := cmp.Diff(want, transportCosts(cross), transportApprox); diff != "" {
				t.Errorf("after ScaleBoundary(0.5) twice (-want +got):\n%s", diff)
			}

			cross.ScaleBoundary(1)
			if diff := cmp.Diff(transportCosts(same), transportCosts(cross)); diff != "" {
				t.Errorf("after ScaleBoundary(1) (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTransportLinkDefaults(t *testing.T) {
	cities := transportCities(39, 116, 39.5, 116.5)
	tr := transportDefaults()
	gc := GreatCircleKm(39, 116, 39.5, 116.5) * tr.Detour
	vot := tr.ValueOfTime
	tests := []struct {
		name string
		link NetLink
		want float64 // C[0][1], h
	}{
		{"highway default toll", NetLink{Mode: ModeHighway, LengthKm: 100, SpeedKmh: 80, Toll: -1}, 100.0/80 + 100*tr.TollPerKm/vot},
		{"empty mode is highway", NetLink{LengthKm: 100, SpeedKmh: 80, Toll: -1}, 100.0/80 + 100*tr.TollPerKm/vot},
		{"rail default toll", NetLink{Mode: ModeIntercityRail, LengthKm: 100, SpeedKmh: 80, Toll: -1}, 100.0 / 80},
		{"hsr given toll", NetLink{Mode: ModeHSR, LengthKm: 100, SpeedKmh: 80, Toll: 1e-4}, 100.0/80 + 1e-4/vot},
		{"zero toll", NetLink{Mode: ModeHighway, LengthKm: 100, SpeedKmh: 80}, 100.0 / 80},
		{"great-circle length", NetLink{Mode: ModeHighway, SpeedKmh: 80, Toll: -1}, gc/80 + gc*tr.TollPerKm/vot},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.link.From, tt.link.To = 1, 0
			n := NewNetwork(cities, []int{0, 0}, tr, []NetLink{tt.link})
			want := []float64{tr.IntraCity, tt.want, tt.want, tr.IntraCity}
			if diff := cmp.Diff(want, transportCosts(n), transportApprox); diff != "" {
				t.Errorf("Costs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTransportTravelHours(t *testing.T) {
	cities := transportCities(39, 116, 39, 117, 39, 118)
	tr := transportDefaults()
	tr.CheckpointHours = 3
	n := NewNetwork(cities, []int{0, 1, 2}, tr, []NetLink{
		{From: 0, To: 1, LengthKm: 100, SpeedKmh: 100, Toll: -1},
		{From: 1, To: 2, Mode: ModeHSR, LengthKm: 50, SpeedKmh: 50, Toll: 1},
		{From: 0, To: 2, LengthKm: 300, SpeedKmh: 100, Toll: 0}, // cheaper, slower
	})
	got := make([]float64, 9)
	n.TravelHours(got)
	want := []float64{0, 1, 2, 1, 0, 1, 2, 1, 0}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("TravelHours (-want +got):\n%s", diff)
	}
}

func TestTransportDensity(t *testing.T) {
	cities, regions := transportRandom(40, 7)
	var ring []NetLink
	for c := range cities {
		mode := []string{ModeHighway, ModeIntercityRail, ModeCommuterRail, ModeHSR}[c%4]
		ring = append(ring, NetLink{From: c, To: (c + 1) % len(cities), Mode: mode, SpeedKmh: 90, Toll: -1})
	}
	for _, tt := range []struct {
		name  string
		links []NetLink
	}{{"synthesised", nil}, {"explicit", ring}} {
		t.Run(tt.name, func(t *testing.T) {
			n := NewNetwork(cities, regions, transportDefaults(), tt.links)
			before, v := transportCosts(n), n.Version()
			h, r := n.Density()
			n.SetDensities(h, r)
			if n.Version() != v {
				t.Errorf("SetDensities to the same values: Version %d -> %d", v, n.Version())
			}
			n.SetDensities(h+0.05, r+0.1)
			if n.Version() != v+1 {
				t.Errorf("SetDensities: Version %d -> %d, want %d", v, n.Version(), v+1)
			}
			if gh, gr := n.Density(); gh != h+0.05 || gr != r+0.1 {
				t.Errorf("Density() = %v, %v; want %v, %v", gh, gr, h+0.05, r+0.1)
			}
			after := transportCosts(n)
			nc := len(cities)
			for i := range before {
				if i/nc != i%nc && !(after[i] < before[i]) {
					t.Fatalf("C[%d][%d]: %v at higher density, %v before", i/nc, i%nc, after[i], before[i])
				}
			}
		})
	}
}

func TestTransportExplicitDensity(t *testing.T) {
	cities := transportCities(39, 116, 39.5, 116.5, 40, 117) // 3,000 km²
	n := NewNetwork(cities, []int{0, 0, 0}, transportDefaults(), []NetLink{
		{From: 0, To: 1, Mode: ModeHighway, LengthKm: 60, SpeedKmh: 80},
		{From: 1, To: 2, Mode: ModeHighway, LengthKm: 90, SpeedKmh: 80},
		{From: 0, To: 2, Mode: ModeHSR, LengthKm: 120, SpeedKmh: 250},
	})
	h, r := n.Density()
	if diff := cmp.Diff([]float64{0.05, 0.04}, []float64{h, r}, transportApprox); diff != "" {
		t.Errorf("Density() (-want +got):\n%s", diff)
	}
	n.AddLink(NetLink{From: 1, To: 2, Mode: ModeCommuterRail, LengthKm: 30, SpeedKmh: 60})
	h, r = n.Density()
	if diff := cmp.Diff([]float64{0.05, 0.05}, []float64{h, r}, transportApprox); diff != "" {
		t.Errorf("Density() after AddLink (-want +got):\n%s", diff)
	}
}

func TestTransportJoin(t *testing.T) {
	// Three pairs of cities ~1,000 km apart; with one neighbour each, the
	// nearest-neighbour links leave three components.
	cities := transportCities(39, 116, 39.1, 116.1, 31, 121, 31.1, 121.2, 23, 113, 23.1, 113.1)
	tr := transportDefaults()
	tr.Neighbours = 1
	n := NewNetwork(cities, make([]int, len(cities)), tr, nil)
	if len(n.links) != 3+2 {
		t.Errorf("%d links, want 3 within pairs + 2 joins", len(n.links))
	}
	c := transportCosts(n)
	for i, v := range c {
		if math.IsInf(v, 0) {
			t.Fatalf("C[%d][%d] = %v after joining", i/6, i%6, v)
		}
	}
	// The join between the first two pairs is their shortest link, direct.
	var best [2]int
	bestKm := math.Inf(1)
	for i := range 2 {
		for j := 2; j < 4; j++ {
			if d := GreatCircleKm(cities[i].Lat, cities[i].Lon, cities[j].Lat, cities[j].Lon); d < bestKm {
				best, bestKm = [2]int{i, j}, d
			}
		}
	}
	km := bestKm * tr.Detour
	speed := tr.BaseSpeed + tr.HighwayGain*tr.HighwayDensity + tr.RailGain*tr.RailDensity
	want := km/speed + km*tr.TollPerKm/tr.ValueOfTime
	if diff := cmp.Diff(want, c[best[0]*6+best[1]], transportApprox); diff != "" {
		t.Errorf("cost over the joining link %v (-want +got):\n%s", best, diff)
	}
}

func TestTransportIsolated(t *testing.T) {
	cities := transportCities(39, 116, 39.5, 116.5, 40, 117)
	tr := transportDefaults()
	n := NewNetwork(cities, []int{0, 0, 0}, tr, []NetLink{{From: 0, To: 1, LengthKm: 80, SpeedKmh: 80}})
	inf := math.Inf(1)
	want := []float64{
		tr.IntraCity, 1, inf,
		1, tr.IntraCity, inf,
		inf, inf, tr.IntraCity,
	}
	if diff := cmp.Diff(want, transportCosts(n)); diff != "" {
		t.Errorf("Costs (-want +got):\n%s", diff)
	}
}

func TestTransportAddLink(t *testing.T) {
	cities, regions := transportRandom(30, 11)
	far := [2]int{0, 1}
	for i := range cities {
		for j := range cities {
			if GreatCircleKm(cities[i].Lat, cities[i].Lon, cities[j].Lat, cities[j].Lon) >
				GreatCircleKm(cities[far[0]].Lat, cities[far[0]].Lon, cities[far[1]].Lat, cities[far[1]].Lon) {
				far = [2]int{i, j}
			}
		}
	}
	var chain []NetLink
	for c := 1; c < len(cities); c++ {
		chain = append(chain, NetLink{From: c - 1, To: c, SpeedKmh: 80, Toll: -1})
	}
	for _, tt := range []struct {
		name  string
		links []NetLink
	}{{"synthesised", nil}, {"explicit", chain}} {
		t.Run(tt.name, func(t *testing.T) {
			n := NewNetwork(cities, regions, transportDefaults(), tt.links)
			nc := len(cities)
			before, v := transportCosts(n), n.Version()
			n.AddLink(NetLink{From: far[0], To: far[1], Mode: ModeHSR, SpeedKmh: 300, Toll: -1})
			if n.Version() != v+1 {
				t.Errorf("AddLink: Version %d -> %d, want %d", v, n.Version(), v+1)
			}
			after := transportCosts(n)
			if i := far[0]*nc + far[1]; !(after[i] < before[i]) {
				t.Errorf("C between the ends of a new fast link: %v, was %v", after[i], before[i])
			}
			for i := range before {
				if after[i] > before[i] {
					t.Fatalf("C[%d][%d] rose from %v to %v when a link was added", i/nc, i%nc, before[i], after[i])
				}
			}
		})
	}
}

func TestTransportBroadband(t *testing.T) {
	cities := transportCities(39, 116, 39.5, 116.5)
	cities[1].Broadband = 50
	n := NewNetwork(cities, []int{0, 0}, transportDefaults(), nil)
	got := make([]float64, 2)
	n.Broadband(got)
	if diff := cmp.Diff([]float64{10, 50}, got); diff != "" {
		t.Errorf("Broadband (-want +got):\n%s", diff)
	}
}

func TestTransportPanics(t *testing.T) {
	cities := transportCities(39, 116, 39.5, 116.5)
	link := NetLink{From: 0, To: 1, SpeedKmh: 80}
	tests := []struct {
		name string
		f    func()
	}{
		{"regions", func() { NewNetwork(cities, []int{0}, transportDefaults(), nil) }},
		{"value of time", func() { NewNetwork(cities, []int{0, 0}, Transport{}, nil) }},
		{"index", func() {
			NewNetwork(cities, []int{0, 0}, transportDefaults(), []NetLink{{From: 0, To: 2, SpeedKmh: 80}})
		}},
		{"mode", func() {
			NewNetwork(cities, []int{0, 0}, transportDefaults(), []NetLink{{From: 0, To: 1, Mode: "canal", SpeedKmh: 8}})
		}},
		{"speed", func() { NewNetwork(cities, []int{0, 0}, transportDefaults(), []NetLink{{From: 0, To: 1}}) }},
		{"toll", func() {
			NewNetwork(cities, []int{0, 0}, transportDefaults(), nil).AddLink(NetLink{From: 0, To: 1, SpeedKmh: 80, Toll: math.NaN()})
		}},
		{"density", func() { NewNetwork(cities, []int{0, 0}, transportDefaults(), []NetLink{link}).SetDensities(-1, 0) }},
		{"matrix", func() { NewNetwork(cities, []int{0, 0}, transportDefaults(), nil).Costs(make([]float64, 3)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			tt.f()
		})
	}
}

func benchmarkCosts(b *testing.B, nc int, gonum bool) {
	cities, regions := transportRandom(nc, 1)
	n := NewNetwork(cities, regions, transportDefaults(), nil)
	dst := make([]float64, nc*nc)
	b.ReportAllocs()
	for b.Loop() {
		if gonum {
			transportGonum(dst, n, n.costWeight())
		} else {
			n.Costs(dst)
		}
	}
}

func BenchmarkCosts13(b *testing.B)   { benchmarkCosts(b, 13, false) }
func BenchmarkCosts1000(b *testing.B) { benchmarkCosts(b, 1000, false) }
func BenchmarkCosts5000(b *testing.B) { benchmarkCosts(b, 5000, false) }

// The gonum baselines of paths; at 5,000 cities gonum takes about a minute
// and allocates 10 GB per matrix, so that size is left out.
func BenchmarkGonumCosts13(b *testing.B)   { benchmarkCosts(b, 13, true) }
func BenchmarkGonumCosts1000(b *testing.B) { benchmarkCosts(b, 1000, true) }

func BenchmarkNewNetwork5000(b *testing.B) {
	cities, regions := transportRandom(5000, 1)
	b.ReportAllocs()
	for b.Loop() {
		NewNetwork(cities, regions, transportDefaults(), nil)
	}
}
