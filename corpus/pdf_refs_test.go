package corpus

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"paperbot/corpus/pdftext"
)

// layoutLine makes a line of words at (x, y) in type of the given size.
func layoutLine(x, y, size float64, text string) pdftext.Line {
	var ws []pdftext.Word
	for _, w := range strings.Fields(text) {
		wd := float64(len(w)) * size * 0.5
		ws = append(ws, pdftext.Word{Box: pdftext.Box{XMin: x, YMin: y, XMax: x + wd, YMax: y + size}, Text: w})
		x += wd + size*0.3
	}
	l := pdftext.Line{Words: ws, Text: text, Size: size}
	l.Box = pdftext.Box{XMin: ws[0].XMin, YMin: y, XMax: ws[len(ws)-1].XMax, YMax: y + size}
	return l
}

func layoutBlock(lines ...pdftext.Line) pdftext.Block {
	b := pdftext.Block{Lines: lines}
	b.Box = lines[0].Box
	for _, l := range lines {
		b.XMin, b.YMin = min(b.XMin, l.XMin), min(b.YMin, l.YMin)
		b.XMax, b.YMax = max(b.XMax, l.XMax), max(b.YMax, l.YMax)
	}
	return b
}

// TestPDFReferenceNumbersApart: numbers printed in a column of their own,
// read before the entries, are paired with the entry level with them; a
// missing number is reported, never hidden.
func TestPDFReferenceNumbersApart(t *testing.T) {
	body := "This sentence is long enough to be a paragraph of the body text [1]."
	doc := &pdftext.Document{Pages: []pdftext.Page{{Number: 1, Width: 600, Height: 800, Blocks: []pdftext.Block{
		layoutBlock(layoutLine(50, 60, 18, "A Study of Tidal Ledgers Kept by Hand")),
		layoutBlock(layoutLine(50, 90, 10, "Ann Smith, Bo Lee")),
		layoutBlock(layoutLine(50, 120, 10, "Abstract")),
		layoutBlock(layoutLine(50, 135, 10, "We read ledgers of tides kept by hand over two centuries and compare them."),
			layoutLine(50, 147, 10, "The comparison shows where the hand copies drift from the printed tables.")),
		layoutBlock(layoutLine(50, 170, 10, "Introduction")),
		layoutBlock(layoutLine(50, 185, 10, body)),
		layoutBlock(layoutLine(50, 300, 10, "References")),
		layoutBlock(layoutLine(50, 320, 8, "1"), layoutLine(50, 350, 8, "2"), layoutLine(50, 380, 8, "4")),
		layoutBlock(layoutLine(70, 320, 8, "Smith, A. (2001) Tides by hand. J. Ledgers 3, 1-9"),
			layoutLine(70, 330, 8, "and more pages."),
			layoutLine(70, 350, 8, "Lee, B. (2003) Copying tables. Ledger Q. 5, 2-4"),
			layoutLine(70, 380, 8, "Ng, C. (2009) Drift in copies. Tidal Rev. 7, 11-19")),
	}}}}
	p, err := ReadLayout("ledgers.pdf", doc)
	if err != nil {
		t.Fatal(err)
	}
	var ns []int
	for _, r := range p.References {
		ns = append(ns, r.N)
	}
	if !slices.Equal(ns, []int{1, 2, 4}) || !strings.Contains(p.References[0].Raw, "and more pages") {
		t.Fatalf("references %v: %+v", ns, p.References)
	}
	gap := false
	for _, a := range p.Anomalies {
		if strings.Contains(a, "gap") && strings.Contains(a, "[3]") {
			gap = true
		}
	}
	if !gap {
		t.Errorf("no gap note for [3]: %q", p.Anomalies)
	}
	if p.Title != "A Study of Tidal Ledgers Kept by Hand" || strings.Join(p.Authors, "; ") != "Ann Smith; Bo Lee" {
		t.Errorf("title %q authors %q", p.Title, p.Authors)
	}
	if len(p.Sections) == 0 || p.Sections[0].Heading != "Introduction" || len(p.Body) == 0 || !slices.Equal(p.Body[0].Sentences[0].Cites, []int{1}) {
		t.Errorf("sections %+v body %+v", p.Sections, p.Body)
	}
}

