package genlib

import (
	"bytes"
	"testing"

	"paperbot/retrieval"
)

// TestShape checks the generated papers stay within the real papers' range
// stated in the package comment, and that generation is deterministic.
func TestShape(t *testing.T) {
	papers, err := Generate(1, 20, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range papers {
		ps := retrieval.PassagesFor(p)
		var body, cited, cites, words int
		for _, q := range ps {
			if q.Kind != retrieval.KindBody {
				continue
			}
			body++
			words += len(bytes.Fields([]byte(q.Text)))
			cites += len(q.Cites)
			if len(q.Cites) > 0 {
				cited++
			}
		}
		if len(ps) < 77 || len(ps) > 300 {
			t.Errorf("%s: %d passages, want 77–300", p.ID, len(ps))
		}
		if body == 0 || len(p.Sections) < 5 {
			t.Fatalf("%s: %d body passages, %d sections", p.ID, body, len(p.Sections))
		}
		if m := float64(words) / float64(body); m < 20 || m > 29 {
			t.Errorf("%s: %.1f words per body passage, want 20–29", p.ID, m)
		}
		if c := float64(cites) / float64(body); c < 0.08 || c > 0.4 {
			t.Errorf("%s: %.2f citations per body passage, want 0.08–0.40", p.ID, c)
		}
		if len(p.Anomalies) > 0 {
			t.Errorf("%s: anomalies %v", p.ID, p.Anomalies)
		}
	}
	if !bytes.Equal(Text(1, 7, true), Text(1, 7, true)) || bytes.Equal(Text(1, 7, true), Text(2, 7, true)) {
		t.Error("Text is not a function of (seed, i)")
	}
	short, err := Generate(1, 1, false)
	if err != nil || len(short[0].Body) != 0 || len(short[0].References) < 20 {
		t.Fatalf("no-body paper: %v %+v", err, short)
	}
}
