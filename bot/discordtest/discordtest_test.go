package discordtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// These tests drive the real discordgo Session against the fake. They share
// discordgo's package-level endpoints, so none of them runs in parallel.

var noPings = &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}

type harness struct {
	srv  *Server
	sess *discordgo.Session

	mu       sync.Mutex
	handlers map[string]func(*discordgo.Session, *discordgo.InteractionCreate)
	messages chan *discordgo.MessageCreate
	ready    chan *discordgo.Ready
}

// connect starts a fake and a real discordgo session against it.
func connect(t *testing.T, opts ...Option) *harness {
	t.Helper()
	return connectWith(t, nil, opts...)
}

// connectWith is connect with a hook to configure the session before Open.
func connectWith(t *testing.T, configure func(*discordgo.Session), opts ...Option) *harness {
	t.Helper()
	srv := New(t, append([]Option{WithHeartbeatInterval(time.Second), WithToken("test-token")}, opts...)...)
	sess, err := discordgo.New("Bot test-token")
	if err != nil {
		t.Fatal(err)
	}
	sess.Client = srv.Client()
	sess.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentMessageContent
	sess.MaxRestRetries = 1
	h := &harness{
		srv: srv, sess: sess,
		handlers: map[string]func(*discordgo.Session, *discordgo.InteractionCreate){},
		messages: make(chan *discordgo.MessageCreate, 16),
		ready:    make(chan *discordgo.Ready, 4),
	}
	sess.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		key := ""
		switch ic.Type {
		case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
			key = ic.ApplicationCommandData().Name
		case discordgo.InteractionMessageComponent:
			key = ic.MessageComponentData().CustomID
		case discordgo.InteractionModalSubmit:
			key = ic.ModalSubmitData().CustomID
		}
		h.mu.Lock()
		f := h.handlers[key]
		h.mu.Unlock()
		if f != nil {
			f(s, ic)
		}
	})
	sess.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { h.messages <- m })
	sess.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) { h.ready <- r })
	if configure != nil {
		configure(sess)
	}
	if err := sess.Open(); err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { _ = sess.Close() })
	return h
}

func (h *harness) handle(key string, f func(*discordgo.Session, *discordgo.InteractionCreate)) {
	h.mu.Lock()
	h.handlers[key] = f
	h.mu.Unlock()
}

// ctxT bounds a wait generously: the whole repo's tests may share two busy cores.
func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func restCode(err error) int {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil {
		return re.Message.Code
	}
	return -1
}

