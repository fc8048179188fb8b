//go:build race

package plot

// raceEnabled is true under the race detector, which makes drawing PNG
// figures about twenty times slower: the tests then draw fewer.
const raceEnabled = true
