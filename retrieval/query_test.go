package retrieval

import (
	"maps"
	"slices"
	"testing"
)

func TestAnalyzeQuery(t *testing.T) {
	v := NewVocabulary([]string{
		"Soft power and cultural influence. Competition between great powers.",
		"The nation signed a treaty. Writers and scholars met.",
	})
	for _, c := range []struct {
		q       string
		exact   []string
		syns    []string          // "of->syn"
		correct map[string]string // typed -> read as
	}{
		{"waht is soft pwoer", []string{"soft", "power"}, nil, map[string]string{"waht": "what", "pwoer": "power"}},
		{"Waht is soft power?", []string{"soft", "power"}, nil, map[string]string{"waht": "what"}},
		// Capitalised inside the sentence: a name, left alone.
		{"What did Putni say?", []string{"putni"}, nil, nil},
		// The paper lacks "country" and "rival" but uses synonyms of them.
		{"Which country is a rival?", []string{"countri", "rival"}, []string{"countri->nation", "rival->competit"}, nil},
		// The paper uses "power": no expansion.
		{"soft power", []string{"soft", "power"}, nil, nil},
		// An English word the paper lacks, without synonyms in it: kept.
		{"bread recipes", []string{"bread", "recip"}, nil, nil},
		{"", nil, nil, nil},
		// Another language: its function words go, nothing is corrected.
		{"¿Quién inventó el concepto de poder blando según Nye?", []string{"inventó", "concepto", "poder", "blando", "nye"}, nil, nil},
		{"Что такое мягкая сила по Nye?", []string{"мягкая", "сила", "nye"}, nil, nil},
	} {
		q := AnalyzeQuery(c.q, v)
		if got := q.Exact(); !slices.Equal(got, c.exact) {
			t.Errorf("%q: exact terms %q, want %q", c.q, got, c.exact)
		}
		var syns []string
		for _, qt := range q.Terms {
			if qt.Weight != 1 {
				if qt.Weight != SynonymWeight {
					t.Errorf("%q: synonym %q weighs %v", c.q, qt.Term, qt.Weight)
				}
				syns = append(syns, qt.Of+"->"+qt.Term)
			}
		}
		if !slices.Equal(syns, c.syns) {
			t.Errorf("%q: synonyms %q, want %q", c.q, syns, c.syns)
		}
		if !maps.Equal(q.Corrected, c.correct) {
			t.Errorf("%q: corrected %v, want %v", c.q, q.Corrected, c.correct)
		}
	}
	if q := AnalyzeQuery("waht is soft pwoer", nil); !slices.Equal(q.Exact(), []string{"waht", "soft", "pwoer"}) {
		t.Errorf("without a vocabulary: %q, want the words as typed", q.Exact())
	}
}

func TestSearchFixesTypos(t *testing.T) {
	ix := openMem(t, smallPaper("p"))
	for _, q := range []string{"Samarknad silk prcies", "horsse of the steppe"} {
		hits, err := ix.SearchMode(t.Context(), "p", q, 1, LexicalOnly)
		if err != nil || len(hits) == 0 || hits[0].Lexical == 0 {
			t.Errorf("%q: hits %v, err %v; want a lexical match", q, hits, err)
		}
	}
}

func TestIndexVocabulary(t *testing.T) {
	ix := openMem(t, smallPaper("p"))
	v := ix.Vocabulary("p")
	if !v.HasTerm(Stem("caravans")) || v.HasTerm("bread") || !v.HasWord("samarkand") {
		t.Error("the vocabulary of paper p misses its words or has others")
	}
	if ix.Vocabulary("p") != v {
		t.Error("the vocabulary is rebuilt between searches")
	}
	all := ix.Vocabulary("")
	if err := ix.Add(t.Context(), smallPaper("q")); err != nil {
		t.Fatal(err)
	}
	if ix.Vocabulary("p") != v {
		t.Error("adding another paper rebuilt the vocabulary of paper p")
	}
	if ix.Vocabulary("") == all {
		t.Error("the vocabulary of every paper survives adding a paper")
	}
	changed := smallPaper("p")
	changed.Abstract += " Bread was baked at every caravanserai."
	if err := ix.Add(t.Context(), changed); err != nil {
		t.Fatal(err)
	}
	if v2 := ix.Vocabulary("p"); v2 == v || !v2.HasTerm(Stem("bread")) {
		t.Error("the vocabulary of paper p survives a change of its passages")
	}
}