// TestPDFReferenceListEnds: an author–year list ends at a lettered
// appendix heading set like the references heading ("A. Worked
// examples", whose program output prints "[1] 1" and lone numbers) and at
// the authors' "Affiliation:" block: neither is read as references.
func TestPDFReferenceListEnds(t *testing.T) {
	doc := &pdftext.Document{Pages: []pdftext.Page{{Number: 1, Width: 600, Height: 800, Blocks: []pdftext.Block{
		layoutBlock(layoutLine(50, 60, 18, "Fitting Tidal Ledgers with Mixed Models")),
		layoutBlock(layoutLine(50, 90, 10, "Ann Smith, Bo Lee")),
		layoutBlock(layoutLine(50, 120, 10, "Abstract")),
		layoutBlock(layoutLine(50, 135, 10, "We fit mixed models to ledgers of tides kept by hand over two centuries."),
			layoutLine(50, 147, 10, "The fits show where the hand copies drift from the printed tables.")),
		layoutBlock(layoutLine(50, 170, 13, "1. Introduction")),
		layoutBlock(layoutLine(50, 185, 10, "Ledgers were first compared by hand (Smith 2001), later by machine (Lee 2003).")),
		layoutBlock(layoutLine(50, 300, 13, "References")),
		layoutBlock(layoutLine(50, 320, 10, "Smith A (2001). Tides by Hand. Ledger Press, Bristol.")),
		layoutBlock(layoutLine(50, 340, 10, "Lee B (2003). “Copying Tables.” Ledger Quarterly, 5, 2–4."))}},
		{Number: 2, Width: 600, Height: 800, Blocks: []pdftext.Block{
			layoutBlock(layoutLine(150, 60, 13, "A. Worked examples")),
			layoutBlock(layoutLine(50, 85, 10, "The model of the second section is fitted to the first ledger as follows."),
				layoutLine(50, 97, 10, "Its output gives the variance of each copyist in turn, one per line.")),
			layoutBlock(layoutLine(50, 120, 10, "[1] 1")),
			layoutBlock(layoutLine(50, 135, 10, "0"), layoutLine(90, 135, 10, "1")),
			layoutBlock(layoutLine(50, 200, 10, "Affiliation:")),
			layoutBlock(layoutLine(50, 215, 10, "Ann Smith"), layoutLine(50, 227, 10, "Department of Tides, University of Bristol"),
				layoutLine(50, 239, 10, "E-mail: ann.smith@example.org")),
		}}}}
	p, err := ReadLayout("ledgers.pdf", doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.References) != 2 || p.References[0].N != 1 || p.References[1].N != 2 {
		t.Fatalf("references %+v; anomalies %q", p.References, p.Anomalies)
	}
	for _, r := range p.References {
		if strings.Contains(r.Raw, "copyist") || strings.Contains(r.Raw, "E-mail") {
			t.Errorf("[%d] runs on past the list: %q", r.N, r.Raw)
		}
	}
	found := false
	for _, b := range p.Body {
		for _, s := range b.Sentences {
			found = found || strings.Contains(s.Text, "variance of each copyist")
		}
	}
	if !found {
		t.Errorf("the appendix is not read as body text: %+v", p.Body)
	}
}

// TestPDFContentsEntryNoHeading: "References" as an entry of a table of
// contents (inside its block) is not the list's heading; the heading
// opening its own block is.
func TestPDFContentsEntryNoHeading(t *testing.T) {
	p := readLayoutOK(t, append(ledgerFront("Ann Smith, Bo Lee"),
		layoutBlock(layoutLine(50, 210, 12, "1. Introduction")),
		layoutBlock(layoutLine(50, 225, 10, "Ledgers were first counted by hand [1], and this sentence is long enough.")),
		layoutBlock(layoutLine(50, 240, 12, "Contents")),
		layoutBlock(layoutLine(60, 252, 10, "1. Introduction"), layoutLine(60, 264, 10, "2. Acknowledgements"), layoutLine(60, 276, 10, "References")),
		layoutBlock(layoutLine(50, 300, 12, "References")),
		layoutBlock(layoutLine(50, 320, 10, "[1] A. Smith, Tides by Hand, Ledger Press, Bristol, 2001.")),
	))
	if len(p.References) != 1 || !strings.HasPrefix(p.References[0].Raw, "A. Smith, Tides by Hand") {
		t.Fatalf("references %+v", p.References)
	}
	if len(p.Body) == 0 || !slices.Equal(p.Body[0].Sentences[0].Cites, []int{1}) {
		t.Errorf("body %+v", p.Body)
	}
}

