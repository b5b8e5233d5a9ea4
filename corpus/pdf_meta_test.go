package corpus

import "testing"

// TestPDFOwnCitation checks the paper's own record read from what the
// publisher prints around the first page (running header or footer, DOI
// line, dates, "How to cite" block), so "how do I cite this paper" gets a
// journal, a year and a DOI. Where a PDF prints no journal line the field
// stays empty rather than guessed.
func TestPDFOwnCitation(t *testing.T) {
	needSharedPDFs(t)
	for _, tc := range []struct {
		file                 string
		journal, year, doi   string
		volume, pages, first string
	}{
		{"branchi-2014-smart-cities-analysis-matrix.pdf", "Future Internet", "2014", "10.3390/fi6010061", "6", "", "P. E. Branchi"},
		{"demarchis-2016-multicontact-fes-hand-opening.pdf", "Journal of NeuroEngineering and Rehabilitation", "2016", "10.1186/s12984-016-0129-6", "13", "", "C. De Marchis"},
		{"douglas-2014-ace-n-domain-inhibitors.pdf", "Clinical Science", "2014", "10.1042/CS20130403", "126", "305–313", "R. G. Douglas"},
		{"pischalnikov-2018-lcls2-cavity-tuner-test.pdf", "", "", "10.18429/JACoW-IPAC2018-WEPML008", "", "", "Y. Pischalnikov"},
		{"webb-2017-vespa-selective-pressure.pdf", "PeerJ Comput. Sci.", "2017", "10.7717/peerj-cs.118", "", "", "A. E. Webb"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			p := readSharedPDF(t, tc.file)
			c := p.Citation
			if c == nil {
				t.Fatal("no citation read")
			}
			if c.Journal != tc.journal || c.Year != tc.year || c.DOI != tc.doi || c.Volume != tc.volume || c.Pages != tc.pages {
				t.Errorf("got journal %q year %q doi %q volume %q pages %q, want %q %q %q %q %q",
					c.Journal, c.Year, c.DOI, c.Volume, c.Pages, tc.journal, tc.year, tc.doi, tc.volume, tc.pages)
			}
			if got := FormatPaper(StyleIEEE, p); len(got) < len(tc.first) || got[:len(tc.first)] != tc.first {
				t.Errorf("IEEE citation starts %q, want %q", got, tc.first)
			}
		})
	}
}

// TestCiteBlockVenue reads the journal from a "Citation:" block that
// repeats the paper's title (invented text).
func TestCiteBlockVenue(t *testing.T) {
	title := "Moss growth on north-facing roofs"
	for _, tc := range []struct{ line, journal, year string }{
		{"Citation: Pell R, Oduya K (2021) Moss growth on north-facing roofs. Journal of Small Plants 12(3): e0042.", "Journal of Small Plants", "2021"},
		{"How to cite this article Pell et al. (2019), Moss growth on north-facing roofs. Roof Sci. 4:e77", "Roof Sci.", "2019"},
		{"Citation: a different paper altogether. Journal of Small Plants 12(3).", "", ""},
		{"Moss growth on north-facing roofs. Journal of Small Plants 12(3).", "", ""},
	} {
		j, y := citeBlockVenue(tc.line, title)
		if j != tc.journal || y != tc.year {
			t.Errorf("%q: got %q %q, want %q %q", tc.line, j, y, tc.journal, tc.year)
		}
	}
}
