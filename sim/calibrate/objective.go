package calibrate

import (
	"cmp"
	"math"
	"slices"
)

// failLoss is the loss of a point whose runs failed or whose simulated
// targets are not all positive: worse than any fit, yet finite so that the
// optimizers can move away from it.
const failLoss = 1e12

// loss returns the objective over the targets of role (Fit or Holdout)
// for the simulated values sim (by target), and the residual of each
// target on the objective's scale (NaN for the other role's targets).
//
// "sse-log" is Σ weight·(ln sim − ln obs)². "sorted-log10" compares
// distributions, as MARIUS's fit does: within each (year, variable), the
// observed and simulated values of the cities (a cluster target is a group
// of its own) are each sorted in decreasing
// order and the k-th largest are paired: Σ weight·(log10 sim_(k) −
// log10 obs_(k))², the weight being the observed k-th largest's.
func loss(objective string, ts []Target, sim []float64, role Role, resid []float64) float64 {
	for i := range resid {
		resid[i] = math.NaN()
	}
	for i, t := range ts {
		if t.Role == role && !(sim[i] > 0 && !math.IsInf(sim[i], 0)) {
			return failLoss
		}
	}
	if objective == "sorted-log10" {
		return sortedLoss(ts, sim, role, resid)
	}
	var sum float64
	for i, t := range ts {
		if t.Role != role {
			continue
		}
		resid[i] = math.Log(sim[i] / t.Value)
		sum += t.Weight * resid[i] * resid[i]
	}
	return min(sum, failLoss)
}

func sortedLoss(ts []Target, sim []float64, role Role, resid []float64) float64 {
	type key struct {
		year     int
		variable string
		cluster  bool // the cluster's value is not one of the cities'
	}
	groups := map[key][]int{}
	var order []key
	for i, t := range ts {
		if t.Role != role {
			continue
		}
		k := key{t.Year, t.Variable, t.Unit == Cluster}
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	var sum float64
	for _, k := range order {
		idx := groups[k]
		obs := slices.Clone(idx)
		slices.SortStableFunc(obs, func(a, b int) int { return cmp.Compare(ts[b].Value, ts[a].Value) })
		sims := slices.Clone(idx)
		slices.SortStableFunc(sims, func(a, b int) int { return cmp.Compare(sim[b], sim[a]) })
		for r, o := range obs {
			d := math.Log10(sim[sims[r]] / ts[o].Value)
			resid[o] = d
			sum += ts[o].Weight * d * d
		}
	}
	return min(sum, failLoss)
}
