// Package marius is the MARIUS model family: the system of cities of
// Cottineau, Chapron & Reuillon (2015, JASSS 18(4) 9) and Cottineau,
// Reuillon, Chapron, Rey-Coyrehourcq & Pumain (2015, Systems 3(4)), in the
// version with the bonus for the diversity of trade partners and the fixed
// cost per partner that the authors calibrated on the cities of the former
// Soviet Union, 1959-1989.
//
// Cities have a population P (thousands of inhabitants) and a wealth W.
// Each year supply and demand scale with population, cities trade along a
// gravity potential with distance decay, trade is limited by supply and
// demand, wealth changes by the trade balance, the bonus and the fixed
// costs, and wealth turns into population. Model implements the engine's
// mechanisms (sim.Mechanisms) over a model.State: State.Pop[WorkerLocal]
// holds the residents in persons, State.K the wealth, State.V (and Y) the
// supply of the year. The equations, with references, are in
// docs/models.md; Fit is the published fit measure.
//
// The model has no random element: the seed and the mode do not change a
// run.
package marius
