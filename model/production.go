package model

import (
	"fmt"
	"math"
)

// scratch holds buffers reused every step.
type scratch struct {
	cst     []float64 // log productivity shifter and fixed inputs, [c*S+s]
	logT    []float64 // log talent employed, warm start, [c*S+s]
	logL    []float64 // log workers employed, [c*S+s]
	logP    []float64 // log price, [c*S+s]
	logY    []float64
	use     []float64 // supplier demand Σ a[s][s']·Y[j][s'], [j*S+s]
	q       []float64 // traded output by sector
	inc     []float64 // income by city
	wsum    [2][]float64
	pop     []float64       // residents by city
	util    [2][2][]float64 // scaled destination weights, [skill][status][c]
	moveTo  []float64       // per-destination weights of one origin
	tmp     []float64       // [c]
	lw      [2][]float64    // log wages of talent and workers, warm start, [c]
	baseS   []float64       // [s]
	rev     []float64       // revenue by region, [r]
	xCity   []float64       // effective capital by city, [c]
	subsidy []float64       // subsidies paid by city-sector, currency/yr, [c*S+s]
	gone    []float64       // rural people leaving this step, [r]
	back    []float64       // residents returning to the hinterland this step, [c]
	rural   [2][]float64    // scaled utility of staying in each hinterland, [skill][r]
	arrive  [2][]float64    // arrivals by skill, [c]
	leave   [NumGroups][]float64
	pending []float64 // capital invested this step, not yet in firms, [c*S+s]
	pool    []float64 // capital liquidated, re-invested next step, [c]
	invW    []float64 // investment weights, [c*S+s]
	invG    []float64 // [c]
	secR    []float64 // gross return by sector, [s]
	secV    []float64 // value of effective capital by sector, [s]
	fill    []int
	aS      []float64 // knowledge of one sector by city
	dA      []float64
	emis    []float64
	order   []int     // firms grouped by city-sector
	start   []int     // offsets into order, [c*S+s], len N*S+1
	carry   []float64 // fractional entrants in mean-field mode, [c*S+s]
	best    []float64
}

func (e *Economy) alloc() {
	N, S, R := e.N, e.S, e.R
	f := func(n int) []float64 { return make([]float64, n) }
	sc := &e.scratch
	sc.cst, sc.logT, sc.logL, sc.logP, sc.logY = f(N*S), f(N*S), f(N*S), f(N*S), f(N*S)
	sc.use, sc.q, sc.inc, sc.pop = f(N*S), f(S), f(N), f(N)
	sc.wsum = [2][]float64{f(N), f(N)}
	for k := range sc.util {
		for s := range sc.util[k] {
			sc.util[k][s] = f(N)
		}
	}
	sc.moveTo, sc.arrive, sc.tmp = f(N+R), [2][]float64{f(N), f(N)}, f(N)
	sc.gone, sc.back, sc.rev, sc.xCity, sc.subsidy = f(R), f(N), f(R), f(N), f(N*S)
	sc.lw = [2][]float64{f(N), f(N)}
	sc.baseS = f(S)
	sc.rural = [2][]float64{f(R), f(R)}
	for g := range sc.leave {
		sc.leave[g] = f(N)
	}
	sc.pending, sc.pool, sc.invW, sc.invG, sc.secR = f(N*S), f(N), f(N*S), f(N), f(S)
	sc.aS, sc.dA, sc.emis, sc.carry, sc.best = f(N), f(N), f(N), f(N*S), f(N)
	sc.start, sc.fill, sc.secV = make([]int, N*S+1), make([]int, N*S+1), f(S)
	e.demand, e.eduEff, e.healthEff = f(N*S), f(N), f(N)
	e.floor0, e.ruralNorm, e.emission0, e.meanFirmK = f(R), f(R), f(N), f(S)
	e.ruralAmenity = f(R)
	e.tfp = fill(N*S, 1)
	e.ruralAmenity = f(R)
	e.tfp = fill(N*S, 1)
}

