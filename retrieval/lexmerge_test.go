package retrieval

import (
	"reflect"
	"testing"

	"paperbot/corpus"
)

// TestMergeLex checks that the index across papers merged from the papers'
// indexes equals one built over all their passages at once.
func TestMergeLex(t *testing.T) {
	var all []lexDoc
	var parts []*lexIndex
	for _, p := range []*corpus.Paper{smallPaper("a"), corpus.Default(), smallPaper("b")} {
		var docs []lexDoc
		for _, q := range PassagesFor(p) {
			docs = append(docs, lexDoc{id: q.ID, terms: termsOfPassage(q)})
		}
		all = append(all, docs...)
		parts = append(parts, newLexIndex(docs))
	}
	want, got := newLexIndex(all), mergeLex(parts)
	if !reflect.DeepEqual(got.ids, want.ids) || !reflect.DeepEqual(got.lens, want.lens) ||
		!reflect.DeepEqual(got.terms, want.terms) || !reflect.DeepEqual(got.offs, want.offs) ||
		!reflect.DeepEqual(got.posts, want.posts) || !reflect.DeepEqual(got.docOf, want.docOf) {
		t.Fatal("merged index differs from the index built at once")
	}
	if len(got.terms) == 0 || got.postings(got.terms[0]) == nil || got.postings("zzzz-not-a-term") != nil {
		t.Error("postings lookup")
	}
	if d := got.avgLen - want.avgLen; d > 1e-9 || d < -1e-9 {
		t.Errorf("avgLen %v, want %v", got.avgLen, want.avgLen)
	}
}

// TestPaperLexKeptAcrossAdds checks a paper's lexical index is rebuilt when
// its passages change, and only then.
func TestPaperLexKeptAcrossAdds(t *testing.T) {
	ix := openMem(t, smallPaper("p"))
	lex := ix.paperLex["p"]
	if err := ix.Add(t.Context(), smallPaper("q"), smallPaper("p")); err != nil {
		t.Fatal(err)
	}
	if ix.paperLex["p"] != lex {
		t.Error("adding another paper, or the same paper unchanged, rebuilt paper p's index")
	}
	changed := smallPaper("p")
	changed.Abstract += " Bread was baked at every caravanserai."
	if err := ix.Add(t.Context(), changed); err != nil {
		t.Fatal(err)
	}
	hits, err := ix.SearchMode(t.Context(), "p", "bread", 1, LexicalOnly)
	if err != nil || len(hits) == 0 || hits[0].Lexical == 0 {
		t.Fatalf("new word of a changed paper not found: %v %v", hits, err)
	}
	if err := ix.Remove(t.Context(), "p"); err != nil {
		t.Fatal(err)
	}
	if _, ok := ix.paperLex["p"]; ok {
		t.Error("a removed paper keeps its lexical index")
	}
}
