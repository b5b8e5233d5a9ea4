package corpus

import (
	"fmt"
	"strings"

	"paperbot/internal/lazyre"
)

var (
	apaYearRE   = lazyre.New(`\((\d{4}[a-z]?|n\.\s?d\.?|(?i:in press|forthcoming))(?:,\s*[^)]*)?\)\.?`)
	quotedRE    = lazyre.New(`[“"]([^”"]{2,}?)[,.]?[”"]`)
	yearRE      = lazyre.New(`\b((?:1[5-9]|20)\d{2}[a-z]?)\b`)
	vancYearRE  = lazyre.New(`^((?:1[5-9]|20)\d{2})(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?;\s*(\w+)?(?:\s*\(([^)]+)\))?(?::\s*([\w–-]+))?`)
	journalRE   = lazyre.New(`^(.*?),\s*(\d+)\s*(?:\(([^)]+)\))?(?:[:,]\s*([A-Za-z]?\d+(?:\s*[–-]\s*[A-Za-z]?\d+)?))?$`)
	pagesOnlyRE = lazyre.New(`^(.*?),\s*(?:pp?\.\s*|pages\s+)?(\d+\s*[–-]\s*\d+)$`)
	bmjRE       = lazyre.New(`^(.+?)\s+((?:1[5-9]|20)\d{2})(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?;\s*(\w+)?(?:\s*\(([^)]+)\))?(?::\s*([\w–-]+))?$`)
	inPrefixRE  = lazyre.New(`^In:?\s+`)
	trailYearRE = lazyre.New(`,\s*((?:1[5-9]|20)\d{2}[a-z]?)$`)
	volRE       = lazyre.New(`(?i)^vol(?:ume)?\.?\s*(\S+)$`)
	noRE        = lazyre.New(`(?i)^(?:no|issue)\.?\s*(\S+)$`)
	ppRE        = lazyre.New(`(?i)^(?:pp?\.|pages)\s*(\S+)$`)
	monthYearRE = lazyre.New(`^(?:` + monthName + `(?:[–/-]` + monthName + `)?\s+)?(?:\d{1,2},?\s+)?((?:1[5-9]|20)\d{2}[a-z]?)$`)
)

// parseEntry reads the fields of one numbered entry.
func parseEntry(n int, text string) Reference {
	r := Reference{N: n, Raw: text, Authors: []string{}, Notes: []string{}}
	work := text

	// URLs and DOI.
	urls := findURLs(work)
	if len(urls) > 0 {
		var b strings.Builder
		at := 0
		for _, u := range urls {
			if u.stray {
				r.Notes = append(r.Notes, fmt.Sprintf("URL contained a stray space; rejoined as %s", u.url))
			}
			b.WriteString(work[at:u.start])
			b.WriteByte(' ')
			at = u.end
		}
		b.WriteString(work[at:])
		work = strings.Join(strings.Fields(b.String()), " ")
	}
	for _, u := range urls {
		if d := doiOfURL(u.url); d != "" {
			if r.DOI == "" {
				r.DOI = d
				if strings.Count(strings.ToLower(u.url), "doi.org/") > 1 {
					r.Notes = append(r.Notes, fmt.Sprintf("DOI link printed doubled (%s); normalised to %s", u.url, r.DOI))
				}
			}
			if r.URL == "" {
				r.URL = "https://doi.org/" + d
			}
			continue
		}
		if r.URL == "" {
			r.URL = u.url
		}
	}
	var loc []int
	if containsFold(work, "doi") {
		loc = doiLabelRE.FindStringIndex(work)
	}
	if loc != nil {
		rest := work[loc[1]:]
		if m := doiRE.FindStringSubmatchIndex(rest); m != nil && m[0] == 0 {
			if r.DOI == "" {
				r.DOI = trimURL(rest[m[2]:m[3]])
			}
			work = cut(work, loc[0], loc[1]+m[1])
		}
	} else if r.DOI == "" && strings.Contains(work, "10.") {
		if m := doiRE.FindStringSubmatchIndex(work); m != nil {
			r.DOI = trimURL(work[m[2]:m[3]])
			work = cut(work, m[0], m[1])
		}
	}

	// Access date.
	r.Accessed, work = extractAccess(work)
	work = tidy(work)

	rules := r
	rules.Notes = append([]string{}, r.Notes...)
	parseByRules(&rules, work)
	// The labeller reads the whole entry, as it was trained; links, DOI
	// and access date stay the rules' (above).
	if work == "" || !labelFields(&r, text, work, &rules) {
		return rules
	}
	r.byRules = &rules
	return r
}

// parseByRules reads the fields of an entry's text (links and access date
// removed) with the style rules: the fallback when the labeller is not
// available, and the source of a few general findings (see labelFields).
func parseByRules(r *Reference, work string) {
	switch {
	case work == "":
		// Only a URL (seed [28]); markAnomalies decides what it continues.
	case strings.ContainsAny(work, "\"“") && quotedTitleFirst(work):
		parseQuoted(r, work)
	case apaYearRE.MatchString(work):
		parseAPA(r, work)
	default:
		parseGeneric(r, work)
	}
	r.Title = cleanField(r.Title)
	r.Venue = cleanField(r.Venue)
	if r.Year == "" && work != "" {
		r.Year = pressYear(work)
	}
	if r.Year == "" && work != "" {
		r.Year = "n.d."
		r.Notes = append(r.Notes, noYearNote)
	}
}

