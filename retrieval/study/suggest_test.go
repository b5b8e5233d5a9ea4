package study

import (
	"strings"
	"testing"

	"paperbot/corpus"
)

// TestSuggestionsSkipVenues: a journal the references appeared in is no
// topic to suggest asking about, even when the abstract names it.
func TestSuggestionsSkipVenues(t *testing.T) {
	p := &corpus.Paper{Title: "Tide Ledgers Kept by Hand",
		Abstract: "Following the Journal of Tidal Studies, we compare Tide Ledgers kept by hand with printed tables of Harbour Clerks.",
		References: []corpus.Reference{
			{N: 1, Raw: "Smith, A. (2001). Tide ledgers. Journal of Tidal Studies, 3, 1-9.", Authors: []string{"Smith, A."}, Year: "2001", Title: "Tide ledgers", Venue: "Journal of Tidal Studies"},
			{N: 2, Raw: "Lee, B. (2003). Harbour clerks. Journal of Tidal Studies, 5, 2-4.", Authors: []string{"Lee, B."}, Year: "2003", Title: "Harbour clerks", Venue: "Journal of Tidal Studies"},
			{N: 3, Raw: "Ng, C. (2009). Printed tables. Tidal Review, 7, 11-19.", Authors: []string{"Ng, C."}, Year: "2009", Title: "Printed tables", Venue: "Tidal Review"},
			{N: 4, Raw: "Holt, D. (2012). Second copies. Ledger Quarterly, 9, 1-8.", Authors: []string{"Holt, D."}, Year: "2012", Title: "Second copies", Venue: "Ledger Quarterly"},
			{N: 5, Raw: "Oder, R. (2015). Port records. Harbour Notes, 2, 5-7.", Authors: []string{"Oder, R."}, Year: "2015", Title: "Port records", Venue: "Harbour Notes"},
		}}
	for _, q := range Suggestions(p, Glossary(p)) {
		if strings.Contains(q, "Journal of Tidal Studies") {
			t.Errorf("suggested %q", q)
		}
	}
}
