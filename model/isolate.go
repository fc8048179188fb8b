package model

import (
	"fmt"
	"math"
)

// IsolatedScenario returns the counterfactual of the synergy gain (MODEL.md
// section 5): the same cities, each its own region with its share of its
// region's rural population (in proportion to urban residents) and that
// region's rural parameters; every barrier infinite, so that no person,
// capital, firm, good or idea crosses between cities; no benefit sharing.
// Policies that act between cities (barrier, tolls, sharing, parks) are
// dropped; the others keep their target cities. Calibration is switched
// off: the counterfactual takes the cluster's calibration (Transplant).
func IsolatedScenario(sc *Scenario) *Scenario {
	iso := *sc
	iso.Extends = ""
	iso.Production.Calibrate, iso.Migration.Calibrate = false, false
	inf := math.Inf(1)
	iso.Barriers = Barriers{People: inf, Capital: inf, Knowledge: inf, Trade: inf}
	iso.Fiscal.Sharing = 0
	region := make(map[string]Region, len(sc.Regions))
	urban := make(map[string]float64, len(sc.Regions))
	for _, r := range sc.Regions {
		region[r.Name] = r
	}
	for _, c := range sc.Cities {
		urban[c.Region] += c.Population
	}
	iso.Regions = make([]Region, len(sc.Cities))
	iso.Cities = make([]City, len(sc.Cities))
	for i, c := range sc.Cities {
		r := region[c.Region]
		if u := urban[c.Region]; u > 0 {
			r.Rural *= c.Population / u
		} else {
			r.Rural /= float64(countIn(sc.Cities, c.Region))
		}
		r.Name = c.Name
		iso.Regions[i] = r
		iso.Cities[i] = c
		iso.Cities[i].Region = c.Name
	}
	iso.Policies = isolatedPolicies(sc)
	return &iso
}

func countIn(cities []City, region string) int {
	n := 0
	for _, c := range cities {
		if c.Region == region {
			n++
		}
	}
	return n
}

// isolatedPolicies keeps the policies that act within cities, with their
// regions turned into the cities of those regions.
func isolatedPolicies(sc *Scenario) []Policy {
	var out []Policy
	for _, p := range sc.Policies {
		switch p.Kind {
		case PolicyBarrier, PolicyTolls, PolicySharing, PolicyPark:
			continue
		}
		q := p
		if len(q.Cities) == 0 {
			in := make(map[string]bool, len(q.Regions))
			for _, r := range q.Regions {
				in[r] = true
			}
			for _, c := range sc.Cities {
				if len(q.Regions) == 0 || in[c.Region] {
					q.Cities = append(q.Cities, c.Name)
				}
			}
		}
		q.Regions = nil
		out = append(out, q)
	}
	return out
}

// Transplant gives the isolated economy iso (built from IsolatedScenario of
// the cluster's scenario, with its state ist) the cluster's calibration:
// capital, productivity and knowledge, amenities, outside demand and spending shares, service
// efficiency, rural amenities, wage normalisers and farm floors, start
// emissions and pollution; then it solves the isolated start's prices, so
// that the two runs differ only in what crosses between cities.
func Transplant(iso *Economy, ist *State, cluster *Economy, cst *State) error {
	if iso.N != cluster.N || iso.S != cluster.S || iso.R != iso.N {
		return fmt.Errorf("model: transplant: economies of different shapes")
	}
	if len(ist.Firms) != len(cst.Firms) {
		return fmt.Errorf("model: transplant: %d firms, the cluster has %d", len(ist.Firms), len(cst.Firms))
	}
	for f := range ist.Firms { // the same draws; the cluster's distribution of capital
		ist.Firms[f].K = cst.Firms[f].K
	}
	copy(iso.meanFirmK, cluster.meanFirmK)
	copy(ist.A, cst.A)
	copy(ist.Y, cst.Y) // last year's output, for supplier access
	copy(ist.Amenity, cst.Amenity)
	copy(ist.Pollution, cst.Pollution)
	copy(iso.demand, cluster.demand)
	copy(iso.eduEff, cluster.eduEff)
	copy(iso.healthEff, cluster.healthEff)
	copy(iso.emission0, cluster.emission0)
	iso.income0 = cluster.income0
	copy(iso.tfp, cluster.tfp)
	iso.landLambda = cluster.landLambda
	copy(iso.landScale, cluster.landScale)
	for c := 0; c < iso.N; c++ {
		r := cluster.CityRegion[c]
		iso.ruralAmenity[c] = cluster.ruralAmenity[r]
		iso.ruralNorm[c] = cluster.ruralNorm[r]
		if cst.Rural[r] > 0 {
			iso.floor0[c] = cluster.floor0[r] * ist.Rural[c] / cst.Rural[r]
		}
	}
	iso.RuralWages(ist)
	iso.Kernels()
	iso.Produce(ist)
	if err := iso.Clear(ist); err != nil {
		return fmt.Errorf("model: isolated start: %w", err)
	}
	return nil
}