func TestSession(t *testing.T) {
	h := connect(t)
	srv := h.srv

	t.Run("ready and heartbeat", func(t *testing.T) {
		select {
		case r := <-h.ready:
			if r.User == nil || r.User.Username != DefaultBotName || !r.User.Bot || r.Application == nil || r.Application.ID != DefaultAppID {
				t.Fatalf("READY = %+v", r)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("no READY")
		}
		if err := srv.WaitGateway(ctxT(t), func(g GatewayStats) bool { return g.Heartbeats >= 1 }); err != nil {
			t.Fatal(err)
		}
		h.sess.RLock()
		ack := h.sess.LastHeartbeatAck
		h.sess.RUnlock()
		if time.Since(ack) > time.Second {
			t.Errorf("last heartbeat ACK %v ago", time.Since(ack))
		}
		if g := srv.Gateway(); g.Identifies != 1 || g.Connected != 1 {
			t.Errorf("gateway = %+v", g)
		}
	})

	t.Run("defer then edit", func(t *testing.T) {
		h.handle("ask", func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
			q := ic.ApplicationCommandData().GetOption("question").StringValue()
			if err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
				t.Errorf("defer: %v", err)
				return
			}
			content := "Answer to " + q
			if _, err := s.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noPings}); err != nil {
				t.Errorf("edit: %v", err)
			}
		})
		in := srv.InjectInteraction(SlashCommand("ask", map[string]any{"question": "what is soft power?"}, nil, "", ""))
		st, err := in.WaitFinal(ctxT(t))
		if err != nil {
			t.Fatal(err)
		}
		if st.AckType != 5 || st.Original == nil || st.Original.Content != "Answer to what is soft power?" || len(st.Original.Edits) != 1 {
			t.Fatalf("state = %+v original=%+v", st, st.Original)
		}
		if st.AckAfter > time.Second {
			t.Errorf("ack took %v", st.AckAfter)
		}
		if v := srv.Violations(); len(v) != 0 {
			t.Fatalf("violations: %v", v)
		}
	})

	t.Run("double ack is 40060", func(t *testing.T) {
		errc := make(chan error, 1)
		h.handle("twice", func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
			r := &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: "one", AllowedMentions: noPings}}
			_ = s.InteractionRespond(ic.Interaction, r)
			errc <- s.InteractionRespond(ic.Interaction, r)
		})
		srv.InjectInteraction(SlashCommand("twice", nil, nil, "", ""))
		if err := <-errc; restCode(err) != 40060 {
			t.Fatalf("second ack: %v", err)
		}
		if v := srv.Violations(); len(v) != 1 || !strings.Contains(v[0], "40060") {
			t.Fatalf("violations: %v", v)
		}
	})

	t.Run("2001 chars is 50035", func(t *testing.T) {
		before := len(srv.Violations())
		errc := make(chan error, 2)
		h.handle("long", func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
			r := &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: strings.Repeat("a", 2001), AllowedMentions: noPings}}
			errc <- s.InteractionRespond(ic.Interaction, r)
			r.Data.Content = strings.Repeat("é", 2000) // 2000 characters is fine
			errc <- s.InteractionRespond(ic.Interaction, r)
		})
		in := srv.InjectInteraction(SlashCommand("long", nil, nil, "", ""))
		if err := <-errc; restCode(err) != 50035 {
			t.Fatalf("2001 chars: %v", err)
		}
		if err := <-errc; err != nil {
			t.Fatalf("2000 chars: %v", err)
		}
		if got := len(srv.Violations()) - before; got != 1 {
			t.Fatalf("new violations = %d: %v", got, srv.Violations())
		}
		if o := in.Original(); o == nil || len([]rune(o.Content)) != 2000 {
			t.Fatalf("original = %+v", o)
		}
	})

	t.Run("429 on edit is retried", func(t *testing.T) {
		srv.FailNext(RouteEditOriginal, http.StatusTooManyRequests, 0.05, 1)
		h.handle("limited", func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
			_ = s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: 5})
			c := "delivered"
			if _, err := s.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{Content: &c, AllowedMentions: noPings}); err != nil {
				t.Errorf("edit: %v", err)
			}
		})
		in := srv.InjectInteraction(SlashCommand("limited", nil, nil, "", ""))
		st, err := in.WaitFinal(ctxT(t))
		if err != nil || st.Original.Content != "delivered" {
			t.Fatalf("state %+v, %v", st.Original, err)
		}
		var statuses []int
		for _, r := range srv.Requests() {
			if r.Method == "PATCH" && strings.Contains(r.Path, in.Token) {
				statuses = append(statuses, r.Status)
			}
		}
		if len(statuses) != 2 || statuses[0] != 429 || statuses[1] != 200 {
			t.Fatalf("edit statuses = %v", statuses)
		}
	})

	t.Run("button, follow-up, autocomplete, modal", func(t *testing.T) {
		h.handle("more", func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
			c := "updated " + ic.Message.Content
			_ = s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: 7, Data: &discordgo.InteractionResponseData{Content: c, AllowedMentions: noPings}})
			_, _ = s.FollowupMessageCreate(ic.Interaction, true, &discordgo.WebhookParams{Content: "secret", Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noPings})
		})
		msg, err := h.sess.ChannelMessageSendComplex(DefaultChannelID, &discordgo.MessageSend{
			Content: "answer", AllowedMentions: noPings,
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "More", CustomID: "more", Style: discordgo.PrimaryButton},
			}}},
		})
		if err != nil {
			t.Fatal(err)
		}
		in := srv.InjectInteraction(Button("more", msg.ID, nil, "", ""))
		st, err := in.WaitFor(ctxT(t), func(st InteractionState) bool { return len(st.Followups) == 1 })
		if err != nil {
			t.Fatal(err)
		}
		if st.Original.ID != msg.ID || st.Original.Content != "updated answer" || !st.Followups[0].Ephemeral() {
			t.Fatalf("original %+v followups %+v", st.Original, st.Followups[0])
		}
		if b := srv.Message(msg.ID).Buttons(); len(b) != 1 || b[0].CustomID != "more" {
			t.Fatalf("buttons = %+v", b)
		}

		errc := make(chan error, 2)
		h.handle("cite", func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
			var choices []*discordgo.ApplicationCommandOptionChoice
			for k := 0; k < 26; k++ {
				choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: "ref", Value: k})
			}
			r := &discordgo.InteractionResponse{Type: 8, Data: &discordgo.InteractionResponseData{Choices: choices}}
			errc <- s.InteractionRespond(ic.Interaction, r)
			r.Data.Choices = choices[:25]
			errc <- s.InteractionRespond(ic.Interaction, r)
		})
		ac := srv.InjectInteraction(Autocomplete("cite", "n", "1", nil, nil, "", ""))
		if err := <-errc; restCode(err) != 50035 {
			t.Fatalf("26 choices: %v", err)
		}
		if err := <-errc; err != nil {
			t.Fatal(err)
		}
		if got := ac.State().Choices; len(got) != 25 {
			t.Fatalf("choices = %d", len(got))
		}

		got := make(chan string, 1)
		h.handle("feedback", func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
			d := ic.ModalSubmitData()
			row := d.Components[0].(*discordgo.ActionsRow)
			got <- row.Components[0].(*discordgo.TextInput).Value
			_ = s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: "thanks", Flags: 64, AllowedMentions: noPings}})
		})
		srv.InjectInteraction(ModalSubmit("feedback", map[string]string{"text": "great"}, nil, "", ""))
		select {
		case v := <-got:
			if v != "great" {
				t.Fatalf("modal value %q", v)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("no modal submit")
		}
	})

	t.Run("messages, replies, files and pings", func(t *testing.T) {
		before := len(srv.Violations())
		um := srv.InjectMessage(UserMessage(Mention(DefaultAppID)+" what is [3]?", nil, "", "", "role1"))
		var got *discordgo.MessageCreate
		select {
		case got = <-h.messages:
		case <-time.After(10 * time.Second):
			t.Fatal("no MESSAGE_CREATE")
		}
		if got.ID != um.ID || len(got.Mentions) != 1 || got.Mentions[0].ID != DefaultAppID || got.Member == nil || got.Member.Roles[0] != "role1" {
			t.Fatalf("message = %+v", got.Message)
		}
		sent, err := h.sess.ChannelMessageSendComplex(DefaultChannelID, &discordgo.MessageSend{
			Content: "see file", Reference: got.Reference(), AllowedMentions: noPings,
			Files: []*discordgo.File{{Name: "refs.txt", ContentType: "text/plain", Reader: strings.NewReader("[1] Nye")}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(sent.Attachments) != 1 {
			t.Fatalf("attachments = %+v", sent.Attachments)
		}
		resp, err := http.Get(sent.Attachments[0].URL)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(body) != "[1] Nye" {
			t.Fatalf("attachment body %q", body)
		}
		replies := srv.RepliesTo(um.ID)
		if len(replies) != 1 || replies[0].ID != sent.ID || len(replies[0].Files) != 1 || string(replies[0].Files[0].Data) != "[1] Nye" {
			t.Fatalf("replies = %+v", replies)
		}
		// A reply chain: the user replies to the bot; referenced_message is filled in.
		srv.InjectMessage(Reply(UserMessage("and [4]?", nil, "", ""), sent.ID))
		select {
		case m := <-h.messages:
			if m.ReferencedMessage == nil || m.ReferencedMessage.ID != sent.ID || m.ReferencedMessage.Author.ID != DefaultAppID {
				t.Fatalf("referenced = %+v", m.ReferencedMessage)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("no reply MESSAGE_CREATE")
		}
		if len(srv.Violations()) != before || len(srv.Pings()) != 0 {
			t.Fatalf("violations %v pings %v", srv.Violations(), srv.Pings())
		}
		// Without allowed_mentions, @everyone pings and is a violation.
		if _, err := h.sess.ChannelMessageSend(DefaultChannelID, "hi @everyone"); err != nil {
			t.Fatal(err)
		}
		if p := srv.Pings(); len(p) != 1 || p[0].Kind != "everyone" {
			t.Fatalf("pings = %+v", p)
		}
		if len(srv.Violations()) != before+1 {
			t.Fatalf("violations %v", srv.Violations())
		}
	})

	t.Run("commands and unknown route", func(t *testing.T) {
		cmds, err := h.sess.ApplicationCommandBulkOverwrite(DefaultAppID, "", []*discordgo.ApplicationCommand{
			{Name: "ask", Description: "Ask about the paper", Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question", Required: true},
			}},
			{Name: "refs", Description: "List references"},
		})
		if err != nil || len(cmds) != 2 || cmds[0].ID == "" {
			t.Fatalf("overwrite: %v %+v", err, cmds)
		}
		if got := srv.Commands(""); len(got) != 2 || got[1].Name != "refs" {
			t.Fatalf("commands = %+v", got)
		}
		_, err = h.sess.ApplicationCommandCreate(DefaultAppID, "", &discordgo.ApplicationCommand{Name: "Bad Name", Description: "x"})
		if restCode(err) != 50035 {
			t.Fatalf("bad name: %v", err)
		}
		_, err = h.sess.Request("GET", srv.APIURL()+"nope/1", nil)
		var re *discordgo.RESTError
		if !errors.As(err, &re) || re.Response.StatusCode != 404 {
			t.Fatalf("unknown route: %v", err)
		}
	})
}

func TestAckDeadlineAndTokenExpiry(t *testing.T) {
	h := connect(t, WithAckDeadline(150*time.Millisecond), WithTokenTTL(300*time.Millisecond))
	srv := h.srv
	errc := make(chan error, 1)
	h.handle("slow", func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		if _, err := srv.Interaction(ic.ID).WaitFor(ctxT(t), func(st InteractionState) bool { return st.Late }); err != nil {
			errc <- err
			return
		}
		errc <- s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: 5})
	})
	in := srv.InjectInteraction(SlashCommand("slow", nil, nil, "", ""))
	if err := <-errc; restCode(err) != 10062 {
		t.Fatalf("late ack: %v", err)
	}
	if v := srv.Violations(); len(v) != 2 || !strings.Contains(v[0], "not acknowledged") || !strings.Contains(v[1], "10062") {
		t.Fatalf("violations = %v", v)
	}
	if in.State().Acked {
		t.Fatal("late callback was accepted")
	}

	h.handle("expire", func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		_ = s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: 5})
		if _, err := srv.Interaction(ic.ID).WaitFor(ctxT(t), func(st InteractionState) bool { return st.Expired }); err != nil {
			errc <- err
			return
		}
		c := "too late"
		_, err := s.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{Content: &c, AllowedMentions: noPings})
		errc <- err
	})
	srv.InjectInteraction(SlashCommand("expire", nil, nil, "", ""))
	if err := <-errc; restCode(err) != 50027 {
		t.Fatalf("expired token: %v", err)
	}
}

