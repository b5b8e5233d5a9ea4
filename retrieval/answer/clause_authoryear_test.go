package answer

import (
	"slices"
	"testing"

	"paperbot/corpus"
)

// riversText is a paper written for this test: author–year citations,
// narrative ("Lee (2008) and Moss (2011) describe …") and in parentheses.
const riversText = `Rivers and their towns

Abstract
Rivers shape the towns on their banks.

1. Introduction
Harbours grew where rivers met the sea (Aalto, 2019; Brandt & Carr, 2020). Lee (2008) and Moss (2011) describe vineyards along estuaries, while Nakagawa et al. (2021) measure drought in river basins. Flood walls changed trade (Ortega, 2015).

References
Aalto, J. (2019). Harbour towns of the north. Coastal History, 11(2), 145–160.
Brandt, M., & Carr, P. (2020). Estuaries and trade. Journal of Maritime Studies, 52(1), 1–24.
Lee, P. (2008). Vineyards of the valley. Cape Town: Juta.
Moss, S. 2011. Wine and water. Chicago: River Press.
Nakagawa, A., Ito, B., & Sato, C. (2021). Drought indices for river basins. Climate Research, 44, 233–247.
Ortega, L. (2015). Walls against water. Urban Studies, 9, 1–10.
`

// A which-source question is answered with the references whose part of
// an author–year sentence holds the topic, not every reference the
// sentence cites.
func TestAuthorYearClauseCites(t *testing.T) {
	p, err := corpus.Parse("rivers.txt", []byte(riversText))
	if err != nil {
		t.Fatal(err)
	}
	e := engineFor(t, p)
	for q, want := range map[string][]int{
		"which source measured drought?":        {5},
		"which sources describe vineyards?":     {3, 4},
		"which sources say harbours grew there": {1, 2},
		"which source is about flood walls?":    {6},
	} {
		a := askOK(t, e, p.ID, q)
		if !slices.Equal(a.Citations, want) {
			t.Errorf("%q: cites %v, want %v\n%s", q, a.Citations, want, a.Text)
		}
	}
}
