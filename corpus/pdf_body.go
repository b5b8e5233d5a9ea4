package corpus

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"paperbot/internal/lazyre"
)

var (
	pdfCaptionRE   = lazyre.New(`^(?:Figure|Fig\.|FIGURE|FIG\.|Table|TABLE|Scheme|Plate)\s*S?\d+[A-Za-z]?\s*[.:|—–-]?`)
	bulletRE       = lazyre.New(`^[•▪◦‣●·–-]\s`)
	numberedHeadRE = lazyre.New(`^(\d+(?:\.\d+)*)\.?\s+\p{Lu}|^([IVX]+)\.\s+\p{Lu}`)
)

// headingShape reports a line that could be a section heading: short, not
// a sentence, in body type or larger, and either numbered, set in
// capitals or larger type, or a common section name.
func (r *pdfReader) headingShape(i int) bool {
	if i < 0 || i >= len(r.lines) {
		return false
	}
	l := r.lines[i]
	t := r.text(i)
	n := utf8.RuneCountInString(t)
	if n < 3 || n > 90 || len(strings.Fields(t)) > 12 || pdfCaptionRE.MatchString(t) {
		return false
	}
	// Smaller type only for a heading in capitals standing alone ("FUNDING").
	if l.Size < r.bodySize*0.97 && !(l.first && l.last && t == strings.ToUpper(t)) && !(r.shortBlock(i) && !r.small(i)) {
		return false
	}
	if strings.ContainsAny(t[len(t)-1:], ".,;") || strings.Count(t, "=") > 0 {
		return false
	}
	if !l.first && i > 0 && !strings.ContainsAny(lastByte(r.text(i-1)), ".?!:") {
		return false
	}
	letters := 0
	for _, c := range t {
		if unicode.IsLetter(c) {
			letters++
		}
	}
	if letters < 3 || letters*2 < n {
		return false
	}
	first, _ := utf8.DecodeRuneInString(t)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	switch {
	case numberedHeadRE.MatchString(t):
		return true
	case t == strings.ToUpper(t):
		return true
	case l.Size >= r.bodySize*1.03:
		return true
	}
	k := headingKey(t)
	if commonHeadings[k] || refHeadings[k] {
		return true
	}
	// A short line of its own between sentences, in body type and
	// mixed case: a sub-heading set in bold or italics ("Participants").
	return len(strings.Fields(t)) <= 6 && !strings.HasSuffix(t, ":") && i > 0 && r.lines[i-1].page == l.page &&
		linesEndSentence([]string{r.text(i - 1)}) && l.XMax-l.XMin < 0.6*(r.lines[i-1].XMax-r.lines[i-1].XMin)
}

func lastByte(s string) string {
	if s == "" {
		return ""
	}
	return s[len(s)-1:]
}

// isHeading reports a heading: heading-shaped and followed by a paragraph
// (or by a sub-heading and then a paragraph), which tells headings from
// table cells.
func (r *pdfReader) isHeading(i int) bool {
	_, ok := r.headingSpan(i)
	return ok
}

// headingSpan returns the end (exclusive) of the heading starting at line
// i, which may wrap onto more lines of its block in the same type.
func (r *pdfReader) headingSpan(i int) (int, bool) {
	if !r.headingShape(i) {
		return 0, false
	}
	end := i + 1
	for end < len(r.lines) && end < i+3 && r.lines[end].block == r.lines[i].block &&
		near(r.lines[end].Size, r.lines[i].Size) && r.lines[i].Size > r.bodySize*1.03 &&
		utf8.RuneCountInString(r.text(end)) < 60 {
		end++
	}
	for j := end; j < len(r.lines) && j <= end+1; j++ {
		if utf8.RuneCountInString(r.text(j)) >= 30 && !r.small(j) {
			return end, true
		}
		if !r.headingShape(j) {
			return 0, false
		}
	}
	return 0, false
}

// headingLevel is the depth of a numbered heading ("2.1" is 2); unnumbered
// headings are level 1 in capitals or large type, else 2.
func (r *pdfReader) headingLevel(i int) int {
	t := r.text(i)
	if m := numberedHeadRE.FindStringSubmatch(t); m != nil {
		if m[1] != "" {
			return strings.Count(m[1], ".") + 1
		}
		return 1
	}
	if t == strings.ToUpper(t) || r.lines[i].Size >= r.bodySize*1.15 {
		return 1
	}
	return 2
}

