package model_test

import (
	"testing"

	"factorflow/model"
)

// ownGrowth is city c's knowledge growth factor in sector s from own R&D
// (the talent working in cloud sectors per resident) and obsolescence
// alone over one step.
func ownGrowth(e *model.Economy, st *model.State, c, s int) float64 {
	p := e.Sc.Knowledge
	g := -p.Obsolescence
	if e.Sc.Sectors[s].Type == model.Cloud {
		var cloud float64
		for k, sec := range e.Sc.Sectors {
			if sec.Type == model.Cloud {
				cloud += st.Labour[model.Talent][c*st.S+k]
			}
		}
		g += p.RD * cloud / st.CityPop(c)
	}
	return 1 + e.Sc.Dt*g
}

// TestSpillovers sets every city's knowledge of a sector to 1 except one
// leader at 2, and checks that the others catch up by more than their own
// growth (but by less than the whole gap), that the leader grows by its own
// growth only, and that an infinite knowledge barrier stops spillovers into
// the other region.
func TestSpillovers(t *testing.T) {
	tests := []struct {
		name   string
		sets   []string
		sector int
		leader int
		learns []bool // by city: does it learn beyond its own growth?
	}{
		{"cloud, Alpha leads", nil, tech, alpha, []bool{false, true, true}},
		{"base, Gamma leads", nil, steel, gamma, []bool{true, true, false}},
		{"barrier, Alpha leads", []string{"barriers.knowledge=inf"}, tech, alpha, []bool{false, true, false}},
		{"barrier, Gamma leads", []string{"barriers.knowledge=inf"}, services, gamma, []bool{false, false, false}},
		{"half-year step", []string{"dt=0.5"}, tech, beta, []bool{true, false, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, st := world(t, "", "", tt.sets...)
			S := st.S
			for c := 0; c < st.N; c++ {
				st.A[c*S+tt.sector] = 1
			}
			st.A[tt.leader*S+tt.sector] = 2
			before := append([]float64(nil), st.A...)
			e.Learn(st)
			p := e.Sc.Knowledge
			for c := 0; c < st.N; c++ {
				i := c*S + tt.sector
				own := before[i] * ownGrowth(e, st, c, tt.sector)
				// The most a city can learn: the whole gap at full
				// absorptive capacity.
				most := own + e.Sc.Dt*p.Spillover*e.Sc.Sectors[tt.sector].Spillover*(2-before[i])
				switch {
				case tt.learns[c] && !(st.A[i] > own*(1+1e-9) && st.A[i] < most):
					t.Errorf("city %d: A %v, want above its own growth %v and below %v", c, st.A[i], own, most)
				case !tt.learns[c] && !near(own, st.A[i], 1e-12):
					t.Errorf("city %d: A %v, want its own growth only, %v", c, st.A[i], own)
				}
			}
		})
	}
}

// TestObsolescence checks that with no R&D and no spillovers knowledge
// decays by obsolescence·dt in every city-sector.
func TestObsolescence(t *testing.T) {
	for _, dt := range []string{"dt=1", "dt=0.2"} {
		t.Run(dt, func(t *testing.T) {
			e, st := world(t, "", "", dt, "knowledge.rd=0", "knowledge.spillover=0", "knowledge.obsolescence=0.05")
			before := append([]float64(nil), st.A...)
			e.Learn(st)
			keep := 1 - 0.05*e.Sc.Dt
			for i := range st.A {
				if !near(keep*before[i], st.A[i], 1e-12) {
					t.Errorf("A[%d] = %v, want %v·%v", i, st.A[i], keep, before[i])
				}
			}
		})
	}
}

// TestKnowledgeKernel checks the spillover kernel: no self-learning,
// positive weights inside a region, and none across an infinite barrier.
func TestKnowledgeKernel(t *testing.T) {
	for _, b := range []string{"0.7", "inf"} {
		t.Run("barrier "+b, func(t *testing.T) {
			e, st := world(t, "", "", "barriers.knowledge="+b)
			k, N := e.KnowledgeKernel(), st.N
			for j := 0; j < N; j++ {
				for i := 0; i < N; i++ {
					w := k[j*N+i]
					switch {
					case i == j && w != 0:
						t.Errorf("city %d learns from itself with weight %v", j, w)
					case i != j && e.CityRegion[i] == e.CityRegion[j] && !(w > 0):
						t.Errorf("%d learns from %d in its region with weight %v, want > 0", j, i, w)
					case i != j && e.CityRegion[i] != e.CityRegion[j] && b == "inf" && w != 0:
						t.Errorf("%d learns from %d across an infinite barrier with weight %v", j, i, w)
					case i != j && e.CityRegion[i] != e.CityRegion[j] && b != "inf" && !(w > 0):
						t.Errorf("%d learns from %d across a finite barrier with weight %v, want > 0", j, i, w)
					}
				}
			}
		})
	}
}
