package corpus

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"paperbot/internal/lazyre"
)

// This file recognises the section headings of a plain-text body:
// "1. Introduction", "1 Introduction", "2.1 Participants", "IV. RESULTS",
// "INTRODUCTION", "Methods", and short stand-alone title-case lines
// between blank lines. Ordinary short lines must stay text, so every rule
// is conservative.

var (
	numberedHeadingRE = lazyre.New(`^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\p{Lu}.*)$`)
	romanHeadingRE    = lazyre.New(`^([IVX]{1,5})\.\s+(\p{Lu}.*)$`)
	letterHeadingRE   = lazyre.New(`^([A-H])\.\s+(\p{Lu}.*)$`)
	captionRE         = lazyre.New(`^(?:Figure|Fig\.|FIGURE|FIG\.|Table|TABLE|Supplementary (?:Figure|Table))\s+[A-Z]?\d{1,3}[a-z]?\s*(?:[.:|]|[-–—]\s)`)
)

// commonHeadings are section names used across fields, for plain text and
// PDF bodies alike: a single line with one of them is a heading even when
// a paragraph follows without a blank, or when a PDF sets it in body type.
var commonHeadings = map[string]bool{
	"introduction": true, "background": true, "related work": true, "methods": true, "method": true,
	"methodology": true, "materials and methods": true, "results": true, "discussion": true,
	"conclusion": true, "conclusions": true, "limitations": true, "acknowledgements": true,
	"acknowledgments": true, "results and discussion": true, "future work": true, "evaluation": true,
	"experiments": true, "literature review": true, "theoretical framework": true, "data": true,
	"analysis": true, "summary": true, "implications": true, "ethics": true, "appendix": true,
	"abbreviations": true, "funding": true,
}

// headingState carries what earlier headings tell about later ones: the
// current top-level number, and whether the paper numbers with Roman
// numerals or prints its top level in capitals.
type headingState struct {
	top      int  // last top-level section number seen; 0 before any
	roman    bool // "II. METHODS" seen
	capsTop  bool // unnumbered "METHODS" seen
	numbered bool // "2 Methods" seen
}

// heading decides whether line (one trimmed line) is a section heading.
// The line is either a one-line paragraph or, when glued, the first line
// of a paragraph, much shorter than the line after it, which starts with a
// capital. alone says a one-line paragraph comes after a finished sentence
// and before a paragraph of prose. Weak headings (title or sentence case,
// capitals not in commonHeadings) need alone or glued. It returns the
// heading as printed and its level.
func (st *headingState) heading(line string, alone, glued bool) (string, int, bool) {
	if utf8.RuneCountInString(line) > 90 || strings.ContainsAny(line, "[]()=") || captionRE.MatchString(line) {
		return "", 0, false
	}
	text := strings.Join(strings.Fields(line), " ")
	if m := numberedHeadingRE.FindStringSubmatch(text); m != nil && headingWords(m[2], 12) && text[0] != '0' {
		parts := strings.Split(m[1], ".")
		top, _ := strconv.Atoi(parts[0])
		switch {
		case top == 0 || top > 30:
			return "", 0, false
		case len(parts) == 1 && (top <= st.top || top > st.top+2 && !alone):
			return "", 0, false // a numbered list inside a section, not a new section
		case len(parts) > 1 && top != st.top:
			return "", 0, false
		}
		if len(parts) == 1 {
			st.top = top
		}
		st.numbered = true
		return text, len(parts), true
	}
	if m := romanHeadingRE.FindStringSubmatch(text); m != nil && headingWords(m[2], 12) && !st.numbered {
		st.roman = true
		return text, 1, true
	}
	if m := letterHeadingRE.FindStringSubmatch(text); m != nil && st.roman && alone && headingWords(m[2], 10) {
		return text, 2, true
	}
	if !headingWords(text, 8) || strings.ContainsAny(text, "0123456789") {
		return "", 0, false
	}
	key := strings.ToLower(strings.TrimRight(text, ":"))
	switch {
	case commonHeadings[key]:
		st.capsTop = st.capsTop || allCaps(text)
		return text, 1, true
	case alone && allCaps(text) && !strings.ContainsAny(text, ",/") && (strings.Contains(text, " ") || utf8.RuneCountInString(text) >= 6):
		st.capsTop = true
		return text, 1, true
	case alone && titleCase(text), (alone || glued) && len(strings.Fields(text)) <= 6 && titleCase(capitalFirst(text)):
		if st.capsTop {
			return text, 2, true
		}
		return text, 1, true
	}
	return "", 0, false
}

// headingWords reports a heading-like text: at most max words, starting
// with a capital letter and not ending like a sentence or a list item.
func headingWords(s string, max int) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(strings.Fields(s)) > max {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune(".,;", last)
}

// allCaps reports a line of capitals with at least one word of three
// letters: "INTRODUCTION", "MATERIALS AND METHODS".
func allCaps(s string) bool {
	long := false
	for _, w := range strings.Fields(s) {
		letters := 0
		for _, r := range w {
			if unicode.IsLower(r) {
				return false
			}
			if unicode.IsLetter(r) {
				letters++
			}
		}
		long = long || letters >= 3
	}
	return long
}

// minorWords may stay lower-case in a title-case heading.
var minorWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "of": true, "in": true, "on": true,
	"for": true, "to": true, "with": true, "from": true, "by": true, "at": true, "as": true, "vs": true,
	"versus": true, "into": true, "via": true, "its": true, "their": true, "our": true, "is": true, "are": true,
}

// titleCase reports a line whose words are all capitalised except minor
// words ("Data and Design", "Why Samples Drift"), with only letters,
// spaces and light punctuation.
func titleCase(s string) bool {
	for _, w := range strings.Fields(s) {
		for _, r := range w {
			if !unicode.IsLetter(r) && !strings.ContainsRune("-’'&:/?", r) {
				return false
			}
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !minorWords[strings.ToLower(w)] && r != '&' {
			return false
		}
	}
	return true
}

// capitalFirst capitalises every word, so that titleCase can check a
// sentence-case heading ("Data collection") for its characters.
func capitalFirst(s string) string {
	f := strings.Fields(s)
	for i, w := range f {
		r, n := utf8.DecodeRuneInString(w)
		f[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return strings.Join(f, " ")
}
