package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"paperbot/internal/lazyre"
)

// Span is a piece of text with its byte offsets: text[Start:End] == Text.
type Span struct {
	Text       string
	Start, End int
}

// sentenceAbbrevs are words whose period does not end a sentence.
var sentenceAbbrevs = map[string]bool{
	"e.g": true, "i.e": true, "etc": true, "al": true, "vs": true, "cf": true, "fig": true, "figs": true,
	"eq": true, "no": true, "vol": true, "pp": true, "approx": true, "dr": true, "mr": true, "mrs": true,
	"ms": true, "prof": true, "st": true, "jr": true, "sr": true, "u.s": true, "u.k": true, "e.u": true,
	"inc": true, "ltd": true, "co": true, "corp": true, "ca": true, "sec": true, "ch": true,
	"ref": true, "refs": true, "eqs": true, "tab": true, "sect": true, "thm": true,
}

// Sentences splits text (an abstract) into sentences with byte offsets. A
// sentence ends at ".", "?" or "!" (and closing quotes or brackets) followed
// by a space and an upper-case letter, digit or quote, but not after common
// abbreviations or single-letter initials. Blank-line paragraph breaks
// always end a sentence.
func Sentences(text string) []Span {
	var out []Span
	start := 0
	emit := func(end int) {
		seg := text[start:end]
		lead := len(seg) - len(strings.TrimLeftFunc(seg, unicode.IsSpace))
		trail := len(seg) - len(strings.TrimRightFunc(seg, unicode.IsSpace))
		if s, e := start+lead, end-trail; s < e {
			out = append(out, Span{Text: text[s:e], Start: s, End: e})
		}
		start = end
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\n' && strings.HasPrefix(text[i+size:], "\n") {
			emit(i)
			i += size
			continue
		}
		if r != '.' && r != '?' && r != '!' {
			i += size
			continue
		}
		j := i + size
		for j < len(text) && strings.ContainsRune(`"”’')]`, rune(text[j])) {
			_, s := utf8.DecodeRuneInString(text[j:])
			j += s
		}
		for j < len(text) {
			c, s := utf8.DecodeRuneInString(text[j:])
			if c == '"' || c == '”' || c == '’' || c == ')' || c == ']' || c == '\'' {
				j += s
				continue
			}
			break
		}
		if j >= len(text) {
			break
		}
		c, _ := utf8.DecodeRuneInString(text[j:])
		if r == '.' && c >= '0' && c <= '9' {
			if k := superscriptEnd(text, i, j); k > 0 {
				emit(k)
				i = k
				continue
			}
		}
		if !unicode.IsSpace(c) {
			i = j
			continue
		}
		k := j
		for k < len(text) && (text[k] == ' ' || text[k] == '\n' || text[k] == '\t') {
			k++
		}
		next, _ := utf8.DecodeRuneInString(text[k:])
		if k < len(text) && !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune(`"“‘'([`, next)) {
			i = j
			continue
		}
		if r == '.' && labelOnly(text[start:i]) {
			i = j
			continue
		}
		if r == '.' {
			w := strings.ToLower(lastWord(text, i))
			if sentenceAbbrevs[w] || (utf8.RuneCountInString(w) == 1 && unicode.IsLetter([]rune(w)[0])) {
				i = j
				continue
			}
		}
		emit(j)
		i = j
	}
	emit(len(text))
	return out
}

// sentenceLabelRE is a label that opens a caption or list item: "Figure 3",
// "Table 2", "Fig. 1b", or a bare number ("1").
var sentenceLabelRE = lazyre.New(`^(?:(?:Figure|Fig\.|FIGURE|FIG\.|Table|TABLE|Supplementary (?:Figure|Table))\s+[A-Z]?)?\d{1,3}[a-z]?$`)

// labelOnly reports a sentence so far that is only such a label: its
// period ("Figure 3. The gauges …", "1. Collect …") does not end a sentence.
func labelOnly(seg string) bool {
	seg = strings.TrimSpace(seg)
	return len(seg) <= 32 && sentenceLabelRE.MatchString(seg)
}

// superscriptEnd reads citation numbers printed right after a sentence's
// period ("fieldwork.4–5 The next …"): a lower-case word of three letters
// or more before the period at i, numbers from j, then a space and a
// capital. It returns where the sentence ends (after the numbers), or 0.
func superscriptEnd(text string, i, j int) int {
	w := lastWord(text, i)
	if utf8.RuneCountInString(w) < 3 || strings.ToLower(w) != w || !isLetters(w) {
		return 0
	}
	k := j
	for k < len(text) && (text[k] >= '0' && text[k] <= '9' || text[k] == ',' || text[k] == '-') {
		k++
	}
	for strings.HasPrefix(text[k:], "–") {
		k += len("–")
		for k < len(text) && text[k] >= '0' && text[k] <= '9' {
			k++
		}
	}
	if k >= len(text) || text[k] != ' ' && text[k] != '\n' {
		return 0
	}
	next, _ := utf8.DecodeRuneInString(strings.TrimLeft(text[k:], " \n"))
	if !unicode.IsUpper(next) {
		return 0
	}
	return k
}

func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return w != ""
}
