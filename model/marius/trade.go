package marius

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// kernel returns the distance kernel (d_ij / d_ref)^−decay as a flat
// row-major float32 matrix with zeros on the diagonal. d_ref, the geometric
// mean of the distances, keeps the kernel inside float32's range for every
// decay the parameter allows; it cancels in every normalised quantity of
// the model (the potentials are only ever compared with their own sums).
// The log distances come from logDistances, computed once for a set of
// places (a calibration runs the same cities hundreds of times with
// different decays).
func kernel(lat, lon []float64, decay float64) ([]float32, error) {
	n := len(lat)
	if n < 2 {
		return nil, errors.New("marius: at least two cities are needed")
	}
	g, err := lastGeometry.get(lat, lon)
	if err != nil {
		return nil, err
	}
	k := make([]float32, n*n)
	for ij, x := range g.logd {
		if ij%(n+1) != 0 { // off the diagonal
			k[ij] = float32(math.Exp(-decay * (x - g.ref)))
		}
	}
	return k, nil
}

// geometry is the log distances between a set of places.
type geometry struct {
	lat, lon []float64 // the places, decimal degrees
	logd     []float64 // ln d_ij, row-major, both triangles; the diagonal is unused
	ref      float64   // the mean of ln d_ij over the pairs i ≠ j
}

// geometryCache keeps the geometry of the last places asked for. It is
// safe for concurrent use: runs of the same cities that start together
// wait for one computation. The geometry is read-only once made.
type geometryCache struct {
	mu   sync.Mutex
	last *geometry
}

// lastGeometry is the cache of the package: a pure function of the
// coordinates, so it changes no result, and it holds one N×N matrix of
// float64 (10 MB for the shipped 1,145 cities).
var lastGeometry geometryCache

// get returns the geometry of the places lat, lon, from the cache when
// they are the last places asked for. The slices are copied.
func (c *geometryCache) get(lat, lon []float64) (*geometry, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if g := c.last; g != nil && slices.Equal(g.lat, lat) && slices.Equal(g.lon, lon) {
		return g, nil
	}
	g, err := logDistances(lat, lon)
	if err != nil {
		return nil, err
	}
	c.last = g
	return g, nil
}

// logDistances computes the geodesics between the places on all cores;
// each entry, and the sum of each row's logarithms, is the same whatever
// the number of workers.
func logDistances(lat, lon []float64) (*geometry, error) {
	n := len(lat)
	pts := make([]point, n)
	for i := range n {
		pts[i] = at(lat[i], lon[i])
	}
	logd := make([]float64, n*n) // ln d_ij, both triangles
	rowSum := make([]float64, n) // Σ_{j>i} ln d_ij
	rows(n, func(i int) {        // row i writes d_ij and d_ji for j > i
		for j := i + 1; j < n; j++ {
			x := math.Log(geodesic(pts[i], pts[j]))
			logd[i*n+j], logd[j*n+i] = x, x
			rowSum[i] += x
		}
	})
	var logSum float64
	for i, s := range rowSum {
		if math.IsInf(s, -1) { // a distance of zero
			j := i + 1
			for !math.IsInf(logd[i*n+j], -1) {
				j++
			}
			return nil, fmt.Errorf("marius: cities %d and %d are at the same place: the gravity potential needs a distance > 0", i, j)
		}
		logSum += s
	}
	ref := 2 * logSum / float64(n*(n-1))
	return &geometry{lat: slices.Clone(lat), lon: slices.Clone(lon), logd: logd, ref: ref}, nil
}

// interact computes the interaction potentials IP_ij = S_i·D_j·k_ij of the
// year and keeps the pairs whose expected export passes the fixed cost:
// IP_ij / pull_i · S_i > fixed_cost, pull_i = Σ_k IP_ki being the sum of
// the potentials towards i, as in the published model's filter (which
// normalises by the sums of the transposed matrix). The test is done as
// D_j·k_ij > limit_i = fixed_cost·pull_i / S_i². It sets the row and column
// sums of the kept potentials. The kernel is symmetric, so row i gives
// both the potentials from i and those towards i: every pass works on whole
// rows and writes only row i's results, in parallel.
func (m *Model) interact() {
	n, s, d := m.n, m.supply, m.demand
	rows(n, func(i int) { // pull_i = D_i Σ_k S_k k_ki
		var sum float64
		for k, x := range m.kernel[i*n : i*n+n] {
			sum += s[k] * float64(x)
		}
		m.pull[i] = d[i] * sum
	})
	for i := range n {
		m.limit[i] = math.Inf(1) // no supply: no export
		if s[i] > 0 {
			m.limit[i] = m.p.FixedCost * m.pull[i] / (s[i] * s[i])
		}
	}
	rows(n, func(i int) {
		si, di, limit := s[i], d[i], m.limit[i]
		var out, in float64
		for j, x := range m.kernel[i*n : i*n+n] {
			k := float64(x)
			if dk := d[j] * k; dk > limit { // i → j kept
				out += si * dk
			}
			if dk := di * k; dk > m.limit[j] { // j → i kept
				in += s[j] * dk
			}
		}
		m.rowIP[i], m.colIP[i] = out, in
	})
}

// trade sets the transactions T_ij = min(IP_ij/row_i · S_i, IP_ij/col_j ·
// D_j) over the kept pairs: each city offers its supply to its partners in
// proportion to their potentials, and each city's demand is shared the same
// way; a transaction is the smaller of offer and demand. It sums exports and
// imports and counts partners: a kept pair trades a positive amount, since
// it counts in both its row and its column sum. With trade_flows it writes
// T_ij into the state's capital flows, which the engine clears each year.
func (m *Model) trade() {
	n, s, d := m.n, m.supply, m.demand
	for i := range n {
		m.perRow[i], m.perCol[i] = 0, 0
		if m.rowIP[i] > 0 {
			m.perRow[i] = s[i] / m.rowIP[i]
		}
		if m.colIP[i] > 0 {
			m.perCol[i] = d[i] / m.colIP[i]
		}
	}
	rows(n, func(i int) {
		si, di, limit, perRow, perCol := s[i], d[i], m.limit[i], m.perRow[i], m.perCol[i]
		var exp, imp float64
		var sellers, traders int32
		var flow []float64
		if m.flow != nil {
			flow = m.flow[i*n : i*n+n]
		}
		for j, x := range m.kernel[i*n : i*n+n] {
			k := float64(x)
			out := d[j]*k > limit   // i exports to j
			in := di*k > m.limit[j] // j exports to i
			if out {
				t := si * d[j] * k * math.Min(perRow, m.perCol[j])
				exp += t
				sellers++
				if flow != nil {
					flow[j] = t
				}
			}
			if in {
				imp += s[j] * di * k * math.Min(m.perRow[j], perCol)
			}
			if out || in {
				traders++
			}
		}
		m.exports[i], m.imports[i] = exp, imp
		m.sellers[i], m.traders[i] = sellers, traders
	})
}

// rowBlock is the number of rows a worker takes at a time.
const rowBlock = 64

// rows calls f(i) for every row i in [0, n), on all cores. f must write
// only row i's results, so that they do not depend on the number of workers.
func rows(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), (n+rowBlock-1)/rowBlock)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for lo := int(next.Add(rowBlock) - rowBlock); lo < n; lo = int(next.Add(rowBlock) - rowBlock) {
				for i := lo; i < min(lo+rowBlock, n); i++ {
					f(i)
				}
			}
		})
	}
	wg.Wait()
}
