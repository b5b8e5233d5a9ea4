package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"paperbot/bot/discordtest"
)

func TestE2ECommands(t *testing.T) {
	t.Parallel()
	e := startBot(t, nil, nil)
	defer e.checkRules()

	t.Run("registered", func(t *testing.T) {
		var names []string
		for _, c := range e.srv.Commands(discordtest.DefaultGuildID) {
			names = append(names, c.Name)
		}
		if got := strings.Join(names, ","); got != "ask,cite,refs,paper,help,quiz,summary,glossary,export,class,ingest,review,pin" {
			t.Fatalf("commands = %s", got)
		}
	})

	var answerMsg *discordtest.Message
	t.Run("ask", func(t *testing.T) {
		_, st := e.slash("ask", map[string]any{"question": "How does China use soft power in Central Asia?"})
		if st.AckType != discordgo.InteractionResponseDeferredChannelMessageWithSource {
			t.Fatalf("first response type %d, want a deferral (5)", st.AckType)
		}
		if st.Original == nil || st.Original.Loading || st.Original.Ephemeral() {
			t.Fatalf("original = %+v", st.Original)
		}
		c := st.Original.Content
		if !strings.Contains(c, "> **Q:** How does China use soft power") || !strings.Contains(c, "\n-# From ") {
			t.Fatalf("answer content:\n%s", c)
		}
		if !citationRE.MatchString(c) {
			t.Errorf("answer cites nothing:\n%s", c)
		}
		answerMsg = st.Original
		buttonID(t, answerMsg, "Show evidence")
		buttonID(t, answerMsg, "Cite sources")
	})

	t.Run("ask private", func(t *testing.T) {
		_, st := e.slash("ask", map[string]any{"question": "What is soft power?", "private": true})
		if st.Original == nil || !st.Original.Ephemeral() {
			t.Fatalf("private answer not ephemeral: %+v", st.Original)
		}
	})

	t.Run("show evidence", func(t *testing.T) {
		if answerMsg == nil {
			t.Skip("no answer")
		}
		_, st := e.inject(discordtest.Button(buttonID(t, answerMsg, "Show evidence"), answerMsg.ID, nil, "", ""))
		if st.AckType != discordgo.InteractionResponseChannelMessageWithSource || st.Original == nil || !st.Original.Ephemeral() {
			t.Fatalf("evidence reply: %+v", st)
		}
		if len(st.Original.Embeds) != 1 || len(st.Original.Embeds[0].Fields) == 0 || scoreRE.MatchString(st.Original.Embeds[0].Fields[0].Name+st.Original.Embeds[0].Fields[0].Value) {
			t.Fatalf("evidence embed: %+v", st.Original.Embeds)
		}
	})

	t.Run("cite sources", func(t *testing.T) {
		if answerMsg == nil {
			t.Skip("no answer")
		}
		_, st := e.inject(discordtest.Button(buttonID(t, answerMsg, "Cite sources"), answerMsg.ID, nil, "", ""))
		if st.Original == nil || !st.Original.Ephemeral() || !strings.Contains(st.Original.Content, "**Sources**") {
			t.Fatalf("cite sources reply: %+v", st.Original)
		}
	})

	t.Run("cite", func(t *testing.T) {
		_, st := e.slash("cite", map[string]any{"number": "15"})
		if st.Original == nil || !strings.Contains(st.Original.Content, "Reference [15]") || !strings.Contains(st.Original.Content, "Nye") {
			t.Fatalf("/cite 15: %+v", st.Original)
		}
		_, st = e.slash("cite", map[string]any{"number": "15", "format": "bibtex"})
		if c := st.Original.Content; !strings.Contains(c, "```bibtex\n@") || strings.Count(c, "```") != 2 {
			t.Fatalf("/cite bibtex:\n%s", c)
		}
		_, st = e.slash("cite", map[string]any{"number": "paper", "format": "apa"})
		if c := st.Original.Content; !strings.Contains(c, "This paper") || !strings.Contains(c, "Central Asia") {
			t.Fatalf("/cite paper:\n%s", c)
		}
		_, st = e.slash("cite", map[string]any{"number": "99"})
		if st.Original == nil || !st.Original.Ephemeral() || !strings.Contains(st.Original.Content, "29") {
			t.Fatalf("/cite 99 should be a friendly ephemeral error: %+v", st.Original)
		}
	})

	t.Run("cite by word", func(t *testing.T) {
		_, st := e.slash("cite", map[string]any{"number": "Nye"})
		c := st.Original.Content
		if !st.Original.Ephemeral() || strings.Contains(c, "Give a reference number") || !strings.Contains(c, "matches 3 references") {
			t.Fatalf("/cite Nye:\n%s", c)
		}
		for _, n := range []string{"**[10]**", "**[15]**", "**[16]**"} {
			if !strings.Contains(c, n) {
				t.Errorf("/cite Nye lacks %s:\n%s", n, c)
			}
		}
		_, st = e.slash("cite", map[string]any{"number": "Aliyev", "format": "apa"})
		if c := st.Original.Content; st.Original.Ephemeral() || !strings.Contains(c, "Reference [2]") || !strings.Contains(c, "Aliyev") {
			t.Fatalf("/cite Aliyev:\n%s", c)
		}
		_, st = e.slash("cite", map[string]any{"number": "zebra"})
		if c := st.Original.Content; !st.Original.Ephemeral() || !strings.Contains(c, "No reference matches “zebra”") || !strings.Contains(c, "1–29") {
			t.Fatalf("/cite zebra:\n%s", c)
		}
	})

	t.Run("autocomplete", func(t *testing.T) {
		for _, tc := range []struct{ partial, want string }{
			{"", "paper — "},
			{"1", "1 — "},
			{"nye", "15 — Nye"},
			{"pap", "paper — "},
		} {
			_, st := e.inject(discordtest.Autocomplete("cite", "number", tc.partial, nil, nil, "", ""))
			if len(st.Choices) == 0 || len(st.Choices) > 25 {
				t.Fatalf("autocomplete %q: %d choices", tc.partial, len(st.Choices))
			}
			for _, c := range st.Choices {
				if utf8.RuneCountInString(c.Name) > 100 {
					t.Errorf("choice name too long: %q", c.Name)
				}
			}
			found := false
			for _, c := range st.Choices {
				found = found || strings.HasPrefix(c.Name, tc.want)
			}
			if !found {
				t.Errorf("autocomplete %q: no choice starts with %q (first %q)", tc.partial, tc.want, st.Choices[0].Name)
			}
		}
		// Whole words: "xi" finds Xi Jinping, not [29]'s "Co-existence".
		_, st := e.inject(discordtest.Autocomplete("cite", "number", "xi", nil, nil, "", ""))
		if len(st.Choices) == 0 {
			t.Fatal("autocomplete xi: no choices")
		}
		for _, c := range st.Choices {
			if c.Value == "29" {
				t.Errorf("autocomplete xi offers %q", c.Name)
			}
		}
		// A number's own reference comes before the references it matches otherwise.
		_, st = e.inject(discordtest.Autocomplete("cite", "number", "2019", nil, nil, "", ""))
		if len(st.Choices) != 4 || st.Choices[0].Value != "1" {
			t.Errorf("autocomplete 2019: %+v", st.Choices)
		}
	})

	t.Run("refs paged", func(t *testing.T) {
		_, st := e.slash("refs", nil)
		if st.Original == nil || len(st.Original.Embeds) != 1 || !strings.Contains(st.Original.Embeds[0].Footer.Text, "Page 1 of 3") {
			t.Fatalf("/refs: %+v", st.Original)
		}
		next := buttonID(t, st.Original, "Next")
		_, st2 := e.inject(discordtest.Button(next, st.Original.ID, nil, "", ""))
		if st2.AckType != discordgo.InteractionResponseUpdateMessage {
			t.Fatalf("Next: ack type %d, want 7", st2.AckType)
		}
		msg := e.srv.Message(st.Original.ID)
		if msg == nil || !strings.Contains(msg.Embeds[0].Footer.Text, "Page 2 of 3") || !strings.Contains(msg.Embeds[0].Description, "**[11]**") {
			t.Fatalf("after Next: %+v", msg)
		}
		_, st3 := e.slash("refs", map[string]any{"query": "Nye"})
		if d := st3.Original.Embeds[0].Description; !strings.Contains(d, "**[15]**") || len(st3.Original.Buttons()) != 0 {
			t.Fatalf("/refs Nye: %s (buttons %d)", d, len(st3.Original.Buttons()))
		}
		_, st4 := e.slash("refs", map[string]any{"query": "xyzzy"})
		if !strings.Contains(st4.Original.Embeds[0].Description, "No reference matches") {
			t.Fatalf("/refs xyzzy: %+v", st4.Original.Embeds[0])
		}
	})

	t.Run("paper and help", func(t *testing.T) {
		_, st := e.slash("paper", nil)
		if st.Original == nil || len(st.Original.Embeds) != 1 || !strings.Contains(st.Original.Embeds[0].Title, "Central Asia") {
			t.Fatalf("/paper: %+v", st.Original)
		}
		_, st = e.slash("help", nil)
		if st.Original == nil || !st.Original.Ephemeral() || len(st.Original.Embeds) != 1 {
			t.Fatalf("/help: %+v", st.Original)
		}
	})
}
