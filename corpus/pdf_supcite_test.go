package corpus

import (
	"fmt"
	"testing"

	"paperbot/corpus/pdftext"
)

// TestPDFSuperscriptCitations: a paper citing its numbered references by
// raised numbers has them resolved ("shorelines.^1", "charts.^2,3"); a
// raised number whose footnote opens the foot of the page is a footnote
// mark, and a power after a number or a unit ("10^5", "m/s^2") is no
// citation.
func TestPDFSuperscriptCitations(t *testing.T) {
	doc := &pdftext.Document{Pages: []pdftext.Page{{Number: 1, Width: 600, Height: 800, Blocks: []pdftext.Block{
		layoutBlock(layoutLine(50, 60, 18, "Counting Ledgers of the Tides")),
		layoutBlock(layoutLine(50, 90, 10, "Ruth Oder, Bo Lee")),
		layoutBlock(layoutLine(50, 120, 10, "Abstract")),
		layoutBlock(layoutLine(50, 135, 10, "We count ledgers of the tides kept by hand in three ports over two centuries.")),
		layoutBlock(layoutLine(50, 160, 12, "1. Introduction")),
		layoutBlock(supLine(50, 180, 10, "Hand", "copies", "drift", "from", "printed", "shorelines.", "^1", "Clerks", "kept", "them", "with", "charts.", "^2,3"),
			supLine(50, 195, 10, "Tides", "rise", "about", "10", "^5", "times", "in", "a", "century", "at", "9", "m/s", "^2", "speeds."),
			supLine(50, 210, 10, "Later", "clerks", "copied", "the", "copies", "themselves.", "^4", "We", "used", "a", "new", "scanner.", "^5")),
		layoutBlock(layoutLine(50, 700, 7, "5 The scanner was lent by the harbour office."))}},
		{Number: 2, Width: 600, Height: 800, Blocks: []pdftext.Block{
			layoutBlock(layoutLine(50, 60, 12, "References")),
			layoutBlock(layoutLine(50, 80, 10, "1. A. Smith, Tides by hand, Ledger Press, 2001.")),
			layoutBlock(layoutLine(50, 95, 10, "2. B. Lee, Copying tables, Ledger Q. 5 (2003) 2–4.")),
			layoutBlock(layoutLine(50, 110, 10, "3. C. Ng, Drift in copies, Tidal Rev. 7 (2009) 11–19.")),
			layoutBlock(layoutLine(50, 125, 10, "4. D. Holt, Second copies, Ledger Q. 9 (2012) 1–8.")),
		}}}}
	p, err := ReadLayout("ledgers.pdf", doc)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, b := range p.Body {
		for _, s := range b.Sentences {
			got[s.Text] = fmt.Sprint(s.Cites)
		}
	}
	for text, want := range map[string]string{
		"Hand copies drift from printed shorelines [1].":            "[1]",
		"Clerks kept them with charts [2,3].":                       "[2 3]",
		"Tides rise about 105 times in a century at 9 m/s2 speeds.": "[]",
		"Later clerks copied the copies themselves [4].":            "[4]",
		"We used a new scanner.5":                                   "[]",
	} {
		if got[text] != want {
			t.Errorf("%q cites %q, want %s (sentences %q)", text, got[text], want, got)
		}
	}
}
