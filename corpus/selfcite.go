package corpus

import (
	"strings"

	"paperbot/internal/lazyre"
)

var (
	selfQuotedRE = lazyre.New(`[“"](.{3,300}?)[,.]?[”"],?\s*(.+)$`)
	selfMonthRE  = lazyre.New(`^(` + monthName + `)\s+((?:19|20)\d{2})$`)
	selfYearRE   = lazyre.New(`^((?:19|20)\d{2})$`)
)

// findSelfCitation looks for the paper's own IEEE-style citation, e.g.
// “Title”, Journal, vol. 8, no. 04, pp. 3513–3521, Apr. 2024, doi: 10.….
// It searches the text after the references first, then the front matter.
func findSelfCitation(tail, front []string) *SelfCitation {
	for _, block := range [][]string{tail, front} {
		for _, para := range paragraphs(block) {
			size, quoted := 0, false
			for _, l := range para {
				size += len(l) + 1
				quoted = quoted || strings.ContainsAny(l, "\"“")
			}
			if size > 1000 || !quoted {
				continue
			}
			if c := parseSelfCitation(joinLines(para)); c != nil {
				return c
			}
		}
	}
	return nil
}

func parseSelfCitation(s string) *SelfCitation {
	if len(s) > 1000 || !strings.ContainsAny(s, "\"“") {
		return nil
	}
	m := selfQuotedRE.FindStringSubmatch(s)
	if m == nil {
		return nil
	}
	c := &SelfCitation{Title: strings.TrimSpace(m[1])}
	rest := strings.TrimSpace(m[2])
	if loc := doiLabelRE.FindStringIndex(rest); loc != nil {
		c.DOI = NormalizeDOI(rest[loc[1]:])
		rest = rest[:loc[0]]
	} else if d := NormalizeDOI(rest); d != "" {
		c.DOI = d
		rest = rest[:strings.Index(rest, d)]
		rest = strings.TrimSuffix(strings.TrimSpace(rest), "https://doi.org/")
	}
	for _, part := range strings.Split(strings.TrimRight(strings.TrimSpace(rest), ",."), ", ") {
		part = strings.TrimSpace(part)
		switch {
		case part == "":
		case volRE.MatchString(part):
			c.Volume = volRE.FindStringSubmatch(part)[1]
		case noRE.MatchString(part):
			c.Issue = noRE.FindStringSubmatch(part)[1]
		case ppRE.MatchString(part):
			c.Pages = ppRE.FindStringSubmatch(part)[1]
		case selfMonthRE.MatchString(part):
			mm := selfMonthRE.FindStringSubmatch(part)
			c.Month, c.Year = mm[1], mm[2]
		case selfYearRE.MatchString(part):
			c.Year = part
		case c.Journal == "" && c.Volume == "":
			c.Journal = part
		}
	}
	if c.Journal == "" || (c.Year == "" && c.DOI == "" && c.Volume == "") {
		return nil
	}
	return c
}
