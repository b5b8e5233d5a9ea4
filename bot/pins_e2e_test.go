package bot

import (
	"strings"
	"testing"

	"paperbot/bot/discordtest"
)

// TestE2EPinsByMeaning: a pin made with one wording answers a paraphrase
// of its question (reordered, misspelt), through the fake Discord, and
// not a question that shares its words but asks about something else.
func TestE2EPinsByMeaning(t *testing.T) {
	c := startClassroom(t, dbPath(t), discordtest.NewCDN(t), nil)
	defer c.stop()

	const pinned = "Pinned: it wins support without coercion [15]."
	st := c.teacher(channelB, "pin", map[string]any{"question": "Why does Russia use soft power?", "answer": pinned})
	if text := ephemeralText(t, st); !strings.Contains(text, "Pinned") || !strings.Contains(text, "same question") {
		t.Fatalf("/pin: %s", text)
	}
	for _, q := range []string{
		"Why is soft power used by Russia?",
		"why does rusia use soft pwoer",
	} {
		if ans := c.ask(alice, channelB, q); !strings.Contains(ans.Content, pinned) || !strings.Contains(ans.Content, "pinned by an instructor") {
			t.Errorf("%q does not get the pin:\n%s", q, ans.Content)
		}
	}
	for _, q := range []string{
		"Why does China use soft power?",      // another actor
		"When did Russia use soft power?",     // another kind of answer
		"Why does Russia not use soft power?", // negated
	} {
		if ans := c.ask(bob, channelB, q); strings.Contains(ans.Content, pinned) || strings.Contains(ans.Content, "pinned by an instructor") {
			t.Errorf("%q gets the pin:\n%s", q, ans.Content)
		}
	}
}
