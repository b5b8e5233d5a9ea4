package corpus

import (
	"bytes"
	"errors"
	"os"
	"paperbot/corpus/pdftext"
	"path/filepath"
	"strings"
	"testing"
)

func TestBadInput(t *testing.T) {
	big := bytes.Repeat([]byte("a"), MaxPaperBytes+1)
	cases := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"empty", nil, ErrEmpty, "the file is empty"},
		{"blank", []byte(" \n\r\n\t \n"), ErrEmpty, "the file is empty"},
		{"no heading", []byte("Title\n\nAbstract\nText.\n\n1. Not a reference list\n"), ErrNoReferences, "no references heading"},
		{"heading only", []byte("Title\n\nReferences\nSee the notes below.\n"), ErrNoReferences, "no entries under it"},
		{"binary", []byte("PK\x03\x04\x00\x00binary"), ErrBinary, "binary"},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3"), ErrBinary, "PDF"},
		{"latin-1", []byte("Caf\xe9\n\nReferences\n1. A. B. (2020). C.\n"), ErrNotUTF8, "offset 3"},
		{"too large", big, ErrTooLarge, "larger than 20 MB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Parse("bad.txt", c.data)
			if p != nil || !errors.Is(err, c.want) || !IsUnreadable(err) || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("Parse = %v, %v; want %v containing %q", p, err, c.want, c.msg)
			}
			if !strings.HasPrefix(err.Error(), "bad.txt: ") || strings.Contains(err.Error(), "\n") {
				t.Errorf("error should be one line naming the file: %q", err)
			}
		})
	}
}

func TestParseFileErrors(t *testing.T) {
	dir := t.TempDir()
	for name, want := range map[string]error{"paper.pdf": pdftext.ErrNotPDF, "paper.docx": ErrUnsupported} {
		_ = os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644)
		if _, err := ParseFile(filepath.Join(dir, name)); !errors.Is(err, want) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := ParseFile(filepath.Join(dir, "missing.txt")); !IsUnreadable(err) || !strings.Contains(err.Error(), "file not found") {
		t.Errorf("missing: %v", err)
	}
	if _, err := ParseFile(dir); !IsUnreadable(err) {
		t.Errorf("directory: %v", err)
	}
}

func TestCRLFAndBOM(t *testing.T) {
	lf := DefaultText()
	crlf := append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))...)
	a, err := Parse(DefaultName, lf)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse(DefaultName, crlf)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != b.Title || a.Abstract != b.Abstract || len(a.References) != len(b.References) {
		t.Fatal("CRLF text parses differently")
	}
	for i := range a.References {
		if a.References[i].Raw != b.References[i].Raw || a.References[i].URL != b.References[i].URL {
			t.Errorf("[%d] differs: %q vs %q", i+1, a.References[i].Raw, b.References[i].Raw)
		}
	}
}

