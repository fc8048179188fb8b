package model

import "math"

// Learn is stage 6 (cloud synergy). Each city-sector's knowledge A grows by
// own R&D — in cloud sectors, in proportion to the talent working in cloud
// sectors per resident — and by spillovers from better neighbours,
//
//	ΔA[j] = dt·(rd·cloud talent share·A[j] + spillover·w_s·absorb(j)·Σ_i k[j][i]·max(A[i]−A[j], 0) / Σ_i k°[j][i]) − obsolescence·dt·A[j]
//
// where k decays with generalised cost and the information gap and is cut by
// the knowledge barrier, k° is the weight of the start's network without
// the barrier, kept fixed (so barriers, faster transport and parks change
// spillovers rather than re-weighting neighbours), w_s is the
// sector's spillover weight and absorb(j) = share/(share + half) is the
// absorptive capacity of the city's talent.
func (e *Economy) Learn(st *State) {
	N, S, sc := e.N, e.S, &e.scratch
	p := e.Sc.Knowledge
	dt := e.Sc.Dt
	absorb := sc.emis // reuse, [c]
	rd := sc.tmp      // talent working in cloud sectors over residents, [c]
	for c := 0; c < N; c++ {
		pop := st.CityPop(c)
		share := 0.0
		rd[c] = 0
		if pop > 0 {
			share = st.CitySkill(c, Talent) / pop
			for s, sec := range e.Sc.Sectors {
				if sec.Type == Cloud {
					rd[c] += st.Labour[Talent][c*S+s] / pop
				}
			}
		}
		a := share * e.Levers.Absorb[c]
		absorb[c] = a / (a + p.Absorption)
	}
	for s, sec := range e.Sc.Sectors {
		aS, dA := sc.aS, sc.dA
		for c := 0; c < N; c++ {
			aS[c] = st.A[c*S+s]
		}
		for j := 0; j < N; j++ {
			var gap float64
			if sec.Spillover > 0 && e.kKnowSum[j] > 0 {
				row := e.kKnow[j*N : j*N+N]
				aj := aS[j]
				for i, k := range row {
					if d := aS[i] - aj; d > 0 {
						gap += float64(k) * d
					}
				}
				gap *= p.Spillover * sec.Spillover * absorb[j] / e.kKnowSum[j]
			}
			own := -p.Obsolescence * aS[j]
			if sec.Type == Cloud {
				own += p.RD * rd[j] * aS[j]
			}
			dA[j] = dt * (own + gap)
		}
		for c := 0; c < N; c++ {
			st.A[c*S+s] = math.Max(aS[c]+dA[c], 1e-12*aS[c])
		}
	}
}
