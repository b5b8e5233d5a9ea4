package bot

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/bot/discordtest"
	"paperbot/retrieval/answer"
	"paperbot/retrieval/llm"
	"paperbot/retrieval/llm/llmtest"
)

// stallingModel is a fake API that streams the first three pieces of an
// answer and then goes silent until the client hangs up, with a client
// whose idle timeout outlasts the test: the answer ends only if Stop
// cancels the request. sent counts the pieces the API wrote.
func stallingModel(t *testing.T) (eng *answer.Engine, sent func() int) {
	t.Helper()
	api := llmtest.New(t)
	var mu sync.Mutex
	n := 0
	api.SetDefault(func(llmtest.Request) llmtest.Response {
		return llmtest.Response{
			Chunks:     []string{"Soft power ", "is the ability ", "to shape what others want. ", "Never sent [15]."},
			StallAfter: 3,
			Sent: func(int, time.Time) {
				mu.Lock()
				n++
				mu.Unlock()
			},
		}
	})
	gen := llm.New(llm.Options{BaseURL: api.URL(), Model: "gpt-4o-mini", IdleTimeout: 10 * time.Minute, RequestTimeout: 10 * time.Minute})
	eng = newEngine(t, answer.Options{Generator: gen})
	return eng, func() int { mu.Lock(); defer mu.Unlock(); return n }
}

// hasButton reports whether m carries a button labelled label.
func hasButton(m *discordtest.Message, label string) bool {
	if m == nil {
		return false
	}
	for _, c := range m.Buttons() {
		if c.Label == label {
			return true
		}
	}
	return false
}

// streamUntilStop asks as asker and waits for the streamed edit with all
// three pieces and the Stop button; it returns the /ask interaction and
// the Stop button's custom id.
func streamUntilStop(t *testing.T, e *env, ctx context.Context, asker *discordgo.User) (*discordtest.Interaction, string) {
	t.Helper()
	it := e.srv.InjectInteraction(discordtest.SlashCommand("ask", map[string]any{"question": "What is soft power?"}, asker, "", ""))
	st, err := it.WaitFor(ctx, func(st discordtest.InteractionState) bool {
		return st.Original != nil && strings.Contains(st.Original.Content, "to shape what others want") && hasButton(st.Original, "Stop")
	})
	if err != nil {
		t.Fatalf("no streamed edit with Stop: %v (%+v)", err, it.State().Original)
	}
	return it, buttonID(t, st.Original, "Stop")
}

