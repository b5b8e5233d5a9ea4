package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	urlStartRE      = regexp.MustCompile(`(?i)(?:https?://|www\.)\S*`)
	doiRE           = regexp.MustCompile(`(?i)\b(10\.\d{4,9}/\S+)`)
	doiLabelRE      = regexp.MustCompile(`(?i)\b(?:doi|DOI)\s*:\s*`)
	monthName       = `(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`
	dateRE          = `(?:\d{1,2}(?:st|nd|rd|th)? ` + monthName + `,? \d{4}|` + monthName + ` \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\.\d{1,2}\.\d{4}|\d{4} ` + monthName + ` \d{1,2}|` + monthName + ` \d{4})`
	accessRE        = regexp.MustCompile(`(?i)\[?\(?\b(?:retrieved(?: on)?|(?:last )?accessed(?: on)?|viewed(?: on)?|cited|date accessed)\s*:?\s*(` + dateRE + `)\]?\)?[.,]?(?:\s*from\b:?)?`)
	retrievedFromRE = regexp.MustCompile(`(?i)\b(?:retrieved from|available(?: online)?(?: at| from)?\s*:|available (?:at|from)\b|\[online\]\.?|\[internet\]\.?|online:)\s*`)
)

// url is one URL found in an entry's text.
type foundURL struct {
	url        string
	start, end int  // byte span in the text, including rejoined pieces
	stray      bool // rejoined across a space inside the line
}

// findURLs returns the URLs in text, rejoining a URL split by a stray space
// ("…/china- central-asia-relations/").
func findURLs(text string) []foundURL {
	var out []foundURL
	for _, loc := range urlStartRE.FindAllStringIndex(text, -1) {
		if len(out) > 0 && loc[0] < out[len(out)-1].end {
			continue
		}
		u := foundURL{url: text[loc[0]:loc[1]], start: loc[0], end: loc[1]}
		for {
			rest := text[u.end:]
			if !strings.HasPrefix(rest, " ") {
				break
			}
			next := strings.TrimLeft(rest, " ")
			tok := next
			if i := strings.IndexByte(next, ' '); i >= 0 {
				tok = next[:i]
			}
			if tok == "" || !strings.ContainsRune("/-_=?&#", rune(u.url[len(u.url)-1])) {
				break
			}
			if urlContRE.FindString(tok) != tok || isStopToken(tok) || isURLish(tok) {
				break
			}
			r, _ := utf8.DecodeRuneInString(tok)
			if unicode.IsUpper(r) {
				break
			}
			u.url += tok
			u.end += len(rest) - len(next) + len(tok)
			u.stray = true
		}
		u.url = trimURL(u.url)
		out = append(out, u)
	}
	return out
}

// trimURL drops sentence punctuation after a URL and unbalanced closers.
func trimURL(u string) string {
	for {
		n := len(u)
		u = strings.TrimRight(u, ".,;:'\"”’>")
		if strings.HasSuffix(u, ")") && strings.Count(u, "(") < strings.Count(u, ")") {
			u = u[:len(u)-1]
		}
		if strings.HasSuffix(u, "]") && strings.Count(u, "[") < strings.Count(u, "]") {
			u = u[:len(u)-1]
		}
		if len(u) == n {
			return u
		}
	}
}

// NormalizeDOI reduces a DOI as printed ("doi: 10.…", "https://doi.org/…",
// even "https://doi.org/https://doi.org/10.…") to its bare form "10.…".
// It returns "" when s holds no DOI.
func NormalizeDOI(s string) string {
	m := doiRE.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return trimURL(m[1])
}

// isDOIURL reports a doi.org link.
func isDOIURL(u string) bool {
	l := strings.ToLower(u)
	return strings.Contains(l, "doi.org/")
}

// extractAccess finds an access date ("Retrieved 17 April 2024 from",
// "[Accessed: 12 May 2020]", "[cited 2020 May 5]") and returns it with the
// text without that phrase.
func extractAccess(text string) (date, rest string) {
	loc := accessRE.FindStringSubmatchIndex(text)
	if loc == nil {
		return "", text
	}
	date = text[loc[2]:loc[3]]
	return strings.TrimSuffix(date, ","), cut(text, loc[0], loc[1])
}

// cut removes text[i:j] and tidies the spaces around the gap.
func cut(text string, i, j int) string {
	return strings.Join(strings.Fields(text[:i]+" "+text[j:]), " ")
}

// tidy trims separators and dangling words left after removing URLs and
// access phrases.
func tidy(s string) string {
	s = retrievedFromRE.ReplaceAllString(s, " ")
	s = strings.Join(strings.Fields(s), " ")
	for {
		n := len(s)
		s = strings.TrimSpace(s)
		s = strings.TrimRight(s, ",;:")
		for _, w := range []string{" from", " Retrieved", " retrieved", " Available", " doi", " DOI", " URL", " Accessed", " accessed"} {
			s = strings.TrimSuffix(s, w)
		}
		if len(s) == n {
			return s
		}
	}
}
