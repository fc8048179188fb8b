package model

// This file is the transport network (MODEL.md section 1) and stage 2 of the
// step: the generalised-cost matrix C by shortest paths over the links.

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
)

// Transport modes of a link, the values of Link.Mode.
const (
	ModeHighway       = "highway"
	ModeIntercityRail = "intercity_rail"
	ModeCommuterRail  = "commuter_rail"
	ModeHSR           = "hsr"
)

// EarthRadiusKm is the mean radius of the Earth (IUGG), km.
const EarthRadiusKm = 6371.0088

// minLinkSpeedKmh is the slowest a link gets when a fall in density lowers
// its speed, km/h (the minimum of Link.SpeedKmh).
const minLinkSpeedKmh = 1

// NetLink is a link of the network between two cities given by index, used
// in both directions.
type NetLink struct {
	From, To int     // city indices
	Mode     string  // one of the Mode constants; "" = ModeHighway
	LengthKm float64 // route length, km; 0 = great-circle distance × Transport.Detour
	SpeedKmh float64 // door-to-door speed, km/h; must be > 0
	Toll     float64 // toll of one trip, currency; < 0 (the Link default −1) = length × toll_per_km on highways, 0 on rail
}

// Network is the transport network of a scenario: its cities, the links
// between them (each with mode, length, speed, toll and whether it crosses a
// regional boundary), the boundary checkpoints, and the densities that
// policies raise. NewNetwork builds it from explicit links or synthesises it
// from the densities; Costs turns it into the generalised-cost matrix.
//
// Costs, TravelHours and the getters only read the network and may run
// concurrently with each other, but not with SetDensities, ScaleBoundary or
// AddLink.
type Network struct {
	tr        Transport // scalar parameters; tr.Links is not used
	lat, lon  []float64 // deg, [c]
	region    []int     // region index, [c]
	broadband []float64 // Mbit/s, defaults resolved, [c]
	areaKm2   float64   // total area of the cities, km²

	synth         bool       // links synthesised from the densities
	highway, rail float64    // densities, km/km²
	boost         [2]float64 // speed explicit links gained from density changes, km/h, [netHighway, netRail]
	checkpoint    float64    // delay at each boundary crossing, h
	boundaryToll  float64    // toll at each boundary crossing, currency

	links   []netEdge
	version int
}

// netMode is the class of a link: it decides its toll rule and which
// density its speed follows.
type netMode uint8

const (
	netHighway netMode = iota
	netRail
	netSynth // synthesised: speed follows both densities
)

// netModes maps Link.Mode to its class.
var netModes = map[string]netMode{
	"":                netHighway,
	ModeHighway:       netHighway,
	ModeIntercityRail: netRail,
	ModeCommuterRail:  netRail,
	ModeHSR:           netRail,
}

// netEdge is a link as the network holds it.
type netEdge struct {
	a, b  int
	mode  netMode
	km    float64 // length
	speed float64 // km/h as given (explicit links); unused when synthesised
	boost float64 // the mode's boost when the link was added, km/h
	toll  float64 // currency
	cross bool    // endpoints in different regions
}

