package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"paperbot/internal/discord"
)

// TestSuggestButtonsFit: a long question is cut to a button label, at
// most five buttons fit one row, and no buttons gives an empty list (not
// nil, which discordgo would drop).
func TestSuggestButtonsFit(t *testing.T) {
	long := "What does the paper say about " + strings.Repeat("very long multi-word technical terms ", 4) + "?"
	qs := []string{long, "A?", "B?", "C?", "D?", "E?"}
	rows := suggestButtons("some-paper", qs)
	if len(rows) != 1 {
		t.Fatalf("rows: %d", len(rows))
	}
	row := rows[0].(discordgo.ActionsRow).Components
	if len(row) != 5 {
		t.Errorf("%d buttons in a row, want 5", len(row))
	}
	label := row[0].(discordgo.Button).Label
	if n := utf8.RuneCountInString(label); n > discord.MaxButtonLabel || !strings.HasSuffix(label, "…") {
		t.Errorf("label of %d characters: %q", n, label)
	}
	if got := suggestButtons("some-paper", nil); got == nil || len(got) != 0 {
		t.Errorf("no questions: %#v", got)
	}
}
