package corpus

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"paperbot/corpus/pdftext"
	"paperbot/internal/lazyre"
)

// This file reads a PDF into the same Paper model as a text file, from the
// page layout pdftotext gives (pdftext.Document): font sizes find the title
// and headings, boxes find side panels and re-pair reference numbers
// printed apart from their entries. See pdf_front.go, pdf_body.go and
// pdf_refs.go.

// ParsePDF reads a paper from a PDF with pdftotext (poppler-utils). name is
// the file name (for the paper's ID); ctx bounds the extraction.
func ParsePDF(ctx context.Context, name string, data []byte) (*Paper, error) {
	doc, err := pdftext.ExtractLayout(ctx, data)
	if err != nil {
		return nil, &ReadError{Name: name, Err: err, Detail: err.Error()}
	}
	return ReadLayout(name, doc)
}

// ReadLayout builds a Paper from a cleaned PDF layout.
func ReadLayout(name string, doc *pdftext.Document) (*Paper, error) {
	r := newPDFReader(doc)
	p := &Paper{Source: name, Authors: []string{}, References: []Reference{}, Anomalies: []string{}}
	r.front(p)
	p.Citation = r.citation(p.Title)
	heads := r.refHeadingsFrom(r.bodyStart)
	if len(heads) == 0 {
		return nil, readErr(name, ErrNoReferences, "no references heading found in the PDF's text")
	}
	// The list is under the best heading with entries under it.
	var refStart, suppStart, refEnd int
	var numbered bool
	notes := p.Anomalies
	for _, h := range heads {
		r.refCaptions, r.consumed = nil, map[int]bool{}
		refStart = h
		suppStart = r.findSupplement(refStart+1, p.Title)
		refEnd = r.refEnd(refStart+1, suppStart)
		p.References, p.Anomalies, numbered = r.references(refStart+1, refEnd, notes)
		if len(p.References) > 0 {
			break
		}
	}
	if len(p.References) == 0 {
		return nil, readErr(name, ErrNoReferences, "found a references heading but no entries under it")
	}
	applyListStyle(p.References)
	p.Anomalies = append(p.Anomalies, markAnomalies(p.References)...)
	res := pdfResolver(p.References, numbered)
	r.supCites = numbered && r.citesBySuperscript(r.bodyStart, refStart)
	r.body(p, r.bodyStart, refStart, res)
	r.addRefCaptions(p, res)
	if refEnd < len(r.lines) {
		// What follows the list (acknowledgements, appendices) is body too.
		end := len(r.lines)
		if suppStart >= 0 {
			end = suppStart
		}
		r.body(p, refEnd, end, res)
	}
	res.addParenCites(p.Body)
	if suppStart >= 0 {
		r.supplement(p, suppStart)
	}
	levelSections(p.Sections, r.secSizes)
	p.Anomalies = append(p.Anomalies, doc.Notes...)
	if r.sidePanel > 0 {
		p.Anomalies = append(p.Anomalies, fmt.Sprintf("kept %d side-panel lines (dates, licence, correspondence) out of the text", r.sidePanel))
	}
	if r.unresolved > 0 {
		p.Anomalies = append(p.Anomalies, unresolvedNote(r.unresolved))
	}
	p.ID = paperID(strings.TrimSuffix(name, filepath.Ext(name))+".txt", p.Title)
	return p, nil
}

// pline is one line of the PDF in reading order.
type pline struct {
	pdftext.Line
	page  int // 1-based
	block int // running block number over the document
	first bool
	last  bool
}

type pdfReader struct {
	doc       *pdftext.Document
	lines     []pline
	bodySize  float64 // font size of most of the text
	left      float64 // left edge of the main text area
	bodyStart int     // first line after the front matter
	sidePanel int
	vocab     map[string]bool // the document's words, for hyphenation
	secSizes  []float64       // type size of each heading in Paper.Sections
	// consumed are lines used elsewhere (reference numbers printed apart).
	consumed map[int]bool
	// refCaptions are caption lines found inside the reference list.
	refCaptions []int
	// unresolved counts in-text citation markers no reference matched.
	unresolved int
	// supCites is set when the body cites by raised numbers
	// (pdf_supcite.go); footnoteNums are the numbers opening small print,
	// by page, gathered on first use.
	supCites     bool
	footnoteNums map[int]map[string]bool
}

