package refparse

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestViterbiOneRunIsBestAllowed checks the constrained decoder against an
// exhaustive search over short sequences of a few labels: its labelling
// is allowed (one run of author and of container, years kept) and no
// allowed labelling scores higher.
func TestViterbiOneRunIsBestAllowed(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var trans [transSize]float32
	for i := range trans {
		trans[i] = float32(rng.NormFloat64())
	}
	tt := newTransTable(trans[:])
	// Labels outside this set get a very low emission, so the search can
	// stay small.
	use := []int{authorLabel, 1 /* title */, containerLabel, yearLabel}
	for trial := range 300 {
		n := 2 + trial%5
		em := make([][numLabels]float32, n)
		gaps := make([]uint8, n)
		for i := range em {
			for l := range numLabels {
				em[i][l] = -1e6
			}
			for _, l := range use {
				em[i][l] = float32(rng.NormFloat64() * 2)
			}
			if i > 0 {
				gaps[i] = uint8(rng.IntN(numGaps))
			}
		}
		start := make([]int, n)
		viterbiInto(em, gaps, tt, &viterbiBuf{}, start)
		got := append([]int(nil), start...)
		viterbiOneRun(em, gaps, tt, got)
		ok := func(seq []int) bool {
			for i := range seq {
				if start[i] == yearLabel && seq[i] != yearLabel {
					return false
				}
			}
			return !splitRuns(seq)
		}
		score := func(seq []int) float32 {
			s := tt.start[gaps[0]][seq[0]] + em[0][seq[0]]
			for i := 1; i < n; i++ {
				s += tt.pair[gaps[i]][seq[i-1]][seq[i]] + em[i][seq[i]]
			}
			return s
		}
		if !ok(got) {
			t.Fatalf("trial %d: %v is not allowed (from %v)", trial, got, start)
		}
		best := float32(-1e30)
		seq := make([]int, n)
		var walk func(i int)
		walk = func(i int) {
			if i == n {
				if ok(seq) {
					best = max(best, score(seq))
				}
				return
			}
			for _, l := range use {
				seq[i] = l
				walk(i + 1)
			}
		}
		walk(0)
		if d := best - score(got); d > 1e-3 {
			t.Fatalf("trial %d: %v scores %v, an allowed labelling %v", trial, got, score(got), best)
		}
		if !splitRuns(start) && !slices.Equal(got, start) {
			t.Fatalf("trial %d: an allowed best labelling %v changed to %v", trial, start, got)
		}
	}
}
