package study

import (
	"slices"
	"testing"
)

// TestWordPairsKeepHyphens: a hyphenated word pairs whole, as printed;
// its second half never makes a pair of its own ("effects models").
func TestWordPairsKeepHyphens(t *testing.T) {
	got := wordPairs("Linear mixed-effects models fit well.")
	if !slices.Contains(got, "mixed-effects models") || slices.Contains(got, "effects models") {
		t.Errorf("pairs %q", got)
	}
}
