//go:build !race

package corpus

// raceEnabled is true when the tests run with the race detector.
const raceEnabled = false
