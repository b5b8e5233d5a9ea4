package corpus

import (
	"strings"

	"paperbot/internal/lazyre"
)

// Where publishers print a paper's own record on its first page: a
// running header or footer with the journal, year, volume and pages, a DOI
// line, publication dates, a copyright line, and "How to cite" or
// "Citation:" blocks. These are the general shapes of those lines.
var (
	// venueLineRE: "[Authors et al.] Journal Name (2016) 13:22" or
	// "Journal Name 2014, 6, 61-75; doi:…": the name, the year, the volume
	// and what follows (pages or article number).
	venueLineRE = lazyre.New(`^(?:(?:[\p{L}'’-]+\s+){1,3}et al\.?\s+)?(\p{Lu}[\p{L}&.,' -]{2,90}?)\s*[,(]?\s*((?:19|20)\d\d)\)?[,;:\s]+(\d{1,5})\b(?:\s*[,:(]\s*(\d+(?:\s*[–-]\s*\d+)?))?`)
	publishedRE = lazyre.New(`(?i)\bpublished(?:\s+online)?:?\s+(?:on\s+)?(?:\d{1,2}\s+)?(?:\p{L}+\.?\s+)?(?:\d{1,2},?\s+)?((?:19|20)\d\d)\b`)
	copyrightRE = lazyre.New(`(?i)(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?((?:19|20)\d\d)\b`)
	howToCiteRE = lazyre.New(`(?i)^(?:how to cite(?: this article)?|citation)\s*:?\s*`)
	parenYearRE = lazyre.New(`\(((?:19|20)\d\d)[a-z]?\)`)
	// venueEndRE ends a journal name inside a citation: a volume number.
	venueEndRE = lazyre.New(`[\s,;(]+\d`)
)

// citation reads the paper's own bibliographic record from its first page
// and the running headers and footers (nil when it finds no journal, year
// or DOI). It reads only what is printed; nothing is looked up.
func (r *pdfReader) citation(title string) *SelfCitation {
	var lines []string
	if len(r.doc.Pages) > 0 {
		for _, b := range r.doc.Pages[0].Blocks {
			var block []string
			for _, l := range b.Lines {
				block = append(block, strings.TrimSpace(l.Text))
			}
			lines = append(lines, block...)
			// A "How to cite" block continues over its lines: read it whole.
			if len(block) > 0 && howToCiteRE.MatchString(block[0]) {
				lines = append(lines, joinLines(block))
			}
		}
	}
	lines = append(lines, r.doc.Furniture...)
	c := &SelfCitation{}
	for _, l := range lines {
		if c.DOI == "" {
			if d := NormalizeDOI(l); d != "" && strings.Contains(strings.ToLower(l), "doi") {
				c.DOI = d
			}
		}
	}
	// The journal line: a header or footer first, then a first-page line.
	for _, l := range append(append([]string{}, r.doc.Furniture...), lines...) {
		if m := venueLineRE.FindStringSubmatch(l); m != nil && plausibleVenue(m[1], title) {
			c.Journal = strings.TrimRight(strings.TrimSpace(m[1]), ",.")
			c.Year, c.Volume = m[2], m[3]
			if strings.ContainsAny(m[4], "–-") {
				c.Pages = strings.Join(strings.Fields(m[4]), "")
			}
			break
		}
	}
	if c.Journal == "" {
		for _, l := range lines {
			if j, y := citeBlockVenue(l, title); j != "" {
				c.Journal = j
				if c.Year == "" {
					c.Year = y
				}
				break
			}
		}
	}
	// The year the paper was published, where printed, is the year to cite.
	for _, re := range []*lazyre.Regexp{publishedRE, copyrightRE} {
		if c.Year != "" {
			break
		}
		for _, l := range lines {
			if m := re.FindStringSubmatch(l); m != nil {
				c.Year = m[1]
				break
			}
		}
	}
	if c.Journal == "" && c.Year == "" && c.DOI == "" {
		return nil
	}
	c.Title = title
	return c
}

// citeBlockVenue reads the journal from a "How to cite this article" or
// "Citation:" block that gives the paper's own title: the name between
// the title and the volume number. It also returns a year in parentheses.
func citeBlockVenue(l, title string) (journal, year string) {
	loc := howToCiteRE.FindStringIndex(l)
	if loc == nil || title == "" {
		return "", ""
	}
	text := l[loc[1]:]
	i := strings.Index(strings.ToLower(text), strings.ToLower(title))
	if i < 0 {
		return "", ""
	}
	if m := parenYearRE.FindStringSubmatch(text[:i]); m != nil {
		year = m[1]
	}
	rest := strings.TrimLeft(text[i+len(title):], " .,:;")
	end := venueEndRE.FindStringIndex(rest)
	if end == nil {
		return "", ""
	}
	j := strings.TrimRight(strings.TrimSpace(rest[:end[0]]), ",;")
	if !plausibleVenue(j, title) {
		return "", ""
	}
	return j, year
}

// plausibleVenue rejects what a journal name cannot be: too short or
// long, mostly not letters, or the paper's title itself.
func plausibleVenue(v, title string) bool {
	v = strings.TrimSpace(v)
	words := strings.Fields(v)
	if len(words) == 0 || len(words) > 10 || len(v) < 4 {
		return false
	}
	if title != "" && (strings.Contains(strings.ToLower(title), strings.ToLower(v)) && len(words) > 2) {
		return false
	}
	letters := 0
	for _, c := range v {
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c > 127 {
			letters++
		}
	}
	return letters*2 > len(v)
}
