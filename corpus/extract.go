package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"paperbot/internal/lazyre"
)

var (
	doiRE           = lazyre.New(`(?i)\b(10\.\d{4,9}/\S+)`)
	doiLabelRE      = lazyre.New(`(?i)\b(?:doi|DOI)\s*:\s*`)
	monthName       = `(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`
	retrievedFromRE = lazyre.New(`(?i)(?:\bretrieved from\b|\bavailable(?: online)?(?: at| from)?\s*:|\bavailable (?:at|from)\b|\[online\]\.?|\[internet\]\.?|\bonline:)\s*`)
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
	for _, loc := range urlStarts(text) {
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
	if !strings.Contains(s, "10.") {
		return ""
	}
	m := doiRE.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return trimURL(m[1])
}

// isDOIURL reports a doi.org link.
func isDOIURL(u string) bool {
	return containsFold(u, "doi.org/")
}

// containsFold reports whether s contains sub (lower-case ASCII),
// ignoring ASCII case, without allocating.
func containsFold(s, sub string) bool {
	if len(sub) == 0 {
		return true
	}
	first := sub[0]
	for i := 0; i+len(sub) <= len(s); i++ {
		c := s[i]
		if c|0x20 != first {
			continue
		}
		j := 1
		for ; j < len(sub); j++ {
			c := s[i+j]
			if c >= 'A' && c <= 'Z' {
				c += 32
			}
			if c != sub[j] {
				break
			}
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// extractAccess finds an access date ("Retrieved 17 April 2024 from",
// "[Accessed: 12 May 2020]", "[cited 2020 May 5]") and returns it with the
// text without that phrase.
func extractAccess(text string) (date, rest string) {
	if !containsFold(text, "retrieved") && !containsFold(text, "accessed") && !containsFold(text, "viewed") && !containsFold(text, "cited") {
		return "", text
	}
	lower := asciiLower(text)
	for _, kw := range []string{"retrieved", "accessed", "viewed", "cited"} {
		from := 0
		for {
			i := strings.Index(lower[from:], kw)
			if i < 0 {
				break
			}
			i += from
			from = i + len(kw)
			if i > 0 && isWordByte(lower[i-1]) {
				continue
			}
			j := i + len(kw)
			if strings.HasPrefix(lower[j:], " on") {
				j += 3
			}
			j = skipSpaceColon(text, j)
			n := scanDate(text[j:])
			if n == 0 {
				continue
			}
			date = text[j : j+n]
			end := j + n
			if end < len(text) && (text[end] == ']' || text[end] == ')') {
				end++
			}
			if end < len(text) && (text[end] == '.' || text[end] == ',') {
				end++
			}
			if k := skipSpaceColon(text, end); strings.HasPrefix(lower[k:], "from") && (k+4 == len(text) || !isWordByte(text[k+4])) {
				end = k + 4
				if end < len(text) && text[end] == ':' {
					end++
				}
			}
			start := i
			for _, pre := range []string{"last ", "date "} {
				if strings.HasSuffix(lower[:start], pre) {
					start -= len(pre)
				}
			}
			if start > 0 && (text[start-1] == '[' || text[start-1] == '(') {
				start--
			}
			return date, cut(text, start, end)
		}
	}
	return "", text
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// asciiLower lower-cases ASCII letters only, so byte offsets are kept.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// cut removes text[i:j] and tidies the spaces around the gap.
func cut(text string, i, j int) string {
	return strings.Join(strings.Fields(text[:i]+" "+text[j:]), " ")
}

// tidy trims separators and dangling words left after removing URLs and
// access phrases.
func tidy(s string) string {
	if containsFold(s, "retrieved from") || containsFold(s, "available") || containsFold(s, "online") || containsFold(s, "internet") {
		s = retrievedFromRE.ReplaceAllString(s, " ")
	}
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

// urlStarts finds URLs ("http://…", "https://…", "www.…") up to the next space.
func urlStarts(text string) [][2]int {
	if !strings.Contains(text, "://") && !containsFold(text, "www.") {
		return nil
	}
	lower := asciiLower(text)
	prefixes := []string{"http://", "https://", "www."}
	next := []int{-2, -2, -2} // cached next position of each prefix; -1 none left
	var out [][2]int
	for i := 0; i < len(lower); {
		j := -1
		for k, p := range prefixes {
			if next[k] != -1 && next[k] < i {
				if at := strings.Index(lower[i:], p); at >= 0 {
					next[k] = i + at
				} else {
					next[k] = -1
				}
			}
			if next[k] >= 0 && (j < 0 || next[k] < j) {
				j = next[k]
			}
		}
		if j < 0 {
			break
		}
		end := j
		for end < len(text) && text[end] != ' ' && text[end] != '\n' {
			end++
		}
		out = append(out, [2]int{j, end})
		i = end
	}
	return out
}
