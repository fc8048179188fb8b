package sensitivity

import (
	"fmt"
	"math"
)

// Morris is a design of R one-at-a-time trajectories for the elementary
// effects method (Morris 1991). Each trajectory has K+1 points on the grid
// of Levels values {0, 1/(p−1), …, 1} of every factor: it starts at a random
// grid point and moves one factor at a time, in a random order, by ±Delta,
// where Delta = p/(2(p−1)) (Campolongo et al. 2007), so that every level is
// equally likely to be visited.
//
// Points holds R·(K+1) points, trajectory-major: point t·(K+1)+j is the
// j-th point of trajectory t. Effects uses only Points, so a Morris value
// built from points read back from a sweep (in [0,1] coordinates) works as
// well as one from NewMorris.
type Morris struct {
	R, K, Levels int         // trajectories, factors and grid levels p
	Delta        float64     // the step, p/(2(p−1))
	Points       [][]float64 // R·(K+1) points of [0,1]^K, trajectory-major
}

// NewMorris returns r trajectories of k factors on a grid of levels values,
// drawn from a PCG source seeded with seed. It panics if r or k is below 1
// or levels is not even and at least 2 (with an even p, every move of Delta
// joins a level of the lower half of the grid to one of the upper half).
func NewMorris(r, k, levels int, seed uint64) Morris {
	if r < 1 || k < 1 || levels < 2 || levels%2 != 0 {
		panic(fmt.Sprintf("sensitivity: NewMorris(%d, %d, %d): want r, k ≥ 1 and an even levels ≥ 2", r, k, levels))
	}
	m := Morris{R: r, K: k, Levels: levels, Delta: float64(levels) / float64(2*(levels-1))}
	rng := newRand(seed, streamMorris)
	for range r {
		x := make([]float64, k)
		to := make([]float64, k)
		for i := range x {
			low := level(rng.IntN(levels/2), levels) // lower half of the grid
			x[i], to[i] = low, low+m.Delta
			if rng.IntN(2) == 1 {
				x[i], to[i] = to[i], x[i]
			}
		}
		m.Points = append(m.Points, x)
		for _, i := range rng.Perm(k) {
			x = append([]float64(nil), x...)
			x[i] = to[i]
			m.Points = append(m.Points, x)
		}
	}
	return m
}

// Effects returns the Morris measures of each factor from y, the outputs
// at m.Points in their order. Each step of a trajectory changes one factor
// (the one whose coordinate changes most) and gives its elementary effect
// (y_{j} − y_{j−1}) / (x_{j,i} − x_{j−1,i}): the output's change per unit of
// the factor's [0,1] coordinate. muStar is the mean of the effects' absolute
// values, mu their mean and sigma their standard deviation (with R−1
// degrees of freedom; NaN with fewer than two effects, and every measure is
// NaN for a factor with none). Effects panics if len(y) is not R·(K+1).
func (m Morris) Effects(y []float64) (muStar, mu, sigma []float64) {
	if len(y) != m.R*(m.K+1) || len(m.Points) != len(y) {
		panic(fmt.Sprintf("sensitivity: Morris: %d outputs and %d points, want R·(K+1) = %d", len(y), len(m.Points), m.R*(m.K+1)))
	}
	effects := make([][]float64, m.K)
	for t := range m.R {
		for j := t*(m.K+1) + 1; j < (t+1)*(m.K+1); j++ {
			i, dx := moved(m.Points[j-1], m.Points[j])
			if dx != 0 {
				effects[i] = append(effects[i], (y[j]-y[j-1])/dx)
			}
		}
	}
	muStar, mu, sigma = make([]float64, m.K), make([]float64, m.K), make([]float64, m.K)
	for i, ee := range effects {
		muStar[i], mu[i], sigma[i] = summarize(ee)
	}
	return muStar, mu, sigma
}

// moved returns the factor whose coordinate changes most from a to b, and
// the change.
func moved(a, b []float64) (i int, dx float64) {
	for f := range a {
		if d := b[f] - a[f]; math.Abs(d) > math.Abs(dx) {
			i, dx = f, d
		}
	}
	return i, dx
}

// summarize returns the mean absolute value, the mean and the standard
// deviation of ee.
func summarize(ee []float64) (absMean, mean, sd float64) {
	if len(ee) == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	for _, e := range ee {
		absMean += math.Abs(e)
		mean += e
	}
	n := float64(len(ee))
	absMean, mean = absMean/n, mean/n
	if len(ee) < 2 {
		return absMean, mean, math.NaN()
	}
	for _, e := range ee {
		sd += (e - mean) * (e - mean)
	}
	return absMean, mean, math.Sqrt(sd / (n - 1))
}
