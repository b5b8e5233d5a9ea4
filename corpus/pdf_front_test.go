package corpus

import (
	"slices"
	"strings"
	"testing"

	"paperbot/corpus/pdftext"
)

// TestPDFBylineAffiliations: names set side by side with their
// affiliations below them in columns give the names only; a university
// named in another language ("Universität Innsbruck") or with an
// ampersand ("Texas A&M") is no person, and a byline in capitals
// ("RUTH ODER, BO LEE, AND ANN SMITH") gives three names in title case;
// superscript marks glued to names are no part of them, names printed side by
// side are split, and an affiliation's block going on is no name.
func TestPDFBylineAffiliations(t *testing.T) {
	for _, tc := range []struct {
		byline [][]pdftext.Line // blocks of lines between title and abstract
		want   string
	}{
		{[][]pdftext.Line{
			{layoutLine(100, 90, 12, "Ruth Oder")}, {layoutLine(250, 90, 12, "Bo Lee")}, {layoutLine(400, 90, 12, "Ann Smith")},
			{layoutLine(100, 105, 11, "Universität Innsbruck")}, {layoutLine(250, 105, 11, "Wirtschaftsuniversität Wien")},
			{layoutLine(400, 105, 11, "Texas A&M"), layoutLine(390, 117, 11, "International University")},
		}, "Ruth Oder; Bo Lee; Ann Smith"},
		{[][]pdftext.Line{{layoutLine(100, 90, 12, "Ruth Oder")}, {layoutLine(100, 105, 11, "Harbour Research Laboratories")}}, "Ruth Oder"},
		// A subtitle in capitals is no run of names ("FOR THE").
		{[][]pdftext.Line{{layoutLine(100, 90, 12, "TIDE TABLES FOR THE HARBOUR CLERKS")}, {layoutLine(100, 105, 12, "RUTH ODER")}}, "Ruth Oder"},
		{[][]pdftext.Line{{layoutLine(150, 90, 10, "RUTH ODER, BO LEE, AND ANN SMITH")}}, "Ruth Oder; Bo Lee; Ann Smith"},
		// Superscript marks glued to the names and to the affiliations
		// they mark.
		{[][]pdftext.Line{{supLine(50, 90, 10, "Ruth", "Oder", "^a,1,∗", ",", "Bo", "Lee", "^b")},
			{supLine(50, 104, 7, "^a", "Department", "of", "Tides,", "Bristol")},
			{supLine(50, 114, 7, "^b", "Harbour", "Institute,", "Hull")}}, "Ruth Oder; Bo Lee"},
		// Names side by side read as one line, and an affiliation whose
		// block goes on with a country.
		{[][]pdftext.Line{{layoutLine(100, 90, 11, "Ruth Oder")}, {layoutLine(200, 90, 11, "Bo Lee Ann M. Smith Tom C. Hale")},
			{layoutLine(100, 105, 11, "Royal Institute of Tides"), layoutLine(100, 117, 11, "The Netherlands")}}, "Ruth Oder; Bo Lee; Ann M. Smith; Tom C. Hale"},
	} {
		blocks := []pdftext.Block{layoutBlock(layoutLine(50, 60, 18, "Counting Ledgers of the Tides in Three Ports"))}
		for _, b := range tc.byline {
			blocks = append(blocks, layoutBlock(b...))
		}
		blocks = append(blocks,
			layoutBlock(layoutLine(50, 140, 10, "Abstract")),
			layoutBlock(layoutLine(50, 155, 10, "We count ledgers of the tides kept by hand in three ports over two centuries.")),
			layoutBlock(layoutLine(50, 180, 10, "Introduction")),
			layoutBlock(layoutLine(50, 195, 10, "Ledgers were first counted by hand (Smith 2001), and this is long enough.")),
			layoutBlock(layoutLine(50, 300, 10, "References")),
			layoutBlock(layoutLine(50, 320, 10, "Smith A (2001). Tides by Hand. Ledger Press, Bristol.")))
		doc := &pdftext.Document{Pages: []pdftext.Page{{Number: 1, Width: 600, Height: 800, Blocks: blocks}}}
		p, err := ReadLayout("ledgers.pdf", doc)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(p.Authors, "; "); got != tc.want {
			t.Errorf("authors %q, want %q (affiliations %q)", got, tc.want, p.Affiliations)
		}
		for _, a := range p.Affiliations {
			if len(a) < 3 {
				t.Errorf("affiliation %q is a mark", a)
			}
		}
	}
}

// supLine makes a line of words at (x, y) in type of the given size; a
// word written "^a" is set as a superscript (smaller, raised) and glued
// to the word before it in the line's text, as the text layer reads it.
func supLine(x, y, size float64, words ...string) pdftext.Line {
	var ws []pdftext.Word
	var text strings.Builder
	for _, w := range words {
		sz, top, glue := size, y, false
		if sup, ok := strings.CutPrefix(w, "^"); ok {
			w, sz, top, glue = sup, size*0.65, y-size*0.45, true
		}
		if text.Len() > 0 && !glue && w != "," && !(len(ws) == 1 && ws[0].Height() < size) {
			text.WriteByte(' ') // a mark opening the line is glued to the word after it
		}
		text.WriteString(w)
		wd := float64(len(w)) * sz * 0.5
		ws = append(ws, pdftext.Word{Box: pdftext.Box{XMin: x, YMin: top, XMax: x + wd, YMax: top + sz}, Text: w})
		x += wd + size*0.3
	}
	l := pdftext.Line{Words: ws, Text: text.String(), Size: size}
	l.Box = pdftext.Box{XMin: ws[0].XMin, YMin: y, XMax: ws[len(ws)-1].XMax, YMax: y + size}
	return l
}

