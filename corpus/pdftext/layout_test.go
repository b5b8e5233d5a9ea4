package pdftext

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestJoinHyphenated(t *testing.T) {
	vocab := map[string]bool{"syntax": true, "dependent": true, "international": true, "inter": true, "national": true}
	cases := []struct {
		end, next, want string
		ok              bool
	}{
		{"interna-", "tional", "international", true},      // the joined form is a word of the document
		{"syntax-", "dependent", "syntax-dependent", true}, // both halves are words, the joined form is not
		{"Convolu-", "tional", "Convolutional", true},      // no evidence: join
		{"N-domain-", "selective", "N-domain-selective", true},
		{"N-", "and", "", false},
		{"Ac-", "SDKP", "", false},
		{"https://doi.org/10.18429/JACoW-", "abc", "", false},
		{"pages", "next", "", false},
		{"12-", "15", "", false},
	}
	for _, c := range cases {
		got, ok := JoinHyphenated(c.end, c.next, vocab)
		if got != c.want || ok != c.ok {
			t.Errorf("JoinHyphenated(%q, %q) = %q, %v; want %q, %v", c.end, c.next, got, ok, c.want, c.ok)
		}
	}
}

func TestNormalizeText(t *testing.T) {
	got, lost := normalizeText("e\ufb00ect \ufb01eld \ufb03ce\x03 a\ufffdb")
	if got != "effect field ffice ab" || lost != 1 {
		t.Fatalf("normalizeText = %q, %d", got, lost)
	}
}

func TestIsRotated(t *testing.T) {
	stacked := Line{Words: []Word{
		{Box{44, 700, 56, 740}, "Content"}, {Box{44, 680, 56, 698}, "from"}, {Box{44, 660, 56, 678}, "this"},
	}}
	flat := Line{Words: []Word{{Box{50, 100, 90, 110}, "Plain"}, {Box{92, 100, 120, 110}, "text"}}}
	if !isRotated(stacked) || isRotated(flat) {
		t.Fatalf("isRotated: stacked %v, flat %v", isRotated(stacked), isRotated(flat))
	}
}

func TestExtractLayoutDropsRunningHeaders(t *testing.T) {
	needTool(t)
	header := "Journal of Tests 2024 Vol 3"
	pdf := MakePDF([][]string{
		{header, "A Study of Things", "", "Abstract", "We study inter-", "national things."},
		{header, "Methods", "We used inter-", "views."},
		{header, "References", "1. Nye, J. S. (2004). Soft things. Public Affairs."},
	})
	doc, err := ExtractLayout(context.Background(), pdf)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, p := range doc.Pages {
		for _, b := range p.Blocks {
			for _, l := range b.Lines {
				all = append(all, l.Text)
			}
		}
	}
	text := strings.Join(all, "\n")
	if strings.Contains(text, header) {
		t.Errorf("running header kept:\n%s", text)
	}
	if !strings.Contains(text, "We study international") || !strings.Contains(text, "We used interviews.") {
		t.Errorf("hyphenation not joined:\n%s", text)
	}
}

func TestOutputCap(t *testing.T) {
	needTool(t)
	old := MaxOutput
	MaxOutput = 200
	defer func() { MaxOutput = old }()
	_, err := ExtractLayout(context.Background(), MakePDF([][]string{{"some text that is long enough to pass the cap"}}))
	if !errors.Is(err, ErrTooMuchText) {
		t.Fatalf("err = %v, want ErrTooMuchText", err)
	}
}

func TestDeadline(t *testing.T) {
	needTool(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Extract(ctx, MakePDF([][]string{{"one two three four five six"}}))
	if !errors.Is(err, ErrTooSlow) {
		t.Fatalf("err = %v, want ErrTooSlow", err)
	}
}

// TestExtractLayoutStreamsSameDocument: parsing pdftotext's output as it
// is printed gives the document that parsing it whole gives.
func TestExtractLayoutStreamsSameDocument(t *testing.T) {
	needTool(t)
	var pages [][]string
	for p := range 3 {
		var lines []string
		for l := range 40 {
			lines = append(lines, fmt.Sprintf("Page %d line %d holds a few words of text, with \x01 a control byte.", p+1, l+1))
		}
		pages = append(pages, lines)
	}
	pdf := MakePDF(pages)
	streamed, err := ExtractLayout(context.Background(), pdf)
	if err != nil {
		t.Fatal(err)
	}
	out, err := run(context.Background(), pdf, "-bbox-layout")
	if err != nil {
		t.Fatal(err)
	}
	whole, err := LayoutFromXHTML(out)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(streamed, whole) {
		t.Errorf("streamed and whole layouts differ: %d and %d pages", len(streamed.Pages), len(whole.Pages))
	}
}

// TestExtractLayoutDropsAlternatingHeaders: a short paper alternates its
// running headers, the authors on even pages and the title on odd ones
// after the first; the authors' header repeats on two pages of four and
// is dropped all the same.
func TestExtractLayoutDropsAlternatingHeaders(t *testing.T) {
	needTool(t)
	even := "ANN SMITH AND BO LEE"
	pdf := MakePDF([][]string{
		{"Counting Ledgers of the Tides", "Abstract", "We count ledgers."},
		{even, "Methods", "We counted by hand."},
		{"COUNTING LEDGERS OF THE TIDES", "Results", "The counts agree."},
		{even, "References", "1. Nye, J. S. (2004). Soft things. Public Affairs."},
	})
	doc, err := ExtractLayout(context.Background(), pdf)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range doc.Pages {
		for _, b := range p.Blocks {
			for _, l := range b.Lines {
				if l.Text == even {
					t.Errorf("page %d: running header %q kept", p.Number, l.Text)
				}
			}
		}
	}
}