// body reads lines [from, to) into sections and blocks.
func (r *pdfReader) body(p *Paper, from, to int, res *citeResolver) {
	sec := len(p.Sections) - 1
	var cur []string
	kind, page, block := BlockParagraph, 0, -1
	// pending is a paragraph cut off mid-sentence by a footnote, caption or
	// page foot; the text that continues it is joined to it.
	var pending []string
	pendingPage, pendingSec := 0, 0
	emit := func(k BlockKind, section, pg int, lines []string) {
		if text := r.joinPDFLines(lines); text != "" {
			b, missed := res.block(k, section, pg, text)
			r.unresolved += missed
			p.Body = append(p.Body, b)
		}
	}
	flushPending := func() {
		emit(BlockParagraph, pendingSec, pendingPage, pending)
		pending = nil
	}
	flush := func() {
		if kind == BlockParagraph && len(cur) > 0 && !linesEndSentence(cur) {
			flushPending()
			pending, pendingPage, pendingSec = cur, page, sec
		} else {
			emit(kind, sec, page, cur)
		}
		cur = nil
	}
	start := func(k BlockKind, i int) {
		flush()
		kind, page = k, r.lines[i].page
		if k == BlockParagraph && pending != nil {
			if first, _ := utf8.DecodeRuneInString(r.text(i)); unicode.IsLower(first) {
				cur, page, pending = pending, pendingPage, nil
				return
			}
			flushPending()
		}
	}
	for i := from; i < to; i++ {
		if r.consumed[i] {
			continue
		}
		l := r.lines[i]
		t := r.text(i)
		newBlock := l.block != block
		block = l.block
		if end, ok := r.headingSpan(i); ok && !r.listItem(i, p.Sections) {
			flush()
			flushPending()
			var parts []string
			for j := i; j < end; j++ {
				parts = append(parts, r.text(j))
			}
			p.Sections = append(p.Sections, Section{Heading: r.joinPDFLines(parts), Level: r.headingLevel(i), Page: l.page})
			r.secSizes = append(r.secSizes, l.Size)
			sec = len(p.Sections) - 1
			i = end - 1
			continue
		}
		switch {
		case pdfCaptionRE.MatchString(t) && (l.first || linesEndSentence(cur)):
			start(BlockCaption, i)
		case newBlock && kind == BlockCaption && len(cur) == 1 && pdfCaptionRE.FindString(cur[0]) == cur[0]:
			// "Table 1" printed above its title: the caption goes on.
		case r.small(i) && (kind != BlockCaption || newBlock):
			// Consecutive small print (a footnote, a table's cells) is one block.
			if kind != BlockFootnote || l.page != page {
				start(BlockFootnote, i)
			}
		case bulletRE.MatchString(t) && kind == BlockParagraph:
			start(BlockParagraph, i)
		case newBlock && kind != BlockParagraph:
			start(BlockParagraph, i)
		case newBlock && linesEndSentence(cur):
			start(BlockParagraph, i)
		case !newBlock && i > 0 && kind == BlockParagraph && l.XMin > r.lines[i-1].XMin+4 && linesEndSentence(cur):
			// A first-line indent starts a paragraph.
			start(BlockParagraph, i)
		case len(cur) == 0:
			start(BlockParagraph, i)
		}
		if r.supCites {
			t = r.supCiteText(i)
		}
		cur = append(cur, t)
	}
	flush()
	flushPending()
}

// linesEndSentence reports whether the lines so far end a sentence (or are empty).
func linesEndSentence(lines []string) bool {
	if len(lines) == 0 {
		return true
	}
	s := strings.TrimRight(lines[len(lines)-1], " )\"”’")
	return s == "" || strings.ContainsAny(s[len(s)-1:], ".?!:")
}

// supplement reads a supplement with its own title block and reference
// list, starting at line from: its references are kept apart from the
// paper's (Paper.SupplementReferences) and its citations resolve to them.
func (r *pdfReader) supplement(p *Paper, from int) {
	refs := r.findRefHeading(from + 1)
	end := len(r.lines)
	var list []Reference
	numbered := true
	if refs >= 0 {
		var notes []string
		list, notes, numbered = r.references(refs+1, r.refEnd(refs+1, -1), nil)
		for _, n := range notes {
			p.Anomalies = append(p.Anomalies, "supplement: "+n)
		}
		end = refs
	}
	p.SupplementReferences = list
	p.Sections = append(p.Sections, Section{Heading: r.text(from), Level: 1, Page: r.lines[from].page})
	r.secSizes = append(r.secSizes, 0)
	p.Anomalies = append(p.Anomalies, fmt.Sprintf("a supplement starts on page %d with its own reference list of %d entries, kept apart from the paper's list", r.lines[from].page, len(list)))
	// Skip the repeated title block: the body starts at the first heading.
	start := from + 1
	for start < end && !(r.isHeading(start) && r.lines[start].Size < r.bodySize*1.5) {
		start++
	}
	r.body(p, start, end, pdfResolver(list, numbered))
}

// listItem reports a numbered line that restarts the numbering of the
// sections so far ("1. What is a city?" inside section 2): an item of a
// numbered list, not a heading.
func (r *pdfReader) listItem(i int, secs []Section) bool {
	m := numberedHeadRE.FindStringSubmatch(r.text(i))
	if m == nil || m[1] == "" {
		return false
	}
	top := func(s string) int {
		n, _ := strconv.Atoi(strings.SplitN(s, ".", 2)[0])
		return n
	}
	n := top(m[1])
	for j := len(secs) - 1; j >= 0; j-- {
		if pm := numberedHeadRE.FindStringSubmatch(secs[j].Heading); pm != nil && pm[1] != "" {
			if !strings.Contains(m[1], ".") {
				return n <= top(pm[1])
			}
			return n < top(pm[1])
		}
	}
	return false
}

// shortBlock reports a block of at most three short lines around line i
// (a heading block, or a heading over a sub-heading).
func (r *pdfReader) shortBlock(i int) bool {
	b := r.lines[i].block
	n := 0
	for j := i; j >= 0 && r.lines[j].block == b; j-- {
		n++
	}
	for j := i + 1; j < len(r.lines) && r.lines[j].block == b; j++ {
		n++
		if utf8.RuneCountInString(r.text(j)) > 60 {
			return false
		}
	}
	return n <= 3 && utf8.RuneCountInString(r.text(i)) <= 60
}
