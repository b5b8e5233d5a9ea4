package pdftext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"paperbot/internal/lazyre"
)

// marginShare is the share of the page height at the top and at the bottom
// where running headers, footers and page numbers are looked for.
const marginShare = 0.11

var folioRE = lazyre.New(`^(?i:page\s+)?\d{1,4}(?:\s*(?:/|(?i:of))\s*\d{1,4})?$`)

// Clean removes what is not the paper's text and repairs what pdftotext
// breaks: ligatures are expanded and control and replacement characters
// dropped; text set rotated in the margins (licence strips) is dropped;
// running headers and footers (the same text, numbers masked, near the top
// or bottom edge of several pages) and bare page numbers there are
// dropped; a word hyphenated at a line end is joined, keeping the hyphen
// only where the document itself writes both halves as words and never the
// joined form. What was removed is counted in d.Notes.
func (d *Document) Clean() {
	lost, rotated := 0, 0
	d.filterLines(func(_ *Page, l *Line) bool {
		if isRotated(*l) {
			rotated++
			return false
		}
		words := l.Words[:0]
		for _, w := range l.Words {
			t, n := normalizeText(w.Text)
			lost += n
			if t = strings.TrimSpace(t); t != "" {
				w.Text = t
				words = append(words, w)
			}
		}
		l.Words = words
		if len(l.Words) == 0 {
			return false
		}
		l.finish()
		return true
	})
	running := d.dropRunning()
	d.joinHyphens()
	d.dropEmpty()
	if rotated > 0 {
		d.Notes = append(d.Notes, fmt.Sprintf("dropped %d lines of rotated margin text", rotated))
	}
	if running > 0 {
		d.Notes = append(d.Notes, fmt.Sprintf("dropped %d running header, footer and page-number lines", running))
	}
	if lost > 0 {
		d.Notes = append(d.Notes, fmt.Sprintf("%d characters the PDF does not map to text (U+FFFD) were dropped", lost))
	}
}

// isRotated reports a line set at an angle: its words are stacked
// vertically rather than side by side, or its one word is taller than wide.
func isRotated(l Line) bool {
	if len(l.Words) == 1 {
		w := l.Words[0]
		return utf8.RuneCountInString(w.Text) >= 3 && w.Height() > 2*w.Width()
	}
	stacked := 0
	for i := 1; i < len(l.Words); i++ {
		a, b := l.Words[i-1], l.Words[i]
		if b.XMin < a.XMax-0.5*min(a.Width(), b.Width()) {
			stacked++
		}
	}
	return stacked*2 > len(l.Words)-1
}

// maskLine is a line's key for running-header detection: lower case,
// spaces folded, digits masked.
func maskLine(s string) string {
	return strings.ToLower(digits.ReplaceAllString(strings.Join(strings.Fields(s), " "), "#"))
}

func (p *Page) inMargin(l Line) bool {
	if p.Height <= 0 {
		return false
	}
	return l.YMax <= p.Height*marginShare || l.YMin >= p.Height*(1-marginShare)
}

// dropRunning removes running headers, footers and page numbers and
// returns how many lines it removed.
func (d *Document) dropRunning() int {
	pages := map[string]map[int]bool{}
	for _, p := range d.Pages {
		for _, b := range p.Blocks {
			for _, l := range b.Lines {
				if p.inMargin(l) {
					k := maskLine(l.Text)
					if pages[k] == nil {
						pages[k] = map[int]bool{}
					}
					pages[k][p.Number] = true
				}
			}
		}
	}
	// A header or footer repeats on three pages; a paper of five pages
	// or fewer alternates its headers (the title on odd pages, the
	// authors on even ones), so there two will do.
	need := 3
	if len(d.Pages) <= 5 {
		need = 2
	}
	removed := 0
	seen := map[string]bool{}
	d.filterLines(func(p *Page, l *Line) bool {
		if p.inMargin(*l) && (len(pages[maskLine(l.Text)]) >= need || folioRE.MatchString(strings.TrimSpace(l.Text))) {
			removed++
			if k := maskLine(l.Text); !seen[k] && !folioRE.MatchString(strings.TrimSpace(l.Text)) {
				seen[k] = true
				d.Furniture = append(d.Furniture, strings.TrimSpace(l.Text))
			}
			return false
		}
		return true
	})
	return removed
}

// filterLines keeps, in every block, the lines keep accepts; keep may
// change the line it is given.
func (d *Document) filterLines(keep func(p *Page, l *Line) bool) {
	for pi := range d.Pages {
		p := &d.Pages[pi]
		for bi := range p.Blocks {
			b := &p.Blocks[bi]
			kept := b.Lines[:0]
			for _, l := range b.Lines {
				if keep(p, &l) {
					kept = append(kept, l)
				}
			}
			b.Lines = kept
		}
	}
}

