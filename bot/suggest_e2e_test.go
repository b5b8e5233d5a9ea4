package bot

import (
	"strings"
	"testing"

	"paperbot/bot/discordtest"
)

// TestE2ESuggestedQuestions: /paper show offers the paper's suggested
// questions as buttons; pressing one asks it in public for the student who
// pressed it, with the answer's own buttons. A button pressed on a new bot
// process (nothing shared in memory) still asks its question, and one
// whose question the paper no longer suggests says so privately.
func TestE2ESuggestedQuestions(t *testing.T) {
	eng := testEngine(t)
	want, err := eng.Suggestions("")
	if err != nil || len(want) < 3 {
		t.Fatalf("suggestions on the default paper: %q, %v", want, err)
	}
	e := startBot(t, eng, nil)
	_, st := e.slash("paper", nil)
	page := st.Original
	if page == nil || len(page.Embeds) != 1 {
		t.Fatalf("/paper: %+v", page)
	}
	buttons := page.Buttons()
	if len(buttons) != len(want) {
		t.Fatalf("/paper offers %d buttons, want the %d suggestions %q", len(buttons), len(want), want)
	}
	for i, b := range buttons {
		if b.Label != want[i] || !strings.HasPrefix(b.CustomID, idSuggest) {
			t.Errorf("button %d: %q (%s), want %q", i, b.Label, b.CustomID, want[i])
		}
	}
	e.checkRules()
	e.shutdown()

	// A new process on a new engine: the button still asks its question.
	e2 := startBot(t, testEngine(t), nil)
	defer e2.checkRules()
	student := discordtest.NewUser("777", "student")
	_, st = e2.inject(discordtest.Button(buttons[0].CustomID, page.ID, student, "", ""))
	ans := st.Original
	if ans == nil || ans.Ephemeral() {
		t.Fatalf("pressing %q: want a public answer, got %+v", want[0], st)
	}
	// The question line escapes markdown (`\[2\]`).
	if !strings.Contains(strings.ReplaceAll(ans.Content, `\`, ""), "**Q:** "+want[0]) {
		t.Errorf("the answer does not quote its question %q:\n%s", want[0], ans.Content)
	}
	if len(ans.Buttons()) == 0 {
		t.Errorf("the answer has no buttons: %+v", ans)
	}

	// A question the paper no longer suggests (its fingerprint differs).
	stale := strings.Replace(buttons[1].CustomID, ":"+suggestionHash(want[1])+":", ":00000000:", 1)
	_, st = e2.inject(discordtest.Button(stale, page.ID, student, "", ""))
	if got := ephemeralText(t, st); !strings.Contains(got, "out of date") {
		t.Errorf("stale suggestion: %q", got)
	}
	// A damaged id and a paper no longer loaded get a private answer too.
	for id, want := range map[string]string{
		idSuggest + "x:00000000:" + "china-soft-power-central-asia": "no longer active",
		idSuggest + "0:00000000:no-such-paper":                      "paper",
	} {
		_, st = e2.inject(discordtest.Button(id, page.ID, student, "", ""))
		if got := ephemeralText(t, st); !strings.Contains(got, want) {
			t.Errorf("%s: %q, want it to say %q", id, got, want)
		}
	}
}
