//go:build race

package calibrate

// raceEnabled is true under the race detector, which makes a MARIUS run
// (1,145 cities × 30 years) about ten times slower: the tests then run
// fewer of them.
const raceEnabled = true
