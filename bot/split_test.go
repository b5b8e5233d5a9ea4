package bot

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSplitMessage(t *testing.T) {
	para := strings.Repeat("word ", 30) // 150 chars
	tests := []struct {
		name  string
		in    string
		limit int
		want  []string
	}{
		{"empty", "", 2000, nil},
		{"blank", "  \n ", 2000, nil},
		{"fits", "Soft power [15] matters.", 2000, []string{"Soft power [15] matters."}},
		{"exactly limit", strings.Repeat("a", 40), 40, []string{strings.Repeat("a", 40)}},
		{"paragraphs", "First paragraph here.\n\nSecond paragraph is here.", 40,
			[]string{"First paragraph here.", "Second paragraph is here."}},
		{"sentence", "One sentence is here. Two sentences are here too.", 40,
			[]string{"One sentence is here.", "Two sentences are here too."}},
		{"never inside citation", "aaaa bbbb cccc dddd eeee ffff gg [12] hh", 35,
			[]string{"aaaa bbbb cccc dddd eeee ffff gg", "[12] hh"}},
		{"citation list with spaces", "x xxxxxxxxxxxxxxxxxxxxxxxxxx [3, 7] end", 32,
			[]string{"x xxxxxxxxxxxxxxxxxxxxxxxxxx", "[3, 7] end"}},
		{"hard cut avoids citation", strings.Repeat("a", 30) + "[A3]" + strings.Repeat("b", 10), 32,
			[]string{strings.Repeat("a", 30), "[A3]" + strings.Repeat("b", 10)}},
		{"hard cut backs out of citation", strings.Repeat("a", 30) + "[A3]", 32,
			[]string{strings.Repeat("a", 30), "[A3]"}},
		{"utf8 hard cut", strings.Repeat("é", 40), 32,
			[]string{strings.Repeat("é", 32), strings.Repeat("é", 8)}},
		{"code block reopened", "```go\n" + strings.Repeat("x := 1\n", 8) + "```", 40,
			[]string{"```go\nx := 1\nx := 1\nx := 1\nx := 1\n```", "```go\nx := 1\nx := 1\nx := 1\nx := 1\n```"}},
		{"limit raised", "abc def", 1, []string{"abc def"}},
		{"long paragraph words", para + "\n\n" + para, 200,
			[]string{strings.TrimSpace(para), strings.TrimSpace(para)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := SplitMessage(tc.in, tc.limit)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
				t.Fatalf("SplitMessage(%q, %d)\n got %q\nwant %q", tc.in, tc.limit, got, tc.want)
			}
			checkParts(t, tc.in, tc.limit, got)
		})
	}
}

func TestSplitMessageLongAnswer(t *testing.T) {
	var b strings.Builder
	for i := 1; b.Len() < 9000; i++ {
		b.WriteString("Chinese soft power in Central Asia relies on education and media [")
		b.WriteString(strings.Repeat("1", 1+i%2))
		b.WriteString("]. ")
		if i%7 == 0 {
			b.WriteString("\n\n")
		}
	}
	parts := SplitMessage(b.String(), MaxContent)
	if len(parts) < 5 {
		t.Fatalf("got %d parts for %d chars", len(parts), b.Len())
	}
	checkParts(t, b.String(), MaxContent, parts)
}

// checkParts asserts the invariants every split must keep.
func checkParts(t *testing.T, in string, limit int, parts []string) {
	t.Helper()
	if limit < minSplitLimit {
		limit = minSplitLimit
	}
	for i, p := range parts {
		if n := utf8.RuneCountInString(p); n > limit {
			t.Errorf("part %d has %d runes > %d", i, n, limit)
		}
		if utf8.ValidString(in) && !utf8.ValidString(p) {
			t.Errorf("part %d is not valid UTF-8", i)
		}
		if strings.TrimSpace(p) == "" {
			t.Errorf("part %d is blank", i)
		}
		if i < len(parts)-1 && strings.Count(p, "```")%2 != 0 {
			t.Errorf("part %d leaves a code block open: %q", i, p)
		}
	}
	if !strings.Contains(in, "`") && utf8.ValidString(in) {
		if a, b := squash(strings.Join(parts, "")), squash(in); a != b {
			t.Errorf("content changed:\n got %q\nwant %q", a, b)
		}
		want := len(citationRE.FindAllString(in, -1))
		got := 0
		for _, p := range parts {
			got += len(citationRE.FindAllString(p, -1))
		}
		if got != want {
			t.Errorf("citations: %d intact in parts, %d in input", got, want)
		}
	}
}

func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) { // SplitMessage trims the message's outer white space
			return -1
		}
		return r
	}, s)
}

func FuzzSplitMessage(f *testing.F) {
	f.Add("Soft power [15] and the Belt and Road [A2].\n\nMore text here [3, 7].", 40)
	f.Add("```go\nfunc main() {}\n```\ntext after the code", 32)
	f.Add(strings.Repeat("日本語 ", 100), 50)
	f.Add(strings.Repeat("[12]", 40), 33)
	f.Fuzz(func(t *testing.T, s string, limit int) {
		if limit > 4000 || limit < -10 {
			limit = 2000
		}
		parts := SplitMessage(s, limit)
		checkParts(t, s, limit, parts)
	})
}