// TestE2EStopStreamedAnswer: a model answer streaming into Discord carries
// Stop; another student's press is refused privately; the asker's press
// cancels the model request (the stalled stream ends, no more pieces are
// sent) and the message keeps what was streamed with "Stopped by …", the
// evidence and citation buttons and no Stop button; a press after that
// says the answer has finished.
func TestE2EStopStreamedAnswer(t *testing.T) {
	t.Parallel()
	eng, sent := stallingModel(t)
	e := startBot(t, eng, func(o *Options) { o.EditInterval = 20 * time.Millisecond })
	defer e.checkRules()
	ctx := ctxFor(t, 60*time.Second)
	asker := discordtest.NewUser("620000000000000001", "Asker")
	it, stopID := streamUntilStop(t, e, ctx, asker)
	msgID := it.State().Original.ID

	other := discordtest.NewUser("620000000000000002", "Other")
	_, st := e.inject(discordtest.Button(stopID, msgID, other, "", ""))
	if st.Original == nil || st.Original.Content != msgStopNotYours || !st.Original.Ephemeral() {
		t.Fatalf("another student's press: %+v", st.Original)
	}
	if s := it.State(); !hasButton(s.Original, "Stop") || strings.Contains(s.Original.Content, "Stopped by") {
		t.Fatalf("another student's press changed the answer: %q", s.Original.Content)
	}

	press := e.srv.InjectInteraction(discordtest.Button(stopID, msgID, asker, "", ""))
	if _, err := press.WaitFor(ctx, func(st discordtest.InteractionState) bool { return st.Acked }); err != nil {
		t.Fatalf("the asker's press was not acknowledged: %v (%+v)", err, press.State())
	}
	if got := press.State().AckType; got != discordgo.InteractionResponseDeferredMessageUpdate {
		t.Errorf("the asker's press was acknowledged with type %d, want a deferred update", got)
	}
	final, err := it.WaitFor(ctx, func(st discordtest.InteractionState) bool {
		return st.Original != nil && strings.Contains(st.Original.Content, "Stopped by")
	})
	if err != nil {
		t.Fatalf("the answer was never finalised after Stop: %v (%+v)", err, it.State().Original)
	}
	c := final.Original.Content
	for _, want := range []string{"> **Q:** What is soft power?", "Soft power is the ability to shape what others want.", "\n-# Stopped by Asker."} {
		if !strings.Contains(c, want) {
			t.Errorf("stopped answer lacks %q:\n%s", want, c)
		}
	}
	if strings.Contains(c, "Never sent") || strings.Contains(c, streamingMark) {
		t.Errorf("stopped answer shows text never streamed or the streaming mark:\n%s", c)
	}
	if hasButton(final.Original, "Stop") {
		t.Error("the stopped answer still has Stop")
	}
	// What was written is kept with the passages the model was given: the
	// evidence view works as on a finished answer.
	if !hasButton(final.Original, "Show evidence") || !hasButton(final.Original, "Cite sources") {
		t.Fatalf("the stopped answer has no evidence and citation buttons: %+v", final.Original.Buttons())
	}
	_, ev := e.inject(discordtest.Button(buttonID(t, final.Original, "Show evidence"), msgID, asker, "", ""))
	if ev.Original == nil || !ev.Original.Ephemeral() || len(ev.Original.Embeds) != 1 || len(ev.Original.Embeds[0].Fields) == 0 {
		t.Fatalf("evidence of the stopped answer: %+v", ev.Original)
	}
	if n := sent(); n != 3 {
		t.Errorf("the model sent %d pieces, want the 3 before it stalled", n)
	}

	_, st = e.inject(discordtest.Button(stopID, msgID, asker, "", ""))
	if st.Original == nil || st.Original.Content != msgStopFinished || !st.Original.Ephemeral() {
		t.Fatalf("a press after the end: %+v", st.Original)
	}
	if got := it.State().Original.Content; got != c {
		t.Errorf("a press after the end changed the answer:\n%s", got)
	}
}

// TestE2EStopByModerator: a member with Manage Messages may stop another
// student's answer; the note names them, sanitised like all text.
func TestE2EStopByModerator(t *testing.T) {
	t.Parallel()
	eng, _ := stallingModel(t)
	e := startBot(t, eng, func(o *Options) { o.EditInterval = 20 * time.Millisecond })
	defer e.checkRules()
	ctx := ctxFor(t, 60*time.Second)
	it, stopID := streamUntilStop(t, e, ctx, discordtest.NewUser("620000000000000003", "Asker"))
	mod := discordtest.NewUser("620000000000000004", "mod")
	mod.GlobalName = "@everyone **Mod**"
	press := discordtest.AsMember(discordtest.Button(stopID, it.State().Original.ID, mod, "", ""), discordgo.PermissionManageMessages)
	pit := e.srv.InjectInteraction(press)
	if _, err := pit.WaitFor(ctx, func(st discordtest.InteractionState) bool { return st.Acked }); err != nil {
		t.Fatalf("the moderator's press was not acknowledged: %v", err)
	}
	final, err := it.WaitFor(ctx, func(st discordtest.InteractionState) bool {
		return st.Original != nil && strings.Contains(st.Original.Content, "-# Stopped by")
	})
	if err != nil {
		t.Fatalf("not finalised after the moderator's Stop: %v (%+v)", err, it.State().Original)
	}
	c := final.Original.Content
	if strings.Contains(c, "@everyone") || !strings.Contains(c, `\*\*Mod\*\*`) {
		t.Errorf("the moderator's name is not neutralised:\n%s", c)
	}
	if !strings.Contains(c, "Mod") || hasButton(final.Original, "Stop") {
		t.Errorf("stopped answer:\n%s", c)
	}
}
