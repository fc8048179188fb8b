package model

// scratch holds buffers reused every step.
type scratch struct {
	cst          []float64 // log productivity shifter and fixed inputs, [c*S+s]
	logT         []float64 // log talent employed, warm start, [c*S+s]
	logL         []float64 // log workers employed, [c*S+s]
	logP         []float64 // log price, [c*S+s]
	prevX, prevG []float64 // last iterate and residual of each log price, [c*S+s]
	secantOK     bool      // prevX and prevG hold this clear's last iterate
	logY         []float64
	use          []float64       // supplier demand Σ a[s][s']·Y[j][s'], [j*S+s]
	q            []float64       // traded output by sector
	inc          []float64       // income by city
	pop          []float64       // residents by city
	util         [2][2][]float64 // scaled destination weights, [skill][status][c]
	moveTo       []float64       // per-destination weights of one origin
	mass         []float64       // destination mass (residents/mean)^size of movers' choice, [c]
	tmp          []float64       // [c]
	lw           [2][]float64    // log wages of talent and workers, warm start, [c]
	baseS        []float64       // [s]
	rev          []float64       // revenue by region, [r]
	xCity        []float64       // effective capital by city, [c]
	subsidy      []float64       // subsidies paid by city-sector, currency/yr, [c*S+s]
	gone         []float64       // rural people leaving this step, [r]
	back         []float64       // residents returning to the hinterland this step, [c]
	rural        [2][]float64    // scaled utility of staying in each hinterland, [skill][r]
	arrive       [2][]float64    // arrivals by skill, [c]
	leave        [NumGroups][]float64
	pending      []float64 // capital invested this step, not yet in firms, [c*S+s]
	pool         []float64 // capital liquidated, re-invested next step, [c]
	invW         []float64 // investment weights, [c*S+s]
	invG         []float64 // [c]
	secR         []float64 // gross return by sector, [s]
	secV         []float64 // value of effective capital by sector, [s]
	fill         []int
	aS           []float64 // knowledge of one sector by city
	dA           []float64
	emis         []float64
	order        []int     // firms grouped by city-sector
	start        []int     // offsets into order, [c*S+s], len N*S+1
	carry        []float64 // fractional entrants in mean-field mode, [c*S+s]
}

func (e *Economy) alloc() {
	N, S, R := e.N, e.S, e.R
	f := func(n int) []float64 { return make([]float64, n) }
	sc := &e.scratch
	sc.cst, sc.logT, sc.logL, sc.logP, sc.logY = f(N*S), f(N*S), f(N*S), f(N*S), f(N*S)
	sc.prevX, sc.prevG = f(N*S), f(N*S)
	sc.use, sc.q, sc.inc, sc.pop = f(N*S), f(S), f(N), f(N)
	for k := range sc.util {
		for s := range sc.util[k] {
			sc.util[k][s] = f(N)
		}
	}
	sc.moveTo, sc.arrive, sc.tmp = f(N+R), [2][]float64{f(N), f(N)}, f(N)
	sc.mass = f(N)
	sc.gone, sc.back, sc.rev, sc.xCity, sc.subsidy = f(R), f(N), f(R), f(N), f(N*S)
	sc.lw = [2][]float64{f(N), f(N)}
	sc.baseS = f(S)
	sc.rural = [2][]float64{f(R), f(R)}
	for g := range sc.leave {
		sc.leave[g] = f(N)
	}
	sc.pending, sc.pool, sc.invW, sc.invG, sc.secR = f(N*S), f(N), f(N*S), f(N), f(S)
	sc.aS, sc.dA, sc.emis, sc.carry = f(N), f(N), f(N), f(N*S)
	sc.start, sc.fill, sc.secV = make([]int, N*S+1), make([]int, N*S+1), f(S)
	e.demand, e.eduEff, e.healthEff = f(N*S), f(N), f(N)
	e.floor0, e.ruralNorm, e.emission0, e.meanFirmK = f(R), f(R), f(N), f(S)
	e.ruralAmenity = f(R)
	e.tfp = fill(N*S, 1)
	e.landScale = f(N)
}
