package study

import (
	"slices"
	"testing"

	"paperbot/corpus"
)

func readTestPaper(t *testing.T, name string) *corpus.Paper {
	t.Helper()
	p, err := corpus.ParseFile("../../corpus/testdata/papers/" + name + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCitationContext(t *testing.T) {
	p := readTestPaper(t, "sparse-routing")
	// Count the citing sentences independently of the code under test.
	want := map[int]int{}
	for _, b := range p.Body {
		for _, s := range b.Sentences {
			for _, n := range s.Cites {
				want[n]++
			}
		}
	}
	c := CitationContext(p, 8)
	if c.Count != want[8] || c.Count < 2 {
		t.Fatalf("[8] cited %d×, the body has %d citing sentences", c.Count, want[8])
	}
	if len(c.Sections) < 2 || c.Sections[0] != p.Sections[0].Heading {
		t.Errorf("[8] sections %q", c.Sections)
	}
	if c.First == "" || c.FirstSection != p.Sections[0].Heading {
		t.Errorf("[8] first %q in %q", c.First, c.FirstSection)
	}
	for _, b := range p.Body {
		for _, s := range b.Sentences {
			if slices.Contains(s.Cites, 8) {
				if s.Text != c.First {
					t.Errorf("first citing sentence %q, want %q", c.First, s.Text)
				}
				goto done
			}
		}
	}
done:
	all := CitationContexts(p)
	for _, cc := range all {
		if cc.Count != want[cc.Ref] {
			t.Errorf("[%d] count %d, want %d", cc.Ref, cc.Count, want[cc.Ref])
		}
	}
	ranked := ByCitations(all)
	for i := 1; i < len(ranked); i++ {
		if ranked[i].Count > ranked[i-1].Count {
			t.Fatalf("ByCitations not descending: %+v", ranked)
		}
	}
	if ranked[0].Ref != 8 {
		t.Errorf("most cited is [%d], want [8]", ranked[0].Ref)
	}
}

func TestCitationContextNoBody(t *testing.T) {
	p := corpus.Default()
	for _, r := range p.References {
		if c := CitationContext(p, r.N); c.Known() || c.Count != 0 || c.First != "" {
			t.Errorf("default paper [%d]: invented context %+v", r.N, c)
		}
	}
	q := &corpus.Paper{Abstract: "Earlier work [2, 3] and [5–6] disagree; the interval [0, 1] is not a citation.",
		References: []corpus.Reference{{N: 1}, {N: 2}, {N: 3}, {N: 4}, {N: 5}, {N: 6}}}
	for n, want := range map[int]bool{1: false, 2: true, 3: true, 4: false, 5: true, 6: true} {
		if got := CitationContext(q, n).InAbstract; got != want {
			t.Errorf("abstract cites [%d] = %v, want %v", n, got, want)
		}
	}
}

func TestCitationNote(t *testing.T) {
	p := readTestPaper(t, "sparse-routing")
	c := CitationNote(p, 8)
	want := CiteNote{Count: 3, Cited: "Cited 3×", Sections: "§1 Introduction, §2.1 Routed layers, §2.2 Balancing",
		Quote: "Mixture-of-experts layers route each token to a few experts [8].", Where: "§1 Introduction"}
	if c != want {
		t.Errorf("CitationNote(8) = %+v\nwant %+v", c, want)
	}
	// The same paper with every citation of [8] taken out of its body.
	q := *p
	q.Body = slices.Clone(p.Body)
	for i := range q.Body {
		q.Body[i].Sentences = slices.Clone(q.Body[i].Sentences)
		for j := range q.Body[i].Sentences {
			s := &q.Body[i].Sentences[j]
			s.Cites = slices.DeleteFunc(slices.Clone(s.Cites), func(n int) bool { return n == 8 })
		}
	}
	if c := CitationNote(&q, 8); c != (CiteNote{Missing: msgNotCited}) {
		t.Errorf("CitationNote(8) of a body that never cites it = %+v", c)
	}
	for _, r := range corpus.Default().References {
		if c := CitationNote(corpus.Default(), r.N); c != (CiteNote{}) {
			t.Errorf("default paper [%d]: %+v, want nothing (no body)", r.N, c)
		}
	}
}