// sizeTally counts characters by type size (to the half point): the size
// most text is set in, of a document or of a reference list.
type sizeTally map[float64]int

func (t sizeTally) add(l pdftext.Line) { t[math.Round(l.Size*2)/2] += len(l.Text) }

// most is the size holding most characters (the smaller on a tie).
func (t sizeTally) most() float64 {
	size, best := 0.0, 0
	for s, n := range t {
		if n > best || n == best && s < size {
			size, best = s, n
		}
	}
	return size
}

func newPDFReader(doc *pdftext.Document) *pdfReader {
	r := &pdfReader{doc: doc, consumed: map[int]bool{}, vocab: doc.Vocabulary()}
	// Font size and left edge of the main text, weighted by characters.
	sizes := sizeTally{}
	var lefts []float64
	for _, p := range doc.Pages {
		for _, b := range p.Blocks {
			for _, l := range b.Lines {
				sizes.add(l)
				if len(l.Text) > 40 {
					lefts = append(lefts, l.XMin)
				}
			}
		}
	}
	r.bodySize = sizes.most()
	if len(lefts) > 0 {
		sort.Float64s(lefts)
		r.left = lefts[len(lefts)/20]
	}
	block := 0
	for _, p := range doc.Pages {
		for _, b := range p.Blocks {
			block++
			if b.XMax < r.left-4 {
				// A panel in the margin beside the text: dates, licence, editor.
				r.sidePanel += len(b.Lines)
				continue
			}
			for i, l := range b.Lines {
				r.lines = append(r.lines, pline{Line: l, page: p.Number, block: block, first: i == 0, last: i == len(b.Lines)-1})
			}
		}
	}
	return r
}

// text returns the trimmed text of line i.
func (r *pdfReader) text(i int) string { return strings.TrimSpace(r.lines[i].Text) }

// small reports print clearly smaller than the body text (footnotes,
// licence lines, affiliations).
func (r *pdfReader) small(i int) bool { return r.lines[i].Size < r.bodySize*0.85 }

// findRefHeading returns the references heading to read the list under,
// at or after from, or -1: the first of refHeadingsFrom.
func (r *pdfReader) findRefHeading(from int) int {
	if hs := r.refHeadingsFrom(from); len(hs) > 0 {
		return hs[0]
	}
	return -1
}

// refHeadingsFrom returns the references headings at or after from, best
// first: those opening their block and followed by an entry, then those
// opening their block followed by prose (a section about references), then
// those inside a block (a table of contents' entry, "9.20.
// Acknowledgements / References"), each in reading order.
func (r *pdfReader) refHeadingsFrom(from int) []int {
	var entry, prose, inside []int
	for i := from; i < len(r.lines); i++ {
		switch {
		case !refHeadings[headingKey(r.text(i))]:
		case !r.lines[i].first:
			inside = append(inside, i)
		case r.opensEntry(i + 1):
			entry = append(entry, i)
		default:
			prose = append(prose, i)
		}
	}
	return append(append(entry, prose...), inside...)
}

// entryStartRE is how a reference entry opens: a number ("[1]", "1.") or
// a surname with initials or a given name ("Smith, J.", "Smith J",
// "Smith, John").
var entryStartRE = lazyre.New(`^(\[\d+\]|\d{1,3}\.\s|\p{Lu}[\p{L}'’-]+,?\s+\p{Lu}(\.|\p{Lu}|[\p{Ll}]+,))`)

// opensEntry reports whether the first two lines from i read as the start
// of a reference list: an entry's opening or a year. A section about
// references in a template ("The references will be numbered in order of
// appearance") opens with prose, and the list is under a later heading.
func (r *pdfReader) opensEntry(i int) bool {
	for j := i; j < min(i+2, len(r.lines)); j++ {
		t := r.text(j)
		if entryStartRE.MatchString(t) || yearRE.MatchString(t) {
			return true
		}
	}
	return false
}