func parseRefs(t *testing.T, text string) *Paper {
	t.Helper()
	p, err := Parse("", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestHeadingsAndNumbering(t *testing.T) {
	refs := map[string]string{
		"dot":     "1. Smith, J. (2020). First. Press.\n2. Doe, A. (2021). Second. Press.\n",
		"bracket": "[1] J. Smith, \"First,\" Press, 2020.\n[2] A. Doe, \"Second,\" Press, 2021.\n",
		"paren":   "1) Smith, J. (2020). First. Press.\n2) Doe, A. (2021). Second. Press.\n",
	}
	headings := []string{"References", "REFERENCES", "7. References", "Bibliography", "Works Cited", "LITERATURE CITED", "References:", "VII. REFERENCES", "R E F E R E N C E S",
		"Literaturverzeichnis", "Literatur", "Références", "Bibliografía", "Riferimenti bibliografici", "Referências bibliográficas", "Список литературы", "参考文献"}
	for style, body := range refs {
		for _, h := range headings {
			p := parseRefs(t, "A Title\n\nAbstract\nSome text.\n\n"+h+"\n"+body)
			if len(p.References) != 2 || p.References[1].N != 2 || p.References[1].Year != "2021" || p.References[0].Title != "First" {
				t.Errorf("%s / %q: %+v", style, h, p.References)
			}
		}
	}
}

// An abstract under its heading in another language is read as the
// abstract.
func TestAbstractHeadingInOtherLanguages(t *testing.T) {
	for _, h := range []string{"Zusammenfassung", "Résumé", "Resumen", "Аннотация"} {
		p := parseRefs(t, "A Title\n\n"+h+"\nWe count the birds of one lake.\n\nReferences\n1. Smith, J. (2020). First. Press.\n")
		if !strings.Contains(p.Abstract, "birds of one lake") {
			t.Errorf("%s: abstract %q", h, p.Abstract)
		}
	}
}

func TestWrappedNumbers(t *testing.T) {
	text := `Title

References

1. Smith, J. (1999). A history of
1993. Elsevier.
2. Doe, A. (2020). Something long. Journal of Things, 12(3), 1–
37. https://doi.org/10.1000/xyz
3. Roe, B. (2018). Book of pages. Publisher, pp. 1-
203. Elsevier.
4. Poe, C. (2019). Last. Journal, 1(1), 2–3. https://doi.org/10.1000/
abc.def
`
	p := parseRefs(t, text)
	if len(p.References) != 4 {
		t.Fatalf("got %d entries: %+v", len(p.References), p.References)
	}
	if !strings.Contains(p.References[0].Raw, "1993. Elsevier") {
		t.Errorf("[1] raw %q", p.References[0].Raw)
	}
	if r := p.References[1]; r.DOI != "10.1000/xyz" || r.Pages != "1–37" {
		t.Errorf("[2] doi %q pages %q raw %q", r.DOI, r.Pages, r.Raw)
	}
	if !strings.HasSuffix(p.References[2].Raw, "203. Elsevier.") {
		t.Errorf("[3] raw %q", p.References[2].Raw)
	}
	if r := p.References[3]; r.DOI != "10.1000/abc.def" {
		t.Errorf("[4] doi %q", r.DOI)
	}
}

// A book's page count ("312 p.", "96 pp.") closes its entry: the next
// numbered line starts the next entry, while "pp." before a wrapped range
// still waits for its numbers.
func TestPageCountEndsEntry(t *testing.T) {
	text := "T\n\nReferences\n1. Roux, A. Les ports du nord. Lille: Presses du Nord, 2001. 312 p.\n2. Kahn, B. (2010). Tides. Oxford: Clarendon, 96 pp.\n3. Lowe, C. (2015). Harbours. Coast Journal, 4, pp.\n12-19.\n4. Wu, D. (2018). Quays. Port Studies, 2, 1-9.\n"
	p := parseRefs(t, text)
	if len(p.References) != 4 || strings.Contains(strings.Join(p.Anomalies, "|"), "numbering") {
		t.Fatalf("got %d entries, anomalies %q: %+v", len(p.References), p.Anomalies, p.References)
	}
	if !strings.HasSuffix(p.References[0].Raw, "312 p.") || !strings.HasSuffix(p.References[2].Raw, "12-19.") {
		t.Errorf("[1] %q, [3] %q", p.References[0].Raw, p.References[2].Raw)
	}
}

func TestSameNumberReprinted(t *testing.T) {
	// "2." inside entry 1 followed by the real entry 2 stays in entry 1.
	text := "T\n\nReferences\n[1] A. B, \"Title one,\" J. X, vol. 1, pp. 1-\n[2] https://example.org/one\n[2] C. D, \"Title two,\" J. Y, 2020.\n"
	p := parseRefs(t, text)
	if len(p.References) != 2 || !strings.Contains(p.References[0].Raw, "example.org/one") {
		t.Fatalf("%+v", p.References)
	}
}

func TestNumberingGapReported(t *testing.T) {
	p := parseRefs(t, "T\n\nReferences\n1. Smith, J. (2020). One. P.\n2. Doe, J. (2020). Two. P.\n4. Roe, J. (2020). Four. P.\n")
	if len(p.References) != 3 || p.References[2].N != 4 {
		t.Fatalf("%+v", p.References)
	}
	if !strings.Contains(strings.Join(p.Anomalies, "|"), "numbering jumps from [2] to [4]") {
		t.Errorf("anomalies %q", p.Anomalies)
	}
	_, err := p.Ref(3)
	if err == nil || !strings.Contains(err.Error(), "3 references (1–4)") {
		t.Errorf("Ref(3) = %v", err)
	}
}

func TestNormalizeDOI(t *testing.T) {
	for in, want := range map[string]string{
		"https://doi.org/https://doi.org/10.1080/2158379X.2021.1879572": "10.1080/2158379X.2021.1879572",
		"doi: 10.18535/sshj.v8i04.1031.":                                "10.18535/sshj.v8i04.1031",
		"http://dx.doi.org/10.1000/ABC(12)3)":                           "10.1000/ABC(12)3",
		"no doi here":                                                   "",
	} {
		if got := NormalizeDOI(in); got != want {
			t.Errorf("NormalizeDOI(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAccessDates(t *testing.T) {
	for in, want := range map[string]string{
		"Retrieved 17 April 2024 from https://x.org":  "17 April 2024",
		"Retrieved 20 April 2024, from https://x.org": "20 April 2024",
		"[Accessed: 12 May 2020].":                    "12 May 2020",
		"(accessed on March 5, 2021)":                 "March 5, 2021",
		"Accessed: 2020-05-12.":                       "2020-05-12",
		"[cited 2020 May 5]":                          "2020 May 5",
		"Published 2019.":                             "",
	} {
		if got, _ := extractAccess(in); got != want {
			t.Errorf("extractAccess(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"China’s soft power ascendancy in Central Asia": "chinas-soft-power-ascendancy-in-central-asia",
		"  Ünïcödé -- Title!! ":                         "unicode-title",
		"":                                              "paper",
		"日本語":                                           "paper",
		strings.Repeat("word ", 40):                     "word-word-word-word-word-word-word-word-word-word-word-word",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}
