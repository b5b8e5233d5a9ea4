package bot

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/bot/discordtest"
	"paperbot/retrieval/answer"
)

// paidEngine is the real offline engine dressed as one with a language
// model: it has no Offline method, and while paid is set each answer
// reports model tokens spent, as a model answer does.
func paidEngine(t testing.TB, paid *atomic.Bool) Engine {
	real := testEngine(t)
	return stubEngine{Engine: real, ask: func(ctx context.Context, req answer.Request) (*answer.Answer, error) {
		a, err := real.Ask(ctx, req)
		if err != nil || !paid.Load() {
			return a, err
		}
		c := *a
		c.Usage = 120
		return &c, nil
	}}
}

// askAs runs /ask as user and returns everything the bot sent for it.
func (e *env) askAs(userID, question string) discordtest.InteractionState {
	e.t.Helper()
	_, st := e.inject(discordtest.SlashCommand("ask", map[string]any{"question": question}, discordtest.NewUser(userID, "student"), "", ""))
	return st
}

// TestE2ECooldownOnlyForModelAnswers: the per-user cooldown counts only
// answers that used the language model. With no model configured, a
// student asks three questions in a row and gets three answers; with a
// model, answers that did not use it (declined, pinned, offline fallback)
// leave the student free to ask again, and one that did starts the
// cooldown.
func TestE2ECooldownOnlyForModelAnswers(t *testing.T) {
	t.Parallel()
	answered := func(st discordtest.InteractionState) bool {
		return st.Original != nil && !st.Original.Ephemeral() && strings.Contains(st.Original.Content, "\n-# ")
	}
	cooled := func(st discordtest.InteractionState) bool {
		return st.Original != nil && st.Original.Ephemeral() && strings.Contains(st.Original.Content, "Please wait")
	}
	t.Run("no model", func(t *testing.T) {
		t.Parallel()
		e := startBot(t, nil, func(o *Options) { o.Cooldown = time.Minute })
		defer e.checkRules()
		for i, q := range []string{"What is soft power?", "What did the Xi'an summit agree?", "What role do Confucius Institutes play?"} {
			if st := e.askAs("910000000000000001", q); !answered(st) {
				t.Errorf("question %d with no model configured: %q", i+1, st.Text())
			}
		}
	})
	t.Run("model", func(t *testing.T) {
		t.Parallel()
		var paid atomic.Bool
		e := startBot(t, paidEngine(t, &paid), func(o *Options) { o.Cooldown = time.Minute })
		defer e.checkRules()
		const u = "910000000000000002"
		for i := range 2 {
			if st := e.askAs(u, "What is soft power?"); !answered(st) {
				t.Fatalf("free answer %d: %q", i+1, st.Text())
			}
		}
		paid.Store(true)
		if st := e.askAs(u, "What is soft power?"); !answered(st) {
			t.Fatalf("model answer: %q", st.Text())
		}
		if st := e.askAs(u, "What is soft power?"); !cooled(st) {
			t.Errorf("right after a model answer: %q, want the cooldown notice", st.Text())
		}
	})
}

// TestE2ECooldownMentionQuiet: a mention refused by the cooldown gets a ⏳
// reaction on the student's own message, not a public reply that clutters
// the channel.
func TestE2ECooldownMentionQuiet(t *testing.T) {
	t.Parallel()
	var paid atomic.Bool
	paid.Store(true)
	e := startBot(t, paidEngine(t, &paid), func(o *Options) { o.Cooldown = time.Minute })
	defer e.checkRules()
	student := discordtest.NewUser("910000000000000003", "student")
	ctx := ctxFor(t, 10*time.Second)
	mention := func() *discordgo.Message {
		return e.srv.InjectMessage(discordtest.UserMessage(discordtest.Mention(discordtest.DefaultBotID)+" what is soft power?", student, "", ""))
	}
	first := mention()
	if _, err := e.srv.WaitMessages(ctx, repliesTo(first.ID)); err != nil {
		t.Fatalf("first mention not answered: %v", err)
	}
	second := mention()
	reactedTo := func(id string) func([]discordtest.Reaction) bool {
		return func(rs []discordtest.Reaction) bool {
			for _, r := range rs {
				if r.MessageID == id && !r.Removed {
					return true
				}
			}
			return false
		}
	}
	// Wait for the bot to do something about the second mention: react,
	// or (before this was fixed) reply.
	if err := e.srv.Wait(ctx, func() bool {
		return reactedTo(second.ID)(e.srv.Reactions()) || len(e.srv.RepliesTo(second.ID)) > 0
	}); err != nil {
		t.Fatalf("the bot did nothing about the second mention: %v", err)
	}
	if rs := e.srv.RepliesTo(second.ID); len(rs) > 0 {
		t.Errorf("public reply to a mention refused by the cooldown: %q", rs[0].Content)
	}
	rs := e.srv.Reactions()
	if !reactedTo(second.ID)(rs) || rs[len(rs)-1].Emoji != "⏳" {
		t.Errorf("reactions: %+v, want ⏳ on the second mention", rs)
	}
}

// TestE2ECooldownMentionNoReactPermission: when the bot may not react
// (403), the refused mention gets the cooldown notice as a reply instead.
func TestE2ECooldownMentionNoReactPermission(t *testing.T) {
	t.Parallel()
	var paid atomic.Bool
	paid.Store(true)
	e := startBot(t, paidEngine(t, &paid), func(o *Options) { o.Cooldown = time.Minute })
	defer e.checkRules()
	e.srv.FailNext(discordtest.RouteReaction, 403, 0, 1)
	student := discordtest.NewUser("910000000000000004", "student")
	ctx := ctxFor(t, 10*time.Second)
	first := e.srv.InjectMessage(discordtest.UserMessage(discordtest.Mention(discordtest.DefaultBotID)+" what is soft power?", student, "", ""))
	if _, err := e.srv.WaitMessages(ctx, repliesTo(first.ID)); err != nil {
		t.Fatalf("first mention not answered: %v", err)
	}
	second := e.srv.InjectMessage(discordtest.UserMessage(discordtest.Mention(discordtest.DefaultBotID)+" and hard power?", student, "", ""))
	msgs, err := e.srv.WaitMessages(ctx, repliesTo(second.ID))
	if err != nil {
		t.Fatalf("no notice after the reaction was refused: %v", err)
	}
	for _, m := range msgs {
		if m.Reference != nil && m.Reference.MessageID == second.ID && !strings.Contains(m.Content, "Please wait") {
			t.Errorf("reply to the refused mention: %q", m.Content)
		}
	}
}