// NewNetwork builds the network of the cities. cityRegion[c] is the region
// index of city c; tr is the scenario's resolved Transport, whose Links are
// not read: the caller passes them as links, with city names resolved to
// indices. With no links the network is synthesised from tr's densities:
// each city links to its tr.Neighbours nearest cities (great-circle
// distance; links are symmetric), and while the graph is not connected the
// shortest link between two of its components is added. A synthesised link
// has length great-circle × tr.Detour, speed tr.BaseSpeed +
// tr.HighwayGain·highway_density + tr.RailGain·rail_density and toll length ×
// tr.TollPerKm. A link crosses a boundary when its ends are in different
// regions.
//
// NewNetwork panics if len(cityRegion) != len(cities), if tr.ValueOfTime or
// the synthesised speed is not positive, or on a link that AddLink rejects;
// the scenario loader guarantees none of these happen.
func NewNetwork(cities []City, cityRegion []int, tr Transport, links []NetLink) *Network {
	if len(cityRegion) != len(cities) {
		panic(fmt.Sprintf("model: NewNetwork: %d cities but %d regions", len(cities), len(cityRegion)))
	}
	if !(tr.ValueOfTime > 0) {
		panic(fmt.Sprintf("model: NewNetwork: value_of_time %v, want > 0", tr.ValueOfTime))
	}
	tr.Links = nil
	n := &Network{
		tr:           tr,
		lat:          make([]float64, len(cities)),
		lon:          make([]float64, len(cities)),
		region:       slices.Clone(cityRegion),
		broadband:    make([]float64, len(cities)),
		checkpoint:   tr.CheckpointHours,
		boundaryToll: tr.BoundaryToll,
		version:      1,
	}
	for c, city := range cities {
		n.lat[c], n.lon[c] = city.Lat, city.Lon
		n.broadband[c] = city.Broadband
		if city.Broadband == 0 {
			n.broadband[c] = tr.Broadband
		}
		n.areaKm2 += city.AreaKm2
	}
	if len(links) > 0 {
		for _, l := range links {
			n.add(l)
		}
		return n
	}
	n.synth = true
	n.highway, n.rail = tr.HighwayDensity, tr.RailDensity
	if s := n.synthSpeed(); !(s > 0) {
		panic(fmt.Sprintf("model: NewNetwork: synthesised speed %v km/h, want > 0", s))
	}
	n.synthesise()
	return n
}

// GreatCircleKm returns the great-circle distance between two points given in
// degrees of latitude and longitude, in km, on a sphere of radius
// EarthRadiusKm (haversine formula).
func GreatCircleKm(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	p1, p2 := lat1*rad, lat2*rad
	sp := math.Sin((p2 - p1) / 2)
	sl := math.Sin((lon2 - lon1) * rad / 2)
	h := sp*sp + math.Cos(p1)*math.Cos(p2)*sl*sl
	return 2 * EarthRadiusKm * math.Asin(math.Sqrt(math.Min(1, h)))
}

// Costs fills dst, of length N·N for N cities, row-major (dst[i*N+j]), with
// the generalised cost of a trip from city i to city j, in hours: the
// shortest path over the links of travel time + toll/value_of_time, plus
// checkpoint_hours + boundary_toll/value_of_time at each crossing of a
// regional boundary. The diagonal is intra_city_hours; unreachable pairs are
// +Inf. The result is exactly symmetric. Costs panics if len(dst) != N·N.
func (n *Network) Costs(dst []float64) {
	n.paths(dst, n.costWeight())
	n.fillDiagonal(dst, n.tr.IntraCity)
}

// costWeight returns the generalised cost of travelling a link, h.
func (n *Network) costWeight() func(*netEdge) float64 {
	vot := n.tr.ValueOfTime
	boundary := n.checkpoint + n.boundaryToll/vot
	return func(e *netEdge) float64 {
		w := e.km/n.speed(e) + e.toll/vot
		if e.cross {
			w += boundary
		}
		return w
	}
}

// timeWeight is the travel time of a link, h.
func (n *Network) timeWeight(e *netEdge) float64 { return e.km / n.speed(e) }

// TravelHours fills dst, laid out as in Costs, with the shortest travel time
// from city i to city j in hours: time on the links only, no tolls and no
// checkpoint delays. The diagonal is 0; unreachable pairs are +Inf. It
// panics if len(dst) != N·N.
func (n *Network) TravelHours(dst []float64) {
	n.paths(dst, n.timeWeight)
	n.fillDiagonal(dst, 0)
}

