package answer

import (
	"testing"

	"paperbot/corpus"
)

// A student types a word of the paper without its accents or its hyphen
// ("auge" for "Augé", "wifi" for "Wi-Fi"), or with accents the paper does
// not print: the word is found, read as the paper writes it.
func TestSpellingsOfPaperWords(t *testing.T) {
	p := &corpus.Paper{ID: "plazas", Title: "Plazas Without People",
		Abstract: "Following Augé, we call the station a non-place. Free Wi-Fi kept people in the square. Cafe owners agreed."}
	pi := newPaperInfo(p)
	for typed, want := range map[string]string{"auge": "augé", "wifi": "wi-fi", "café": "cafe", "augé": "augé"} {
		fm := pi.matchFocus([]string{typed})
		if !fm[0].found || fm[0].fixed != want {
			t.Errorf("%q: %+v, want found as %q", typed, fm[0], want)
		}
	}
	if fm := pi.matchFocus([]string{"wify"}); fm[0].fixed == "wi-fi" {
		t.Errorf("wify read as wi-fi: %+v", fm[0])
	}
}

// British and American spellings the stemmer keeps apart find each
// other ("color" of a paper writing "colour", "centers" of one writing
// "center").
func TestBritishAmericanSpellings(t *testing.T) {
	p := &corpus.Paper{ID: "dyes", Title: "Dye Uptake in Wool",
		Abstract: "The colour of each sample was read at the centre of the vat. The flavor and odor of the center bath were noted."}
	pi := newPaperInfo(p)
	for typed, want := range map[string]string{"color": "colour", "center": "centre", "flavour": "flavor", "odours": "odor", "centres": "center"} {
		fm := pi.matchFocus([]string{typed})
		if !fm[0].found {
			t.Errorf("%q: %+v, want found (as %q)", typed, fm[0], want)
		}
	}
}
