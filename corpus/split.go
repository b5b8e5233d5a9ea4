package corpus

import (
	"fmt"
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
	n := scanNum(line[i:], 1, 5)
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
			if strings.HasPrefix(suf, " p") && endsWithNumber(strings.TrimSuffix(p, suf)) {
				// "Paris: Gallimard, 1998. 312 p.": a book's page count
				// closes the entry; only "pp." before its numbers waits.
				return false
			}
			return true
		}
	}
	return false
}

// endsWithNumber reports whether s ends with an ASCII digit.
func endsWithNumber(s string) bool {
	return s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9'
}

// readsLikeStart reports whether text looks like the first words of a
// reference: a capital letter, a quote, or an URL.
func readsLikeStart(text string) bool {
	r, _ := utf8.DecodeRuneInString(text)
	if unicode.IsUpper(r) || strings.ContainsRune("\"“‘'[", r) || dashRuleStartRE.MatchString(text) {
		return true
	}
	return strings.HasPrefix(text, "http") || strings.HasPrefix(text, "www.")
}
