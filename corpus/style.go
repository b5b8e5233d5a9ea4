package corpus

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"paperbot/internal/lazyre"
)

// Style is a citation format.
type Style string

// The citation formats.
const (
	StyleIEEE   Style = "ieee"
	StyleAPA    Style = "apa"
	StyleMLA    Style = "mla"
	StyleBibTeX Style = "bibtex"
)

// Styles lists the formats in the order they are offered.
var Styles = []Style{StyleIEEE, StyleAPA, StyleMLA, StyleBibTeX}

// ParseStyle reads a format name, case-insensitively ("APA", "bib" and
// "apa7" are accepted too). The error lists the valid names.
func ParseStyle(s string) (Style, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ieee":
		return StyleIEEE, nil
	case "apa", "apa7":
		return StyleAPA, nil
	case "mla", "mla9":
		return StyleMLA, nil
	case "bibtex", "bib":
		return StyleBibTeX, nil
	}
	return "", fmt.Errorf("%w %q: use one of ieee, apa, mla, bibtex", ErrUnknownStyle, s)
}

// FormatRef formats reference r of paper p in style s. A continuation entry
// is formatted with the details of the entry it continues. Unknown styles
// fall back to IEEE.
func FormatRef(s Style, p *Paper, r *Reference) string {
	if r == nil {
		return ""
	}
	rr := *r
	if rr.ContinuationOf != 0 && rr.Title == "" && p != nil {
		rr = p.resolve(rr)
	}
	switch s {
	case StyleAPA:
		return apaRef(&rr)
	case StyleMLA:
		return mlaRef(&rr)
	case StyleBibTeX:
		return bibtexRef(p, &rr)
	default:
		return ieeeRef(&rr)
	}
}

// FormatPaper formats the paper's own citation in style s, from the
// self-citation printed in the text when there is one, else from the title
// and authors.
func FormatPaper(s Style, p *Paper) string {
	if p == nil {
		return ""
	}
	r := paperAsRef(p)
	switch s {
	case StyleAPA:
		return apaRef(r)
	case StyleMLA:
		return mlaRef(r)
	case StyleBibTeX:
		return bibtexEntry(r, bibKey(r), "article")
	default:
		return strings.TrimPrefix(ieeeRef(r), "[0] ")
	}
}

// paperAsRef turns the paper's own record into a Reference for formatting.
func paperAsRef(p *Paper) *Reference {
	r := &Reference{Title: p.Title, Authors: p.Authors, Year: "n.d."}
	if c := p.Citation; c != nil {
		if c.Title != "" {
			r.Title = c.Title
		}
		r.Venue, r.Volume, r.Issue, r.Pages, r.DOI = c.Journal, c.Volume, c.Issue, c.Pages, c.DOI
		if c.Year != "" {
			r.Year = c.Year
		}
		r.month = c.Month
	}
	return r
}

// joinNonEmpty joins the non-empty parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// endSentence adds a period unless s already ends with . ? or !.
func endSentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

var dateLayouts = []string{
	"2 January 2006", "2 Jan 2006", "2 Jan. 2006", "January 2, 2006", "Jan. 2, 2006", "Jan 2, 2006",
	"January 2 2006", "2006-01-02", "2006 Jan 2", "2006 January 2", "2 January, 2006",
}

var ordinalRE = lazyre.New(`(\d)(st|nd|rd|th)\b`)

// parseDate reads an access date as printed; ok is false when unrecognised.
func parseDate(s string) (time.Time, bool) {
	s = ordinalRE.ReplaceAllString(strings.TrimSpace(s), "$1")
	s = strings.ReplaceAll(s, "Sept.", "Sep.")
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// shortMonth is the MLA/IEEE abbreviation of a month: "Apr.", "May", "June".
func shortMonth(m time.Month) string {
	switch m {
	case time.May:
		return "May"
	case time.June:
		return "June"
	case time.July:
		return "July"
	case time.September:
		return "Sept."
	}
	return m.String()[:3] + "."
}

// accessedAs reformats an access date: "ieee" → "Apr. 17, 2024", "apa" →
// "April 17, 2024", "mla" → "17 Apr. 2024", "iso" → "2024-04-17". An
// unrecognised date is returned as printed ("" for "iso").
func accessedAs(style, s string) string {
	t, ok := parseDate(s)
	if !ok {
		if style == "iso" {
			return ""
		}
		return s
	}
	d := strconv.Itoa(t.Day())
	switch style {
	case "ieee":
		return shortMonth(t.Month()) + " " + d + ", " + strconv.Itoa(t.Year())
	case "apa":
		return t.Month().String() + " " + d + ", " + strconv.Itoa(t.Year())
	case "mla":
		return d + " " + shortMonth(t.Month()) + " " + strconv.Itoa(t.Year())
	default:
		return t.Format("2006-01-02")
	}
}

// linkFor returns the link to print: the DOI as https://doi.org/…, else the URL.
func linkFor(r *Reference) string {
	if r.DOI != "" {
		return "https://doi.org/" + r.DOI
	}
	return r.URL
}

// plainURL reports whether r has a URL besides its DOI link.
func plainURL(r *Reference) string {
	if r.URL == "" || (r.DOI != "" && isDOIURL(r.URL)) {
		return ""
	}
	return r.URL
}
