package corpus

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// span is a run of lines [start, end) of the text.
type span struct{ start, end int }

// lineParagraphs returns the blank-line separated runs of lines.
func lineParagraphs(lines []string) []span {
	var out []span
	start := -1
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			if start >= 0 {
				out = append(out, span{start, i})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, span{start, len(lines)})
	}
	return out
}

// bodyPara is one paragraph of the body before citations are resolved.
type bodyPara struct {
	kind    BlockKind
	section int
	text    string
}

// readBody reads the body of a plain-text paper (the lines between the
// abstract and the references): section headings, paragraphs and
// captions, each paragraph's sentences with their citations resolved by r.
// It returns the number of citation markers that could not be resolved.
func readBody(p *Paper, lines []string, r *citeResolver) int {
	var st headingState
	var paras []bodyPara
	section := -1
	spans := lineParagraphs(lines)
	for i, sp := range spans {
		ls := make([]string, 0, sp.end-sp.start)
		for _, l := range lines[sp.start:sp.end] {
			ls = append(ls, strings.TrimSpace(l))
		}
		if len(ls) == 1 && isAllDigits(ls[0]) {
			continue // a page number
		}
		alone := len(ls) == 1 && i+1 < len(spans) && proseSpan(lines[spans[i+1].start:spans[i+1].end]) &&
			(len(paras) == 0 || endsSentence(paras[len(paras)-1].text))
		// A paragraph may open with headings glued to it ("METHODS" /
		// "Data collection" / text).
		for len(ls) > 0 {
			glued := gluedHeading(ls)
			if len(ls) > 1 && !glued {
				break // the first line of running text
			}
			h, level, ok := st.heading(ls[0], alone, glued)
			if !ok {
				break
			}
			p.Sections = append(p.Sections, Section{Heading: h, Level: level})
			section = len(p.Sections) - 1
			ls = ls[1:]
		}
		if len(ls) == 0 {
			continue
		}
		text := joinEntry(ls)
		kind := BlockParagraph
		if captionRE.MatchString(text) {
			kind = BlockCaption
		}
		paras = append(paras, bodyPara{kind: kind, section: section, text: text})
	}
	texts := make([]string, len(paras))
	for i, bp := range paras {
		texts[i] = bp.text
	}
	r.detectSuperscripts(texts)
	missed := 0
	for _, bp := range paras {
		b, un := r.block(bp.kind, bp.section, 0, bp.text)
		missed += un
		if len(b.Sentences) > 0 {
			p.Body = append(p.Body, b)
		}
	}
	r.addParenCites(p.Body)
	return missed
}

// proseSpan reports a paragraph of running text (not a table cell or a
// lone label): several lines, or one long line.
func proseSpan(ls []string) bool {
	n := 0
	for _, l := range ls {
		n += utf8.RuneCountInString(strings.TrimSpace(l))
	}
	return len(ls) > 1 && n >= 60 || n >= 80
}

// gluedHeading reports a heading printed on the first line of a paragraph
// with no blank line after it: the line is much shorter than the text that
// follows it.
func gluedHeading(ls []string) bool {
	return len(ls) > 1 && utf8.RuneCountInString(ls[0])*10 < utf8.RuneCountInString(ls[1])*6 && startsUpper(ls[1])
}

// endsSentence reports text that ends a sentence (so a short line after it
// can be a heading, not the rest of a wrapped sentence).
func endsSentence(text string) bool {
	t := strings.TrimRight(text, ")]\"”’' ")
	last, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".?!:", last) || t == ""
}

// unresolvedNote is the reader's note for citation markers it could not
// resolve; never a guess, only the count.
func unresolvedNote(n int) string {
	if n == 1 {
		return "1 in-text citation marker could not be resolved to the reference list"
	}
	return fmt.Sprintf("%d in-text citation markers could not be resolved to the reference list", n)
}
