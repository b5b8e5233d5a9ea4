package answer

import (
	"context"
	"strings"
	"testing"

	"paperbot/corpus"
)

// A comparison neither of whose sides the text has on its own adds
// nothing (Ask then answers the question as a whole, or declines) rather
// than "On X: the paper says nothing." twice.
func TestCompareWithNeitherSide(t *testing.T) {
	p, err := corpus.Parse("rivers.txt", []byte(riversText))
	if err != nil {
		t.Fatal(err)
	}
	e := engineFor(t, p)
	pi := e.info(p)
	qq := analyze("glaciers vs icebergs, which melt faster?")
	if qq.intent != IntentCompare {
		t.Fatalf("intent %s", qq.intent)
	}
	hits, err := e.search(context.Background(), p.ID, qq.query, poolSize)
	if err != nil {
		t.Fatal(err)
	}
	r := newReply(pi)
	if compareAnswer(r, qq, hits, nil) || r.b.Len() > 0 {
		t.Errorf("compareAnswer wrote %q", r.b.String())
	}
	qq = analyze("harbours vs flood walls")
	if hits, err = e.search(context.Background(), p.ID, qq.query, poolSize); err != nil {
		t.Fatal(err)
	}
	if r := newReply(pi); !compareAnswer(r, qq, hits, nil) || !strings.Contains(r.b.String(), "Harbours grew") {
		t.Errorf("both sides: %q", r.b.String())
	}
}
