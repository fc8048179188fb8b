package marius

import (
	"errors"
	"fmt"
	"math"
)

// kernel returns the distance kernel (d_ij / d_ref)^−decay as a flat
// row-major float32 matrix with zeros on the diagonal. d_ref, the geometric
// mean of the distances, keeps the kernel inside float32's range for every
// decay the parameter allows; it cancels in every normalised quantity of
// the model (the potentials are only ever compared with their own sums).
func kernel(lat, lon []float64, decay float64) ([]float32, error) {
	n := len(lat)
	d := make([]float64, n*n)
	var logSum float64
	for i := range n {
		for j := i + 1; j < n; j++ {
			x := Distance(lat[i], lon[i], lat[j], lon[j])
			if !(x > 0) {
				return nil, fmt.Errorf("marius: cities %d and %d are at the same place: the gravity potential needs a distance > 0", i, j)
			}
			d[i*n+j], d[j*n+i] = x, x
			logSum += 2 * math.Log(x)
		}
	}
	if n < 2 {
		return nil, errors.New("marius: at least two cities are needed")
	}
	ref := math.Exp(logSum / float64(n*(n-1)))
	k := make([]float32, n*n)
	for ij, x := range d {
		if x > 0 {
			k[ij] = float32(math.Pow(x/ref, -decay))
		}
	}
	return k, nil
}

// interact computes the interaction potentials IP_ij = S_i·D_j·k_ij of the
// year and keeps the pairs whose expected export passes the fixed cost:
// IP_ij / pull_i · S_i > fixed_cost, pull_i = Σ_k IP_ki being the sum of
// the potentials towards i, as in the published model's filter (which
// normalises by the sums of the transposed matrix). It sets the row and
// column sums of the kept potentials.
func (m *Model) interact() {
	n, s, d := m.n, m.supply, m.demand
	for i := range n { // pull_i = D_i Σ_k S_k k_ki; the kernel is symmetric
		row := m.kernel[i*n : i*n+n]
		var sum float64
		for k, x := range row {
			sum += s[k] * float64(x)
		}
		m.pull[i] = d[i] * sum
	}
	clear(m.colIP)
	fc := m.p.FixedCost
	for i := range n {
		row := m.kernel[i*n : i*n+n]
		si, limit := s[i], fc*m.pull[i]
		var sum float64
		for j, x := range row {
			ip := si * d[j] * float64(x)
			if ip > 0 && ip*si > limit {
				sum += ip
				m.colIP[j] += ip
			}
		}
		m.rowIP[i] = sum
	}
}

// trade sets the transactions T_ij = min(IP_ij/row_i · S_i, IP_ij/col_j ·
// D_j) over the kept pairs: each city offers its supply to its partners in
// proportion to their potentials, and each city's demand is shared the same
// way; a transaction is the smaller of offer and demand. It sums exports and
// imports and counts partners.
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
	clear(m.imports)
	fc := m.p.FixedCost
	for i := range n {
		row := m.kernel[i*n : i*n+n]
		si, di, limit := s[i], d[i], fc*m.pull[i]
		perRow, perCol := m.perRow[i], m.perCol[i]
		var exp float64
		var sellers, traders int32
		for j, x := range row {
			k := float64(x)
			var out, in float64 // T_ij and T_ji
			if ip := si * d[j] * k; ip > 0 && ip*si > limit {
				out = ip * math.Min(perRow, m.perCol[j])
				exp += out
				m.imports[j] += out
			}
			if ip := s[j] * di * k; ip > 0 && ip*s[j] > fc*m.pull[j] {
				in = ip * math.Min(m.perRow[j], perCol)
			}
			if out > 0 {
				sellers++
			}
			if out > 0 || in > 0 {
				traders++
			}
		}
		m.exports[i] = exp
		m.sellers[i] = sellers
		m.traders[i] = traders
	}
}
