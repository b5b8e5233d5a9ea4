package answer

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// intentScore is the accuracy of one way of deciding the intent on a set.
type intentScore struct {
	right, n         int
	metaRight, metaN int
	per              map[Intent][2]int // right, total by true intent
	confused         map[[2]Intent]int // (true, got) of the errors
}

func scoreIntents(cases []intentCase, decide func(q string) Intent) intentScore {
	s := intentScore{per: map[Intent][2]int{}, confused: map[[2]Intent]int{}}
	for _, c := range cases {
		want, got := c.label(), decide(c.Q)
		ok := got == want
		s.n++
		pe := s.per[want]
		pe[1]++
		if ok {
			s.right++
			pe[0]++
		} else {
			s.confused[[2]Intent{want, got}]++
		}
		s.per[want] = pe
		if want.isMeta() {
			s.metaN++
			if ok {
				s.metaRight++
			}
		}
	}
	return s
}

// report prints the accuracies of several deciders side by side: per
// intent, overall, meta questions, and the most frequent confusions.
func intentReport(cases []intentCase, names []string, scores []intentScore) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-13s %4s", "intent", "n")
	for _, n := range names {
		fmt.Fprintf(&b, " %10s", n)
	}
	b.WriteString("\n")
	for _, in := range intentLabels {
		n := scores[0].per[in][1]
		if n == 0 {
			continue
		}
		name := string(in)
		if in == IntentFact {
			name = "content"
		}
		fmt.Fprintf(&b, "%-13s %4d", name, n)
		for _, s := range scores {
			fmt.Fprintf(&b, " %10.2f", float64(s.per[in][0])/float64(n))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "%-13s %4d", "meta", scores[0].metaN)
	for _, s := range scores {
		fmt.Fprintf(&b, " %10.3f", float64(s.metaRight)/float64(s.metaN))
	}
	fmt.Fprintf(&b, "\n%-13s %4d", "all", scores[0].n)
	for _, s := range scores {
		fmt.Fprintf(&b, " %10.3f", float64(s.right)/float64(s.n))
	}
	b.WriteString("\n")
	for i, s := range scores {
		type conf struct {
			k [2]Intent
			n int
		}
		var cs []conf
		for k, n := range s.confused {
			cs = append(cs, conf{k, n})
		}
		slices.SortFunc(cs, func(a, b conf) int {
			return cmp.Or(b.n-a.n, cmp.Compare(a.k[0], b.k[0]), cmp.Compare(a.k[1], b.k[1]))
		})
		fmt.Fprintf(&b, "main confusions of %s (true→got):", names[i])
		for _, c := range cs[:min(len(cs), 8)] {
			fmt.Fprintf(&b, " %s→%s %d;", c.k[0], c.k[1], c.n)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestIntentHeldoutReport prints the accuracy of the intent on the
// report-only held-out questions: patterns alone, the model alone, and
// the fitted combination. Nothing is tuned on these numbers.
//
//	go test ./retrieval/answer -run TestIntentHeldoutReport -v
func TestIntentHeldoutReport(t *testing.T) {
	if !testing.Verbose() {
		// A report asserts nothing: it runs when asked for with -v, and
		// leaves the suite's time to the tests that check something.
		t.Skip("a report: run with -v")
	}
	for _, file := range []string{intentHeldoutFile} {
		cases, err := readIntentCases(file)
		if err != nil {
			t.Fatal(err)
		}
		names := []string{"patterns", "model", "combined"}
		scores := []intentScore{
			scoreIntents(cases, func(q string) Intent { return analyzeWith(q, learnedIntent, modePatterns, 0).intent }),
			scoreIntents(cases, func(q string) Intent { return analyzeWith(q, learnedIntent, modeModel, 0).intent }),
			scoreIntents(cases, func(q string) Intent { return analyze(q).intent }),
		}
		t.Logf("%s (%s ≥ %.2f)\n%s", file, intentMode, intentMinProb, intentReport(cases, names, scores))
		if testing.Verbose() {
			for _, c := range cases {
				if got := analyze(c.Q).intent; got != c.label() {
					t.Logf("  %-12s got %-12s %q", c.Intent, got, c.Q)
				}
			}
		}
	}
}