// Produce is stage 3: land prices, market access, supplier access (from last
// year's output) and each city-sector's log productivity shifter, which
// combines knowledge A, exogenous growth, agglomeration M^γ, supplier access
// S^η, the land price and the firms' effective capital X.
func (e *Economy) Produce(st *State) {
	N, S, sc := e.N, e.S, e.Sc
	pop := e.scratch.pop
	for c := 0; c < N; c++ {
		pop[c] = st.CityPop(c)
		st.LandPrice[c] = sc.Production.LandBase * e.Levers.LandFactor[c] * math.Pow(math.Max(pop[c], 1)/e.Land[c], sc.Production.LandTheta)
	}
	for c := 0; c < N; c++ {
		var m float64
		row := e.kMarket[c*N : c*N+N]
		for j, k := range row {
			m += float64(k) * pop[j]
		}
		st.Market[c] = m / sc.Production.MarketRef
	}
	e.supplierAccess(st)
	e.effectiveCapital(st)
	growth := sc.Production.TFPGrowth * st.T
	for c := 0; c < N; c++ {
		lm := math.Log(math.Max(st.Market[c], 1e-12))
		lh := math.Log(st.LandPrice[c])
		for s, sec := range sc.Sectors {
			i := c*S + s
			if st.X[i] <= 0 || st.A[i] <= 0 {
				e.scratch.cst[i] = math.Inf(-1)
				continue
			}
			v := math.Log(st.A[i]*e.tfp[i]) + growth + sec.Gamma*lm + sec.Capital*math.Log(st.X[i])
			if sec.Eta > 0 {
				v += sec.Eta * math.Log(math.Max(st.Supplier[i], 1e-12))
			}
			if sec.Land > 0 {
				v += sec.Land * (math.Log(sec.Land) - lh)
			}
			e.scratch.cst[i] = v
		}
	}
}

// supplierAccess fills st.Supplier for sectors with input links: the
// suppliers' output reachable through the supplier kernel, from the output
// of the previous year.
func (e *Economy) supplierAccess(st *State) {
	N, S := e.N, e.S
	use := e.scratch.use
	for j := 0; j < N; j++ {
		for s := 0; s < S; s++ {
			var u float64
			for s2 := 0; s2 < S; s2++ {
				u += e.IO[s*S+s2] * st.Y[j*S+s2]
			}
			use[j*S+s] = u
		}
	}
	for c := 0; c < N; c++ {
		row := e.kSupply[c*N : c*N+N]
		for s, sec := range e.Sc.Sectors {
			if sec.Eta == 0 {
				continue
			}
			var a float64
			for j, k := range row {
				a += float64(k) * use[j*S+s]
			}
			st.Supplier[c*S+s] = a
		}
	}
}

// effectiveCapital sums K and Z·K over alive firms by city-sector.
func (e *Economy) effectiveCapital(st *State) {
	for i := range st.X {
		st.X[i], st.K[i] = 0, 0
	}
	for f := range st.Firms {
		fm := &st.Firms[f]
		i := fm.City*e.S + fm.Sector
		st.K[i] += fm.K
		st.X[i] += fm.Z * fm.K
	}
}

// Clear is stage 4: it solves jointly for goods prices and, in every city,
// the wages that clear its talent and worker markets (and so the allocation
// of labour across sectors): an outer fixed point on log prices, damped and
// warm-started from last year, around an exact Newton solve of each city's
// two wages (solveWages); then it sets output, values, wages and returns. Traded goods meet an outside
// demand D_s·p^-ε; local goods a demand b·income·p^-ε in their own city.
func (e *Economy) Clear(st *State) error {
	prm := e.Sc.Production
	for it := 0; ; it++ {
		e.solveWages(st)
		res := e.reprice(st, prm.Damping)
		st.Residual = res
		if math.IsNaN(res) {
			return fmt.Errorf("model: prices: fixed point diverged (NaN) in year %d", st.Year)
		}
		if res < prm.Tolerance {
			break
		}
		if it == prm.MaxIter-1 {
			return fmt.Errorf("model: prices: no convergence in year %d after production.max_iterations = %d (largest log-price change %.3g > production.tolerance = %g)",
				st.Year, prm.MaxIter, res, prm.Tolerance)
		}
	}
	e.solveWages(st)
	e.settle(st)
	return nil
}

