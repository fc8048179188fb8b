package model

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
)

// Draw is the source of every chance event of a mechanism. In stochastic mode
// it draws from a seeded PCG stream; in mean-field mode it returns expected
// values (Binomial, Poisson) and a deterministic low-discrepancy sequence
// (Uniform), so both modes share one code path for everything but the draw.
type Draw struct {
	r   *rand.Rand // nil in mean-field mode
	seq float64    // state of the Weyl sequence in mean-field mode
	key uint64     // stochastic mode: seed, run and purpose, mixed into UniformAt
}

// golden is the fractional part of the golden ratio, the step of the Weyl
// sequence used for mean-field uniforms.
const golden = 0.6180339887498949

// NewDraw returns the draw of one stream. The stream is derived from the
// run's seed, the run index and a purpose name, never from time or a global
// source, so it is the same whatever the number of workers.
func NewDraw(meanField bool, seed int64, run uint64, purpose string) *Draw {
	h := fnv.New64a()
	h.Write([]byte(purpose))
	if meanField {
		return &Draw{seq: float64(h.Sum64()%1000) / 1000}
	}
	key := h.Sum64() ^ (run * 0x9e3779b97f4a7c15)
	return &Draw{r: rand.New(rand.NewPCG(uint64(seed), key)), key: mix(uint64(seed) ^ mix(key))}
}

// MeanField reports whether the draw returns expected values.
func (d *Draw) MeanField() bool { return d.r == nil }

// Source returns the underlying random source (nil in mean-field mode), for
// gonum distributions' Src field.
func (d *Draw) Source() rand.Source {
	if d.r == nil {
		return nil
	}
	return d.r
}

// Uniform returns a number in [0, 1).
func (d *Draw) Uniform() float64 {
	if d.r == nil {
		d.seq += golden
		d.seq -= math.Floor(d.seq)
		return d.seq
	}
	return d.r.Float64()
}

// UniformAt returns a number in [0, 1) for the decision keyed by (a, b),
// e.g. a firm's ID and the step: a hash of the key, mixed in stochastic
// mode with the seed, run and purpose. Keyed draws keep paired runs (common
// random numbers) paired decision by decision: a change elsewhere in the
// model (one more firm entering) does not shift every later decision, as a
// shared sequence would.
func (d *Draw) UniformAt(a, b uint64) float64 {
	x := mix(a*0x9e3779b97f4a7c15 ^ (b+0x632be59bd9b4e019)*0xbf58476d1ce4e5b9 ^ d.key)
	return float64(x>>11) / (1 << 53)
}

// mix is the SplitMix64 finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Normal returns a standard normal deviate (0 in mean-field mode).
func (d *Draw) Normal() float64 {
	if d.r == nil {
		return 0
	}
	return d.r.NormFloat64()
}

// Binomial returns the number of successes in n trials of probability p:
// n·p in mean-field mode, an integer draw otherwise (n is rounded down to an
// integer). Small expected counts are drawn exactly by inversion; large ones
// by the normal approximation, rounded and clamped to [0, n].
func (d *Draw) Binomial(n, p float64) float64 {
	if n <= 0 || p <= 0 {
		return 0
	}
	if p >= 1 {
		if d.r == nil {
			return n
		}
		return math.Floor(n)
	}
	if d.r == nil {
		return n * p
	}
	n = math.Floor(n)
	if p > 0.5 {
		return n - d.Binomial(n, 1-p)
	}
	mean := n * p
	if mean < 25 {
		return d.smallBinomial(n, p)
	}
	x := math.Round(mean + math.Sqrt(mean*(1-p))*d.r.NormFloat64())
	return math.Max(0, math.Min(n, x))
}

// smallBinomial draws by inversion of the distribution function: one
// uniform and O(n·p) multiplications, walking the probabilities by their
// recurrence P(x+1) = P(x)·(n−x)/(x+1)·p/(1−p).
func (d *Draw) smallBinomial(n, p float64) float64 {
	q := 1 - p
	ratio := p / q
	r := math.Exp(n * math.Log1p(-p)) // P(0)
	u := d.r.Float64()
	var x float64
	for u > r && x < n {
		u -= r
		x++
		r *= (n - x + 1) / x * ratio
		if r <= 0 {
			break
		}
	}
	return x
}

// fewMultinomial places n people, no more than the options, by sorting n
// uniforms into the options' intervals of [0, 1): their order statistics
// are drawn from the top down (v ← v·U^(1/k)) while the options are walked
// from the last, O(len(w) + n) with one power per person instead of one
// binomial per option.
func (d *Draw) fewMultinomial(dst, w []float64, n, total float64) float64 {
	v, k := 1.0, n
	next := func() float64 {
		if k <= 0 {
			return -1
		}
		v *= math.Pow(d.r.Float64(), 1/k)
		k--
		return v
	}
	u := next()
	upper := total
	for i := len(w) - 1; i >= 0 && u >= 0; i-- {
		lower := 0.0
		if i > 0 {
			lower = (upper - w[i]) / total
		}
		for u >= 0 && u >= lower {
			dst[i]++
			u = next()
		}
		upper -= w[i]
	}
	return n
}

// Poisson returns a count of mean m: m itself in mean-field mode.
func (d *Draw) Poisson(m float64) float64 {
	if m <= 0 {
		return 0
	}
	if d.r == nil {
		return m
	}
	if m > 30 {
		return math.Max(0, math.Round(m+math.Sqrt(m)*d.r.NormFloat64()))
	}
	l, k, p := math.Exp(-m), 0.0, 1.0
	for {
		p *= d.r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// Multinomial splits n people among the options with weights w (any
// non-negative scale) and adds the counts to dst: by sequential binomials in
// stochastic mode, in exact proportion in mean-field mode. It returns the
// number placed, which equals n (rounded down) unless all weights are zero.
func (d *Draw) Multinomial(dst, w []float64, n float64) float64 {
	var total float64
	for _, x := range w {
		total += x
	}
	if total <= 0 || n <= 0 {
		return 0
	}
	if d.r == nil {
		for i, x := range w {
			dst[i] += n * x / total
		}
		return n
	}
	if n <= float64(len(w)) {
		return d.fewMultinomial(dst, w, math.Floor(n), total)
	}
	left, placed := math.Floor(n), 0.0
	for i, x := range w {
		if left <= 0 || total <= 0 {
			break
		}
		k := d.Binomial(left, math.Min(1, x/total))
		dst[i] += k
		placed += k
		left -= k
		total -= x
	}
	return placed
}