// SetDensities sets the highway and rail densities, in km per km² of the
// cities' area. Synthesised links take the speed tr.BaseSpeed +
// tr.HighwayGain·highway + tr.RailGain·rail; a link given explicitly (or
// added) changes its speed by tr.HighwayGain (highway) or tr.RailGain (rail
// modes) times the change of its mode's density, down to at least 1 km/h.
// It panics on a negative, infinite or NaN density.
func (n *Network) SetDensities(highway, rail float64) {
	if !(highway >= 0 && rail >= 0) || math.IsInf(highway+rail, 0) {
		panic(fmt.Sprintf("model: SetDensities(%v, %v): want finite densities >= 0", highway, rail))
	}
	if highway == n.highway && rail == n.rail {
		return
	}
	n.boost[netHighway] += n.tr.HighwayGain * (highway - n.highway)
	n.boost[netRail] += n.tr.RailGain * (rail - n.rail)
	n.highway, n.rail = highway, rail
	n.version++
}

// ScaleBoundary removes a share (0..1, clamped; NaN counts as 0) of the
// current checkpoint delay and boundary toll, so two calls with 0.5 leave a
// quarter. ScaleBoundary(1) removes them.
func (n *Network) ScaleBoundary(share float64) {
	if !(share > 0) || (n.checkpoint == 0 && n.boundaryToll == 0) {
		return
	}
	keep := 1 - math.Min(share, 1)
	n.checkpoint *= keep
	n.boundaryToll *= keep
	n.version++
}

// AddLink adds a link, used in both directions. In a network of explicit
// links its length, divided by the cities' total area, raises the density
// of its mode; in a synthesised network the densities stay the scenario's
// parameters. AddLink panics on a city index out of range, an unknown mode,
// a speed that is not positive, a negative or NaN length or a NaN toll.
func (n *Network) AddLink(l NetLink) {
	n.add(l)
	n.version++
}

// Density returns the current highway and rail densities, km/km²: for a
// synthesised network those set by the scenario or SetDensities; for
// explicit links the km of each mode divided by the total area of the
// cities (0 if that area is 0), then as SetDensities sets them.
func (n *Network) Density() (highway, rail float64) { return n.highway, n.rail }

// Version returns a counter that increases on every change of the network,
// starting at 1, so a caller that remembers the version of its last Costs
// (0 before the first) recomputes C only when the network changed.
func (n *Network) Version() int { return n.version }

// Broadband fills dst (length N) with each city's broadband speed, Mbit/s:
// City.Broadband, or Transport.Broadband where that is 0.
func (n *Network) Broadband(dst []float64) { copy(dst, n.broadband) }

// add validates l and appends it to the links.
func (n *Network) add(l NetLink) {
	nc := len(n.lat)
	if l.From < 0 || l.From >= nc || l.To < 0 || l.To >= nc {
		panic(fmt.Sprintf("model: link %d-%d: city index out of range [0, %d)", l.From, l.To, nc))
	}
	m, ok := netModes[l.Mode]
	if !ok {
		panic(fmt.Sprintf("model: link %d-%d: unknown mode %q", l.From, l.To, l.Mode))
	}
	if !(l.SpeedKmh > 0) || !(l.LengthKm >= 0) || math.IsNaN(l.Toll) {
		panic(fmt.Sprintf("model: link %d-%d: speed %v km/h, length %v km, toll %v: want speed > 0, length >= 0, a toll",
			l.From, l.To, l.SpeedKmh, l.LengthKm, l.Toll))
	}
	km := l.LengthKm
	if km == 0 {
		km = n.greatCircle(l.From, l.To) * n.tr.Detour
	}
	toll := l.Toll
	if toll < 0 {
		toll = 0
		if m == netHighway {
			toll = km * n.tr.TollPerKm
		}
	}
	n.links = append(n.links, netEdge{a: l.From, b: l.To, mode: m, km: km, speed: l.SpeedKmh,
		boost: n.boost[m], toll: toll, cross: n.region[l.From] != n.region[l.To]})
	if !n.synth && n.areaKm2 > 0 {
		if m == netHighway {
			n.highway += km / n.areaKm2
		} else {
			n.rail += km / n.areaKm2
		}
	}
}

