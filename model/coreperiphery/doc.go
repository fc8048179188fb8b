// Package coreperiphery is the economics of two canonical models of the new
// economic geography, run by factorflow as the model families
// "core-periphery" and "footloose-entrepreneur" (docs/models.md):
//
//   - the core-periphery model of Krugman (1991) in the normalisation of
//     Fujita, Krugman & Venables (1999, ch. 4–5): mobile manufacturing
//     workers, immobile farmers, Dixit–Stiglitz varieties traded at
//     iceberg cost;
//   - the footloose-entrepreneur model of Forslid & Ottaviano (2003) and
//     Baldwin et al. (2003, ch. 4): mobile entrepreneurs, each the fixed
//     cost of one firm, immobile workers.
//
// An Economy holds N regions linked by a freeness-of-trade matrix. Solve
// finds the short-run equilibrium at the current mobile shares (incomes,
// price indices, nominal rewards) as a fixed point; Replicate moves the
// mobile factor toward the higher real reward. BreakPoint and SustainPoint
// are the closed forms of the two-region model that the tests and the
// bifurcation command check against.
//
// Family wraps an Economy as the yearly mechanisms of a scenario over a
// model.State (the engine's sim.Mechanisms, sim.Checker); the package does
// no I/O and does not import the engine.
package coreperiphery
