package coreperiphery

import (
	"fmt"
	"math"
)

// BreakPoint returns the freeness of trade φ_B at which the symmetric
// equilibrium of the two-region model loses stability (it is stable for
// φ < φ_B). It returns an error when the no-black-hole condition fails
// (then agglomeration is stable at every φ).
//
// CP (Fujita, Krugman & Venables 1999, ch. 5, in freeness form):
//
//	φ_B = (ρ − μ)(1 − μ) / ((ρ + μ)(1 + μ)),  ρ = (σ − 1)/σ, needs ρ > μ.
//
// FE (the model of Forslid & Ottaviano 2003 and Baldwin et al. 2003,
// ch. 4; the formula derived here, below): with a = μ/(σ − 1), b = μ/σ,
//
//	φ_B = (1 − a)(1 − b) / ((1 + a)(1 + b))
//	    = (σ − 1 − μ)(σ − μ) / ((σ − 1 + μ)(σ + μ)),  needs a < 1 (μ < σ − 1).
//
// Derivation of the FE form (checked numerically in the tests): at the
// symmetric point perturb λ₁ by +d. With Z = (1 − φ)/(1 + φ), the profit
// equations give dπ₁/π = 2Zd(b − Z)/(1 − bZ) and the price index
// d ln Δ₁ = 2Zd, so d ln(π₁ Δ₁^a) > 0 exactly when Z < (a + b)/(1 + ab);
// φ = (1 − Z)/(1 + Z) at equality is the expression above. The CP form
// has the same shape, (1 − μ/ρ)(1 − μ)/((1 + μ/ρ)(1 + μ)), so both are
// computed as (1 − a)(1 − b)/((1 + a)(1 + b)) with a = μ/ρ, b = μ for CP.
func BreakPoint(k Kind, sigma, mu float64) (float64, error) {
	if err := domain(sigma, mu); err != nil {
		return 0, err
	}
	var a, b float64
	if k == CP {
		a, b = mu*sigma/(sigma-1), mu // μ/ρ
	} else {
		a, b = mu/(sigma-1), mu/sigma
	}
	if a >= 1 {
		return 0, fmt.Errorf("coreperiphery: %v with sigma = %g, mu = %g: the no-black-hole condition fails (agglomeration at any trade cost)", k, sigma, mu)
	}
	return (1 - a) * (1 - b) / ((1 + a) * (1 + b)), nil
}

// SustainFunc returns f(φ) − 1 where f(φ) is the real reward a single
// deserter would earn in the empty region, relative to the core's, raised
// to a positive power; full agglomeration is sustainable where it is ≤ 0.
//
// CP (FKV 1999, ch. 5): f(φ) = φ^(σμ/(σ−1)) · ((1+μ)φ/2 + (1−μ)/(2φ)),
// which is (ω₂/ω₁)^σ.
//
// FE (derived here the same way): f(φ) = φ^a · ((1+b)φ/2 + (1−b)/(2φ)),
// a = μ/(σ−1), b = μ/σ, which is V₂/V₁: a deserter's operating profit
// (1/σ)(E₂/φ + φE₁)/H at the core's price index raised by T^μ, with the
// expenditure shares E₁ = (1+b)/2, E₂ = (1−b)/2 of the agglomerated
// economy.
func SustainFunc(k Kind, sigma, mu, phi float64) float64 {
	if k == CP {
		return math.Pow(phi, sigma*mu/(sigma-1))*((1+mu)*phi/2+(1-mu)/(2*phi)) - 1
	}
	a, b := mu/(sigma-1), mu/sigma
	return math.Pow(phi, a)*((1+b)*phi/2+(1-b)/(2*phi)) - 1
}

// SustainPoint returns the sustain point φ_S in (0, 1): the root of
// SustainFunc, above which full agglomeration is a stable equilibrium. It
// is found by bisection to 1e-14. It returns an error when the
// no-black-hole condition fails (agglomeration is then sustainable at
// every φ).
func SustainPoint(k Kind, sigma, mu float64) (float64, error) {
	if _, err := BreakPoint(k, sigma, mu); err != nil {
		return 0, err
	}
	// f − 1 → +∞ as φ → 0 (the 1/φ term wins when the no-black-hole
	// condition holds), is 0 at φ = 1, and is negative just below 1; the
	// root in (0, 1) is where it turns from positive to negative, found
	// from a point just below 1 (where the derivative is positive).
	lo, hi := 1e-12, 1-1e-9
	for range 200 {
		m := (lo + hi) / 2
		if SustainFunc(k, sigma, mu, m) > 0 {
			lo = m
		} else {
			hi = m
		}
		if hi-lo < 1e-14 {
			break
		}
	}
	return (lo + hi) / 2, nil
}

// domain checks σ > 1 and μ in (0, 1).
func domain(sigma, mu float64) error {
	if !(sigma > 1) || math.IsInf(sigma, 0) || !(mu > 0 && mu < 1) {
		return fmt.Errorf("coreperiphery: sigma = %g, mu = %g: want sigma > 1 and mu in (0, 1)", sigma, mu)
	}
	return nil
}