// output sets logY and V = p·Y from the current allocation and prices.
func (e *Economy) output(st *State) {
	S, sc := e.S, &e.scratch
	for i := range sc.cst {
		sec := &e.Sc.Sectors[i%S]
		ly := sc.cst[i] + sec.Land*sc.logP[i]
		if sec.Talent > 0 {
			ly += sec.Talent * sc.logT[i]
		}
		if sec.Workers > 0 {
			ly += sec.Workers * sc.logL[i]
		}
		ly /= 1 - sec.Land
		sc.logY[i] = ly
		st.Y[i] = math.Exp(ly)
		st.V[i] = math.Exp(ly + sc.logP[i])
	}
}

func alpha(sec *Sector, k Skill) float64 {
	if k == Talent {
		return sec.Talent
	}
	return sec.Workers
}

// reprice moves prices toward the demand-clearing price, damped in logs.
func (e *Economy) reprice(st *State, d float64) float64 {
	N, S, sc := e.N, e.S, &e.scratch
	growth := e.Sc.Nation.Growth * st.T
	for s := range sc.q {
		sc.q[s] = 0
	}
	for c := 0; c < N; c++ {
		sc.inc[c] = 0
		for s := 0; s < S; s++ {
			sc.q[s] += st.Y[c*S+s]
			sc.inc[c] += st.V[c*S+s]
		}
	}
	var res float64
	step := func(i int, target float64) {
		if math.IsInf(target, 0) || math.IsNaN(target) {
			return
		}
		delta := target - sc.logP[i]
		sc.logP[i] += d * delta
		res = math.Max(res, math.Abs(delta))
	}
	for s, sec := range e.Sc.Sectors {
		if e.Traded[s] {
			if sc.q[s] <= 0 {
				continue
			}
			target := (math.Log(e.demand[s]) + growth + sec.Trend*st.T - math.Log(sc.q[s])) / sec.Elasticity
			for c := 0; c < N; c++ {
				step(c*S+s, target)
			}
			continue
		}
		for c := 0; c < N; c++ {
			i := c*S + s
			if st.Y[i] <= 0 || e.demand[i] <= 0 {
				continue
			}
			step(i, (math.Log(e.demand[i]*sc.inc[c])-math.Log(st.Y[i]))/sec.Elasticity)
		}
	}
	return res
}

// settle writes the solved allocation into the state: employment, wages,
// prices and gross returns on capital.
func (e *Economy) settle(st *State) {
	N, S, sc := e.N, e.S, &e.scratch
	for c := 0; c < N; c++ {
		for k := 0; k < 2; k++ {
			var paid float64
			for s, sec := range e.Sc.Sectors {
				paid += alpha(&sec, Skill(k)) * st.V[c*S+s]
			}
			if n := st.CitySkill(c, Skill(k)); n > 0 {
				st.Wage[k][c] = paid / n
			} else {
				st.Wage[k][c] = 0
			}
		}
		for s, sec := range e.Sc.Sectors {
			i := c*S + s
			st.Labour[Talent][i] = math.Exp(sc.logT[i])
			st.Labour[Worker][i] = math.Exp(sc.logL[i])
			st.Price[i] = math.Exp(sc.logP[i])
			st.Return[i] = 0
			if st.K[i] > 0 {
				st.Return[i] = sec.Capital * st.V[i] / st.K[i]
			}
		}
	}
}
