package answer

import (
	"slices"
	"testing"

	"paperbot/corpus"
)

// A sentence that introduces a list ("… defined a pocket park as
// follows:") cites through the items under it, a cut-off fragment of an
// item ("[2];") included: a which-source question on it names every item's
// reference.
func TestWhichSourceThroughList(t *testing.T) {
	p := &corpus.Paper{ID: "pocket-parks", Title: "Pocket Parks in Dense Districts",
		Abstract: "We surveyed pocket parks in three dense districts.",
		Sections: []corpus.Section{{Heading: "1 Introduction", Level: 1}, {Heading: "2 Methods", Level: 1}},
		Body: []corpus.Block{
			{Kind: corpus.BlockParagraph, Section: 0, Sentences: []corpus.BodySentence{
				{Text: "Planners have defined a pocket park in several ways:"},
				{Text: "- “a public green space of under half a hectare” [1];", Cites: []int{1}},
				{Text: "- “a small park built on a vacant lot between buildings”"},
				{Text: "[2];", Cites: []int{2}},
				{Text: "- “a space of rest reachable within five minutes on foot” [3].", Cites: []int{3}},
				{Text: "Dense districts rarely have room for larger parks."},
			}},
			{Kind: corpus.BlockParagraph, Section: 1, Sentences: []corpus.BodySentence{
				{Text: "We counted visitors at twelve parks following Moss [4].", Cites: []int{4}},
			}},
		},
		References: []corpus.Reference{
			{N: 1, Raw: "Abel, A. (2010). Green spaces. City Press.", Authors: []string{"Abel, A."}, Year: "2010", Title: "Green spaces"},
			{N: 2, Raw: "Berg, B. (2012). Vacant lots. Urban Review, 2, 1-9.", Authors: []string{"Berg, B."}, Year: "2012", Title: "Vacant lots"},
			{N: 3, Raw: "Cole, C. (2015). Walking distance. Planning Letters, 5, 3-8.", Authors: []string{"Cole, C."}, Year: "2015", Title: "Walking distance"},
			{N: 4, Raw: "Moss, D. (2018). Counting visitors. Parks Journal, 7, 2-6.", Authors: []string{"Moss, D."}, Year: "2018", Title: "Counting visitors"},
		},
	}
	a := askOK(t, engineFor(t, p), p.ID, "Which sources define a pocket park?")
	for _, n := range []int{1, 2, 3} {
		if !slices.Contains(a.Citations, n) {
			t.Errorf("citations %v lack [%d]:\n%s", a.Citations, n, a.Text)
		}
	}
	if slices.Contains(a.Citations, 4) {
		t.Errorf("cites [4], which defines nothing:\n%s", a.Text)
	}
}
