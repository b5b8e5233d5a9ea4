package pdftext

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Box is a rectangle in PDF points, origin at the top left of the page.
type Box struct {
	XMin, YMin, XMax, YMax float64
}

// Width and Height of the box.
func (b Box) Width() float64  { return b.XMax - b.XMin }
func (b Box) Height() float64 { return b.YMax - b.YMin }

func (b *Box) grow(o Box) {
	if b.XMin == 0 && b.XMax == 0 && b.YMin == 0 && b.YMax == 0 {
		*b = o
		return
	}
	b.XMin, b.YMin = min(b.XMin, o.XMin), min(b.YMin, o.YMin)
	b.XMax, b.YMax = max(b.XMax, o.XMax), max(b.YMax, o.YMax)
}

// Word is one word of a line with its box.
type Word struct {
	Box
	Text string
}

// Line is one printed line: its words in order, its box, and its text (the
// words joined by spaces).
type Line struct {
	Box
	Words []Word
	Text  string
	// Size is the line's font size estimated from its word boxes (the
	// median word height), in points.
	Size float64
}

// Block is a run of lines pdftotext grouped together (usually a paragraph
// or part of one), in reading order.
type Block struct {
	Box
	Lines []Line
	// Flow numbers pdftotext's flows (text columns or regions) on the page.
	Flow int
}

// Page is one PDF page: its size and its blocks in reading order.
type Page struct {
	Number        int
	Width, Height float64
	Blocks        []Block
}

// Document is a PDF's text with layout, as pdftotext -bbox-layout reads it.
type Document struct {
	// Title is the title from the PDF metadata ("" when absent); it is
	// often wrong or missing and is only a hint.
	Title string
	Pages []Page
	// Notes say what cleaning removed or could not handle (rotated strips,
	// running headers, replacement characters), for the reader's notes.
	Notes []string
	// Furniture holds the running headers and footers Clean removed, each
	// once, in the order first seen: the journal line, DOI and year of a
	// paper are often printed there and nowhere else.
	Furniture []string
}

// ParseLayout reads the XHTML that pdftotext -bbox-layout prints. It keeps
// pdftotext's reading order and does no cleaning; see Clean (Document).
func ParseLayout(xhtml []byte) (*Document, error) {
	return parseLayout(bytes.NewReader(xmlSafe(xhtml)))
}

// parseLayout is ParseLayout reading from r, whose bytes must already be
// XML-safe (xmlSafe, or a safeReader).
func parseLayout(r io.Reader) (*Document, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	doc := &Document{}
	var (
		page  *Page
		block *Block
		line  *Line
		word  *Word
		inTtl bool
		flow  int
		text  strings.Builder
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read pdftotext layout: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "title":
				inTtl = true
				text.Reset()
			case "page":
				doc.Pages = append(doc.Pages, Page{Number: len(doc.Pages) + 1})
				page = &doc.Pages[len(doc.Pages)-1]
				page.Width, page.Height = attrF(t, "width"), attrF(t, "height")
				flow = -1
			case "flow":
				flow++
			case "block":
				if page != nil {
					page.Blocks = append(page.Blocks, Block{Box: attrBox(t), Flow: max(flow, 0)})
					block = &page.Blocks[len(page.Blocks)-1]
				}
			case "line":
				if block != nil {
					block.Lines = append(block.Lines, Line{Box: attrBox(t)})
					line = &block.Lines[len(block.Lines)-1]
				}
			case "word":
				if line != nil {
					line.Words = append(line.Words, Word{Box: attrBox(t)})
					word = &line.Words[len(line.Words)-1]
					text.Reset()
				}
			}
		case xml.CharData:
			if word != nil || inTtl {
				text.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "title":
				if inTtl && doc.Title == "" {
					doc.Title = strings.Join(strings.Fields(text.String()), " ")
				}
				inTtl = false
			case "word":
				if word != nil {
					word.Text = text.String()
				}
				word = nil
			case "line":
				if line != nil {
					line.finish()
				}
				line = nil
			case "block":
				block = nil
			case "page":
				page = nil
			}
		}
	}
	return doc, nil
}

// finish sets the line's text and size from its words. Words that touch
// (a subscript or superscript set against its word, "Tyr" "369") are
// joined without a space, as pdftotext's plain text does.
func (l *Line) finish() {
	hs := make([]float64, 0, len(l.Words))
	for _, w := range l.Words {
		hs = append(hs, w.Height())
	}
	if len(hs) > 0 {
		sort.Float64s(hs)
		l.Size = hs[len(hs)/2]
	}
	var b strings.Builder
	for i, w := range l.Words {
		if i > 0 {
			prev := l.Words[i-1]
			if gap := w.XMin - prev.XMax; gap > 0.08*l.Size || gap < -0.5*l.Size || !touchable(prev, w) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(w.Text)
	}
	l.Text = b.String()
}

// touchable reports whether two touching words may be one: the second (or
// the first) is set smaller, a sub- or superscript.
func touchable(a, b Word) bool {
	return b.Height() < a.Height()*0.85 || a.Height() < b.Height()*0.85
}

func attrF(t xml.StartElement, name string) float64 {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			f, _ := strconv.ParseFloat(a.Value, 64)
			return f
		}
	}
	return 0
}

func attrBox(t xml.StartElement) Box {
	return Box{XMin: attrF(t, "xMin"), YMin: attrF(t, "yMin"), XMax: attrF(t, "xMax"), YMax: attrF(t, "yMax")}
}

// safeReader is xmlSafe for a stream.
type safeReader struct{ r io.Reader }

func (s safeReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	for i, c := range p[:n] {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			p[i] = ' '
		}
	}
	return n, err
}

// xmlSafe replaces the control characters pdftotext copies from a PDF's
// text layer (not allowed in XML) with spaces.
func xmlSafe(b []byte) []byte {
	bad := false
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			bad = true
			break
		}
	}
	if !bad {
		return b
	}
	out := bytes.Clone(b)
	for i, c := range out {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			out[i] = ' '
		}
	}
	return out
}
