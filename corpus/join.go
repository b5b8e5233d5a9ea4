package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"paperbot/internal/lazyre"
)

// joinEntry joins an entry's wrapped lines with spaces, except where a line
// ends inside a URL or DOI that the next line continues, or with a hyphen.
func joinEntry(lines []string) string {
	pieces := make([]string, 0, 2*len(lines))
	for i, l := range lines {
		if i > 0 {
			prev := lines[i-1]
			switch {
			case continuesURL(prev, l):
			case strings.HasSuffix(prev, "–") && startsDigit(l):
				// a page range cut after its dash: "1–" + "37."
			case strings.HasSuffix(prev, "-") && !strings.HasSuffix(prev, " -"):
				if dropHyphen(prev, l) {
					last := len(pieces) - 1
					pieces[last] = strings.TrimSuffix(pieces[last], "-")
				}
			default:
				pieces = append(pieces, " ")
			}
		}
		pieces = append(pieces, l)
	}
	return strings.Join(strings.Fields(strings.Join(pieces, "")), " ")
}

// compoundPrefixes keep their hyphen at a line break ("self-\ntraining").
var compoundPrefixes = map[string]bool{
	"self": true, "non": true, "multi": true, "co": true, "pre": true, "post": true, "re": true,
	"anti": true, "semi": true, "cross": true, "long": true, "short": true, "well": true, "high": true,
	"low": true, "end": true, "state": true, "real": true, "open": true, "peer": true, "time": true,
	"bit": true, "data": true, "user": true, "large": true, "small": true, "one": true, "two": true,
	"first": true, "second": true, "fine": true, "deep": true, "top": true, "sub": true, "inter": true,
	"intra": true, "meta": true, "double": true, "people": true, "eco": true, "socio": true, "e": true,
}

// dropHyphen decides whether "…frag-" + "next…" is a word split by the
// line break ("im-\nage" → "image") rather than a compound word.
func dropHyphen(prev, next string) bool {
	r, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsLower(r) {
		return false
	}
	frag := strings.TrimSuffix(prev, "-")
	if i := strings.LastIndexAny(frag, " -/("); i >= 0 {
		if frag[i] == '-' {
			return false // "state-of-the-" is a compound already
		}
		frag = frag[i+1:]
	}
	for i, c := range frag {
		// The fragment is lower-case, or capitalised (a name or the first
		// word of a title: "Ko-" + "ray", "Convolu-" + "tional").
		if !unicode.IsLower(c) && (i > 0 || !unicode.IsUpper(c)) {
			return false
		}
	}
	return frag != "" && !compoundPrefixes[strings.ToLower(frag)]
}

var urlContRE = lazyre.New(`^[A-Za-z0-9%_\-./?=&#~+:;]+`)

// continuesURL reports whether next's first token continues the URL or DOI
// that ends prev.
func continuesURL(prev, next string) bool {
	last := prev
	if i := strings.LastIndexAny(prev, " "); i >= 0 {
		last = prev[i+1:]
	}
	if !isURLish(last) {
		return false
	}
	first := next
	if i := strings.IndexByte(next, ' '); i >= 0 {
		first = next[:i]
	}
	if urlContRE.FindString(first) != first || first == "" || isURLish(first) {
		return false
	}
	if strings.HasSuffix(last, ".") && !strings.ContainsAny(first, "/.-_=") && !isAllDigits(first) {
		return false
	}
	if isStopToken(first) {
		return false
	}
	end := last[len(last)-1]
	if strings.IndexByte("/-._=?&#%~", end) >= 0 {
		r, _ := utf8.DecodeRuneInString(first)
		return !unicode.IsUpper(r) || strings.ContainsAny(first, "/.-_")
	}
	return strings.ContainsAny(first, "/") || isAllDigits(strings.TrimRight(first, "."))
}

func isURLish(tok string) bool {
	t := strings.ToLower(tok)
	return strings.Contains(t, "://") || strings.HasPrefix(t, "www.") || strings.HasPrefix(t, "doi:") ||
		strings.Contains(t, "doi.org/") || doiStartRE.MatchString(t)
}

var doiStartRE = lazyre.New(`^10\.\d{4,9}/`)

func isAllDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

var stopTokens = map[string]bool{
	"accessed": true, "retrieved": true, "last": true, "viewed": true, "cited": true,
	"available": true, "doi": true, "from": true, "on": true, "in": true, "at": true, "and": true,
	"accessed:": true, "online": true, "pmid:": true, "pmid": true, "isbn": true, "issn": true,
}

func isStopToken(t string) bool {
	return stopTokens[strings.ToLower(strings.TrimRight(t, ".,;:"))]
}

func startsDigit(s string) bool {
	return s != "" && s[0] >= '0' && s[0] <= '9'
}
