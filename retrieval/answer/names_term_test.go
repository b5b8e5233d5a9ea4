package answer

import (
	"strings"
	"testing"

	"paperbot/corpus"
)

// "What is X?" of a paper that gives X as a name ("a version, often called
// X, …") quotes that sentence first, though it mentions X only once.
func TestDefinitionByName(t *testing.T) {
	const text = `Terraces and rain

Abstract
Terraces keep soil on steep fields.

1. Introduction
Farmers on steep slopes have built terraces for centuries. A cheaper version, often called contour bunding, piles low earth walls along the slope instead of levelling the field. Contour bunding was used on 12 farms, and contour bunding cost less than terraces on every farm. Rain washed away more soil where contour bunding was not kept up, and contour bunding held water longer in dry months.

References
1. Okello, J. (2019). Terraces of the highlands. Soil Use, 4, 1-9.
`
	p, err := corpus.Parse("terraces.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	e := engineFor(t, p)
	a := askOK(t, e, p.ID, "what is contour bunding?")
	if first, _, _ := strings.Cut(a.Text, "\n"); !strings.Contains(first, "often called contour bunding, piles low earth walls") {
		t.Errorf("answer %q", a.Text)
	}
	for s, want := range map[string]bool{
		"A version, often called contour bunding, piles walls.": true,
		"a practice known as contour bunding":                   true,
		"contour bunding was used":                              false,
		"a practice called contour bundings":                    false,
	} {
		if got := namesTerm(s, []string{"contour", "bunding"}); got != want {
			t.Errorf("namesTerm(%q) = %v", s, got)
		}
	}
}