func TestResumeAfterDrop(t *testing.T) {
	h := connect(t)
	srv := h.srv
	h.handle("ask", func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		_ = s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: "still here", AllowedMentions: noPings}})
	})
	srv.DropGateway()
	// Injected while disconnected: replayed on RESUME. discordgo waits ~1 s
	// before reconnecting, so the deadline must allow for it here.
	in := srv.InjectInteraction(SlashCommand("ask", nil, nil, "", ""))
	st, err := in.WaitFinal(ctxT(t))
	if err != nil {
		t.Fatalf("%v (gateway %+v)", err, srv.Gateway())
	}
	if st.Original.Content != "still here" {
		t.Fatalf("original = %+v", st.Original)
	}
	// discordgo's listener and heartbeater may both notice the drop, so it
	// can resume twice; it must never need a new session.
	if g := srv.Gateway(); g.Resumes < 1 || g.Identifies != 1 {
		t.Fatalf("gateway = %+v", g)
	}

	// Op 7: discordgo closes, reconnects and resumes.
	resumes := srv.Resumes()
	srv.RequestReconnect()
	if err := srv.WaitGateway(ctxT(t), func(g GatewayStats) bool { return g.Resumes > resumes && g.Connected == 1 }); err != nil {
		t.Fatalf("%v (gateway %+v)", err, srv.Gateway())
	}
	in = srv.InjectInteraction(SlashCommand("ask", nil, nil, "", ""))
	if _, err := in.WaitFor(ctxT(t), InteractionState.Final); err != nil {
		t.Fatal(err)
	}
	if v := srv.Violations(); len(v) != 0 {
		t.Fatalf("violations: %v", v)
	}
}

