package bot

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"paperbot/corpus"
	"paperbot/internal/discord"
	"paperbot/retrieval/answer"
)

// absurdPaper is a paper whose reference [2] runs to about 120,000
// characters (a reference list that swallowed the appendix, say), with
// 300 other references that all match "sediment".
func absurdPaper(t *testing.T) *corpus.Paper {
	t.Helper()
	var sb strings.Builder
	sb.WriteString("Sediment transport in braided rivers\n\nIva Gravel\n\nAbstract\n\nBraided rivers move sediment across shifting bars [1].\n\nReferences\n\n")
	sb.WriteString("1. Ashmore, P. (1991). How do gravel-bed rivers braid? Canadian Journal of Earth Sciences, 28, 326-341.\n")
	// The runaway text sits inside the quoted title, so every reading of
	// the entry keeps it in a printed field.
	sb.WriteString("2. L. Leopold, \"River channel patterns: braided, meandering and straight")
	for i := 0; sb.Len() < 120_000; i++ {
		fmt.Fprintf(&sb, "; appendix table row %d lists discharge, slope and grain size for reach %d of the survey", i, i)
	}
	sb.WriteString(",\" U.S. Geological Survey, 1957.\n")
	for n := 3; n <= 302; n++ {
		fmt.Fprintf(&sb, "%d. Author%d, A. (2001). Sediment budget of reach %d. Journal of Rivers, %d, 1-10.\n", n, n, n, n)
	}
	p, err := corpus.Parse("absurd.txt", []byte(sb.String()))
	if err != nil {
		t.Fatal(err)
	}
	if ref, err := p.Ref(2); err != nil || utf8.RuneCountInString(ref.Raw) < 100_000 {
		t.Fatalf("the test paper's reference [2] is not huge: %v", err)
	}
	return p
}

// absurdEngine is an offline engine whose only paper is absurdPaper.
func absurdEngine(t *testing.T) *answer.Engine {
	t.Helper()
	return newEngine(t, answer.Options{}, absurdPaper(t))
}

// TestE2ECiteHugeEntryBounded: /cite of an absurdly long reference entry
// posts at most 2 messages in every format, each within
// Discord's limits, the last saying it was shortened; /refs with hundreds
// of matches is one page in one message.
func TestE2ECiteHugeEntryBounded(t *testing.T) {
	t.Parallel()
	e := startBot(t, absurdEngine(t), nil)
	defer e.checkRules()
	for _, format := range []string{"ieee", "apa", "mla", "bibtex"} {
		_, st := e.slash("cite", map[string]any{"number": "2", "format": format})
		msgs := 0
		if st.Original != nil {
			msgs++
		}
		msgs += len(st.Followups)
		if msgs == 0 || msgs > maxCiteMessages {
			t.Errorf("/cite 2 %s: %d messages, want 1 to %d", format, msgs, maxCiteMessages)
		}
		text := st.Text()
		if !strings.Contains(strings.ToLower(text), "shortened") {
			t.Errorf("/cite 2 %s does not say the entry was shortened; it ends %q", format, tail(text, 200))
		}
		if format == "bibtex" && strings.Count(text, "```")%2 != 0 {
			t.Errorf("/cite 2 bibtex leaves a code block open: %q", tail(text, 200))
		}
		for _, m := range append(st.Followups, st.Original) {
			if m != nil && utf8.RuneCountInString(m.Content) > discord.MaxContent {
				t.Errorf("/cite 2 %s: a message of %d characters", format, utf8.RuneCountInString(m.Content))
			}
		}
	}
	// A normal entry is whole, with no note.
	if _, st := e.slash("cite", map[string]any{"number": "1"}); strings.Contains(st.Text(), "shortened") || !strings.Contains(st.Text(), "gravel-bed rivers braid") {
		t.Errorf("/cite 1: %q", st.Text())
	}

	_, st := e.slash("refs", map[string]any{"query": "sediment"})
	if st.Original == nil || len(st.Followups) != 0 || len(st.Original.Embeds) != 1 {
		t.Fatalf("/refs sediment: want one message with one embed, got %+v and %d follow-ups", st.Original, len(st.Followups))
	}
	em := st.Original.Embeds[0]
	if embedTotal(em) > discord.MaxEmbedTotal || !strings.Contains(em.Footer.Text, "Page 1 of ") {
		t.Errorf("/refs sediment: %d characters, footer %q", embedTotal(em), em.Footer.Text)
	}
	if lines := strings.Count(strings.TrimSpace(em.Description), "\n") + 1; lines > refsPerPage {
		t.Errorf("/refs sediment: %d lines on a page", lines)
	}
}

func tail(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[len(r)-n:])
	}
	return s
}
