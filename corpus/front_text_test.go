package corpus

import "testing"

// TestFrontDetails: the institutions and the publication line printed
// between a text paper's byline and its abstract are read as its
// affiliations and its own citation; a quoted citation of itself, when
// the text has one, is kept instead.
func TestFrontDetails(t *testing.T) {
	text := `Shade Sails and Heat Stress in Dairy Goats

Ilse Varga, Tomasz Quill

Department of Animal Science, Northfield Agricultural College

Small Ruminant Welfare Reports, vol. 7, no. 3, pp. 41-52, 2024. Received 2 May 2024.

Abstract

We fitted shade sails over two of four paddocks and recorded panting scores of 60 goats through one summer. Goats under shade panted less on hot afternoons.

References

1. Ames, R. (2019). Heat stress in goats. Journal of Goat Care, 3, 1-9.
`
	p, err := Parse("goats.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Affiliations) != 1 || p.Affiliations[0] != "Department of Animal Science, Northfield Agricultural College" {
		t.Errorf("affiliations %q", p.Affiliations)
	}
	c := p.Citation
	if c == nil {
		t.Fatal("no citation read from the publication line")
	}
	if c.Journal != "Small Ruminant Welfare Reports" || c.Volume != "7" || c.Issue != "3" || c.Year != "2024" || c.Title != p.Title {
		t.Errorf("citation %+v", *c)
	}
	if len(p.Authors) != 2 {
		t.Errorf("authors %q", p.Authors)
	}
}
