package model

import "maps"

// Clone returns a deep copy of sc: changing the copy, its slices, maps or
// pointers, leaves sc as it was.
func (sc *Scenario) Clone() *Scenario {
	c := *sc
	c.Sectors = append([]Sector(nil), sc.Sectors...)
	for i := range c.Sectors {
		c.Sectors[i].Inputs = maps.Clone(sc.Sectors[i].Inputs)
	}
	c.Regions = append([]Region(nil), sc.Regions...)
	c.Cities = append([]City(nil), sc.Cities...)
	for i := range c.Cities {
		c.Cities[i].Sectors = maps.Clone(sc.Cities[i].Sectors)
	}
	c.Policies = append([]Policy(nil), sc.Policies...)
	for i, p := range sc.Policies {
		c.Policies[i].Regions = append([]string(nil), p.Regions...)
		c.Policies[i].Cities = append([]string(nil), p.Cities...)
		c.Policies[i].Sectors = append([]string(nil), p.Sectors...)
	}
	c.Transport.Links = append([]Link(nil), sc.Transport.Links...)
	c.Barriers.Pairs = append([]BarrierPair(nil), sc.Barriers.Pairs...)
	for i := range c.Barriers.Pairs {
		p := &c.Barriers.Pairs[i]
		p.People, p.Capital, p.Knowledge, p.Trade = clonePtr(p.People), clonePtr(p.Capital), clonePtr(p.Knowledge), clonePtr(p.Trade)
	}
	return &c
}

func clonePtr(x *float64) *float64 {
	if x == nil {
		return nil
	}
	v := *x
	return &v
}
