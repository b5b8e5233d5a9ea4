package corpus

import "testing"

// TestListStyle: the style a paper's own list is printed in decides the
// style its "how do I cite this" answer leads with.
func TestListStyle(t *testing.T) {
	seed := Default()
	apaText := `A Made-up Study of Night Markets

Ana Ruiz

Abstract

Night markets lend stock between stalls.

References

Ardener, S. (1964) Rotating credit associations. Journal of Invented Anthropology, 94(2), pp. 201-229.
Geertz, C. (1962) The rotating credit association. Invented Development Review, 10(3), pp. 241-263.
Kvale, S. (2007) Doing Interviews. London: Sage.
`
	ieeeText := `A Made-up Study of Solar Panels

Ana Ruiz

Abstract

Dust lowers the output of solar panels [1].

References

[1] A. Author, "Dust on panels," Invented Energy Letters, vol. 3, no. 2, pp. 1-9, 2019.
[2] B. Writer and C. Other, "Cleaning schedules," in Proc. Invented Conf., 2020, pp. 4-7.
[3] D. Person, Solar Basics. New York, NY, USA: Invented Press, 2018.
`
	for _, c := range []struct {
		name string
		p    *Paper
		want Style
	}{
		{"default paper (numbered APA entries)", seed, StyleAPA},
		{"Harvard list", mustParse(t, apaText), StyleAPA},
		{"IEEE list", mustParse(t, ieeeText), StyleIEEE},
		{"no references", &Paper{}, StyleIEEE},
	} {
		if got := c.p.ListStyle(); got != c.want {
			t.Errorf("%s: ListStyle() = %q, want %q", c.name, got, c.want)
		}
	}
}

func mustParse(t *testing.T, text string) *Paper {
	t.Helper()
	p, err := Parse("made-up.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// An entry whose authors are printed as a rule of dashes has the authors
// of the entry above, and Chicago's "7 (5)" is volume 7, issue 5.
func TestRepeatedAuthorsRule(t *testing.T) {
	refs := ParseReferenceList([]string{
		`Okafor, Jamie. 2004. "Tide Pools of an Invented Coast." Journal of Made-up Ecology 12 (3): 101–19.`,
		`———. 2011. "Limpets After the Storm." Journal of Made-up Ecology 19 (2): 45–60.`,
		`---. 2015. Shore Life. Lagos: Sample Press.`,
	})
	for i, r := range refs {
		if len(r.Authors) != 1 || r.Authors[0] != "Okafor, Jamie" {
			t.Errorf("[%d] authors %q", i+1, r.Authors)
		}
	}
	if r := refs[1]; r.Volume != "19" || r.Issue != "2" {
		t.Errorf("[2] volume %q issue %q", r.Volume, r.Issue)
	}
	if got := isDashRule("A-B"); got {
		t.Errorf("isDashRule(A-B) = true")
	}
}

// In an unnumbered list, a line opening with the rule starts an entry,
// and an author–year citation of it resolves.
func TestRepeatedAuthorsRuleUnnumbered(t *testing.T) {
	text := `Tide Pools After Storms

Jamie Okafor

Abstract
Storms scour limpets from exposed rock.

1. Introduction
Limpets cling harder after storms (Okafor 2004). Sheltered pools keep more of them (Okafor 2011).

References
Okafor, Jamie. 2004. "Tide Pools of an Invented Coast." Journal of Made-up Ecology 12 (3): 101–19.
———. 2011. "Limpets After the Storm." Journal of Made-up Ecology 19 (2): 45–60.
`
	p, err := Parse("tide.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.References) != 2 || len(p.References[1].Authors) != 1 || p.References[1].Authors[0] != "Okafor, Jamie" {
		t.Fatalf("references %+v", p.References)
	}
	if s := p.Body[0].Sentences; len(s) != 2 || len(s[1].Cites) != 1 || s[1].Cites[0] != 2 {
		t.Errorf("sentences %+v", s)
	}
}