// TestPDFWatermarkNoTitle: the letters of a diagonal watermark, set larger
// than the title, are not the title.
func TestPDFWatermarkNoTitle(t *testing.T) {
	doc := &pdftext.Document{Pages: []pdftext.Page{{Number: 1, Width: 600, Height: 800, Blocks: []pdftext.Block{
		layoutBlock(layoutLine(50, 60, 16, "Counting Ledgers of the Tides")),
		layoutBlock(layoutLine(50, 90, 11, "Ruth Oder")),
		layoutBlock(layoutLine(250, 110, 19, "or d w")),
		layoutBlock(layoutLine(50, 140, 10, "Abstract")),
		layoutBlock(layoutLine(50, 155, 10, "We count ledgers of the tides kept by hand in three ports over two centuries.")),
		layoutBlock(layoutLine(50, 300, 10, "References")),
		layoutBlock(layoutLine(50, 320, 10, "Smith A (2001). Tides by Hand. Ledger Press, Bristol.")),
	}}}}
	p, err := ReadLayout("ledgers.pdf", doc)
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Counting Ledgers of the Tides" {
		t.Errorf("title %q", p.Title)
	}
}

// TestPDFAbstractWithoutHeading: an abstract printed as the first
// paragraph under the authors, with no heading (ACM's journals), is read
// as the abstract and said to be; the body starts after it.
func TestPDFAbstractWithoutHeading(t *testing.T) {
	abs := []string{
		"We counted the ledgers of the tides kept by hand in three ports over two centuries and",
		"compared every copy with the printed tables of the harbour office. The hand copies drift",
		"from the tables by a few minutes a year, most in the ports with the fewest clerks, and",
		"the drift stops where the office sent a second clerk to check the copies.",
	}
	blocks := []pdftext.Block{
		layoutBlock(layoutLine(50, 60, 16, "Counting Ledgers of the Tides")),
		layoutBlock(layoutLine(50, 85, 10, "Ruth Oder, Harbour College, Bristol")),
		layoutBlock(layoutLine(50, 110, 9.5, abs[0]), layoutLine(50, 122, 9.5, abs[1]), layoutLine(50, 134, 9.5, abs[2]), layoutLine(50, 146, 9.5, abs[3])),
		layoutBlock(layoutLine(50, 175, 12, "1 Introduction")),
		layoutBlock(layoutLine(50, 190, 10, "Ledgers were first counted by hand [1], and this sentence is long enough to count.")),
		layoutBlock(layoutLine(50, 300, 12, "References")),
		layoutBlock(layoutLine(50, 320, 10, "[1] A. Smith, Tides by Hand, Ledger Press, Bristol, 2001.")),
	}
	doc := &pdftext.Document{Pages: []pdftext.Page{{Number: 1, Width: 600, Height: 800, Blocks: blocks}}}
	p, err := ReadLayout("ledgers.pdf", doc)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p.Abstract, "We counted the ledgers") || !strings.HasSuffix(p.Abstract, "to check the copies.") {
		t.Errorf("abstract %q", p.Abstract)
	}
	if len(p.Body) == 0 || !strings.HasPrefix(p.Body[0].Sentences[0].Text, "Ledgers were first counted") {
		t.Errorf("body %+v", p.Body)
	}
	if !slices.ContainsFunc(p.Anomalies, func(a string) bool { return strings.Contains(a, "no heading") }) {
		t.Errorf("anomalies %q", p.Anomalies)
	}
	if strings.Join(p.Authors, "; ") != "Ruth Oder" {
		t.Errorf("authors %q", p.Authors)
	}
}

// TestPDFMarkedBylineNoTitle: a byline whose type is measured larger than
// the title's (fonts differ in their boxes) is not the title when its
// raised affiliation marks show it is names.
func TestPDFMarkedBylineNoTitle(t *testing.T) {
	doc := &pdftext.Document{Pages: []pdftext.Page{{Number: 1, Width: 600, Height: 800, Blocks: []pdftext.Block{
		layoutBlock(layoutLine(50, 60, 14, "Counting Ledgers of the Tides")),
		layoutBlock(supLine(50, 85, 15, "Ruth", "Oder", "^1", "and", "Bo", "Lee", "^2")),
		layoutBlock(layoutLine(50, 110, 7, "1 Harbour College, Bristol; 2 Tidal Survey, Hull")),
		layoutBlock(layoutLine(50, 130, 10, "Abstract")),
		layoutBlock(layoutLine(50, 145, 10, "We count ledgers of the tides kept by hand in three ports over two centuries.")),
		layoutBlock(layoutLine(50, 300, 10, "References")),
		layoutBlock(layoutLine(50, 320, 10, "Smith A (2001). Tides by Hand. Ledger Press, Bristol.")),
	}}}}
	p, err := ReadLayout("ledgers.pdf", doc)
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Counting Ledgers of the Tides" || strings.Join(p.Authors, "; ") != "Ruth Oder; Bo Lee" {
		t.Errorf("title %q authors %q", p.Title, p.Authors)
	}
}
