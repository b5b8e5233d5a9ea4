package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Parse reads a paper from plain text. name is the file name the text came
// from (used for the paper's ID and in error messages; may be "").
//
// Between the abstract and the references it reads the body, when there
// is one: section headings, paragraphs and captions, each sentence with the
// reference numbers its in-text citations resolve to (Paper.Sections and
// Paper.Body). An unnumbered (author–year) reference list is numbered
// 1..N in printed order.
//
// Parse fails with a *ReadError when the text is empty, binary, too large,
// not UTF-8, or has no references under a references heading.
func Parse(name string, data []byte) (*Paper, error) {
	text, err := checkText(name, data)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(text, "\n")
	refStart, refEnd := findReferences(lines)
	if refStart < 0 {
		return nil, readErr(name, ErrNoReferences,
			"no references heading found (looked for a line such as \"References\", \"Bibliography\", \"Works Cited\" or \"Literature Cited\")")
	}
	p := &Paper{Source: name, Authors: []string{}, References: []Reference{}, Anomalies: []string{}}
	bodyStart := readFront(p, lines[:refStart])
	entries, anomalies := splitEntries(lines[refStart+1 : refEnd])
	unnumbered := false
	var keys []string
	if len(entries) == 0 {
		if ke, ks := splitKeyed(lines[refStart+1 : refEnd]); len(ke) > 0 {
			entries, keys, unnumbered = ke, ks, true
			anomalies = []string{keyedNote(ks)}
		}
	}
	if len(entries) == 0 || entries[0].n >= 1000 {
		// No numbering, or the "numbers" are years at the start of wrapped
		// lines of an author–year list.
		if un := splitUnnumbered(lines[refStart+1 : refEnd]); len(un) > len(entries) {
			entries, unnumbered = un, true
			anomalies = []string{fmt.Sprintf("the reference list is not numbered; its entries are numbered 1–%d in printed order", len(un))}
		}
	}
	if len(entries) == 0 {
		return nil, readErr(name, ErrNoReferences,
			"found a references heading but no entries under it (numbered \"1.\", \"[1]\" or \"1)\", or one entry per line starting with the authors)")
	}
	p.Anomalies = append(p.Anomalies, anomalies...)
	for i, e := range entries {
		ref := parseEntry(e.n, e.text)
		if keys != nil {
			ref.Key = keys[i]
		}
		p.References = append(p.References, ref)
	}
	applyListStyle(p.References)
	p.Anomalies = append(p.Anomalies, markAnomalies(p.References)...)
	if bodyStart >= 0 && bodyStart < refStart {
		r := newCiteResolver(p.References)
		r.unnumbered = unnumbered
		if missed := readBody(p, lines[bodyStart:refStart], r); missed > 0 {
			p.Anomalies = append(p.Anomalies, unresolvedNote(missed))
		}
	}
	p.Citation = findSelfCitation(lines[refEnd:], lines[:refStart])
	if p.Citation == nil && p.frontCitation != nil {
		// No quoted citation of itself: the publication line under the
		// byline, titled with the paper's own title.
		p.Citation = p.frontCitation
		p.Citation.Title = p.Title
	}
	p.frontCitation = nil
	p.ID = paperID(name, p.Title)
	return p, nil
}

// ParseFile reads a paper from a .txt file, or a .pdf file (ParsePDF).
func ParseFile(path string) (*Paper, error) {
	name := filepath.Base(path)
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".txt", ".text", "":
	case ".pdf":
		return parsePDFFile(path)
	default:
		return nil, readErr(name, ErrUnsupported, "unsupported file type %q; give the paper as a plain-text .txt file", ext)
	}
	f, err := openPaper(path, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, readErr(name, ErrUnsupported, "is a directory, not a paper file")
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxPaperBytes+1))
	if err != nil {
		return nil, &ReadError{Name: name, Err: err, Detail: fmt.Sprintf("cannot read: %v", err)}
	}
	return Parse(name, data)
}

// checkText validates raw bytes and returns normalised text: no BOM, "\n"
// line endings, no NUL bytes.
func checkText(name string, data []byte) (string, error) {
	if len(data) > MaxPaperBytes {
		return "", readErr(name, ErrTooLarge, "the file is larger than %d MB; give the paper's text only", MaxPaperBytes>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return "", readErr(name, ErrEmpty, "the file is empty; give the paper's text with a References section")
	}
	if bytes.HasPrefix(data, []byte("%PDF-")) {
		return "", readErr(name, ErrBinary, "this is a PDF file, not plain text; give the paper as a .txt file")
	}
	if isBinary(data) {
		return "", readErr(name, ErrBinary, "the file looks binary, not plain text; give the paper as a UTF-8 .txt file")
	}
	if !utf8.Valid(data) {
		off := firstInvalidUTF8(data)
		return "", readErr(name, ErrNotUTF8, "the file is not valid UTF-8 (first bad byte at offset %d); save it as UTF-8 text", off)
	}
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ReplaceAll(s, "\u00a0", " ")
	s = strings.ReplaceAll(s, "\t", " ")
	s = strings.ReplaceAll(s, "\f", "\n")
	return s, nil
}

// isBinary reports NUL bytes or a high share of control characters.
func isBinary(data []byte) bool {
	if bytes.IndexByte(data, 0) >= 0 {
		return true
	}
	sample := data
	if len(sample) > 8192 {
		sample = sample[:8192]
	}
	ctl := 0
	for _, b := range sample {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			ctl++
		}
	}
	return ctl*20 > len(sample)
}

func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// paperID is the slug of the file name, or of the title when there is no name.
func paperID(name, title string) string {
	if name != "" {
		base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
		if s := Slug(base); s != "paper" {
			return s
		}
	}
	return Slug(title)
}

// openPaper opens a paper file, with the reader's errors for a missing or
// unreadable file.
func openPaper(path, name string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &ReadError{Name: name, Err: err, Detail: "file not found"}
		}
		return nil, &ReadError{Name: name, Err: err, Detail: fmt.Sprintf("cannot open: %v", err)}
	}
	return f, nil
}
