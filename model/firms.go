package model

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// FirmDynamics is stage 9: firms book their output and profit, exit at the
// hazard dt/exit_years while they make losses unless subsidised (their
// capital is reinvested next step), relocate when the expected gain over the horizon exceeds the
// relocation cost plus the origin government's resistance, enter in
// proportion to market access and expected return, and receive the capital
// invested this step.
func (e *Economy) FirmDynamics(st *State, d *Draw) {
	e.book(st)
	e.exit(st, d)
	e.valueOfCapital(st)
	e.relocate(st, d)
	e.group(st)
	e.enter(st, d)
	e.group(st)
	e.distribute(st)
	e.compact(st)
}

// book sets each firm's output, profit and years of loss.
func (e *Economy) book(st *State) {
	S, sc := e.S, &e.scratch
	x := sc.invW // reuse: effective capital now, [c*S+s]
	clear(x)
	for f := range st.Firms {
		fm := &st.Firms[f]
		x[fm.City*S+fm.Sector] += e.effective(fm)
	}
	userCost := e.Sc.Investment.Depreciation + e.Sc.Firms.Hurdle
	for f := range st.Firms {
		fm := &st.Firms[f]
		i := fm.City*S + fm.Sector
		fm.Output = 0
		if x[i] > 0 {
			fm.Output = e.scaled(st.V[i], fm) / x[i]
		}
		fm.Profit = e.Sc.Sectors[fm.Sector].Capital*fm.Output + fm.Subsidy - userCost*fm.K
		if fm.Profit < 0 {
			fm.Losses++
		} else {
			fm.Losses = 0
		}
	}
}

// exit closes unsubsidised firms that make a loss at the hazard dt/k per
// step (k = exit_years), so that losses last k years on average before a
// firm exits: a keyed draw in stochastic mode; in mean-field mode its
// expectation, the share dt/k of the firm's count and capital, and the
// firm closes once its count is below minCount. Closed capital is pooled
// for reinvestment next step.
func (e *Economy) exit(st *State, d *Draw) {
	h := math.Min(1, e.Sc.Dt/float64(e.Sc.Firms.ExitYears))
	key := math.Float64bits(st.T) ^ 0xe417
	for f := range st.Firms {
		fm := &st.Firms[f]
		if !fm.Alive || fm.Profit >= 0 || fm.Subsidy > 0 {
			continue
		}
		e.retire(fm, h, d, key)
	}
}

// retire takes the share x of firm fm out of business: in mean-field mode
// that share of its count and capital (all of it once its count would fall
// below minCount), in stochastic mode the whole firm with probability x
// (a uniform keyed by the firm and key). The capital goes to the pool of
// the firm's city for reinvestment; retire returns it.
func (e *Economy) retire(fm *Firm, x float64, d *Draw, key uint64) float64 {
	out := fm.K
	switch left := fm.Count() * (1 - x); {
	case d.MeanField() && left >= minCount:
		out = x * fm.K
		fm.Gone = 1 - left
	case !d.MeanField() && d.UniformAt(uint64(fm.ID), key) >= x:
		return 0
	default:
		fm.Alive = false
	}
	fm.K -= out
	e.scratch.pool[fm.City] += out
	return out
}

// minCount is the count below which a mean-field firm closes.
const minCount = 0.01

// valueOfCapital fills scratch.cst (free once production is done) with the
// value of one unit of effective capital, αK·V/X, by city-sector (the
// sector's cluster mean where there is none), and scratch.secV with the
// sector means.
func (e *Economy) valueOfCapital(st *State) {
	N, S, sc := e.N, e.S, &e.scratch
	ve := sc.cst
	for s, sec := range e.Sc.Sectors {
		var v, x float64
		for c := 0; c < N; c++ {
			v += st.V[c*S+s]
			x += st.X[c*S+s]
		}
		mean := 0.0
		if x > 0 {
			mean = sec.Capital * v / x
		}
		sc.secV[s] = mean
		for c := 0; c < N; c++ {
			i := c*S + s
			ve[i] = mean
			if st.X[i] > 0 {
				ve[i] = sec.Capital * st.V[i] / st.X[i]
			}
		}
	}
}

