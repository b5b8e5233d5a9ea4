package corpus

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// numbering is a reference-list numbering style.
type numbering int

const (
	numDot     numbering = iota + 1 // "1."
	numBracket                      // "[1]"
	numParen                        // "1)" or "(1)"
)

// marker returns the printed number and the rest of a line that starts with
// a numbering marker of style st: "12. ", "[12]" or "12) " / "(12) ".
func marker(st numbering, line string) (int, string, bool) {
	i := 0
	if st == numBracket || st == numParen {
		if i < len(line) && line[i] == "[("[st-numBracket] {
			i++
		} else if st == numBracket {
			return 0, "", false
		}
	}
	n := scanNum(line[i:], 1, 4)
	if n == 0 {
		return 0, "", false
	}
	num, err := strconv.Atoi(line[i : i+n])
	if err != nil {
		return 0, "", false
	}
	i += n
	closer := byte('.')
	switch st {
	case numBracket:
		closer = ']'
	case numParen:
		closer = ')'
	}
	if i >= len(line) || line[i] != closer {
		return 0, "", false
	}
	i++
	rest := line[i:]
	if st != numBracket && rest != "" && rest[0] != ' ' {
		return 0, "", false
	}
	return num, strings.TrimSpace(rest), true
}

func detectNumbering(line string) numbering {
	for _, st := range []numbering{numBracket, numDot, numParen} {
		if _, _, ok := marker(st, line); ok {
			return st
		}
	}
	return 0
}

// mark is a line's numbering marker, if any.
type mark struct {
	n    int
	rest string
	ok   bool
}

// rawEntry is one numbered entry before field parsing.
type rawEntry struct {
	n    int
	text string
}

// maxGap is the largest numbering jump accepted as a new entry.
const maxGap = 10

// splitEntries splits the lines of a references section into numbered
// entries. A line that begins with a number stays in the current entry
// unless the number is the next expected one (or a small jump) and the line
// reads like the start of a reference.
func splitEntries(lines []string) ([]rawEntry, []string) {
	var ls []string
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			ls = append(ls, t)
		}
	}
	var st numbering
	for _, l := range ls {
		if st = detectNumbering(l); st != 0 {
			break
		}
	}
	if st == 0 {
		return nil, nil
	}
	marks := make([]mark, len(ls))
	for i, l := range ls {
		marks[i].n, marks[i].rest, marks[i].ok = marker(st, l)
	}
	var anomalies []string
	var entries []rawEntry
	var cur []string
	curN := 0
	flush := func() {
		if cur != nil {
			entries = append(entries, rawEntry{n: curN, text: joinEntry(cur)})
		}
	}
	for i, l := range ls {
		n, rest, ok := marks[i].n, marks[i].rest, marks[i].ok
		if ok && cur == nil {
			curN, cur = n, []string{}
			if rest != "" {
				cur = append(cur, rest)
			}
			continue
		}
		if ok && startsEntry(marks, ls, i, curN, n, rest) {
			if n != curN+1 {
				anomalies = append(anomalies, fmt.Sprintf("numbering jumps from [%d] to [%d]", curN, n))
			}
			flush()
			curN, cur = n, []string{}
			if rest != "" {
				cur = append(cur, rest)
			}
			continue
		}
		if cur != nil {
			cur = append(cur, l)
		}
	}
	flush()
	return entries, anomalies
}

// startsEntry decides whether line i (numbered n, text rest) starts a new
// entry after entry curN.
func startsEntry(marks []mark, ls []string, i, curN, n int, rest string) bool {
	if n <= curN || n > curN+maxGap {
		return false
	}
	if dangling(ls[i-1]) {
		return false
	}
	// The same number printed again soon means this one is a wrapped line.
	for j := i + 1; j < len(ls) && j < i+40; j++ {
		m, r, ok := marks[j].n, marks[j].rest, marks[j].ok
		if !ok || m < n || m > n+maxGap {
			continue
		}
		if m == n && readsLikeStart(r) {
			return false
		}
		if m > n {
			break
		}
	}
	if n == curN+1 {
		return rest != "" || i+1 < len(ls)
	}
	// A jump: the expected number must not follow soon.
	for j := i + 1; j < len(ls) && j < i+40; j++ {
		if marks[j].ok && marks[j].n == curN+1 {
			return false
		}
	}
	return readsLikeStart(rest)
}

// dangling reports a line that cannot end an entry: a page range or an
// abbreviation cut by the wrap.
func dangling(prev string) bool {
	p := strings.TrimSpace(prev)
	for _, suf := range []string{"–", "-", "—", " pp.", " p.", " vol.", " no.", " pp", ":"} {
		if strings.HasSuffix(p, suf) {
			return true
		}
	}
	return false
}

// readsLikeStart reports whether text looks like the first words of a
// reference: a capital letter, a quote, or an URL.
func readsLikeStart(text string) bool {
	r, _ := utf8.DecodeRuneInString(text)
	if unicode.IsUpper(r) || strings.ContainsRune("\"“‘'[", r) {
		return true
	}
	return strings.HasPrefix(text, "http") || strings.HasPrefix(text, "www.")
}

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
	for _, c := range frag {
		if !unicode.IsLower(c) {
			return false
		}
	}
	return frag != "" && !compoundPrefixes[frag]
}

var urlContRE = regexp.MustCompile(`^[A-Za-z0-9%_\-./?=&#~+:;]+`)

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

var doiStartRE = regexp.MustCompile(`^10\.\d{4,9}/`)

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