// synthSpeed is the speed of synthesised links at the current densities, km/h.
func (n *Network) synthSpeed() float64 {
	return n.tr.BaseSpeed + n.tr.HighwayGain*n.highway + n.tr.RailGain*n.rail
}

// speed is the current speed of a link, km/h.
func (n *Network) speed(e *netEdge) float64 {
	if e.mode == netSynth {
		return n.synthSpeed()
	}
	return math.Max(minLinkSpeedKmh, e.speed+n.boost[e.mode]-e.boost)
}

func (n *Network) greatCircle(a, b int) float64 {
	return GreatCircleKm(n.lat[a], n.lon[a], n.lat[b], n.lon[b])
}

func (n *Network) fillDiagonal(dst []float64, v float64) {
	nc := len(n.lat)
	for i := range nc {
		dst[i*nc+i] = v
	}
}

// synthesise links each city to its tr.Neighbours nearest cities and joins
// the components of the result.
func (n *Network) synthesise() {
	pts := n.unitVectors()
	for _, p := range netJoin(pts, netNearest(pts, n.tr.Neighbours)) {
		km := n.greatCircle(p[0], p[1]) * n.tr.Detour
		n.links = append(n.links, netEdge{a: p[0], b: p[1], mode: netSynth, km: km,
			toll: km * n.tr.TollPerKm, cross: n.region[p[0]] != n.region[p[1]]})
	}
}

// unitVectors returns each city's position on the unit sphere. The chord
// between two positions grows with their great-circle distance and costs no
// trigonometry, so the O(N²) searches of the synthesis compare chords.
func (n *Network) unitVectors() [][3]float64 {
	const rad = math.Pi / 180
	pts := make([][3]float64, len(n.lat))
	for c := range pts {
		sp, cp := math.Sincos(n.lat[c] * rad)
		sl, cl := math.Sincos(n.lon[c] * rad)
		pts[c] = [3]float64{cp * cl, cp * sl, sp}
	}
	return pts
}

// netChord2 is the squared chord between two points of the unit sphere.
func netChord2(p, q [3]float64) float64 {
	x, y, z := p[0]-q[0], p[1]-q[1], p[2]-q[2]
	return x*x + y*y + z*z
}

// netNearest returns the links from each point to its k nearest others
// (ties to the lower index) as pairs {low, high}, sorted, without
// duplicates.
func netNearest(pts [][3]float64, k int) [][2]int {
	k = min(k, len(pts)-1)
	if k < 1 {
		return nil
	}
	type cand struct {
		d2 float64
		j  int
	}
	near := make([]cand, 0, k+1)
	pairs := make([][2]int, 0, len(pts)*k)
	for i, p := range pts {
		near = near[:0]
		for j, q := range pts {
			d2 := netChord2(p, q)
			if j == i || len(near) == k && d2 >= near[k-1].d2 {
				continue
			}
			at := len(near)
			for at > 0 && near[at-1].d2 > d2 {
				at--
			}
			near = slices.Insert(near, at, cand{d2, j})
			near = near[:min(len(near), k)]
		}
		for _, c := range near {
			pairs = append(pairs, [2]int{min(i, c.j), max(i, c.j)})
		}
	}
	slices.SortFunc(pairs, func(a, b [2]int) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	})
	return slices.Compact(pairs)
}