func TestInvalidSessionReidentifiesAndEcho(t *testing.T) {
	h := connect(t, WithEcho())
	srv := h.srv
	<-h.ready
	srv.InvalidateSession(false)
	select {
	case <-h.ready:
	case <-time.After(10 * time.Second):
		t.Fatal("no second READY")
	}
	if g := srv.Gateway(); g.Identifies != 2 {
		t.Fatalf("gateway = %+v", g)
	}
	ss := srv.Sessions()
	if len(ss) != 2 || !ss[0].Invalid || ss[1].Invalid {
		t.Fatalf("sessions = %+v", ss)
	}
	// The new session gets events, including the echo of the bot's own message.
	sent, err := h.sess.ChannelMessageSendComplex(DefaultChannelID, &discordgo.MessageSend{Content: "echo me", AllowedMentions: noPings})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-h.messages:
		if m.ID != sent.ID || m.Author == nil || m.Author.ID != DefaultAppID || !m.Author.Bot {
			t.Fatalf("echo = %+v", m.Message)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no echo")
	}
}

func TestFatalCloseAndRejectedToken(t *testing.T) {
	// Without this, discordgo would retry forever; the bot decides what a
	// fatal close means.
	h := connectWith(t, func(s *discordgo.Session) { s.ShouldReconnectOnError = false })
	srv := h.srv
	disconnected := make(chan struct{}, 4)
	h.sess.AddHandler(func(*discordgo.Session, *discordgo.Disconnect) { disconnected <- struct{}{} })
	srv.RejectToken()
	_, err := h.sess.User("@me")
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response.StatusCode != 401 {
		t.Fatalf("REST after RejectToken: %v", err)
	}
	srv.CloseGateway(4004)
	select {
	case <-disconnected:
	case <-time.After(10 * time.Second):
		t.Fatal("no disconnect")
	}
	if ss := srv.Sessions(); !ss[0].Invalid {
		t.Fatalf("session still valid: %+v", ss)
	}
	if err := srv.WaitGateway(ctxT(t), func(g GatewayStats) bool { return g.Connected == 0 }); err != nil {
		t.Fatal(err)
	}
}

