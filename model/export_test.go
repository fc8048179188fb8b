package model

// This file exposes unexported parts of the mechanisms to the external
// mechanism tests (package model_test), which build their scenarios with
// package scenarios and so cannot live in package model.

// MigrationFlows computes one step's moves with reconsideration share rho
// without changing the population (migrationFlows).
func (e *Economy) MigrationFlows(st *State, d *Draw, rho float64) { e.migrationFlows(st, d, rho) }

// Leavers returns the people of group g who left each city in the last
// MigrationFlows, [c].
func (e *Economy) Leavers(g Group) []float64 { return e.scratch.leave[g] }

// Arrivals returns the arrivals of skill k in each city (from cities and
// hinterlands) in the last MigrationFlows, [c].
func (e *Economy) Arrivals(k Skill) []float64 { return e.scratch.arrive[k] }

// Pool returns the capital of closed firms awaiting reinvestment, [c]. The
// slice is the economy's own: writing to it changes the pool.
func (e *Economy) Pool() []float64 { return e.scratch.pool }

// Pending returns the capital invested this step and not yet handed to
// firms, [c*S+s]; the economy's own slice.
func (e *Economy) Pending() []float64 { return e.scratch.pending }

// Demand returns the calibrated outside demand D_s of traded sectors (in the
// first S entries) and local spending shares, [c*S+s].
func (e *Economy) Demand() []float64 { return e.demand }

// Emission0 returns each city's emissions at the start, [c].
func (e *Economy) Emission0() []float64 { return e.emission0 }

// Emissions returns each city's emissions of this year, [c].
func (e *Economy) Emissions(st *State) []float64 {
	em := make([]float64, e.N)
	e.emissions(st, em)
	return em
}

// PollutionKernel returns the share of city j's carried emissions landing in
// city c, [c*N+j].
func (e *Economy) PollutionKernel() []float64 { return widen(e.kPol) }

// KnowledgeKernel returns the weight with which city j learns from city i,
// [j*N+i].
func (e *Economy) KnowledgeKernel() []float64 { return widen(e.kKnow) }

// SeatTargets returns the education and health seats per 100,000 residents
// that city c's funding of this year would sustain, before efficiency.
func (e *Economy) SeatTargets(st *State, c int) (edu, health float64) { return e.seatTargets(st, c) }

func widen(x []float32) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = float64(v)
	}
	return y
}

// ApplyMigration moves the people of the flows of the last MigrationFlows.
func (e *Economy) ApplyMigration(st *State) { e.applyMigration(st) }

// Compensation returns what policy i's barrier removal owes the regions
// that lost tax share, with st's revenue.
func (e *Economy) Compensation(st *State, i int) float64 {
	return e.compensation(st, &e.policies[i], e.Sc.Dt)
}

// LabourForce returns the residents of city c with skill k who work
// (labourForce).
func (e *Economy) LabourForce(st *State, c int, k Skill) float64 { return e.labourForce(st, c, k) }

// TrainingCost returns the cost of enrolling n trainees in a step of dt
// years under training policy p (trainingCost).
func TrainingCost(p Policy, n, dt float64) float64 {
	r := policyRun{Policy: p}
	return r.trainingCost(n, dt)
}

// ClearLand is clearLand: the rent that clears a city's land market.
func ClearLand(h0, theta, a, pop, b, warm float64) float64 {
	return clearLand(h0, theta, a, pop, b, warm)
}

// LandLambda returns λ, the calibrated resident equivalents of land per
// unit of the firms' land spending at rent 1 (0 when industrial land is off).
func (e *Economy) LandLambda() float64 { return e.landLambda }

// FirmOutput is firmOutput: firm fm's output this step.
func (e *Economy) FirmOutput(st *State, fm *Firm) float64 { return e.firmOutput(st, fm) }
