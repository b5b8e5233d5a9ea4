package classroom

import (
	"errors"
	"strings"
	"testing"

	"paperbot/corpus"
	"paperbot/retrieval/answer"
)

func TestExport(t *testing.T) {
	eachState(t, func(t *testing.T, st state) {
		x := NewBibliographies(st, library{})
		if _, err := x.Export(ctxT(t), "c1", "bibtex"); !errors.Is(err, ErrNothingCited) {
			t.Fatalf("empty export: %v, want ErrNothingCited", err)
		}
		// "" is the default paper; an unknown paper is not noted.
		if err := x.Note(ctxT(t), "c1", "", []int{3, 1}); err != nil {
			t.Fatal(err)
		}
		if err := x.Note(ctxT(t), "c1", "no-such-paper", []int{2}); err != nil {
			t.Fatal(err)
		}
		bib, err := x.Export(ctxT(t), "c1", "markdown")
		if err != nil {
			t.Fatal(err)
		}
		p := corpus.Default()
		if bib.Name != "bibliography.md" || bib.References != 2 || !strings.Contains(string(bib.File), p.Title) ||
			!strings.Contains(string(bib.File), "- [1] ") || !strings.Contains(string(bib.File), "- [3] ") {
			t.Fatalf("markdown export %q (%d references):\n%s", bib.Name, bib.References, bib.File)
		}
		if i1, i3 := strings.Index(string(bib.File), "- [1] "), strings.Index(string(bib.File), "- [3] "); i1 > i3 {
			t.Error("references are not in number order")
		}
		if bib, err := x.Export(ctxT(t), "c1", "bibtex"); err != nil || bib.Name != "bibliography.bib" {
			t.Fatalf("bibtex export %q: %v", bib.Name, err)
		}
		if _, err := x.Export(ctxT(t), "c1", "docx"); err == nil {
			t.Fatal("unknown format accepted")
		} else if _, ok := answer.IsUserError(err); !ok {
			t.Fatalf("unknown format: %v, want a user error", err)
		}
		if _, err := x.Export(ctxT(t), "c2", "bibtex"); !errors.Is(err, ErrNothingCited) {
			t.Fatalf("another channel's export: %v, want ErrNothingCited", err)
		}
	})
}