// netJoin appends to pairs, while the graph they make is not connected, the
// shortest link between two of its components. It works in Borůvka's
// rounds (every component takes its shortest outgoing link, ties broken by
// the lower pair of indices), which add the same links as taking the
// shortest link between any two components one at a time, with one pass
// over all pairs per halving of the components instead of one per link.
func netJoin(pts [][3]float64, pairs [][2]int) [][2]int {
	sets := newNetSets(len(pts))
	for _, p := range pairs {
		sets.union(p[0], p[1])
	}
	type best struct {
		d2   float64
		a, b int
	}
	comp := make([]int, len(pts))
	bests := make([]best, len(pts))
	for {
		joined := true
		for i := range comp {
			comp[i] = sets.find(i)
			bests[i] = best{d2: math.Inf(1), a: -1}
			joined = joined && comp[i] == comp[0]
		}
		if joined {
			return pairs
		}
		for i, p := range pts {
			for j := i + 1; j < len(pts); j++ {
				ci, cj := comp[i], comp[j]
				if ci == cj {
					continue
				}
				d2 := netChord2(p, pts[j])
				if d2 < bests[ci].d2 {
					bests[ci] = best{d2, i, j}
				}
				if d2 < bests[cj].d2 {
					bests[cj] = best{d2, i, j}
				}
			}
		}
		for _, b := range bests {
			if b.a >= 0 && sets.union(b.a, b.b) {
				pairs = append(pairs, [2]int{b.a, b.b})
			}
		}
	}
}

// netSets is a disjoint-set forest over city indices.
type netSets []int

func newNetSets(nc int) netSets {
	s := make(netSets, nc)
	for i := range s {
		s[i] = i
	}
	return s
}

// find returns the root of i's set, halving the path on the way.
func (s netSets) find(i int) int {
	for s[i] != i {
		s[i] = s[s[i]]
		i = s[i]
	}
	return i
}

// union merges the sets of a and b and reports whether they were apart.
func (s netSets) union(a, b int) bool {
	ra, rb := s.find(a), s.find(b)
	if ra == rb {
		return false
	}
	s[max(ra, rb)] = min(ra, rb)
	return true
}

// paths fills dst (N·N, row-major) with the shortest-path lengths between
// all pairs of cities under the link weights w (>= 0), made exactly
// symmetric; the diagonal is 0 and unreachable pairs are +Inf.
//
// It runs a Dijkstra of its own from every city, over a compact adjacency
// list with an indexed 4-ary heap, writing each row straight into dst, with
// the rows shared among GOMAXPROCS goroutines (each row depends on the
// network only, so the result does not depend on their number). gonum's
// graph/path gives the same numbers (TestTransportMatchesGonum) but costs
// too much here: DijkstraAllPaths keeps N×N matrices of its own besides dst,
// which the memory target (5,000 cities < 2 GiB) does not allow, and
// DijkstraFrom per source on a simple.WeightedUndirectedGraph builds a node
// map and a path tree for every source. Measured with BenchmarkCosts* and
// BenchmarkGonumCosts* (one thread, synthesised random networks): 1,000
// cities 0.2 s and 7 allocations here against 1.5 s, 409 MB and 6.6 M
// allocations with gonum; 5,000 cities 4.6 s against 58 s, 10 GB and 164 M
// allocations.
func (n *Network) paths(dst []float64, w func(*netEdge) float64) {
	nc := len(n.lat)
	if len(dst) != nc*nc {
		panic(fmt.Sprintf("model: transport matrix of length %d for %d cities, want %d", len(dst), nc, nc*nc))
	}
	g := n.graph(w)
	workers := min(runtime.GOMAXPROCS(0), max(1, nc/netRowsPerWorker))
	rows := func(first int) {
		h := newNetHeap(nc)
		for s := first; s < nc; s += workers {
			g.shortest(dst[s*nc:(s+1)*nc], s, h)
		}
	}
	if workers == 1 {
		rows(0)
	} else {
		var wg sync.WaitGroup
		for k := range workers {
			wg.Go(func() { rows(k) })
		}
		wg.Wait()
	}
	netSymmetrise(dst, nc)
}

// netRowsPerWorker is the fewest rows of a cost matrix worth a goroutine.
const netRowsPerWorker = 128

// netGraph is the network as an adjacency list in compressed form: the
// arcs leaving city u are arcs[start[u]:start[u+1]].
type netGraph struct {
	start []int32
	arcs  []netArc
}

// netArc is a link seen from one end.
type netArc struct {
	w  float64 // weight
	to int32   // city at the other end
}

