package serve

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"factorflow/model"
)

// settings are the sliders' positions, as the page shows them.
type settings struct {
	// Barrier is the administrative barrier between each pair of regions
	// ("A|B", A before B in the scenario) as a multiple of the scenario's
	// own (all four kinds: people, capital, knowledge, trade).
	Barrier map[string]float64 `json:"barrier"`
	// HukouPenalty is the utility cost of living without local
	// registration, utils, in every city.
	HukouPenalty float64 `json:"hukou_penalty"`
	// Access is the share of public services open to non-local residents.
	Access float64 `json:"access"`
	// Transport is the highway and rail density as a multiple of the
	// start's.
	Transport float64 `json:"transport"`
}

func defaultSettings(eco *model.Economy) settings {
	sc := eco.Sc
	s := settings{Barrier: map[string]float64{}, HukouPenalty: sc.Hukou.Penalty, Access: sc.Hukou.Access, Transport: 1}
	for a := range sc.Regions {
		for b := a + 1; b < len(sc.Regions); b++ {
			s.Barrier[pairKey(sc, a, b)] = 1
		}
	}
	return s
}

func pairKey(sc *model.Scenario, a, b int) string {
	if a > b {
		a, b = b, a
	}
	return sc.Regions[a].Name + "|" + sc.Regions[b].Name
}

// changeRequest is the body of POST /api/sessions/{id}/changes: one change
// to the variant run, in force from the next year.
type changeRequest struct {
	// Lever is barrier, hukou_penalty, access, transport or pyramid.
	Lever string `json:"lever"`
	// Regions are the two regions of a barrier; none = every pair.
	Regions []string `json:"regions"`
	// Value is the lever's new position (see settings); not for pyramid.
	Value *float64 `json:"value"`
	// Level is the policy-pyramid level, 1 to 5 (pyramid only).
	Level int `json:"level"`
	// Cities are the pyramid policy's targets (pyramid only).
	Cities []string `json:"cities"`
}

// Slider ranges.
var ranges = map[string][2]float64{
	"barrier":       {0, 2},   // multiple of the scenario's barrier
	"hukou_penalty": {0, 5},   // utils
	"access":        {0, 1},   // share
	"transport":     {0.5, 5}, // multiple of the start's density
}

// level is a rung of the policy pyramid as the buttons apply it: the
// magnitudes and unit costs of the jjj-pyramid-N what-ifs, which share
// one discounted budget, aimed at the chosen cities.
type level struct {
	label     string
	kind      model.PolicyKind
	magnitude float64
	unitCost  float64
	chain     bool    // only the chain and base sectors
	duration  float64 // training: years of study
	capacity  float64 // training: places a year at unit cost
	convert   float64 // training: expected share of trainees who become talent
}

var pyramid = []level{
	{"1 barrier removal: hukou relaxed by half", model.PolicyHukou, 0.5, 0.1, false, 0, 0, 0},
	{"2 auxiliary: land and fees 2.7 % cheaper", model.PolicyLandCost, 0.0268, 0, false, 0, 0, 0},
	{"3 supportive: 0.23 % of workers enrolled a year in a 3-year course", model.PolicyTraining, 0.00231, 0.1, false, 3, 4e5, 0.19},
	{"4 incentive: cost of capital 0.11 point lower", model.PolicyIncentive, 0.00109, 0, true, 0, 0, 0},
	{"5 subsidy: cash of 0.48 % of output", model.PolicySubsidy, 0.00483, 0, true, 0, 0, 0},
}

// check validates a change request against the scenario.
func (c *changeRequest) check(sc *model.Scenario) error {
	if c.Lever == "pyramid" {
		if c.Value != nil || len(c.Regions) > 0 {
			return fmt.Errorf("value and regions do not apply to lever pyramid")
		}
		if c.Level < 1 || c.Level > len(pyramid) {
			return fmt.Errorf("level: %d out of range [1, %d]", c.Level, len(pyramid))
		}
		if len(c.Cities) == 0 {
			return fmt.Errorf("cities: choose at least one city")
		}
		for _, name := range c.Cities {
			if !slices.ContainsFunc(sc.Cities, func(x model.City) bool { return x.Name == name }) {
				return fmt.Errorf("cities: unknown city %q", name)
			}
		}
		return nil
	}
	r, ok := ranges[c.Lever]
	switch {
	case c.Lever == "":
		return fmt.Errorf("lever: missing (one of barrier, hukou_penalty, access, transport, pyramid)")
	case !ok:
		return fmt.Errorf("lever: unknown %q (one of barrier, hukou_penalty, access, transport, pyramid)", c.Lever)
	case c.Level != 0 || len(c.Cities) > 0:
		return fmt.Errorf("level and cities apply only to lever pyramid")
	case c.Value == nil:
		return fmt.Errorf("value: missing (in [%g, %g])", r[0], r[1])
	case !(*c.Value >= r[0] && *c.Value <= r[1]):
		return fmt.Errorf("value: %g out of range [%g, %g] for lever %s", *c.Value, r[0], r[1], c.Lever)
	case c.Lever != "barrier" && len(c.Regions) > 0:
		return fmt.Errorf("regions apply only to lever barrier")
	}
	if c.Lever == "barrier" && len(sc.Regions) < 2 {
		return fmt.Errorf("lever barrier: the scenario has one region, so no barrier between regions")
	}
	if c.Lever == "barrier" && len(c.Regions) > 0 {
		if len(c.Regions) != 2 || c.Regions[0] == c.Regions[1] {
			return fmt.Errorf("regions: want two different regions, or none for every pair")
		}
		for _, name := range c.Regions {
			if !slices.ContainsFunc(sc.Regions, func(x model.Region) bool { return x.Name == name }) {
				return fmt.Errorf("regions: unknown region %q", name)
			}
		}
	}
	return nil
}

