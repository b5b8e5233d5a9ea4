package answer

import (
	"strings"

	"paperbot/internal/lazyre"
)

// yearRe finds a publication year in a side of a comparison.
var yearRe = lazyre.New(`\b(1[89]|20)\d{2}\b`)

// sideReference is the one reference a side of a comparison names by its
// year and an author the question names ("Nye's 2004 book and his 2021
// article"): the reference itself is then what the side is about. ok is
// false unless exactly one entry fits.
func sideReference(pi *paperInfo, side, question string) (int, bool) {
	year := yearRe.FindString(side)
	if year == "" {
		return 0, false
	}
	words := map[string]bool{}
	for _, w := range lowerTokens(question) {
		words[strings.TrimSuffix(w, "'s")] = true
	}
	found := 0
	for n, ref := range pi.refs {
		if ref.ContinuationOf != 0 || !strings.HasPrefix(ref.Year, year) || len(ref.Authors) == 0 {
			continue
		}
		if sn := surname(ref.Authors[0]); sn == "" || !words[sn] {
			continue
		}
		if found != 0 {
			return 0, false
		}
		found = n
	}
	return found, found != 0
}
