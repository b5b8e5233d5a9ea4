package study

import (
	"fmt"
	"strings"

	"paperbot/corpus"
)

// CiteNote is a citation context in words, the same in every front end
// (each adds its own markup): what /cite N shows under the formatted
// reference. Every field is empty when the paper says nothing about where
// it cites the reference (a paper without a body whose abstract does not
// cite it, such as the default paper).
type CiteNote struct {
	// Count is how many sentences of the body cite the reference.
	Count int
	// Cited is "Cited 3×" when the body cites the reference, or "Cited in
	// the abstract." when only the abstract does.
	Cited string
	// Sections are the sections citing it, "§1 Introduction, §2 Related
	// work" (paper text), and Also " (and in the abstract)" when the
	// abstract cites it too; both only with a count.
	Sections, Also string
	// Quote is the first citing sentence on one line; Where is where it is
	// ("§1 Introduction, p. 2"), when known.
	Quote, Where string
	// Missing says that a paper with a body never cites the reference.
	Missing string
}

// msgNotCited is CiteNote.Missing.
const msgNotCited = "Listed in the references but not cited in the text I could read."

// CitationNote is CitationContext(p, n) in words.
func CitationNote(p *corpus.Paper, n int) CiteNote {
	if p == nil {
		return CiteNote{}
	}
	c := CitationContext(p, n)
	switch {
	case c.Count > 0:
		note := CiteNote{Count: c.Count, Cited: fmt.Sprintf("Cited %d×", c.Count), Sections: oneLine(SectionLabels(c.Sections)), Quote: oneLine(c.First)}
		if c.InAbstract {
			note.Also = " (and in the abstract)"
		}
		note.Where = SectionLabel(c.FirstSection)
		if c.FirstPage > 0 {
			note.Where = strings.TrimPrefix(note.Where+fmt.Sprintf(", p. %d", c.FirstPage), ", ")
		}
		note.Where = oneLine(note.Where)
		return note
	case c.InAbstract:
		return CiteNote{Cited: "Cited in the abstract."}
	case len(p.Body) > 0:
		return CiteNote{Missing: msgNotCited}
	}
	return CiteNote{}
}

// SectionLabels joins headings as "§2 Related work, §4 Results".
func SectionLabels(hs []string) string {
	out := make([]string, 0, len(hs))
	for _, h := range hs {
		out = append(out, SectionLabel(h))
	}
	return strings.Join(out, ", ")
}

// oneLine is s with every run of white space made one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
