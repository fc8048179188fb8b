package coreperiphery

import (
	"fmt"
	"math"

	"factorflow/model"
)

// KindOf returns the model of a scenario family name: "core-periphery" or
// "footloose-entrepreneur".
func KindOf(family string) (Kind, error) {
	switch family {
	case "core-periphery":
		return CP, nil
	case "footloose-entrepreneur":
		return FE, nil
	}
	return 0, fmt.Errorf("coreperiphery: family %q is not core-periphery or footloose-entrepreneur", family)
}

// ParamsOf returns the parameters of a validated core-periphery or
// footloose-entrepreneur scenario and the mobile shares of its cities'
// populations (before any perturbation). The freeness between cities i ≠ j
// is φ, or φ^(d_ij/distance_km) when distance_km > 0 (d_ij the
// great-circle distance); trade_cost T > 0 sets φ = T^(1−σ); an entry of
// core_periphery.pairs sets the freeness of its pair.
func ParamsOf(sc *model.Scenario) (Params, []float64, error) {
	k, err := KindOf(sc.Family)
	if err != nil {
		return Params{}, nil, err
	}
	cp := &sc.CorePeriphery
	n := len(sc.Cities)
	phi := Freeness(cp)
	p := Params{Kind: k, Sigma: cp.Sigma, Mu: cp.Mu, Phi: make([]float64, n*n), Tol: cp.Tolerance, MaxIter: cp.MaxIter}
	for i, a := range sc.Cities {
		for j, b := range sc.Cities {
			f := 1.0
			switch {
			case i == j:
			case cp.DistanceKm > 0:
				d := model.GreatCircleKm(a.Lat, a.Lon, b.Lat, b.Lon)
				f = math.Pow(phi, d/cp.DistanceKm)
			default:
				f = phi
			}
			p.Phi[i*n+j] = f
		}
	}
	idx := make(map[string]int, n)
	for i, c := range sc.Cities {
		idx[c.Name] = i
	}
	for _, pr := range cp.Pairs {
		i, okA := idx[pr.A]
		j, okB := idx[pr.B]
		if !okA || !okB || i == j {
			return Params{}, nil, fmt.Errorf("coreperiphery: freeness pair %q-%q: want two different cities of the scenario", pr.A, pr.B)
		}
		p.Phi[i*n+j], p.Phi[j*n+i] = pr.Phi, pr.Phi
	}
	lambda := make([]float64, n)
	var total float64
	for _, c := range sc.Cities {
		total += c.Population
	}
	if !(total > 0) {
		return Params{}, nil, fmt.Errorf("coreperiphery: the cities' populations (the mobile factor) sum to %g, want > 0", total)
	}
	for i, c := range sc.Cities {
		lambda[i] = c.Population / total
	}
	return p, lambda, nil
}

// Freeness returns the scenario's freeness of trade between two regions:
// trade_cost^(1−σ) when trade_cost > 0, else phi (capped at 1).
func Freeness(cp *model.CorePeriphery) float64 {
	if cp.TradeCost > 0 {
		return math.Min(1, math.Pow(cp.TradeCost, 1-cp.Sigma))
	}
	return math.Min(1, cp.Phi)
}

// Perturb shifts the shares lambda (in place) by eps: in mean-field mode
// (draw.MeanField) the first region gains eps·(1 − λ₁) taken from the
// others in proportion to their shares; in stochastic mode every share is
// tilted by a factor 1 + eps·u, u uniform in [−1, 1) from draw, then the
// shares are normalised. eps = 0 leaves them alone.
func Perturb(lambda []float64, eps float64, draw *model.Draw) {
	if eps == 0 || len(lambda) < 2 {
		return
	}
	if draw.MeanField() {
		l0 := lambda[0]
		if l0 >= 1 {
			return
		}
		add := eps * (1 - l0)
		for r := 1; r < len(lambda); r++ {
			lambda[r] -= add * lambda[r] / (1 - l0)
		}
		lambda[0] += add
		return
	}
	var sum float64
	for r := range lambda {
		lambda[r] *= 1 + eps*(2*draw.Uniform()-1)
		sum += lambda[r]
	}
	for r := range lambda {
		lambda[r] /= sum
	}
}
