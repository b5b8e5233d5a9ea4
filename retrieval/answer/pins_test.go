package answer

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"testing"

	"paperbot/corpus"
)

// pinPair is one line of testdata/pins/pairs.jsonl.
type pinPair struct {
	Pinned string `json:"pinned"`
	Asked  string `json:"asked"`
	Match  bool   `json:"match"`
	Kind   string `json:"kind"`
}

func loadPinPairs(t *testing.T) []pinPair {
	t.Helper()
	f, err := os.Open("../../testdata/pins/pairs.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []pinPair
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var p pinPair
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("%s: %v", sc.Text(), err)
		}
		out = append(out, p)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// pinPR is the precision and recall of matching at threshold th.
func pinPR(pairs []pinPair, scores []float64, th float64) (prec, rec float64, tp, fp, fn int) {
	for i, p := range pairs {
		got := scores[i] >= th && scores[i] > 0
		switch {
		case got && p.Match:
			tp++
		case got:
			fp++
		case p.Match:
			fn++
		}
	}
	prec, rec = 1, 0
	if tp+fp > 0 {
		prec = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		rec = float64(tp) / float64(tp+fn)
	}
	return
}

// chooseThreshold finds the lowest score (one some pair has) at which no
// false match remains, or failing that the one of highest precision, and
// returns the midpoint between it and the next lower score: the widest
// margin on both sides.
func chooseThreshold(pairs []pinPair, scores []float64) float64 {
	cands := slices.Clone(scores)
	slices.Sort(cands)
	cands = slices.Compact(cands)
	best, bestP, bestR := len(cands)-1, -1.0, -1.0
	for i, th := range cands {
		if th <= 0 {
			continue
		}
		p, r, _, _, _ := pinPR(pairs, scores, th)
		if p > bestP || (p == bestP && r > bestR) {
			best, bestP, bestR = i, p, r
		}
	}
	if best == 0 {
		return cands[0]
	}
	return (cands[best-1] + cands[best]) / 2
}

// TestPinPairs chooses the pin threshold on the labelled pairs and checks
// that pinMatchAt is it (to two decimals), reporting precision and
// recall, in-sample and by two-fold cross-validation (threshold chosen on
// one half, measured on the other).
func TestPinPairs(t *testing.T) {
	pairs := loadPinPairs(t)
	pi := newPaperInfo(corpus.Default())
	scores := make([]float64, len(pairs))
	for i, p := range pairs {
		scores[i] = pinSimilarity(readPin(pi, analyze(p.Asked)), readPin(pi, analyze(p.Pinned)))
		if testing.Verbose() {
			t.Logf("%.2f %-5v %-10s %q ~ %q", scores[i], p.Match, p.Kind, p.Pinned, p.Asked)
		}
	}
	th := chooseThreshold(pairs, scores)
	if math.Abs(pinMatchAt-th) > 0.005 {
		t.Errorf("pinMatchAt = %v, the pairs choose %.3f", pinMatchAt, th)
	}
	p, r, tp, fp, fn := pinPR(pairs, scores, pinMatchAt)
	t.Logf("pairs %d: threshold %.2f precision %.3f recall %.3f (tp %d fp %d fn %d)", len(pairs), pinMatchAt, p, r, tp, fp, fn)
	if p < 1 {
		t.Errorf("precision %.3f: a pin would answer a different question", p)
	}
	// Two-fold cross-validation: even and odd lines.
	var cvTP, cvFP, cvFN int
	for fold := range 2 {
		var trP, teP []pinPair
		var trS, teS []float64
		for i := range pairs {
			if i%2 == fold {
				teP, teS = append(teP, pairs[i]), append(teS, scores[i])
			} else {
				trP, trS = append(trP, pairs[i]), append(trS, scores[i])
			}
		}
		_, _, tp, fp, fn := pinPR(teP, teS, chooseThreshold(trP, trS))
		cvTP, cvFP, cvFN = cvTP+tp, cvFP+fp, cvFN+fn
	}
	t.Logf("two-fold cross-validated: precision %.3f recall %.3f (tp %d fp %d fn %d)",
		float64(cvTP)/float64(max(1, cvTP+cvFP)), float64(cvTP)/float64(max(1, cvTP+cvFN)), cvTP, cvFP, cvFN)
}

// TestPinnedByMeaning: a pin answers a paraphrase of its question through
// Ask, and not a question that shares its words but asks something else.
func TestPinnedByMeaning(t *testing.T) {
	e := newTestEngine(t, Options{Pins: fakePins{q: "What does the paper say about soft power?", text: "Pinned."}})
	for q, want := range map[string]bool{
		"what does the paper say about SOFT power":     true,
		"What does the article say about soft power?":  true,
		"What does the paper say about sfot power?":    true,
		"What does the paper say about hard power?":    false,
		"Who coined the term soft power?":              false,
		"When does the paper say soft power declined?": false,
	} {
		a, err := e.Ask(context.Background(), Request{Question: q})
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Mode == ModePinned; got != want {
			t.Errorf("%q: pinned %v, want %v (%s)", q, got, want, fmt.Sprint(a.Mode))
		}
	}
}

// TestPinSimilarity pins down the rules of the matcher, one case each.
func TestPinSimilarity(t *testing.T) {
	pi := newPaperInfo(corpus.Default())
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"What is the role of the alder grove?", "What role does the alder grove play?", true},  // definition ~ fact
		{"How many kilns did the potters fire?", "How many kilns did the potters fiire?", true}, // misspelling
		{"Why did the canal silt up?", "Why did the canal silt up", true},
		{"How many kilns did the potters fire?", "How many ovens did the potters fire?", false},      // swapped word
		{"Which grants did the lab win?", "Which grants did the lab not win?", false},                // negation
		{"When did the canal silt up?", "Why did the canal silt up?", false},                         // kind of answer
		{"What does [3] say about kilns?", "What does [4] say about kilns?", false},                  // reference
		{"What is the alder grove?", "Who planted the alder grove along the northern canal?", false}, // intent
		{"What are its weak points?", "What limitations does it have?", true},                        // no topic: the intent
		{"Why is that so?", "Why is this?", false},                                                   // no topic, no intent
	} {
		s := pinSimilarity(readPin(pi, analyze(c.a)), readPin(pi, analyze(c.b)))
		if got := s >= pinMatchAt; got != c.same {
			t.Errorf("%q ~ %q: %.2f, want same=%v", c.a, c.b, s, c.same)
		}
	}
}

// manyPins pins n questions.
type manyPins []Pin

func (p manyPins) PinnedAnswers(context.Context, string, string) ([]Pin, error) { return p, nil }

// BenchmarkPinLookup is the cost pins add to a question that matches none
// of 100 pins (the pinned questions already read, as after the first
// question).
func BenchmarkPinLookup(b *testing.B) {
	pins := make(manyPins, 100)
	for i := range pins {
		pins[i] = Pin{Question: fmt.Sprintf("Why did the canal number %d silt up after the flood of the northern marsh?", i), Answer: "x"}
	}
	e := newTestEngine(b, Options{Pins: pins})
	pi := e.info(corpus.Default())
	qq := analyze("What does the paper say about soft power in Central Asia?")
	ctx := context.Background()
	for b.Loop() {
		if _, ok := e.pinFor(ctx, pi, "", qq); ok {
			b.Fatal("matched")
		}
	}
}