// pressRE finds a work not yet published where the year would stand:
// "(in press)", ". Forthcoming.", and the same in the languages of the
// reference headings.
var pressRE = lazyre.New(`(?i)(?:\(\s*|[.,]\s+)(in press|forthcoming|im druck|sous presse|en prensa|in stampa|no prelo|в печати)\s*[.,)]`)

// pressYear is the year of an entry printed as in press ("in press",
// "forthcoming", as printed, lower-cased), or "".
func pressYear(work string) string {
	if m := pressRE.FindStringSubmatch(work); m != nil {
		return strings.ToLower(m[1])
	}
	return ""
}

// noYearNote is the note of an entry that prints no year.
const noYearNote = "no year printed"

// cleanField trims separators and a final period (keeping "?" and "!").
func cleanField(s string) string {
	s = strings.TrimSpace(s)
	s = strings.Trim(s, ",;: ")
	if strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "..") && !endsWithAbbrev(s) {
		s = strings.TrimSuffix(s, ".")
	}
	return strings.TrimSpace(s)
}

// parseAPA reads "Authors. (Year). Title. Venue." or, with no author,
// "Title. (Year). Venue." (the title takes the author's place).
func parseAPA(r *Reference, work string) {
	loc := apaYearRE.FindStringSubmatchIndex(work)
	year := strings.ToLower(work[loc[2]:loc[3]])
	if strings.HasPrefix(year, "n") {
		year = "n.d."
	}
	r.Year = year
	pre := strings.TrimSpace(work[:loc[0]])
	post := strings.TrimSpace(strings.TrimLeft(work[loc[1]:], ". "))
	if fixed, ok := fixMangledSuffix(pre); ok {
		r.Authors = []string{fixed}
		r.Notes = append(r.Notes, fmt.Sprintf("author printed as %q; read as %s", pre, fixed))
		titleVenue(r, post)
		return
	}
	if authors, ok := parseAPAAuthors(pre); ok {
		r.Authors = authors
		titleVenue(r, post)
		return
	}
	if isOrgAuthor(pre) {
		r.Authors = []string{cleanField(pre)}
		titleVenue(r, post)
		return
	}
	// No author: the title stands first.
	r.apaTitleFirst = true
	title := cleanField(pre)
	if strings.HasSuffix(title, ". In") || title == "In" {
		title = cleanField(strings.TrimSuffix(title, "In"))
		r.Notes = append(r.Notes, "“In.” is not followed by a container (dictionary, book or site); it is missing in the paper")
	}
	r.Title = title
	venueParts(r, post)
}

// isOrgAuthor reports a short organisation name in the author position.
func isOrgAuthor(s string) bool {
	s = cleanField(s)
	return isOrgName(s) && len(strings.Fields(s)) <= 10 && !strings.ContainsAny(s, ":?")
}

// titleVenue splits "Title. Venue, 12(3), 45–67." into fields.
func titleVenue(r *Reference, post string) {
	segs := segments(post)
	if len(segs) == 0 {
		return
	}
	title := segs[0]
	rest := segs[1:]
	if (strings.HasSuffix(title, "?") || strings.HasSuffix(title, "!")) && len(rest) >= 2 {
		title += " " + rest[0]
		rest = rest[1:]
	}
	if i := strings.LastIndex(title, "]"); i >= 0 && !strings.Contains(title, "[") {
		// "Title Institution]" — the thesis bracket lost its opening part.
		t, inst := splitTrailingProper(strings.TrimSpace(title[:i]))
		if inst != "" {
			title = t
			rest = append([]string{inst}, rest...)
			r.Notes = append(r.Notes, fmt.Sprintf("unbalanced “]”: the bracket naming %s (thesis or report) lost its opening part", inst))
		}
	}
	r.Title = title
	venueParts(r, strings.Join(rest, ". "))
}

// venueParts reads "Journal, 12(3), 45–67" or a publisher or site name.
func venueParts(r *Reference, s string) {
	s = cleanField(s)
	if strings.HasPrefix(s, "In") {
		s = strings.TrimSpace(inPrefixRE.ReplaceAllString(s, ""))
	}
	if !strings.Contains(s, ",") {
		r.Venue = s
		return
	}
	if m := journalRE.FindStringSubmatch(s); m != nil {
		r.Venue, r.Volume, r.Issue, r.Pages = m[1], m[2], m[3], m[4]
		return
	}
	if m := pagesOnlyRE.FindStringSubmatch(s); m != nil {
		r.Venue, r.Pages = m[1], m[2]
		return
	}
	r.Venue = s
}

// splitTrailingProper splits "means Marine Corps University" into
// "means" and "Marine Corps University" (the trailing run of capitalised words).
func splitTrailingProper(s string) (string, string) {
	f := strings.Fields(s)
	i := len(f)
	for i > 0 && startsUpper(f[i-1]) {
		i--
	}
	if i == 0 || i == len(f) {
		return s, ""
	}
	return strings.Join(f[:i], " "), strings.Join(f[i:], " ")
}

// doiOfURL returns the DOI of a doi.org link, or "".
func doiOfURL(u string) string {
	if !isDOIURL(u) {
		return ""
	}
	return NormalizeDOI(u)
}
