package corpus

import (
	"slices"
	"strings"
	"testing"
)

// A work printed as in press or forthcoming has that as its year, with
// no "no year printed" note; in-text citations of it resolve, and its
// unnumbered entry starts where it should.
func TestInPressYear(t *testing.T) {
	text := `Cover Crops in Dry Regions

Tove Lind

Abstract
Cover crops can raise soil carbon.

1. Introduction
A meta-analysis found small gains in dry regions (Blanco, in press). Earlier trials agreed (Lind, 2004; Okafor, forthcoming).

References
Blanco, H. (in press). Cover crops and soil carbon. Journal of Made-up Soils.
Lind, T. (2004). Soil carbon on invented farms. Journal of Made-up Soils, 3(1), 1–9.
Okafor, J. (Forthcoming). Cover crops on invented drylands. Journal of Made-up Agronomy.
Roe, B. 2019. Dry farming. Sample Press.
`
	p, err := Parse("press.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	years := []string{"in press", "2004", "forthcoming", "2019"}
	if len(p.References) != len(years) {
		t.Fatalf("%d references: %+v", len(p.References), p.References)
	}
	for i, r := range p.References {
		if r.Year != years[i] || slices.Contains(r.Notes, noYearNote) {
			t.Errorf("[%d] year %q notes %q", i+1, r.Year, r.Notes)
		}
	}
	// Vancouver prints it where the year would stand, at the end.
	if r := ParseReferenceList([]string{"Poe C, Roe B. Field notes on dust. J Made-up Soils. In press."})[0]; r.Year != "in press" || len(r.Notes) > 0 {
		t.Errorf("Vancouver: year %q notes %q", r.Year, r.Notes)
	}
	var cites [][]int
	for _, b := range p.Body {
		for _, s := range b.Sentences {
			cites = append(cites, s.Cites)
		}
	}
	if want := [][]int{{1}, {2, 3}}; !slices.EqualFunc(cites, want, slices.Equal) {
		t.Errorf("cites %v, want %v", cites, want)
	}
	if got := apaRef(&p.References[0]); !strings.Contains(got, "(in press).") {
		t.Errorf("APA %q", got)
	}
	if key := bibKey(&p.References[0]); strings.ContainsAny(key, " ") || strings.Contains(key, "press") {
		t.Errorf("BibTeX key %q", key)
	}
	if yearBase("in press") != "in press" || yearBase("2023a") != "2023" || yearBase("n.d.") != "n.d." {
		t.Errorf("yearBase")
	}
}
