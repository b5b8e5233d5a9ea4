package corpus

import (
	"slices"
	"testing"
)

// parenBody is a body citing a numbered list with numbers in parentheses,
// beside parentheses that are no citations: an enumeration, a share, a
// count and a year.
func parenBody() []Block {
	s := func(texts ...string) Block {
		b := Block{Kind: BlockParagraph}
		for _, t := range texts {
			b.Sentences = append(b.Sentences, BodySentence{Text: t})
		}
		return b
	}
	return []Block{
		s("Hedgerows shelter many farmland birds (1, 2).",
			"The survey method of Okoro (4) counts singing males.",
			"We had three aims: (1) to map the hedges, (2) to count birds and (3) to compare farms.",
			"Most birds were sparrows (61%) and the rest finches (12)."),
		s("Earlier counts were lower (5–7).", "A later study (2019) found the same (3; 9)."),
	}
}

func TestParenCitations(t *testing.T) {
	r := newCiteResolver(numericRefs())
	body := parenBody()
	r.addParenCites(body)
	want := [][]int{{1, 2}, {4}, nil, {11}, {5, 6, 7}, {3, 9}}
	var got [][]int
	for _, b := range body {
		for _, s := range b.Sentences {
			got = append(got, s.Cites)
		}
	}
	if !slices.EqualFunc(got, want, func(a, b []int) bool { return slices.Equal(a, b) }) {
		t.Errorf("cites %v, want %v", got, want)
	}
}

// Parenthesised numbers are no citations in a paper that cites with
// brackets, in one whose list is not numbered, or when they cite only a
// few entries (an enumeration).
func TestParenCitationsOff(t *testing.T) {
	body := parenBody()
	body[0].Sentences[0].Cites = []int{1} // a "[1]" elsewhere
	newCiteResolver(numericRefs()).addParenCites(body)
	if c := body[1].Sentences[0].Cites; c != nil {
		t.Errorf("bracket paper: %v", c)
	}
	body = parenBody()
	r := newCiteResolver(numericRefs())
	r.unnumbered = true
	r.addParenCites(body)
	if c := body[0].Sentences[0].Cites; c != nil {
		t.Errorf("unnumbered list: %v", c)
	}
	few := []Block{{Sentences: []BodySentence{{Text: "Two steps follow (1) and (2)."}, {Text: "It is cheap (1)."}}}}
	newCiteResolver(numericRefs()).addParenCites(few)
	if c := few[0].Sentences[1].Cites; c != nil {
		t.Errorf("enumeration-only paper: %v", c)
	}
}

// A text paper citing its numbered list in parentheses is read with those
// citations (a tuning paper of the answer evaluation, written for it).
func TestParenCitationsInPaper(t *testing.T) {
	p, err := ParseFile("../testdata/eval/tune3-papers/shrimp-trawl-escape-panels.txt")
	if err != nil {
		t.Fatal(err)
	}
	citing := 0
	for _, b := range p.Body {
		for _, s := range b.Sentences {
			if len(s.Cites) > 0 {
				citing++
			}
		}
	}
	if citing < 20 {
		t.Errorf("%d body sentences cite, want the paper's parenthesised citations read", citing)
	}
}
