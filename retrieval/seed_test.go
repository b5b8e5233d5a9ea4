package retrieval

import (
	"context"
	"slices"
	"testing"

	"paperbot/corpus"
)

func TestSeedRelevance(t *testing.T) {
	ix := openMem(t, corpus.Default())
	cases := []struct {
		q    string
		want []int // each must be among the top 5 references
	}{
		{"Nye soft power", []int{15, 16, 10}},
		{"Kyrgyzstan", []int{7}},
		{"What happened at the Xi'an summit?", []int{12}},
		{"Are China and Russia competing in Central Asia?", []int{29}},
		{"Belt and Road Initiative", []int{14, 23}},
		{"Kazakhstan president Tokayev state visit", []int{8, 20}},
		{"language and image", []int{27}},
		{"trade numbers imports exports customs", []int{25}},
		{"UNESCO silk road corridors", []int{21, 22}},
	}
	for _, c := range cases {
		hits, err := ix.Search(context.Background(), "", c.q, 8)
		if err != nil {
			t.Fatal(err)
		}
		got := refsOf(hits)
		if len(got) > 5 {
			got = got[:5]
		}
		for _, n := range c.want {
			if !slices.Contains(got, n) {
				t.Errorf("%q: top references %v, want %d among them", c.q, got, n)
			}
		}
	}
}

// TestSeedWeakEvidence pins what a question the paper does not cover looks
// like, so the answering engine can abstain: no term in common (Lexical 0,
// Coverage 0) and a low cosine.
func TestSeedWeakEvidence(t *testing.T) {
	ix := openMem(t, corpus.Default())
	for _, q := range []string{"What is the capital of Brazil?", "How do I bake sourdough bread?", "中国在中亚的软实力是什么？", "Кыргызстан"} {
		hits, err := ix.Search(context.Background(), "", q, 5)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hits {
			if h.Lexical != 0 || h.Coverage != 0 || h.Vector > 0.25 {
				t.Errorf("%q: weak question got %s lexical=%.2f coverage=%.2f vector=%.2f", q, h.ID, h.Lexical, h.Coverage, h.Vector)
			}
		}
	}
	hits, _ := ix.Search(context.Background(), "", "soft power", 1)
	if h := hits[0]; h.Lexical < 2 || h.Coverage != 1 || h.Vector < 0.3 {
		t.Errorf("strong question: %s lexical=%.2f coverage=%.2f vector=%.2f", h.ID, h.Lexical, h.Coverage, h.Vector)
	}
}
