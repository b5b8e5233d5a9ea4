package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"paperbot/internal/lazyre"
)

// Superscript citations: journals that number their references often
// cite them as raised numbers ("as Tufte showed.¹", "surface.³⁻⁵"), which
// the text layer gives as small words set above the line. A paper whose
// body cites that way has its raised numbers read as "[n]" markers, so
// the one resolver handles them; a paper that cites in brackets keeps
// its raised numbers as what they then are (exponents, footnote marks,
// residue numbers such as Tyr³⁶⁹).

// supNumberRE is a raised group of reference numbers: "1", "1,2", "3–5".
var supNumberRE = lazyre.New(`^\d{1,3}(?:\s*[,–-]\s*\d{1,3})*$`)

// bracketCiteRE is a numeric citation in brackets, the other way of
// citing numbered references.
var bracketCiteRE = lazyre.New(`\[\d{1,3}(?:\s*[,–;-]\s*\d{1,3})*\]`)

// minSupCites is the fewest raised citation groups a body must hold to be
// read as citing that way.
const minSupCites = 3

// supMarks returns the indexes of the words of line i that are raised
// reference numbers: smaller type above the line's baseline, after a word
// ending in a letter or a closing mark (not a number or a unit: "10⁵",
// "m/s²", "cm²" are powers).
func (r *pdfReader) supMarks(i int) []int {
	l := r.lines[i]
	up := raised(l.Line)
	var out []int
	for k := 1; k < len(l.Words); k++ {
		w, prev := l.Words[k], l.Words[k-1]
		if !up[k] || !supNumberRE.MatchString(w.Text) {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(prev.Text)
		letters := 0
		for _, c := range prev.Text {
			if unicode.IsLetter(c) {
				letters++
			}
		}
		if strings.Contains(prev.Text, "/") || !(unicode.IsLetter(last) || strings.ContainsRune(".,;:)”’\"", last)) || letters < 3 {
			continue
		}
		if r.footnoteOpens(l.page, w.Text) {
			continue // a footnote's mark: the foot of the page opens with it
		}
		out = append(out, k)
	}
	return out
}

// citesBySuperscript reports whether the body in lines [from, to) cites by
// raised numbers: minSupCites groups or more, and no numeric citation in
// brackets.
func (r *pdfReader) citesBySuperscript(from, to int) bool {
	n := 0
	for i := from; i < to; i++ {
		if bracketCiteRE.MatchString(r.text(i)) {
			return false
		}
		n += len(r.supMarks(i))
	}
	return n >= minSupCites
}

// supCiteText is the text of line i with its raised reference numbers
// written as bracketed markers ("Tufte.1" → "Tufte [1].").
func (r *pdfReader) supCiteText(i int) string {
	t := r.text(i)
	marks := r.supMarks(i)
	if len(marks) == 0 {
		return t
	}
	l := r.lines[i]
	var b strings.Builder
	at := 0
	for _, k := range marks {
		prev, w := l.Words[k-1].Text, l.Words[k].Text
		// The marker goes before the punctuation it is raised after, so
		// the sentence still ends there: "shorelines.¹" → "shorelines [1].".
		core := strings.TrimRight(prev, ".,;:")
		punct := prev[len(core):]
		for _, sep := range []string{"", " "} {
			if j := strings.Index(t[at:], prev+sep+w); j >= 0 {
				j += at
				b.WriteString(t[at:j])
				b.WriteString(core + " [" + w + "]" + punct)
				at = j + len(prev) + len(sep) + len(w)
				break
			}
		}
	}
	b.WriteString(t[at:])
	return b.String()
}

// footnoteNumRE is the number a footnote opens with at the foot of a page.
var footnoteNumRE = lazyre.New(`^(\d{1,2})(?:\s*\S|$)`)

// footnoteOpens reports whether a line in small type on page opens with
// the number mark, as the footnote a raised mark refers to does. The
// numbers opening small lines are gathered once per document.
func (r *pdfReader) footnoteOpens(page int, mark string) bool {
	if r.footnoteNums == nil {
		r.footnoteNums = map[int]map[string]bool{}
		for i := range r.lines {
			if !r.small(i) {
				continue
			}
			if m := footnoteNumRE.FindStringSubmatch(r.text(i)); m != nil {
				pg := r.lines[i].page
				if r.footnoteNums[pg] == nil {
					r.footnoteNums[pg] = map[string]bool{}
				}
				r.footnoteNums[pg][m[1]] = true
			}
		}
	}
	return r.footnoteNums[page][mark]
}
