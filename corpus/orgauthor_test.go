package corpus

import (
	"slices"
	"testing"
)

// An organisation with "and" in its name opens the entry: it is the one
// author, and the title is what follows it. A title that opens an entry
// without authors stays the title.
func TestOrganisationCutAtAnd(t *testing.T) {
	cases := []struct {
		raw, author, title string
	}{
		{"Food and Agriculture Organization of the United Nations. Soil organic carbon: the hidden potential. Rome: FAO; 2017.",
			"Food and Agriculture Organization of the United Nations", "Soil organic carbon: the hidden potential"},
		{"Food and Agriculture Organization of the United Nations (2017). Soil organic carbon: the hidden potential. Rome: FAO.",
			"Food and Agriculture Organization of the United Nations", "Soil organic carbon: the hidden potential"},
		{"Department of Fisheries and Oceans. Stock assessment of invented cod. Ottawa: DFO; 2021.",
			"Department of Fisheries and Oceans", "Stock assessment of invented cod"},
	}
	for _, c := range cases {
		r := ParseReference(c.raw)
		if !slices.Equal(r.Authors, []string{c.author}) || r.Title != c.title {
			t.Errorf("%s:\n  authors %q title %q", c.raw, r.Authors, r.Title)
		}
	}
	if r := ParseReference("Invented Rowing Team to train at the lake. (1995, March). Lake Gazette, 4(2), p. 3."); len(r.Authors) != 0 {
		t.Errorf("a title read as an organisation: authors %q title %q", r.Authors, r.Title)
	}
}
