package sim

import "factorflow/model"

// Frame is what observers receive each year: the state after the year's
// step (or the initial state for the first frame) and its metrics. Observers
// must not keep or modify it after Observe returns.
type Frame struct {
	Year     int
	Scenario *model.Scenario
	State    *model.State
	Metrics  *model.Metrics
	// Names of cities, regions and sectors, by index.
	Cities, Regions, Sectors []string
	// CityRegion is the region index of each city.
	CityRegion []int
}

// Observer receives each year's frame, in year order.
type Observer interface {
	Observe(f *Frame) error
}

// ObserverFunc lets a plain function serve as an Observer.
type ObserverFunc func(f *Frame) error

// Observe calls fn(f).
func (fn ObserverFunc) Observe(f *Frame) error { return fn(f) }