// findSupplement returns the line where a supplement with its own title
// block starts after the references (the title repeated, or a
// "Supplementary ..." heading set larger than the text), or -1.
func (r *pdfReader) findSupplement(from int, title string) int {
	tk := foldTitle(title)
	for i := from; i < len(r.lines); i++ {
		t := r.text(i)
		k := headingKey(t)
		if (strings.HasPrefix(k, "supplementary") || strings.HasPrefix(k, "supporting information")) && r.lines[i].Size > r.bodySize*1.2 {
			return i
		}
		if tk != "" && r.lines[i].first && r.lines[i].Size > r.bodySize*1.4 && strings.HasPrefix(tk, foldTitle(t)) && len(foldTitle(t)) > 10 {
			if i > 0 && strings.HasPrefix(headingKey(r.text(i-1)), "supplementary") {
				return i - 1
			}
			return i
		}
	}
	return -1
}

// appendixLetterRE is an appendix's letter set apart from its title ("A",
// "B.").
var appendixLetterRE = lazyre.New(`^[A-Z]\.?$`)

// refEnd returns where the reference list after from ends: an end heading
// (acknowledgements, appendix, the authors' affiliations, ...), a heading
// set as large as the references heading itself ("A. Modularization
// examples", an appendix lettered rather than named), the supplement, or
// the end.
func (r *pdfReader) refEnd(from, supp int) int {
	end := len(r.lines)
	if supp >= 0 {
		end = supp
	}
	headSize := r.lines[from-1].Size
	for i := from; i < end; i++ {
		if !r.lines[i].first {
			continue
		}
		if isEndHeading(r.text(i)) {
			return i
		}
		if sz := r.lines[i].Size; sz > r.bodySize*1.04 && sz >= headSize*0.95 && (r.headingShape(i) || appendixLetterRE.MatchString(r.text(i))) {
			return i
		}
	}
	return end
}

// foldTitle lower-cases a title and keeps only its letters and digits.
func foldTitle(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c > 127 {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// addRefCaptions adds the captions found inside the reference list to the
// body, in the last section.
func (r *pdfReader) addRefCaptions(p *Paper, res *citeResolver) {
	var cur []string
	block, page := -1, 0
	flush := func() {
		if text := r.joinPDFLines(cur); text != "" {
			b, missed := res.block(BlockCaption, len(p.Sections)-1, page, text)
			r.unresolved += missed
			p.Body = append(p.Body, b)
		}
		cur = nil
	}
	for _, i := range r.refCaptions {
		if r.lines[i].block != block {
			flush()
			block, page = r.lines[i].block, r.lines[i].page
		}
		cur = append(cur, r.text(i))
	}
	flush()
	r.refCaptions = nil
}

// levelSections sets the level of unnumbered headings: in a paper with
// headings in capitals, those are level 1 and mixed-case ones level 2;
// otherwise larger type ranks higher (the largest heading size is level
// 1, the next 2, the rest 3). Numbered headings keep their numbering's depth.
func levelSections(secs []Section, sizes []float64) {
	caps := false
	var distinct []float64
	for i, s := range secs {
		if numberedHeadRE.MatchString(s.Heading) {
			continue
		}
		if s.Heading == strings.ToUpper(s.Heading) {
			caps = true
		}
		if sz := math.Round(sizes[i]*2) / 2; sz > 0 && !slices.Contains(distinct, sz) {
			distinct = append(distinct, sz)
		}
	}
	slices.Sort(distinct)
	slices.Reverse(distinct)
	for i, s := range secs {
		if numberedHeadRE.MatchString(s.Heading) || sizes[i] == 0 {
			continue
		}
		switch {
		case caps && s.Heading == strings.ToUpper(s.Heading):
			secs[i].Level = 1
		case caps:
			secs[i].Level = 2
		default:
			secs[i].Level = min(slices.Index(distinct, math.Round(sizes[i]*2)/2)+1, 3)
		}
	}
}

// pdfResolver is the one place the PDF reader builds a citation resolver
// for a reference list; numbered is false for an author–year list
// numbered by the reader in printed order.
func pdfResolver(refs []Reference, numbered bool) *citeResolver {
	r := newCiteResolver(refs)
	r.unnumbered = !numbered
	return r
}
