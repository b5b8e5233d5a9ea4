package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/bot/discordtest"
	"paperbot/internal/store"
)

// TestE2EInstructorCommands checks that the instructors' commands are
// registered with default_member_permissions (Manage Server) and for
// servers only (contexts), so Discord hides them from students; that the role
// check still refuses a student who reaches one anyway; that /help lists
// them to instructors only; and /class reset-quiz.
func TestE2EInstructorCommands(t *testing.T) {
	t.Parallel()
	c := startClassroom(t, dbPath(t), discordtest.NewCDN(t), nil)
	defer c.checkRules()

	// The fake decodes registrations with discordgo's ",string" tag, so a
	// bitfield sent as a JSON number would be refused as invalid JSON.
	instructor := map[string]bool{"class": true, "ingest": true, "review": true, "pin": true}
	seen := 0
	for _, cmd := range c.srv.Commands(discordtest.DefaultGuildID) {
		if !instructor[cmd.Name] {
			if cmd.DefaultMemberPermissions != nil {
				t.Errorf("/%s (students') has default_member_permissions %d", cmd.Name, *cmd.DefaultMemberPermissions)
			}
			continue
		}
		seen++
		if p := cmd.DefaultMemberPermissions; p == nil || *p != discordgo.PermissionManageGuild {
			t.Errorf("/%s default_member_permissions = %v, want Manage Server (32)", cmd.Name, p)
		}
		if cmd.Contexts == nil || len(*cmd.Contexts) != 1 || (*cmd.Contexts)[0] != discordgo.InteractionContextGuild {
			t.Errorf("/%s contexts = %v, want the guild only", cmd.Name, cmd.Contexts)
		}
	}
	if seen != len(instructor) {
		t.Fatalf("found %d of the %d instructor commands", seen, len(instructor))
	}
	for _, cmd := range c.srv.Commands(discordtest.DefaultGuildID) {
		if cmd.Name != "paper" {
			continue
		}
		for _, o := range cmd.Options {
			if o.Name != "show" && o.Name != "list" {
				t.Errorf("/paper (everyone's) has subcommand %q", o.Name)
			}
		}
	}

	// /help: the instructor section for instructors only.
	helpFields := func(st discordtest.InteractionState) string {
		t.Helper()
		if st.Original == nil || len(st.Original.Embeds) == 0 {
			t.Fatalf("/help: %+v", st)
		}
		var names []string
		for _, f := range st.Original.Embeds[0].Fields {
			names = append(names, f.Name+": "+f.Value)
		}
		return strings.Join(names, "\n")
	}
	if h := helpFields(c.as(alice, channelA, "help", nil, 0)); strings.Contains(h, "Instructors") || strings.Contains(h, "/class") {
		t.Errorf("a student's /help lists instructor commands:\n%s", h)
	}
	if h := helpFields(c.teacher(channelA, "help", nil)); !strings.Contains(h, "Instructors") || !strings.Contains(h, "/class paper") || !strings.Contains(h, "/class reset-quiz") {
		t.Errorf("an instructor's /help lacks the instructor section:\n%s", h)
	}

	// /class reset-quiz: refused to a student, clears the channel's scores.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	q := store.QuizQuestion{ID: "q-reset", ChannelID: channelA, Question: "Which?", Choices: []string{"a", "b"}, Correct: 1, CreatedAt: time.Now()}
	if err := c.st.SaveQuizQuestion(ctx, q); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.st.RecordQuizAnswer(ctx, q.ID, alice.ID, 1); err != nil {
		t.Fatal(err)
	}
	scores := func() string {
		t.Helper()
		st := c.as(alice, channelA, "quiz", map[string]any{"scores": map[string]any{}}, 0)
		if st.Original == nil || len(st.Original.Embeds) == 0 {
			t.Fatalf("/quiz scores: %+v", st)
		}
		return st.Original.Embeds[0].Description
	}
	if s := scores(); !strings.Contains(s, "<@"+alice.ID+"> — 1 of 1 right") {
		t.Fatalf("leaderboard before reset (the student as a mention, shown as a name):\n%s", s)
	}
	reset := map[string]any{"reset-quiz": map[string]any{}}
	if text := ephemeralText(t, c.as(alice, channelA, "class", reset, 0)); !strings.Contains(text, "Only instructors") {
		t.Fatalf("student /class reset-quiz: %s", text)
	}
	if s := scores(); !strings.Contains(s, "1 of 1 right") {
		t.Fatalf("a student's reset cleared the leaderboard:\n%s", s)
	}
	st := c.teacher(channelA, "class", reset)
	if st.Original == nil || !strings.Contains(st.Original.Content, "reset (1 answer cleared)") {
		t.Fatalf("/class reset-quiz: %+v", st.Original)
	}
	if s := scores(); !strings.Contains(s, "Nobody has answered") {
		t.Fatalf("leaderboard after reset:\n%s", s)
	}

	// /review shows the voter as a real mention (a name, never a ping);
	// what users typed stays neutralised.
	rec := store.AnswerRecord{ID: "a-review", GuildID: discordtest.DefaultGuildID, ChannelID: channelB, UserID: alice.ID,
		Question: "What about <@123456789012345678>?", Answer: "An answer that says @everyone.", CreatedAt: time.Now()}
	if err := c.st.SaveAnswer(ctx, rec); err != nil {
		t.Fatal(err)
	}
	if err := c.st.RecordFeedback(ctx, store.Vote{AnswerID: rec.ID, GuildID: rec.GuildID, UserID: bob.ID, Thumb: store.ThumbDown,
		Comment: "wrong, ask <@!123456789012345678> or @here", At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	st = c.teacher(channelB, "review", nil)
	if st.Original == nil || len(st.Original.Embeds) != 1 || len(st.Original.Embeds[0].Fields) == 0 {
		t.Fatalf("/review: %+v", st.Original)
	}
	f := st.Original.Embeds[0].Fields[0]
	if !strings.Contains(f.Value, "👎 <@"+bob.ID+">:") || !strings.Contains(f.Value, "<#"+channelB+">") {
		t.Errorf("/review does not name the voter:\n%s", f.Value)
	}
	for _, raw := range []string{"<@123456789012345678>", "<@!123456789012345678>", "@everyone", "@here"} {
		if strings.Contains(f.Name+f.Value, raw) {
			t.Errorf("/review shows users' %s as typed:\n%s\n%s", raw, f.Name, f.Value)
		}
	}

	// A pin citing a reference the paper lacks is refused, naming the
	// numbers that exist; nothing is pinned.
	const pinQ = "Which reference explains soft power best?"
	st = c.teacher(channelB, "pin", map[string]any{"question": pinQ, "answer": "Nye explains it [15, 99]; see also [120]."})
	if text := ephemeralText(t, st); !strings.Contains(text, "Not pinned") || !strings.Contains(text, "no reference [99], [120]") || !strings.Contains(text, "29 references, [1]–[29]") {
		t.Fatalf("/pin with [99]: %s", text)
	}
	if ans := c.ask(alice, channelB, pinQ); strings.Contains(ans.Content, "[99]") || strings.Contains(ans.Content, "Nye explains it") {
		t.Fatalf("the refused pin answers:\n%s", ans.Content)
	}
	st = c.teacher(channelB, "pin", map[string]any{"question": pinQ, "answer": "Nye explains it [15]."})
	if text := ephemeralText(t, st); !strings.Contains(text, "Pinned") {
		t.Fatalf("/pin with [15]: %s", text)
	}
}
