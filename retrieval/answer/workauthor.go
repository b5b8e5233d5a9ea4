package answer

import (
	"fmt"
	"slices"
	"strings"

	"paperbot/retrieval"
)

// authorFrameWordList are the words of the question frame of an authors
// question ("who is the first author", "the authors' names"), never of
// the work it names.
const authorFrameWordList = `first lead senior last corresponding main co name names affiliation affiliations title`

// authorFrameWords are authorFrameWordList as a set.
var authorFrameWords = wordSet(authorFrameWordList)

// genreWords name a kind of work: "who wrote the book on soft power?"
// asks about a work in the reference list, not about the paper.
var genreWords = wordSet(`book books chapter report thesis dissertation monograph`)

// maxWorkAuthors caps the works a "who wrote X?" answer lists.
const maxWorkAuthors = 5

// namedWork is what a question names of the reference list: the works
// whose entry holds its whole focus (best first), and that focus.
type namedWork struct {
	refs  []refScore
	fm    []focusMatch
	focus []string
}

// namedWorks reads which works of the reference list a question names by
// words of their entries ("The Future of Power", "the Nye book"), its
// frame words left out. ok is false when it names none, or names the
// paper itself ("this", "the study", or words of its title, unless a kind
// of work other than a paper is named: "the book on …").
func namedWorks(pi *paperInfo, qq question, frame map[string]bool) (namedWork, bool) {
	var nw namedWork
	for _, w := range qq.focus {
		if !genreWords[w] && !frame[w] {
			nw.focus = append(nw.focus, w)
		}
	}
	toks := lowerTokens(qq.text)
	genre := slices.ContainsFunc(toks, func(w string) bool { return genreWords[w] })
	if len(nw.focus) == 0 || !genre && slices.ContainsFunc(toks, func(w string) bool { return paperNouns[w] || w == "this" }) {
		// "who wrote this study on bike lanes?": the paper, described.
		return nw, false
	}
	nw.fm = pi.matchFocus(nw.focus)
	if slices.ContainsFunc(nw.fm, func(m focusMatch) bool { return !m.found }) || !genre && titleHolds(pi, nw.fm) {
		return nw, false
	}
	nw.refs = matchingRefs(pi, nw.fm, 0.99)
	return nw, len(nw.refs) > 0
}

// workAuthorsAnswer answers "who wrote The Future of Power?" when the
// question names a work of the reference list rather than the paper
// (namedWorks): those works, with their authors; nil otherwise, so that
// the paper's own authors answer.
func workAuthorsAnswer(pi *paperInfo, qq question) *Answer {
	nw, ok := namedWorks(pi, qq, authorFrameWords)
	if !ok {
		return nil
	}
	scored, fm, focus := nw.refs, nw.fm, nw.focus
	r := newReply(pi)
	switch {
	case len(scored) > maxWorkAuthors:
		r.line(fmt.Sprintf("%d works in the paper's reference list match %s; the first %d:", len(scored), focusPhrase(fm), maxWorkAuthors))
	case len(scored) > 1:
		r.line(fmt.Sprintf("%d works in the paper's reference list match %s:", len(scored), focusPhrase(fm)))
	}
	for _, s := range scored[:min(len(scored), maxWorkAuthors)] {
		r.useRef(s.n)
		r.line(writtenBy(pi, s.n))
	}
	if len(scored) > maxWorkAuthors {
		r.line("/refs " + strings.Join(focus, " ") + " lists them all.")
	}
	return r.answer(qq)
}

// writtenBy says who wrote reference n: "“The Future of Power” (2011) is
// by Joseph S. Nye [10]."
func writtenBy(pi *paperInfo, n int) string {
	ref := pi.refs[n]
	title := strings.TrimSuffix(strings.TrimSpace(ref.Title), ".")
	if title == "" {
		return describeRef(ref) + fmt.Sprintf(" [%d]", n)
	}
	s := "“" + title + "”"
	if ref.Year != "" && ref.Year != "n.d." {
		s += " (" + ref.Year + ")"
	}
	var names []string
	for _, a := range ref.Authors {
		names = append(names, displayName(a))
	}
	if len(names) == 0 {
		return s + fmt.Sprintf(" names no author in the reference list [%d].", n)
	}
	return s + " is by " + joinAnd(names) + fmt.Sprintf(" [%d].", n)
}

// titleHolds reports whether the paper's own title holds every focus word
// found in the paper: the question names the paper itself.
func titleHolds(pi *paperInfo, fm []focusMatch) bool {
	terms := map[string]bool{}
	for _, t := range retrieval.Terms(pi.paper.Title) {
		terms[t] = true
	}
	return !slices.ContainsFunc(fm, func(m focusMatch) bool { return !m.found || !hasTerm(terms, m.term) })
}
