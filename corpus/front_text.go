package corpus

import (
	"strings"

	"paperbot/internal/lazyre"
)

// A plain-text paper often prints, between its byline and its abstract,
// the authors' institutions and the line saying where it appeared:
//
//	Marisol Institute of Coastal Fisheries, Port Averne
//	Coastal Fisheries Science 14(2): 88-103, 2025. Received 3 March 2025.
//
// frontDetails reads both, so that "where was it published?" and "where
// are the authors from?" have answers.

var (
	frontYearRE   = lazyre.New(`\b(19|20)\d\d\b`)
	frontVolumeRE = lazyre.New(`^(?:vol(?:ume)?\.?\s*)?(\d+)(?:\s*\((\d+(?:[-–]\d+)?)\))?`)
	frontIssueRE  = lazyre.New(`\d+(?:[-–]\d+)?`)
)

// frontDetails reads the affiliations and the paper's own publication
// line from the paragraphs between the title and the abstract (the
// authors' paragraph included). The publication line is read with the
// reference labeller: a line whose words it labels a container and a
// year, and no author or title of another work.
func frontDetails(paras [][]string) (affs []string, cite *SelfCitation) {
	for _, para := range paras {
		for _, l := range para {
			t := strings.TrimSpace(l)
			switch {
			case t == "" || strings.Contains(t, "@") || isURLish(t) || len(t) > 300:
			case isOrgName(t) && !frontYearRE.MatchString(t):
				affs = append(affs, t)
			case cite == nil && frontYearRE.MatchString(t):
				cite = frontCitation(t)
			}
		}
	}
	return affs, cite
}

// frontCitation reads a publication line ("Journal, vol. 14, 2025.") into
// the paper's own citation; nil when it does not read as one.
func frontCitation(line string) *SelfCitation {
	r := parseEntry(0, line)
	if r.Venue == "" || len(r.Year) < 4 || !frontYearRE.MatchString(r.Year) || len(r.Authors) > 0 || r.Title != "" {
		return nil
	}
	c := &SelfCitation{Journal: r.Venue, Year: r.Year, Issue: frontIssueRE.FindString(r.Issue), Pages: r.Pages, DOI: r.DOI}
	if m := frontVolumeRE.FindStringSubmatch(strings.TrimSpace(r.Volume)); m != nil {
		c.Volume = m[1]
		if c.Issue == "" {
			c.Issue = m[2]
		}
	}
	return c
}
