//go:build race

package bot

// raceEnabled is true when the tests run with the race detector.
const raceEnabled = true
