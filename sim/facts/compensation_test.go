package facts

import (
	"math"
	"testing"

	"factorflow/model"
)

// TestShareCompensation checks the barrier's cost under MODEL.md F7's
// model against a baseline run: transfers that restore each region's
// baseline share of the regions' revenue, plus the administrative cost,
// discounted from the year after from.
func TestShareCompensation(t *testing.T) {
	sc := &model.Scenario{
		StartYear: 2015,
		Regions:   []model.Region{{Name: "A"}, {Name: "B"}},
		Policies:  []model.Policy{{Kind: model.PolicyBarrier, Start: 2016, Magnitude: 0.5, UnitCost: 10}},
	}
	series := func(a, b []float64) *Series {
		return &Series{Years: []int{2015, 2016, 2017}, values: map[string][]float64{"revenue A": a, "revenue B": b}}
	}
	tests := []struct {
		name      string
		base, pol *Series
		from      int
		want      float64
	}{
		{"same shares: administration only", series([]float64{50, 50, 60}, []float64{50, 50, 40}), series([]float64{50, 60, 90}, []float64{50, 60, 60}),
			2016, 5 / 1.1},
		{"A loses share in 2017", series([]float64{50, 50, 50}, []float64{50, 50, 50}), series([]float64{50, 50, 40}, []float64{50, 50, 80}),
			2016, (0.5*120 - 40 + 5) / 1.1},
		{"B loses share to a richer A", series([]float64{50, 50, 50}, []float64{50, 50, 50}), series([]float64{50, 50, 90}, []float64{50, 50, 50}),
			2016, (0.5*140 - 50 + 5) / 1.1},
		{"two years, counted from 2015", series([]float64{50, 50, 50}, []float64{50, 50, 50}), series([]float64{50, 40, 40}, []float64{50, 60, 80}),
			2015, (0.5*100-40+5)/1.1 + (0.5*120-40+5)/1.21},
		{"before the policy: no administration", series([]float64{50, 50, 50}, []float64{50, 50, 50}), series([]float64{50, 50, 50}, []float64{50, 50, 50}),
			2014, 5/1.21 + 5/1.331},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := shareCompensation(tt.base, tt.pol, sc, tt.from, 2017, 0.1); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("cost %v, want %v", got, tt.want)
			}
		})
	}
}
