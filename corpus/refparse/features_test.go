package refparse

import (
	"strings"
	"testing"
	"unicode"
)

func TestTrimCoreIsTrimFunc(t *testing.T) {
	f := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
	for _, s := range []string{"", "a", ",", "(smith,", "“quoted”", "ü.", "\xff", "x\xff", "\xffx", "—2019—", "..", "«été»;", "10.1000/x."} {
		if got, want := trimCore(s), strings.TrimFunc(s, f); got != want {
			t.Errorf("%q: %q, want %q", s, got, want)
		}
	}
}

func TestLexiconIndexFindsEveryWord(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for i := range m.lex.n {
		w, c := m.lex.entry(i)
		if got := m.lex.class(string(w)); got != string(c) {
			t.Fatalf("%q: class %q, want %q", w, got, c)
		}
	}
	if got := m.lex.class("zzzz-not-a-word-zzzz"); got != "" {
		t.Errorf("unknown word has class %q", got)
	}
}

// A title keeps its own opening "In"; a container loses the "In" that
// introduces it.
func TestTrimFieldKeepsTitleIn(t *testing.T) {
	if got := TrimField("In search of yield."); got != "In search of yield" {
		t.Errorf("TrimField = %q", got)
	}
	for in, want := range map[string]string{"In: EUROCON,": "EUROCON", "In Proceedings of the IEEE.": "Proceedings of the IEEE", "in Rice Science": "Rice Science"} {
		if got := TrimContainer(in); got != want {
			t.Errorf("TrimContainer(%q) = %q, want %q", in, got, want)
		}
	}
}

// A title in LaTeX quotes (two backticks, two apostrophes) loses them, as
// one in curly quotes does.
func TestTrimFieldLaTeXQuotes(t *testing.T) {
	for in, want := range map[string]string{"``Circadian clocks in crabs,''": "Circadian clocks in crabs", "`Tides'": "Tides", "“Tides,”": "Tides"} {
		if got := TrimField(in); got != want {
			t.Errorf("TrimField(%q) = %q, want %q", in, got, want)
		}
	}
}

// A GB/T 7714 document type code closing a title ("[J]", "[M]",
// "[EB/OL]") is no part of it; brackets that are part of a title stay.
func TestTrimFieldDocumentTypeCode(t *testing.T) {
	for in, want := range map[string]string{
		"Soil moisture under drip irrigation[J].":   "Soil moisture under drip irrigation",
		"A history of the silk road [M].":           "A history of the silk road",
		"National statistics bulletin[EB/OL].":      "National statistics bulletin",
		"Rainfall records [1950-2000]":              "Rainfall records [1950-2000]",
		"Vitamin levels in group [A] and group [B]": "Vitamin levels in group [A] and group [B]",
	} {
		if got := TrimField(in); got != want {
			t.Errorf("TrimField(%q) = %q, want %q", in, got, want)
		}
	}
}
