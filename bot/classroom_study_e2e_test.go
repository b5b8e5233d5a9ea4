package bot

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"paperbot/bot/discordtest"
	"paperbot/internal/store"

	"paperbot/internal/discord"
)

// TestE2EStudyGuides: /summary and /glossary fit Discord's limits and cite
// references; /class paper autocompletes paper ids; a paper stored by another
// process (announced through the store) becomes available without a
// restart.
func TestE2EStudyGuides(t *testing.T) {
	t.Parallel()
	c := startClassroom(t, dbPath(t), nil, nil)
	defer c.checkRules()

	st := c.as(alice, channelB, "summary", nil, 0)
	msgs := append([]*discordtest.Message{st.Original}, st.Followups...)
	if st.Original == nil || len(st.Original.Embeds) != 1 {
		t.Fatalf("/summary: %+v", st.Original)
	}
	sum := st.Original.Embeds[0]
	if !strings.HasPrefix(sum.Title, "Study guide: China") || !strings.Contains(sum.Description, "**1.** China-Central Asia ties are complex") || !citationRE.MatchString(sum.Description) {
		t.Fatalf("/summary embed:\n%s\n%s", sum.Title, sum.Description)
	}
	st = c.as(alice, channelB, "glossary", nil, 0)
	msgs = append(msgs, st.Original)
	msgs = append(msgs, st.Followups...)
	if st.Original == nil || len(st.Original.Embeds) != 1 {
		t.Fatalf("/glossary: %+v", st.Original)
	}
	gl := st.Original.Embeds[0].Description
	for _, want := range []string{"**soft power** — title, [", "Belt and Road"} {
		if !strings.Contains(gl, want) {
			t.Errorf("/glossary lacks %q:\n%s", want, gl)
		}
	}
	for _, m := range msgs {
		for _, e := range m.Embeds {
			if n := utf8.RuneCountInString(e.Description); n > discord.MaxEmbedDescription || embedTotal(e) > discord.MaxEmbedTotal {
				t.Errorf("embed over the limits: %d description characters, %d in all", n, embedTotal(e))
			}
		}
	}

	// /help lists the classroom commands; instructors also see theirs.
	help := func(st discordtest.InteractionState) string {
		var names []string
		for _, f := range st.Original.Embeds[0].Fields {
			names = append(names, f.Name)
		}
		return strings.Join(names, "|")
	}
	if h := help(c.as(alice, channelB, "help", nil, 0)); !strings.Contains(h, "/quiz start") || strings.Contains(h, "Instructors") {
		t.Errorf("student /help: %s", h)
	}
	if h := help(c.teacher(channelB, "help", nil)); !strings.Contains(h, "|Instructors") {
		t.Errorf("instructor /help: %s", h)
	}

	// Answers to mentions get feedback buttons too, and their citations
	// count for /export.
	q := c.srv.InjectMessage(discordtest.UserMessage(discordtest.Mention(discordtest.DefaultBotID)+" what is soft power?", bob, channelB, ""))
	wctx, wcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer wcancel()
	isReply := func(ms []*discordtest.Message) bool {
		for _, m := range ms {
			if m.Reference != nil && m.Reference.MessageID == q.ID {
				return true
			}
		}
		return false
	}
	if _, err := c.srv.WaitMessages(wctx, isReply); err != nil {
		t.Fatalf("no reply to the mention: %v", err)
	}
	replies := c.srv.RepliesTo(q.ID)
	down := buttonByPrefix(t, replies[len(replies)-1], idFeedback+"dn:")
	if err := c.bot.answersWritten(context.Background()); err != nil { // answers are written in batches
		t.Fatal(err)
	}
	if rec, err := c.st.Answer(context.Background(), strings.TrimPrefix(down, idFeedback+"dn:")); err != nil || rec.Question != "what is soft power?" || rec.UserID != bob.ID {
		t.Fatalf("stored mention answer: %+v, %v", rec, err)
	}
	if cited, err := c.st.CitedRefs(context.Background(), channelB); err != nil || len(cited) == 0 {
		t.Fatalf("mention answer citations: %+v, %v", cited, err)
	}

	// Another process stores a paper: the store announces it and this bot
	// adds it to its library and index.
	err := c.st.SaveUploadedPaper(context.Background(), store.UploadedPaper{
		ID: "coral-reefs", FileName: "coral-reefs.txt", Text: coralPaper, UploaderID: prof.ID, UploadedAt: time.Now(),
	})
	if err != nil {
		t.Fatal(err)
	}
	waitSynced(t, c.synced, "coral-reefs")
	if _, st = c.inject(discordtest.Autocomplete("class", "id", "cor", nil, alice, channelA, "")); len(st.Choices) != 1 {
		t.Fatalf("the stored paper did not appear: choices %+v", st.Choices)
	}
	if ch := st.Choices[0]; ch.Value != "coral-reefs" || !strings.HasPrefix(ch.Name, "coral-reefs — Coral reef bleaching") {
		t.Fatalf("autocomplete choice: %+v", ch)
	}
	c.as(prof, channelA, "class", map[string]any{"paper": map[string]any{"id": "coral-reefs"}}, discordgo.PermissionAdministrator)
	if ans := c.ask(alice, channelA, "Which fish help reefs recover from bleaching?"); !strings.Contains(strings.ToLower(ans.Content), "herbivorous fish") {
		t.Fatalf("answer from the announced paper:\n%s", ans.Content)
	}
}