func TestStartAndCloseWithoutTest(t *testing.T) {
	s, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(s.APIURL() + "gateway")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("X-RateLimit-Bucket") == "" {
		t.Fatalf("gateway: %d %v", resp.StatusCode, resp.Header)
	}
	s.Close()
	s.Close()
}

// TestConcurrentAsks checks the fake under load: 200 simultaneous slash
// commands from 50 users, each deferred and edited by a real discordgo
// Session. The acknowledgement deadline is relaxed because -race on two
// busy cores can push a trivial handler's ack past 3 s; the bot's own load
// tests judge the real deadline.
func TestConcurrentAsks(t *testing.T) {
	h := connect(t, WithAckDeadline(15*time.Second))
	srv := h.srv
	h.handle("load", func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		_ = s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: 5})
		c := "answer for " + ic.Member.User.ID
		_, _ = s.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{Content: &c, AllowedMentions: noPings})
	})
	ins := make([]*Interaction, 200)
	var wg sync.WaitGroup
	for k := range ins {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u := NewUser(fmt.Sprint(1000+k%50), "u")
			ins[k] = srv.InjectInteraction(SlashCommand("load", nil, u, "", ""))
		}()
	}
	wg.Wait()
	var slowest time.Duration
	for _, in := range ins {
		st, err := in.WaitFor(ctxT(t), InteractionState.Final)
		if err != nil || !strings.HasPrefix(st.Original.Content, "answer for 10") {
			t.Fatalf("%v: acked=%v original=%+v rejections=%v gateway=%+v violations=%v", err, st.Acked, st.Original, st.Rejections, srv.Gateway(), srv.Violations())
		}
		slowest = max(slowest, st.AckAfter)
	}
	t.Logf("slowest ack of 200: %v", slowest)
	if v := srv.Violations(); len(v) != 0 {
		t.Fatalf("violations: %v", v)
	}
}
