// Package model is the economics of factorflow: the scenario's entities and
// parameters (spec.go), the simulated state (state.go), and the mechanisms of
// the yearly step as functions with no I/O. The engine in package sim calls
// them in the documented order; nothing here reads or writes files or uses a
// global random source.
package model