// TestPDFManuscriptTablesAfterList: an APA manuscript prints its tables
// and figures after the reference list; their rows are no entries, and a
// figure's tick labels ("0", "20", "60") are no numbering of the list.
// The title page's "Author Note" names the author again: no second author.
func TestPDFManuscriptTablesAfterList(t *testing.T) {
	doc := &pdftext.Document{Pages: []pdftext.Page{{Number: 1, Width: 600, Height: 800, Blocks: []pdftext.Block{
		layoutBlock(layoutLine(50, 60, 14, "Reading Ledgers of the Tides Aloud")),
		layoutBlock(layoutLine(50, 90, 10, "Ruth Oder")),
		layoutBlock(layoutLine(50, 104, 10, "Harbour College")),
		layoutBlock(layoutLine(50, 130, 10, "Author Note")),
		layoutBlock(layoutLine(50, 145, 10, "Ruth Oder is at the harbour office; write to her about ledgers.")),
		layoutBlock(layoutLine(50, 170, 10, "Abstract")),
		layoutBlock(layoutLine(50, 185, 10, "We read ledgers of the tides aloud to pupils and count what they remember.")),
		layoutBlock(layoutLine(50, 210, 12, "Method")),
		layoutBlock(layoutLine(50, 225, 10, "Pupils heard the ledgers read aloud (Lee, 2003), as earlier studies did (Ng, 2009).")),
		layoutBlock(layoutLine(50, 300, 12, "References")),
		layoutBlock(layoutLine(50, 320, 10, "Lee, B. (2003). Copying tables. Ledger Quarterly, 5, 2–4.")),
		layoutBlock(layoutLine(50, 335, 10, "Ng, C. (2009). Drift in copies. Tidal Review, 7, 11–19.")),
		layoutBlock(layoutLine(50, 350, 10, "Smith, A. (2001). Tides by hand. Ledger Press."))}},
		{Number: 2, Width: 600, Height: 800, Blocks: []pdftext.Block{
			layoutBlock(layoutLine(50, 60, 10, "Table 1")),
			layoutBlock(layoutLine(50, 75, 10, "Pupils by School")),
			layoutBlock(layoutLine(50, 95, 10, "School Pupils Share")),
			layoutBlock(layoutLine(50, 110, 10, "North 20 0.4")),
			layoutBlock(layoutLine(50, 125, 10, "0"), layoutLine(50, 140, 10, "20"), layoutLine(50, 155, 10, "60")),
			layoutBlock(layoutLine(70, 125, 10, "South 30 0.6")),
			layoutBlock(layoutLine(70, 140, 10, "East 10 0.2")),
		}}}}
	p, err := ReadLayout("ledgers.pdf", doc)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range p.References {
		got = append(got, fmt.Sprintf("%d %s", r.N, r.Year))
	}
	if strings.Join(got, "; ") != "1 2003; 2 2009; 3 2001" {
		t.Errorf("references %q", got)
	}
	if strings.Join(p.Authors, "; ") != "Ruth Oder" {
		t.Errorf("authors %q", p.Authors)
	}
}

// TestPDFSectionAboutReferences: a section headed "References" that
// talks about references (a template's instructions) is not the list;
// the later heading followed by entries is.
func TestPDFSectionAboutReferences(t *testing.T) {
	doc := &pdftext.Document{Pages: []pdftext.Page{{Number: 1, Width: 600, Height: 800, Blocks: []pdftext.Block{
		layoutBlock(layoutLine(50, 60, 18, "Preparing Ledgers of the Tides for Print")),
		layoutBlock(layoutLine(50, 90, 10, "Ann Smith, Bo Lee")),
		layoutBlock(layoutLine(50, 120, 10, "Abstract")),
		layoutBlock(layoutLine(50, 135, 10, "We explain how ledgers of the tides are prepared for print by the harbour office.")),
		layoutBlock(layoutLine(50, 160, 12, "1. Introduction")),
		layoutBlock(layoutLine(50, 175, 10, "Ledgers were first printed by hand [1], and this sentence is long enough.")),
		layoutBlock(layoutLine(50, 200, 12, "2. References")),
		layoutBlock(layoutLine(50, 215, 10, "The references will be numbered in order of appearance in the text."),
			layoutLine(50, 227, 10, "Please avoid listing references that are not cited.")),
		layoutBlock(layoutLine(50, 300, 12, "References")),
		layoutBlock(layoutLine(50, 320, 10, "[1] A. Smith, Tides by Hand, Ledger Press, Bristol, 2001.")),
	}}}}
	p, err := ReadLayout("ledgers.pdf", doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.References) != 1 || !strings.HasPrefix(p.References[0].Raw, "A. Smith, Tides by Hand") {
		t.Fatalf("references %+v", p.References)
	}
}

