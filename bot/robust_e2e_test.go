package bot

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"paperbot/bot/discordtest"
	"paperbot/retrieval/answer"
)

func ctxFor(t testing.TB, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// repliesTo is a WaitMessages condition: some bot message replies to id.
func repliesTo(id string) func([]*discordtest.Message) bool {
	return func(ms []*discordtest.Message) bool {
		for _, m := range ms {
			if m.Reference != nil && m.Reference.MessageID == id {
				return true
			}
		}
		return false
	}
}

func TestE2EMentionAndReplyChain(t *testing.T) {
	t.Parallel()
	var histories [][]answer.Turn
	real := testEngine(t)
	eng := stubEngine{Engine: real, ask: func(ctx context.Context, req answer.Request) (*answer.Answer, error) {
		histories = append(histories, req.History)
		return real.Ask(ctx, req)
	}}
	e := startBot(t, eng, nil)
	defer e.checkRules()
	ctx := ctxFor(t, 10*time.Second)

	q := e.srv.InjectMessage(discordtest.UserMessage(discordtest.Mention(discordtest.DefaultBotID)+" what is soft power?", nil, "", ""))
	msgs, err := e.srv.WaitMessages(ctx, repliesTo(q.ID))
	if err != nil {
		t.Fatalf("no reply to the mention (messages %d): %v", len(msgs), err)
	}
	first := e.srv.RepliesTo(q.ID)[0]
	if !strings.Contains(first.Content, "-# ") || first.Reference == nil || first.Reference.MessageID != q.ID {
		t.Fatalf("reply = %+v", first)
	}
	if len(histories) != 1 || len(histories[0]) != 0 {
		t.Fatalf("first question history = %v", histories)
	}

	// A reply to the bot's answer (Discord pings the bot by default) continues the conversation.
	f := e.srv.InjectMessage(discordtest.Reply(discordtest.UserMessage("and how does Nye define it?", nil, "", ""), first.ID))
	if _, err := e.srv.WaitMessages(ctx, repliesTo(f.ID)); err != nil {
		t.Fatalf("no reply to the follow-up: %v", err)
	}
	if len(histories) != 2 {
		t.Fatalf("asked %d times", len(histories))
	}
	h := histories[1]
	if len(h) != 2 || h[0].Role != "user" || h[0].Text != "what is soft power?" || h[1].Role != "assistant" || strings.Contains(h[1].Text, "-# ") {
		t.Fatalf("follow-up history = %+v", h)
	}
}

func TestE2ELongAnswerAndEveryone(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("Soft power rests on culture, values and policies [15]. ", 90) + "\n\n@everyone look, <@123456789012345678> and <@&42>!"
	eng := stubEngine{Engine: testEngine(t), ask: func(ctx context.Context, req answer.Request) (*answer.Answer, error) {
		return &answer.Answer{PaperID: "p", Text: long, Citations: []int{15}, Mode: answer.ModeOffline}, nil
	}}
	e := startBot(t, eng, nil)
	defer e.checkRules()
	_, st := e.slash("ask", map[string]any{"question": "@everyone tell me everything"})
	if len(st.Followups) < 2 {
		t.Fatalf("a %d-char answer came in %d follow-ups", len(long), len(st.Followups))
	}
	all := []*discordtest.Message{st.Original}
	all = append(all, st.Followups...)
	for i, m := range all {
		if n := utf8.RuneCountInString(m.Content); n > 2000 {
			t.Errorf("message %d has %d chars", i, n)
		}
		if strings.Contains(m.Content, "@everyone") || strings.Contains(m.Content, "<@123456789012345678>") {
			t.Errorf("message %d carries a live mention: %q", i, m.Content)
		}
	}
	text := st.Text()
	if strings.Count(text, "[15]") != 91 { // 90 in the text, 1 in the footer
		t.Errorf("citations split or lost: %d intact", strings.Count(text, "[15]"))
	}
	if len(all[len(all)-1].Buttons()) != 2 || len(st.Original.Buttons()) != 0 {
		t.Errorf("buttons should be on the last part only")
	}
}

func TestE2EPanicSurvives(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	real := testEngine(t)
	eng := stubEngine{Engine: real, ask: func(ctx context.Context, req answer.Request) (*answer.Answer, error) {
		if calls.Add(1) == 1 {
			panic("engine exploded")
		}
		return real.Ask(ctx, req)
	}}
	e := startBot(t, eng, nil)
	defer e.checkRules()
	_, st := e.slash("ask", map[string]any{"question": "What is soft power?"})
	// The public "thinking…" message is deleted and the error follows up
	// ephemerally (the flag is not recorded when the fake folds that
	// follow-up into the deleted deferral).
	told := false
	for _, r := range st.Responses {
		told = told || r.Action == "followup" && strings.Contains(r.Content, "went wrong")
	}
	if !told || st.Original == nil || !st.Original.Deleted {
		t.Fatalf("after a panic: %+v", st)
	}
	if !strings.Contains(e.logs.String(), "engine exploded") || !strings.Contains(e.logs.String(), "goroutine") {
		t.Errorf("panic not logged with its stack")
	}
	// The bot still answers.
	_, st = e.slash("ask", map[string]any{"question": "What is soft power?"})
	if st.Original == nil || st.Original.Deleted || !strings.Contains(st.Original.Content, "-# ") {
		t.Fatalf("no answer after the panic: %+v", st)
	}
	// A panic in a message handler is recovered too.
	calls.Store(0)
	q := e.srv.InjectMessage(discordtest.UserMessage(discordtest.Mention(discordtest.DefaultBotID)+" what is soft power?", nil, "", ""))
	if _, err := e.srv.WaitMessages(ctxFor(t, 5*time.Second), repliesTo(q.ID)); err != nil {
		t.Fatalf("no reply after a panicking mention: %v", err)
	}
}

func TestE2ERateLimitedEdit(t *testing.T) {
	t.Parallel()
	e := startBot(t, nil, nil)
	defer e.checkRules()
	e.srv.FailNext(discordtest.RouteEditOriginal, 429, 0.2, 1)
	start := time.Now()
	_, st := e.slash("ask", map[string]any{"question": "What is soft power?"})
	if st.Original == nil || !strings.Contains(st.Original.Content, "-# ") {
		t.Fatalf("answer not delivered after a 429: %+v", st.Original)
	}
	if e.srv.PendingFaults() != 0 {
		t.Fatalf("the 429 was never hit")
	}
	if d := time.Since(start); d < 200*time.Millisecond {
		t.Errorf("retry_after not honoured: answered in %v", d)
	}
	edits := 0
	for _, r := range st.Responses {
		if r.Action == "edit" && r.Status == 200 {
			edits++
		}
	}
	if edits != 1 {
		t.Errorf("%d successful edits, want 1", edits)
	}
}

func TestE2EDroppedGateway(t *testing.T) {
	t.Parallel()
	e := startBot(t, nil, nil)
	defer e.checkRules()
	e.srv.DropGateway()
	if err := e.srv.WaitGateway(ctxFor(t, 10*time.Second), func(g discordtest.GatewayStats) bool { return g.Resumes >= 1 && g.Connected == 1 }); err != nil {
		t.Fatalf("no resume after a dropped connection: %v (%+v)", err, e.srv.Gateway())
	}
	_, st := e.slash("ask", map[string]any{"question": "What is soft power?"})
	if st.Original == nil || !strings.Contains(st.Original.Content, "-# ") {
		t.Fatalf("no answer after resuming: %+v", st.Original)
	}
}

func TestE2EControls(t *testing.T) {
	t.Parallel()
	var paid atomic.Bool // answers use the model, so the cooldown counts them
	paid.Store(true)
	e := startBot(t, paidEngine(t, &paid), func(o *Options) {
		o.AllowedChannels = []string{discordtest.DefaultChannelID}
		o.AllowedRoles = []string{"student"}
		o.Cooldown = time.Minute
	})
	defer e.checkRules()
	student := func(name string, opts map[string]any, channel string, roles ...string) *discordtest.Message {
		in := discordtest.SlashCommand(name, opts, nil, channel, "")
		in.Member.Roles = roles
		_, st := e.inject(in)
		if st.Original != nil && !st.Original.Deleted {
			return st.Original
		}
		if len(st.Followups) > 0 {
			return st.Followups[len(st.Followups)-1]
		}
		t.Fatalf("no reply: %+v", st)
		return nil
	}
	q := map[string]any{"question": "What is soft power?"}
	for _, tc := range []struct {
		name, channel string
		roles         []string
		want          string
	}{
		{"wrong channel", "900000000000000999", []string{"student"}, "class channels"},
		{"no role", "", nil, "members of the class"},
		{"allowed", "", []string{"student"}, "-# "},
		{"cooldown", "", []string{"student"}, "Please wait"},
	} {
		m := student("ask", q, tc.channel, tc.roles...)
		if !strings.Contains(m.Content, tc.want) {
			t.Errorf("%s: reply %q, want %q", tc.name, m.Content, tc.want)
		}
		if tc.want != "-# " && !m.Ephemeral() {
			t.Errorf("%s: refusal is not ephemeral", tc.name)
		}
	}
	if m := student("help", nil, "900000000000000999"); len(m.Embeds) != 1 {
		t.Errorf("/help should work everywhere")
	}
}

func TestE2EShutdownFinishesAnswers(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	real := testEngine(t)
	eng := stubEngine{Engine: real, ask: func(ctx context.Context, req answer.Request) (*answer.Answer, error) {
		<-release
		return real.Ask(ctx, req)
	}}
	e := startBot(t, eng, nil)
	it := e.srv.InjectInteraction(discordtest.SlashCommand("ask", map[string]any{"question": "What is soft power?"}, nil, "", ""))
	if _, err := it.WaitAck(ctxFor(t, 5*time.Second)); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- e.shutdown() }()
	for !e.bot.closing.Load() { // shutdown has begun; the answer is still held
		runtime.Gosched()
	}
	close(release)
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("shutdown hung")
	}
	st := it.State()
	if st.Original == nil || st.Original.Loading || !strings.Contains(st.Original.Content, "-# ") {
		t.Fatalf("answer in progress was not finished: %+v", st.Original)
	}
	if g := e.srv.Gateway(); g.Connected != 0 {
		t.Errorf("gateway still connected after shutdown: %+v", g)
	}
	e.checkRules()
}