// relocate lets a share of firms reconsider their city. Each chooses among
// staying (net gain 0) and every other city j by a logit on the net gain per
// unit of its capital, with scale firms.relocation_scale:
//
//	gain_j = (Z·v_j·(1 − (1−αK)·Z·K / (X_j + Z·K)) − Z·v_here + incentive_j − incentive_here)·horizon − cost_j
//
// where v is the value of a unit of effective capital in the firm's sector
// and X_j the destination's effective capital: the factor, the first-order
// form of (X_j/(X_j + Z·K))^(1−αK), anticipates that
// capital arriving in a city bids up its wages and land (diminishing
// returns at the city level), so that a big firm does not expect a small
// town's returns to stay as they are. X_j counts the firms that moved
// earlier in the step, so firms do not all herd to one city. The draw is a
// uniform keyed by the firm and the step (a hash in mean-field mode).
func (e *Economy) relocate(st *State, d *Draw) {
	N, S := e.N, e.S
	p := e.Sc.Firms
	ve := e.scratch.cst
	w, xCity := e.scratch.moveTo[:N], e.scratch.xCity
	clear(xCity)
	for i, x := range st.X {
		xCity[i/S] += x
	}
	prob := p.Relocate * e.Sc.Dt
	step := math.Float64bits(st.T)
	for f := range st.Firms {
		fm := &st.Firms[f]
		if !fm.Alive || d.UniformAt(uint64(fm.ID), step) >= prob {
			continue
		}
		c, s := fm.City, fm.Sector
		dim := 1 - e.Sc.Sectors[s].Capital
		zk, z := e.effective(fm), e.perCapital(fm)
		here := z*ve[c*S+s] + e.Levers.Incentive[c*S+s]
		cost := e.kMove[c*N : c*N+N]
		top := 0.0 // staying
		for j, kc := range cost {
			w[j] = math.Inf(-1)
			if j != c && !math.IsInf(float64(kc), 1) {
				// (X/(X + ZK))^(1−αK) to first order in the firm's share of
				// the city's capital: no power per destination.
				there := z * ve[j*S+s] * (1 - dim*zk/(xCity[j]+zk))
				w[j] = (there+e.Levers.Incentive[j*S+s]-here)*p.Horizon - float64(kc)
				top = math.Max(top, w[j])
			}
		}
		total := math.Exp(-top / p.RelocationScale) // staying
		for j := range w {
			w[j] = math.Exp((w[j] - top) / p.RelocationScale)
			total += w[j]
		}
		to := pick(w, total*d.UniformAt(uint64(fm.ID), step+1))
		if to < 0 {
			continue
		}
		xCity[to] += zk
		xCity[c] -= zk
		st.Flow[FlowFirms][c*N+to] += fm.Count()
		st.Flow[FlowCapital][c*N+to] += fm.K
		if _, ok := e.Levers.Enclave[[2]int{c, to}]; ok && fm.Treatment < 0 {
			fm.Treatment = c
		}
		fm.Origin, fm.City, fm.Moved = c, to, st.Year
	}
}

// pick returns the option whose cumulative weight first exceeds u, or -1
// when u falls beyond them all (the remaining weight: staying).
func pick(w []float64, u float64) int {
	for j, x := range w {
		if u < x {
			return j
		}
		u -= x
	}
	return -1
}

// group orders alive firms by city-sector in scratch.order with offsets in
// scratch.start (a counting sort, no allocation once grown).
func (e *Economy) group(st *State) {
	sc := &e.scratch
	clear(sc.start)
	for f := range st.Firms {
		if fm := &st.Firms[f]; fm.Alive {
			sc.start[fm.City*e.S+fm.Sector+1]++
		}
	}
	for i := 1; i < len(sc.start); i++ {
		sc.start[i] += sc.start[i-1]
	}
	n := sc.start[len(sc.start)-1]
	if cap(sc.order) < n {
		sc.order = make([]int, n, 2*n)
	}
	sc.order = sc.order[:n]
	fill := sc.fill
	copy(fill, sc.start)
	for f := range st.Firms {
		if fm := &st.Firms[f]; fm.Alive {
			i := fm.City*e.S + fm.Sector
			sc.order[fill[i]] = f
			fill[i]++
		}
	}
}

