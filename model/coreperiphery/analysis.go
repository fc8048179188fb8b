package coreperiphery

import "fmt"

// symmetricShift is the displacement from the symmetric point at which
// SymmetricGap tests its stability: small enough that the cubic term of
// the reward gap (the quadratic one vanishes by symmetry) moves the
// detected break point by about 1e-8, large enough that the gap stands
// well above the solver's tolerance.
const symmetricShift = 1e-4

// Gap returns ω₁ − ω₂, the real reward of region 1 minus region 2's, in the
// short-run equilibrium of a two-region economy with the first region's
// mobile share l.
func Gap(p Params, l float64) (float64, error) {
	if len(p.Phi) != 4 {
		return 0, fmt.Errorf("coreperiphery: Gap needs two regions, have a %d-value freeness matrix", len(p.Phi))
	}
	e, err := New(p, []float64{l, 1 - l})
	if err != nil {
		return 0, err
	}
	if err := e.Solve(); err != nil {
		return 0, err
	}
	return e.Omega[0] - e.Omega[1], nil
}

// SymmetricGap returns the reward gap just off the symmetric equilibrium
// (region 1's share 1/2 + 1e-4): positive when the symmetric equilibrium
// is unstable (a mover to the bigger region gains), negative when stable.
// It changes sign at the break point.
func SymmetricGap(p Params) (float64, error) { return Gap(p, 0.5+symmetricShift) }

// CoreGap returns the reward gap with all the mobile factor in region 1:
// positive when full agglomeration is sustainable (a deserter to region 2
// loses), negative when not. It changes sign at the sustain point.
func CoreGap(p Params) (float64, error) { return Gap(p, 1) }

// TwoRegion returns the parameters of a two-region economy with freeness
// phi between the regions and equal immobile shares.
func TwoRegion(k Kind, sigma, mu, phi float64) Params {
	return Params{Kind: k, Sigma: sigma, Mu: mu, Phi: []float64{1, phi, phi, 1}}
}
