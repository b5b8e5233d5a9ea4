package answer

import (
	"fmt"
	"slices"

	"paperbot/corpus"
)

// citeFrameWords ask for a citation or name its style; they never name
// the work to cite.
var citeFrameWords = wordSet(`cite citing citation citations reference references ref refs format formatted style bibliography entry apa apa7 mla mla9 ieee bibtex bib chicago harvard ` + authorFrameWordList)

// maxCitedWorks caps the works a "cite X" answer formats.
const maxCitedWorks = 3

// numbered marks a formatted reference with its number in the paper's
// list, which IEEE prints itself: "[15] Nye, J. S. (2004). …", and a
// BibTeX entry gets it in a comment line above it, which BibTeX ignores.
func numbered(style corpus.Style, n int, formatted string) string {
	switch style {
	case corpus.StyleIEEE:
		return formatted
	case corpus.StyleBibTeX:
		return fmt.Sprintf("%% reference [%d] of the paper\n%s", n, formatted)
	}
	return fmt.Sprintf("[%d] %s", n, formatted)
}

// yearsIn are the four-digit years a question names ("Nye 2004").
func yearsIn(q string) []string {
	var out []string
	for _, w := range lowerTokens(q) {
		if len(w) == 4 && w >= "1500" && w <= "2099" && isNumber(w) {
			out = append(out, w)
		}
	}
	return out
}

// requestedStyle is the citation style a question names, if it names one
// the formats know.
func requestedStyle(q string) (corpus.Style, bool) {
	for _, w := range lowerTokens(q) {
		if s, err := corpus.ParseStyle(w); err == nil {
			return s, true
		}
	}
	return "", false
}

// citeWorkAnswer answers "give me the BibTeX for reference 15" and "cite
// the Nye book in APA": the reference named by number, or the works of
// the reference list whose entry holds the whole focus, formatted in the
// style asked for (the paper's own list style otherwise). It returns nil
// when the question names no work of the list, or the paper itself, so
// that the paper's own citation answers.
func citeWorkAnswer(pi *paperInfo, qq question) *Answer {
	var refs []int
	if qq.ref > 0 {
		n, ok := pi.citable(qq.ref)
		if !ok {
			r := newReply(pi)
			r.declined = true
			r.line(fmt.Sprintf("The paper has no reference number %d; its list runs from 1 to %d.", qq.ref, maxRef(pi)))
			return r.answer(qq)
		}
		refs = []int{n}
	} else {
		nw, ok := namedWorks(pi, qq, citeFrameWords)
		if !ok {
			return nil
		}
		years := yearsIn(qq.text)
		for _, s := range nw.refs {
			if len(years) == 0 || slices.Contains(years, corpus.YearBase(pi.refs[s.n].Year)) {
				refs = append(refs, s.n)
			}
		}
		if len(refs) == 0 {
			return nil
		}
	}
	style, named := requestedStyle(qq.text)
	if !named {
		style = pi.paper.ListStyle()
	}
	r := newReply(pi)
	switch {
	case len(refs) > maxCitedWorks:
		r.line(fmt.Sprintf("%d works in the reference list match; the first %d, in %s:", len(refs), maxCitedWorks, styleName(style)))
	case len(refs) > 1:
		r.line(fmt.Sprintf("%d works in the reference list match; in %s:", len(refs), styleName(style)))
	default:
		r.line("In " + styleName(style) + ":")
	}
	for _, n := range refs[:min(len(refs), maxCitedWorks)] {
		r.useRef(n)
		r.line(numbered(style, n, corpus.FormatRef(style, pi.paper, pi.refs[n])))
	}
	if !named {
		r.line(fmt.Sprintf("Other styles: /cite %d apa|mla|ieee|bibtex.", refs[0]))
	}
	return r.answer(qq)
}