// enter creates firms in proportion to incumbents, market access and the
// expected return relative to the sector's mean; each entrant takes capital
// from this step's investment in its city-sector.
func (e *Economy) enter(st *State, d *Draw) {
	N, S, sc := e.N, e.S, &e.scratch
	p := e.Sc.Firms
	var mbar float64
	for c := 0; c < N; c++ {
		mbar += st.Market[c] / float64(N)
	}
	ve := sc.cst
	for c := 0; c < N; c++ {
		ma := math.Sqrt(st.Market[c] / math.Max(mbar, 1e-12))
		for s := 0; s < S; s++ {
			i := c*S + s
			var n float64 // incumbents: the firms' counts
			for _, f := range sc.order[sc.start[i]:sc.start[i+1]] {
				n += st.Firms[f].Count()
			}
			rel := 1.0
			if m := sc.secV[s]; m > 0 {
				rel = math.Min(3, ve[i]/m)
			}
			want := p.Entry * e.Sc.Dt * (n + 0.5) * ma * rel
			var k float64
			if d.MeanField() {
				sc.carry[i] += want
				k = math.Floor(sc.carry[i])
				sc.carry[i] -= k
			} else {
				k = d.Poisson(want)
			}
			for ; k > 0 && sc.pending[i] > 0; k-- {
				kf := math.Min(sc.pending[i], 0.5*e.meanFirmK[s])
				sc.pending[i] -= kf
				e.newFirm(st, d, c, s, kf)
			}
		}
	}
}

// newFirm appends a firm with a fresh productivity draw.
func (e *Economy) newFirm(st *State, d *Draw, c, s int, k float64) {
	sigma := e.Sc.Firms.Sigma
	ln := distuv.LogNormal{Mu: -sigma * sigma / 2, Sigma: sigma, Src: d.Source()}
	id := st.nextID(c*e.S + s)
	z := 1.0
	if sigma > 0 { // the quantile of a keyed uniform: a firm's draw is its own
		z = ln.Quantile(math.Min(math.Max(d.UniformAt(uint64(id), 0), 1e-6), 1-1e-6))
	}
	st.Firms = append(st.Firms, Firm{ID: id, Sector: s, City: c, Z: z, K: k, Treatment: -1, Origin: -1, Alive: true})
}

// distribute hands pending capital to the firms of each city-sector in
// proportion to their effective capital Z·K^ν, that is to their output:
// each firm's capital grows at a rate proportional to the marginal product
// of its capital, ν·Z·K^(ν−1)·v. With ν < 1 and depreciation the firms'
// capital tends to K ∝ Z^(1/(1−ν)), where those marginal products are
// equal; with ν = 1 it piles into the most efficient firm. Where there is
// no firm, the capital founds one.
func (e *Economy) distribute(st *State) {
	S, sc := e.S, &e.scratch
	for i := range sc.pending {
		k := sc.pending[i]
		if k <= 0 {
			continue
		}
		sc.pending[i] = 0
		lo, hi := sc.start[i], sc.start[i+1]
		if lo == hi {
			// Founding: a later newFirm call may grow st.Firms; order
			// indices stay valid because they index existing firms only.
			e.found(st, i/S, i%S, k)
			continue
		}
		var w float64
		for _, f := range sc.order[lo:hi] {
			w += e.effective(&st.Firms[f])
		}
		for _, f := range sc.order[lo:hi] {
			fm := &st.Firms[f]
			if w > 0 {
				fm.K += e.scaled(k, fm) / w
			} else {
				fm.K += k / float64(hi-lo)
			}
		}
	}
}

// found creates a firm of average productivity holding k.
func (e *Economy) found(st *State, c, s int, k float64) {
	st.Firms = append(st.Firms, Firm{ID: st.nextID(c*e.S + s), Sector: s, City: c, Z: 1, K: k, Treatment: -1, Origin: -1, Alive: true})
}

// compact removes closed firms, keeping order.
func (e *Economy) compact(st *State) {
	n := 0
	for f := range st.Firms {
		if st.Firms[f].Alive {
			st.Firms[n] = st.Firms[f]
			n++
		}
	}
	st.Firms = st.Firms[:n]
}