func TestE2EBadToken(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t, discordtest.WithToken("right-token"))
	b, err := New(Options{Token: "wrong-token", APIURL: srv.APIURL(), Engine: testEngine(t)})
	if err != nil {
		t.Fatal(err)
	}
	err = b.Run(ctxFor(t, 5*time.Second))
	if err == nil || !strings.Contains(fmt.Sprint(err), ErrBadToken.Error()) {
		t.Fatalf("Run with a rejected token = %v, want ErrBadToken", err)
	}
	if _, err := New(Options{Engine: testEngine(t)}); err == nil {
		t.Fatal("New without a token should fail")
	}
}

func TestE2EGlobalCommands(t *testing.T) {
	t.Parallel()
	e := startBot(t, nil, func(o *Options) { o.GuildID = "" })
	if n := len(e.srv.Commands("")); n != len(commands()) {
		t.Fatalf("%d global commands, want %d", n, len(commands()))
	}
	if n := len(e.srv.Commands(discordtest.DefaultGuildID)); n != 0 {
		t.Fatalf("%d guild commands, want none", n)
	}
	_, st := e.slash("ask", map[string]any{"question": "What is soft power?"})
	if st.Original == nil || !strings.Contains(st.Original.Content, "-# ") {
		t.Fatalf("no answer: %+v", st.Original)
	}
	e.checkRules()
}
