package corpus

import (
	"slices"
	"strings"
	"testing"
)

// TestParseEntryStyles pins single entries in styles the test papers do not
// cover: organisations as authors, access dates in several spellings,
// Vancouver web references and MLA.
func TestParseEntryStyles(t *testing.T) {
	cases := []struct {
		raw                                    string
		authors                                []string
		year, title, venue, url, doi, accessed string
	}{
		{
			raw:     "World Health Organization. (2020). Coronavirus disease 2019 (COVID-19): Situation report, 51. https://apps.who.int/iris/handle/10665/331475",
			authors: []string{"World Health Organization"}, year: "2020",
			// The labeller reads the report number "51" as a volume, not
			// part of the title.
			title: "Coronavirus disease 2019 (COVID-19): Situation report", url: "https://apps.who.int/iris/handle/10665/331475",
		},
		{
			raw:     `European Commission, "Ethics guidelines for trustworthy AI," Brussels, Belgium, 2019. [Online]. Available: https://digital-strategy.ec.europa.eu/en/library/ethics-guidelines-trustworthy-ai (accessed Mar. 3, 2023).`,
			authors: []string{"European Commission"}, year: "2019", title: "Ethics guidelines for trustworthy AI",
			venue: "Brussels, Belgium", url: "https://digital-strategy.ec.europa.eu/en/library/ethics-guidelines-trustworthy-ai", accessed: "Mar. 3, 2023",
		},
		{
			raw:     "Centers for Disease Control and Prevention. Influenza (flu). 2022 [cited 2023 Jan 12]. Available from: https://www.cdc.gov/flu/index.htm",
			authors: []string{"Centers for Disease Control and Prevention"}, year: "2022", title: "Influenza (flu)", url: "https://www.cdc.gov/flu/index.htm", accessed: "2023 Jan 12",
		},
		{
			raw:     `Smith, John, and Jane Doe. "Reading Papers Well." Journal of Reading, vol. 12, no. 3, 2019, pp. 45-67. Accessed 5 May 2021.`,
			authors: []string{"Smith, John", "Jane Doe"}, year: "2019", title: "Reading Papers Well", venue: "Journal of Reading", accessed: "5 May 2021",
		},
		{
			raw:     "OECD. (2021). Education at a glance 2021: OECD indicators. OECD Publishing. https://doi.org/10.1787/b35a14e5-en",
			authors: []string{"OECD"}, year: "2021", title: "Education at a glance 2021: OECD indicators", venue: "OECD Publishing",
			url: "https://doi.org/10.1787/b35a14e5-en", doi: "10.1787/b35a14e5-en",
		},
		{
			raw:     "Doe, J. (n.d.). An undated page. Retrieved from https://example.org/page",
			authors: []string{"Doe, J."}, year: "n.d.", title: "An undated page", url: "https://example.org/page",
		},
		{
			raw:     "Lee, K., Park, S., & Kim, H. (2022b). Title with a DOI label. Journal, 3(1), 10–20. doi:10.1000/j.x.2022.01",
			authors: []string{"Lee, K.", "Park, S.", "Kim, H."}, year: "2022b", title: "Title with a DOI label", venue: "Journal", doi: "10.1000/j.x.2022.01",
		},
	}
	for _, c := range cases {
		r := parseEntry(1, c.raw)
		if c.authors != nil && !slices.Equal(r.Authors, c.authors) {
			t.Errorf("%.40q: authors %q, want %q", c.raw, r.Authors, c.authors)
		}
		for _, f := range []struct{ name, got, want string }{
			{"year", r.Year, c.year}, {"title", r.Title, c.title}, {"venue", r.Venue, c.venue},
			{"url", r.URL, c.url}, {"doi", r.DOI, c.doi}, {"accessed", r.Accessed, c.accessed},
		} {
			if f.got != f.want {
				t.Errorf("%.40q: %s = %q, want %q", c.raw, f.name, f.got, f.want)
			}
		}
	}
}

// TestOrgAuthorShort: a team as author is named whole in the short form
// ("R Development Core Team 2006"), not by its last word ("Team 2006").
func TestOrgAuthorShort(t *testing.T) {
	r := ParseReference("R Development Core Team (2006). R: A Language and Environment for Statistical Computing. R Foundation for Statistical Computing, Vienna, Austria.")
	if got := r.Short(); !strings.HasPrefix(got, "R Development Core Team 2006") {
		t.Errorf("Short() = %q", got)
	}
}
