package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"paperbot/bot/discordtest"
)

// Another server, for the pins-per-guild test.
const (
	otherGuild        = "500000000000000001"
	otherGuildChannel = "500000000000000002"
)

// TestE2EModalOutsideAllowList: a feedback form and a pin form submitted
// from a channel outside the allow-list store nothing (the buttons that
// opened them may be older than the list, or forged).
func TestE2EModalOutsideAllowList(t *testing.T) {
	c := startClassroom(t, dbPath(t), nil, func(o *Options) { o.AllowedChannels = []string{channelA} })
	defer c.checkRules()
	const q = "What is soft power?"
	ans := c.ask(alice, channelA, q)
	answerID := strings.TrimPrefix(buttonByPrefix(t, ans, idFeedback+"dn:"), idFeedback+"dn:")

	st := c.submit(alice, otherChannel, idFeedbackModal+answerID, map[string]string{fieldComment: "sneaky comment"})
	if text := ephemeralText(t, st); !strings.Contains(text, "class channels") {
		t.Errorf("feedback form from outside the allow-list: %q", text)
	}
	st = c.submit(prof, otherChannel, idPinModal+answerID, map[string]string{fieldQuestion: q, fieldAnswer: "A forged pinned answer."}, instructorRole)
	if text := ephemeralText(t, st); !strings.Contains(text, "class channels") {
		t.Errorf("pin form from outside the allow-list: %q", text)
	}
	flags, err := c.st.RecentFlagged(context.Background(), "", 10)
	if err != nil || len(flags) != 0 {
		t.Errorf("feedback stored from outside the allow-list: %+v %v", flags, err)
	}
	if again := c.ask(alice, channelA, q); strings.Contains(again.Content, "forged pinned answer") {
		t.Errorf("a pin from outside the allow-list changed the answer: %q", again.Content)
	}
}

// TestE2EPinsByGuild: a pin made in one server changes answers there and
// nowhere else.
func TestE2EPinsByGuild(t *testing.T) {
	c := startClassroom(t, dbPath(t), nil, nil)
	defer c.checkRules()
	const q = "What is soft power?"
	const pinned = "Our class's pinned answer about attraction [15]."
	if text := ephemeralText(t, c.teacher(channelB, "pin", map[string]any{"question": q, "answer": pinned})); !strings.Contains(text, "Pinned") {
		t.Fatalf("/pin: %q", text)
	}
	if here := c.ask(alice, channelB, q); !strings.Contains(here.Content, "pinned answer about attraction") {
		t.Fatalf("the pin does not answer in its own server: %q", here.Content)
	}
	_, st := c.inject(discordtest.AsMember(discordtest.SlashCommand("ask", map[string]any{"question": q}, bob, otherGuildChannel, otherGuild), 0))
	if strings.Contains(st.Text(), "pinned answer about attraction") || strings.Contains(st.Text(), "pinned by an instructor") {
		t.Errorf("a pin from another server answered here: %q", st.Text())
	}
	if !strings.Contains(st.Text(), "\n-# ") {
		t.Errorf("no answer in the other server: %q", st.Text())
	}
}

// TestE2EStoreDownNoFallback: when the database cannot be read, a channel
// that uses an uploaded paper is told so, by /ask, a mention, /paper show
// and /refs; it never silently gets answers about the default paper.
func TestE2EStoreDownNoFallback(t *testing.T) {
	cdn := discordtest.NewCDN(t)
	c := startClassroom(t, dbPath(t), cdn, nil)
	defer c.checkRules()
	if text := ephemeralText(t, c.upload(cdn.Add("coral-reefs.txt", "text/plain", []byte(coralPaper)))); !strings.Contains(text, "Added") {
		t.Fatalf("upload: %s", text)
	}
	c.teacher(channelA, "class", map[string]any{"paper": map[string]any{"id": "coral-reefs"}})
	if ans := c.ask(alice, channelA, "What causes coral bleaching?"); !strings.Contains(ans.Content, "\n-# ") {
		t.Fatalf("answer before the outage: %q", ans.Content)
	}
	if err := c.st.Close(); err != nil { // the database goes away
		t.Fatal(err)
	}
	const want = "can't reach my database"
	for _, cmd := range []struct {
		name string
		opts map[string]any
	}{
		{"ask", map[string]any{"question": "What is soft power?"}},
		{"paper", map[string]any{"show": map[string]any{}}},
		{"refs", nil},
		{"cite", map[string]any{"number": "1"}},
	} {
		st := c.as(alice, channelA, cmd.name, cmd.opts, 0)
		var sent []string // everything sent, also to a deleted "thinking…"
		for _, r := range st.Responses {
			sent = append(sent, r.Content)
		}
		text := strings.Join(sent, "\n")
		if !strings.Contains(text, want) {
			t.Errorf("/%s during the outage: %q, want it to say %q", cmd.name, text, want)
		}
		if st.Original != nil && !st.Original.Deleted && len(st.Original.Embeds) > 0 {
			t.Errorf("/%s during the outage showed an embed: %q", cmd.name, st.Original.Embeds[0].Title)
		}
	}
	m := c.srv.InjectMessage(discordtest.UserMessage(discordtest.Mention(discordtest.DefaultBotID)+" what is soft power?", alice, channelA, ""))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	msgs, err := c.srv.WaitMessages(ctx, repliesTo(m.ID))
	if err != nil {
		t.Fatalf("mention during the outage: %v", err)
	}
	for _, r := range msgs {
		if r.Reference != nil && r.Reference.MessageID == m.ID && !strings.Contains(r.Content, want) {
			t.Errorf("mention during the outage: %q", r.Content)
		}
	}
}