// TestPDFFigureLabelsInList: a figure's labels set in small type among
// the entries of an author–year list ("no yes", "Pearson residuals:") are
// no entries.
func TestPDFFigureLabelsInList(t *testing.T) {
	p := readLayoutOK(t, append(ledgerFront("Ruth Oder"),
		layoutBlock(layoutLine(50, 160, 12, "1 Introduction")),
		layoutBlock(layoutLine(50, 175, 10, "Ledgers were first counted by hand (Smith 2001), and this sentence is long enough.")),
		layoutBlock(layoutLine(50, 300, 12, "References")),
		layoutBlock(layoutLine(50, 320, 10, "Lee B (2003). “Copying Tables.” Ledger Quarterly, 5, 2–4.")),
		layoutBlock(layoutLine(300, 340, 5, "no yes")),
		layoutBlock(layoutLine(300, 350, 5, "Pearson residuals:"), layoutLine(300, 358, 5, "4.4 2.0 −2.0")),
		layoutBlock(layoutLine(50, 370, 10, "Smith A (2001). Tides by Hand. Ledger Press, Bristol.")),
	))
	var got []string
	for _, r := range p.References {
		got = append(got, r.Year)
	}
	if strings.Join(got, " ") != "2003 2001" || strings.Contains(p.References[0].Raw, "Pearson") {
		t.Errorf("references %+v", p.References)
	}
}

// TestPDFEmptyReferencesHeadingFallsBack: a references heading with no
// entries under it (a section that ends at once) gives way to the next
// one, instead of failing the whole paper.
func TestPDFEmptyReferencesHeadingFallsBack(t *testing.T) {
	p := readLayoutOK(t, append(ledgerFront("Ann Smith, Bo Lee"),
		layoutBlock(layoutLine(50, 160, 12, "1. Introduction")),
		layoutBlock(layoutLine(50, 175, 10, "Ledgers were first counted by hand [1], and this sentence is long enough.")),
		layoutBlock(layoutLine(50, 200, 12, "References")),
		layoutBlock(layoutLine(50, 215, 12, "2. Methods")),
		layoutBlock(layoutLine(50, 230, 10, "We counted the ledgers again by hand, and this sentence is long enough too.")),
		layoutBlock(layoutLine(50, 300, 12, "References")),
		layoutBlock(layoutLine(50, 320, 10, "[1] A. Smith, Tides by Hand, Ledger Press, Bristol, 2001.")),
	))
	if len(p.References) != 1 || !strings.HasPrefix(p.References[0].Raw, "A. Smith, Tides by Hand") {
		t.Fatalf("references %+v", p.References)
	}
}

// ledgerFront is the front matter the layout tests share: a title, a
// byline, the abstract's heading and the abstract (down to y 147).
func ledgerFront(byline string) []pdftext.Block {
	return []pdftext.Block{
		layoutBlock(layoutLine(50, 60, 18, "Counting Ledgers of the Tides")),
		layoutBlock(layoutLine(50, 90, 10, byline)),
		layoutBlock(layoutLine(50, 120, 10, "Abstract")),
		layoutBlock(layoutLine(50, 135, 10, "We count ledgers of the tides kept by hand in three ports over two centuries.")),
	}
}

// readLayoutOK reads one page of blocks as a PDF's layout, failing the
// test on an error.
func readLayoutOK(t *testing.T, blocks []pdftext.Block) *Paper {
	t.Helper()
	doc := &pdftext.Document{Pages: []pdftext.Page{{Number: 1, Width: 600, Height: 800, Blocks: blocks}}}
	p, err := ReadLayout("ledgers.pdf", doc)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestPDFSuperscriptNumberedList: a list numbered by raised numbers glued
// to its entries ("¹Tufte, E. R., …") is read as numbered, the numbers out
// of the entries' text.
func TestPDFSuperscriptNumberedList(t *testing.T) {
	p := readLayoutOK(t, append(ledgerFront("Ann Smith, Bo Lee"),
		layoutBlock(layoutLine(50, 160, 12, "1. Introduction")),
		layoutBlock(supLine(50, 175, 10, "Ledgers", "were", "first", "counted", "by", "hand,", "as", "Tufte", "showed.", "^1", "Lee", "copied", "them.", "^2")),
		layoutBlock(layoutLine(50, 300, 12, "References")),
		layoutBlock(supLine(50, 320, 10, "^1", "Tufte,", "E.", "R.,", "The", "Visual", "Display", "of", "Tides,", "Graphics", "Press,", "1983.")),
		layoutBlock(supLine(50, 335, 10, "^2", "Lee,", "B.,", "Copying", "Tables,", "Ledger", "Quarterly,", "Vol.", "5,", "2003.")),
	))
	var got []string
	for _, r := range p.References {
		got = append(got, fmt.Sprintf("%d %s %s", r.N, r.Year, strings.Fields(r.Raw)[0]))
	}
	if strings.Join(got, "; ") != "1 1983 Tufte,; 2 2003 Lee," {
		t.Errorf("references %q", got)
	}
}