func (d *Document) dropEmpty() {
	for pi := range d.Pages {
		p := &d.Pages[pi]
		kept := p.Blocks[:0]
		for _, b := range p.Blocks {
			if len(b.Lines) == 0 {
				continue
			}
			b.Box = Box{}
			for _, l := range b.Lines {
				b.grow(l.Box)
			}
			kept = append(kept, b)
		}
		p.Blocks = kept
	}
}

// lineRef addresses one line of the document.
type lineRef struct{ p, b, l int }

func (d *Document) line(r lineRef) *Line { return &d.Pages[r.p].Blocks[r.b].Lines[r.l] }

// Vocabulary returns the document's words, lower case, punctuation
// trimmed: the evidence JoinHyphenated uses. The first word of a line
// after a line ending in a hyphen is left out: it may be half a word.
func (d *Document) Vocabulary() map[string]bool {
	vocab := map[string]bool{}
	afterHyphen := false
	for _, p := range d.Pages {
		for _, b := range p.Blocks {
			for _, l := range b.Lines {
				for i, w := range l.Words {
					if i == 0 && afterHyphen {
						continue
					}
					vocab[strings.ToLower(strings.TrimFunc(w.Text, notWordRune))] = true
				}
				afterHyphen = len(l.Words) > 0 && strings.HasSuffix(l.Words[len(l.Words)-1].Text, "-")
			}
		}
	}
	return vocab
}

// joinHyphens joins words hyphenated at line ends, in reading order.
func (d *Document) joinHyphens() {
	vocab := d.Vocabulary()
	var order []lineRef
	for pi, p := range d.Pages {
		for bi, b := range p.Blocks {
			for li := range b.Lines {
				order = append(order, lineRef{pi, bi, li})
			}
		}
	}
	for i := 0; i+1 < len(order); i++ {
		a, b := d.line(order[i]), d.line(order[i+1])
		if len(a.Words) == 0 || len(b.Words) == 0 {
			continue
		}
		last, first := &a.Words[len(a.Words)-1], b.Words[0]
		joined, ok := JoinHyphenated(last.Text, first.Text, vocab)
		if !ok {
			continue
		}
		last.Text = joined
		last.XMax = max(last.XMax, last.XMin)
		b.Words = b.Words[1:]
		a.finish()
		if len(b.Words) > 0 {
			b.finish()
		} else {
			b.Text = ""
		}
	}
	for pi := range d.Pages {
		for bi := range d.Pages[pi].Blocks {
			bl := &d.Pages[pi].Blocks[bi]
			kept := bl.Lines[:0]
			for _, l := range bl.Lines {
				if len(l.Words) > 0 {
					kept = append(kept, l)
				}
			}
			bl.Lines = kept
		}
	}
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' }

// JoinHyphenated decides how a word broken at a line end ("interna-" then
// "tional,") is put back, with vocab the document's own words (lower case,
// punctuation trimmed). It returns the joined word and true, or false when
// the line end is not a hyphenation (no hyphen, a dash, a URL, or no
// lower-case letter after it). The hyphen is kept when the document never
// writes the joined form but does use both halves as words of their own
// ("syntax-" "dependent"); otherwise it is dropped ("Convolu-" "tional").
func JoinHyphenated(end, next string, vocab map[string]bool) (string, bool) {
	if !strings.HasSuffix(end, "-") || strings.HasSuffix(end, "--") || len(end) < 2 {
		return "", false
	}
	stem := strings.TrimSuffix(end, "-")
	before, _ := utf8.DecodeLastRuneInString(stem)
	after, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsLetter(before) || !unicode.IsLower(after) {
		return "", false
	}
	if next == "and" || next == "or" || next == "to" {
		return "", false // a suspended hyphen: "N- and C-terminal"
	}
	if strings.Contains(stem, "://") || strings.Contains(stem, "/") || strings.Contains(stem, "@") {
		return "", false
	}
	lowStem := strings.ToLower(strings.TrimLeftFunc(stem, notWordRune))
	lowNext := strings.ToLower(strings.TrimRightFunc(next, notWordRune))
	// The part after the last hyphen already inside the stem ("N-domain-").
	head := lowStem
	if i := strings.LastIndexByte(head, '-'); i >= 0 {
		head = head[i+1:]
	}
	joinedKey := lowStem + lowNext
	switch {
	case vocab[joinedKey]:
		return stem + next, true
	case vocab[lowStem+"-"+lowNext]:
		return end + next, true
	case strings.Contains(lowStem, "-") || strings.Contains(lowNext, "-") || (len(head) > 2 && vocab[head] && vocab[lowNext] && len(lowNext) > 2 && !vocab[joinedKey]):
		return end + next, true
	}
	return stem + next, true
}