// graph returns the links as arcs both ways, weighted by weight. Loops are
// left out: they never shorten a path.
func (n *Network) graph(weight func(*netEdge) float64) *netGraph {
	nc := len(n.lat)
	g := &netGraph{start: make([]int32, nc+1)}
	for i := range n.links {
		if e := &n.links[i]; e.a != e.b {
			g.start[e.a+1]++
			g.start[e.b+1]++
		}
	}
	for u := range nc {
		g.start[u+1] += g.start[u]
	}
	g.arcs = make([]netArc, g.start[nc])
	next := slices.Clone(g.start[:nc])
	for i := range n.links {
		e := &n.links[i]
		if e.a == e.b {
			continue
		}
		w := weight(e)
		g.arcs[next[e.a]] = netArc{w, int32(e.b)}
		g.arcs[next[e.b]] = netArc{w, int32(e.a)}
		next[e.a]++
		next[e.b]++
	}
	return g
}

// shortest fills dist with the shortest-path lengths from src (Dijkstra).
// h must be empty; it is empty again on return.
func (g *netGraph) shortest(dist []float64, src int, h *netHeap) {
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	dist[src] = 0
	h.update(int32(src), 0)
	for len(h.items) > 0 {
		u, du := h.pop()
		for _, a := range g.arcs[g.start[u]:g.start[u+1]] {
			if d := du + a.w; d < dist[a.to] {
				dist[a.to] = d
				h.update(a.to, d)
			}
		}
	}
}

// netHeap is a 4-ary min-heap of cities by key, with each city's position
// so that a key can fall in place. Keys sit next to their cities, so a sift
// reads one array; four children per node halve its depth.
type netHeap struct {
	items []netItem // heap order
	pos   []int32   // index in items, -1 when absent, [c]
}

type netItem struct {
	d float64 // key
	v int32   // city
}

func newNetHeap(nc int) *netHeap {
	h := &netHeap{items: make([]netItem, 0, nc), pos: make([]int32, nc)}
	for i := range h.pos {
		h.pos[i] = -1
	}
	return h
}

// update inserts v with key d, or lowers its key to d.
func (h *netHeap) update(v int32, d float64) {
	i := h.pos[v]
	if i < 0 {
		i = int32(len(h.items))
		h.items = append(h.items, netItem{})
	}
	for i > 0 {
		p := (i - 1) / 4
		it := h.items[p]
		if it.d <= d {
			break
		}
		h.items[i], h.pos[it.v] = it, i
		i = p
	}
	h.items[i], h.pos[v] = netItem{d, v}, i
}

// pop removes the city with the smallest key and returns it with its key.
func (h *netHeap) pop() (int32, float64) {
	top := h.items[0]
	h.pos[top.v] = -1
	last := len(h.items) - 1
	x := h.items[last]
	h.items = h.items[:last]
	if last == 0 {
		return top.v, top.d
	}
	items := h.items
	i := 0
	for {
		c := 4*i + 1
		if c >= last {
			break
		}
		m := c
		for k := c + 1; k < min(c+4, last); k++ {
			if items[k].d < items[m].d {
				m = k
			}
		}
		if items[m].d >= x.d {
			break
		}
		items[i], h.pos[items[m].v] = items[m], int32(i)
		i = m
	}
	items[i], h.pos[x.v] = x, int32(i)
	return top.v, top.d
}

// netSymmetrise sets dst[i*nc+j] and dst[j*nc+i] both to the smaller of the
// two: a path summed from either end can differ in the last bit. It walks
// the matrix in tiles to stay in cache.
func netSymmetrise(dst []float64, nc int) {
	const tile = 64
	for bi := 0; bi < nc; bi += tile {
		for bj := bi; bj < nc; bj += tile {
			for i := bi; i < min(bi+tile, nc); i++ {
				for j := max(bj, i+1); j < min(bj+tile, nc); j++ {
					a, b := &dst[i*nc+j], &dst[j*nc+i]
					if *b < *a {
						*a = *b
					} else {
						*b = *a
					}
				}
			}
		}
	}
}