// apply validates and applies a change to the variant run.
func (ss *session) apply(c *changeRequest) error {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	p := ss.p
	eco := p.variant.Economy()
	if err := c.check(eco.Sc); err != nil {
		return err
	}
	if p.done() {
		return fmt.Errorf("the run has ended (%s); reset to start again", ss.endLocked())
	}
	what, err := p.apply(c)
	if err != nil {
		return err
	}
	p.changes = append(p.changes, what)
	p.changeYears = append(p.changeYears, p.variant.Frame().Year)
	ss.sendLocked("status", ss.statusLocked())
	return nil
}

// apply makes a checked change and describes it.
func (p *pair) apply(c *changeRequest) (string, error) {
	eco := p.variant.Economy()
	st := p.variant.Frame().State
	sc, R := eco.Sc, eco.R
	v := 0.0
	if c.Value != nil {
		v = *c.Value
	}
	switch c.Lever {
	case "barrier":
		idx := pairIndices(sc, c.Regions)
		old := p.set.Barrier[pairKey(sc, idx[0]/R, idx[0]%R)]
		eco.AdjustBase(func(b *model.Levers) {
			for k := range b.Barrier {
				for _, i := range idx {
					b.Barrier[k][i] = scaled(p.start.Barrier[k][i], v)
				}
			}
		})
		for _, i := range idx {
			p.set.Barrier[pairKey(sc, i/R, i%R)] = v
		}
		where := "between every pair of regions"
		if len(c.Regions) == 2 {
			where = "between " + c.Regions[0] + " and " + c.Regions[1]
		}
		return fmt.Sprintf("the barrier %s %s to %.0f %%", where, moved(old, v), 100*v), nil
	case "hukou_penalty":
		old := p.set.HukouPenalty
		eco.AdjustBase(func(b *model.Levers) {
			for i := range b.HukouPenalty {
				b.HukouPenalty[i] = v
			}
		})
		p.set.HukouPenalty = v
		return fmt.Sprintf("the hukou penalty %s to %.2f", moved(old, v), v), nil
	case "access":
		old := p.set.Access
		eco.AdjustBase(func(b *model.Levers) {
			for i := range b.HukouAccess {
				b.HukouAccess[i] = v
			}
		})
		p.set.Access = v
		return fmt.Sprintf("non-local access to services %s to %.0f %%", moved(old, v), 100*v), nil
	case "transport":
		if eco.FrozenNetwork {
			return "", fmt.Errorf("lever transport: this scenario keeps its network fixed (mechanisms.transport = false)")
		}
		old := p.set.Transport
		m := v/old - 1
		cost := 0.0
		if m > 0 {
			cost = 80 // CNY million per km built, as jjj-boswash-transport
		}
		pol := model.Policy{Name: fmt.Sprintf("transport density x%.2f", v), Kind: model.PolicyInfra,
			Start: st.Year + 1, End: st.Year + 1, Factor: "all", Magnitude: m, UnitCost: cost}
		if err := eco.AddPolicy(st, pol); err != nil {
			return "", err
		}
		p.set.Transport = v
		return fmt.Sprintf("transport density %s to %.2f times the start's", moved(old, v), v), nil
	}
	return p.pyramid(c)
}

// pyramid schedules a policy-pyramid level for the chosen cities.
func (p *pair) pyramid(c *changeRequest) (string, error) {
	eco := p.variant.Economy()
	st := p.variant.Frame().State
	l := pyramid[c.Level-1]
	pol := model.Policy{Name: fmt.Sprintf("level %d in %s", c.Level, strings.Join(c.Cities, ", ")), Kind: l.kind,
		Start: st.Year + 1, Cities: c.Cities, Factor: "all", Magnitude: l.magnitude, UnitCost: l.unitCost, Duration: l.duration, Capacity: l.capacity, Conversion: l.convert}
	if l.chain {
		for _, s := range eco.Sc.Sectors {
			if s.Type == model.Chain || s.Type == model.Base {
				pol.Sectors = append(pol.Sectors, s.Name)
			}
		}
	}
	if err := eco.AddPolicy(st, pol); err != nil {
		return "", err
	}
	return fmt.Sprintf("pyramid level %s in %s", l.label, strings.Join(c.Cities, ", ")), nil
}

// pairIndices returns the ordered region-pair indices a*R+b of the named
// regions (both directions), or of every pair when names is empty.
func pairIndices(sc *model.Scenario, names []string) []int {
	R := len(sc.Regions)
	in := func(r int) bool {
		return len(names) == 0 || slices.Contains(names, sc.Regions[r].Name)
	}
	var idx []int
	for a := 0; a < R; a++ {
		for b := 0; b < R; b++ {
			if a != b && in(a) && in(b) {
				idx = append(idx, a*R+b)
			}
		}
	}
	return idx
}

// scaled is x·f with an infinite barrier kept infinite unless f is 0.
func scaled(x, f float64) float64 {
	if f == 0 {
		return 0
	}
	if math.IsInf(x, 1) {
		return x
	}
	return x * f
}

// moved says how a slider moved.
func moved(old, v float64) string {
	switch {
	case v < old:
		return "fell"
	case v > old:
		return "rose"
	}
	return "stayed"
}
