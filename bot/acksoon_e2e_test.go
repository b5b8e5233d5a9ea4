package bot

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/bot/discordtest"
	"paperbot/corpus"
	"paperbot/internal/discord"
)

// heldEngine is an engine whose Cite or Paper, once held, blocks until the
// test releases it: a command whose work outlasts the defer budget,
// without a clock in the test.
type heldEngine struct {
	Engine

	mu      sync.Mutex
	held    string        // "cite" or "paper": the call that blocks; "" none
	entered chan string   // receives held when the call starts waiting
	release chan struct{} // closed by free
	once    sync.Once
}

// newHeldEngine wraps e; the test's end frees whatever is still held.
func newHeldEngine(t *testing.T, e Engine) *heldEngine {
	h := &heldEngine{Engine: e, entered: make(chan string, 1), release: make(chan struct{})}
	t.Cleanup(h.free)
	return h
}

// free lets the held calls go on.
func (h *heldEngine) free() { h.once.Do(func() { close(h.release) }) }

// hold makes the next calls of op block until release is closed.
func (h *heldEngine) hold(op string) {
	h.mu.Lock()
	h.held = op
	h.mu.Unlock()
}

func (h *heldEngine) wait(op string) {
	h.mu.Lock()
	held := h.held == op
	h.mu.Unlock()
	if !held {
		return
	}
	select {
	case h.entered <- op:
	default:
	}
	<-h.release
}

func (h *heldEngine) Cite(paperID, arg, format string) (string, error) {
	h.wait("cite")
	return h.Engine.Cite(paperID, arg, format)
}

func (h *heldEngine) Paper(id string) (*corpus.Paper, error) {
	h.wait("paper")
	return h.Engine.Paper(id)
}

// callbacks counts the interaction's accepted callbacks and its edits of
// @original.
func callbacks(st discordtest.InteractionState) (cb, edits int) {
	for _, r := range st.Responses {
		if r.Code != 0 {
			continue
		}
		switch r.Action {
		case "callback":
			cb++
		case "edit":
			edits++
		}
	}
	return cb, edits
}

// injectHeld injects in, waits for its acknowledgement while the engine
// still holds the work, checks it is a timely deferral, then releases the
// engine and returns the final state.
// For a message response want is type 5 and the deferred message must be
// "thinking…" with the given ephemeral flag; for a component's update,
// type 6.
func injectHeld(t *testing.T, e *env, h *heldEngine, in *discordgo.Interaction, want discordgo.InteractionResponseType, ephemeral bool) discordtest.InteractionState {
	t.Helper()
	it := e.srv.InjectInteraction(in)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	select {
	case <-h.entered:
	case <-ctx.Done():
		t.Fatal("the held call was never made")
	}
	st, err := it.WaitFor(ctx, func(st discordtest.InteractionState) bool { return st.Acked || st.Late })
	if err != nil || !st.Acked {
		t.Fatalf("not acknowledged while the work was held: %v (state %+v)", err, st)
	}
	if st.AckType != want || st.Late || st.AckAfter >= discord.AckDeadline {
		t.Errorf("acknowledged with type %d after %s (late %v), want type %d within %s", st.AckType, st.AckAfter, st.Late, want, discord.AckDeadline)
	}
	deferred := want == discordgo.InteractionResponseDeferredChannelMessageWithSource
	if deferred && (st.Original == nil || !st.Original.Loading || st.Original.Ephemeral() != ephemeral) {
		t.Errorf("deferred response %+v, want loading with ephemeral %v", st.Original, ephemeral)
	}
	h.free()
	st, err = it.WaitFinal(ctx)
	if err != nil {
		t.Fatalf("no final answer after release: %v (state %+v)", err, st)
	}
	return st
}

// TestE2ESlowCiteDefersThenEdits: a /cite whose work outlasts the defer
// budget is acknowledged with "thinking…" in time and its answer arrives as
// an edit of it, with /cite's content rules: at most maxCiteMessages
// messages, none pinging, link previews suppressed.
func TestE2ESlowCiteDefersThenEdits(t *testing.T) {
	t.Parallel()
	h := newHeldEngine(t, absurdEngine(t))
	e := startBot(t, h, nil)
	defer e.checkRules()
	h.hold("cite")
	st := injectHeld(t, e, h, discordtest.SlashCommand("cite", map[string]any{"number": "2"}, nil, "", ""), discordgo.InteractionResponseDeferredChannelMessageWithSource, false)
	cb, edits := callbacks(st)
	if cb != 1 || edits != 1 {
		t.Errorf("%d callbacks and %d edits, want the deferral and one edit", cb, edits)
	}
	if st.Original == nil || st.Original.Loading || st.Original.Ephemeral() {
		t.Fatalf("original %+v, want the public answer", st.Original)
	}
	if !strings.Contains(st.Original.Content, "Reference [2]") || !strings.Contains(strings.ToLower(st.Text()), "shortened") {
		t.Errorf("answer %q, want reference [2], shortened", tail(st.Text(), 300))
	}
	if n := 1 + len(st.Followups); n > maxCiteMessages {
		t.Errorf("%d messages, want at most %d", n, maxCiteMessages)
	}
	for _, m := range append([]*discordtest.Message{st.Original}, st.Followups...) {
		if m.Flags&discordgo.MessageFlagsSuppressEmbeds == 0 {
			t.Errorf("message %s has flags %d, want SUPPRESS_EMBEDS", m.ID, m.Flags)
		}
		if string(m.AllowedMentions) == "" || string(m.AllowedMentions) == "null" {
			t.Errorf("message %s has no allowed_mentions", m.ID)
		}
	}
}

// TestE2ESlowCiteErrorStaysEphemeral: when slow work ends in an error
// after a public deferral, the error is shown only to the user (the
// "thinking…" message is deleted).
func TestE2ESlowCiteErrorStaysEphemeral(t *testing.T) {
	t.Parallel()
	h := newHeldEngine(t, absurdEngine(t))
	e := startBot(t, h, nil)
	defer e.checkRules()
	h.hold("cite")
	st := injectHeld(t, e, h, discordtest.SlashCommand("cite", map[string]any{"number": "999"}, nil, "", ""), discordgo.InteractionResponseDeferredChannelMessageWithSource, false)
	// The fake folds that follow-up into the deleted deferral (without
	// recording its flag), as in TestE2EPanicSurvives: the error is in a
	// follow-up and nothing public is left.
	told := false
	for _, r := range st.Responses {
		told = told || r.Action == "followup" && strings.Contains(r.Content, "no reference [999]")
	}
	if !told || st.Original == nil || !st.Original.Deleted {
		t.Fatalf("want the deferral deleted and the error followed up: %+v", st)
	}
}

// TestE2ESlowHelpDefersEphemerally: /help, ephemeral, waiting on a paper
// not yet read stays ephemeral through the deferral, embed and all.
func TestE2ESlowHelpDefersEphemerally(t *testing.T) {
	t.Parallel()
	h := newHeldEngine(t, testEngine(t))
	e := startBot(t, h, nil)
	defer e.checkRules()
	h.hold("paper")
	st := injectHeld(t, e, h, discordtest.SlashCommand("help", nil, nil, "", ""), discordgo.InteractionResponseDeferredChannelMessageWithSource, true)
	if st.Original == nil || st.Original.Loading || !st.Original.Ephemeral() || len(st.Original.Embeds) != 1 {
		t.Fatalf("original %+v, want the ephemeral help embed", st.Original)
	}
}

// TestE2ESlowRefsPageDefersUpdate: a /refs page turn whose work is slow
// is acknowledged with a deferred update, and the page arrives as an edit
// of the list's own message.
func TestE2ESlowRefsPageDefersUpdate(t *testing.T) {
	t.Parallel()
	h := newHeldEngine(t, absurdEngine(t))
	e := startBot(t, h, nil)
	defer e.checkRules()
	_, first := e.slash("refs", map[string]any{"query": "sediment"})
	if first.AckType != discordgo.InteractionResponseChannelMessageWithSource || first.Original == nil {
		t.Fatalf("/refs: %+v", first)
	}
	next := buttonID(t, first.Original, "Next")
	h.hold("paper")
	st := injectHeld(t, e, h, discordtest.Button(next, first.Original.ID, nil, "", ""), discordgo.InteractionResponseDeferredMessageUpdate, false)
	cb, edits := callbacks(st)
	if cb != 1 || edits != 1 {
		t.Errorf("%d callbacks and %d edits, want the deferred update and one edit", cb, edits)
	}
	list := e.srv.Message(first.Original.ID)
	if list == nil || len(list.Embeds) != 1 || list.Embeds[0].Footer == nil || !strings.Contains(list.Embeds[0].Footer.Text, "Page 2 of ") {
		t.Fatalf("the list after Next: %+v", list)
	}
}

// TestE2EFastCiteRespondsDirectly: a /cite that is quick to work out
// answers as before, with one message response and nothing else.
func TestE2EFastCiteRespondsDirectly(t *testing.T) {
	t.Parallel()
	e := startBot(t, nil, nil)
	defer e.checkRules()
	_, st := e.slash("cite", map[string]any{"number": "1"})
	if st.AckType == discordgo.InteractionResponseDeferredChannelMessageWithSource && st.AckAfter >= discord.DeferAfter {
		// Only a machine too loaded to format one entry in 1.5 s gets
		// here; deferring is then right. Deferring sooner is a bug.
		t.Skipf("/cite 1 took over %s here (acknowledged after %s): nothing to judge", discord.DeferAfter, st.AckAfter)
	}
	cb, edits := callbacks(st)
	if st.AckType != discordgo.InteractionResponseChannelMessageWithSource || cb != 1 || edits != 0 {
		t.Errorf("ack type %d, %d callbacks, %d edits; want one message response (4)", st.AckType, cb, edits)
	}
	if st.Original == nil || !strings.Contains(st.Original.Content, "Reference [1]") {
		t.Errorf("original %+v", st.Original)
	}
}

// TestE2ESlowPaperEditFailsFollowsUp: when every edit of the late
// deferral fails, the answer arrives as a follow-up in its place instead
// of leaving "thinking…".
func TestE2ESlowPaperEditFailsFollowsUp(t *testing.T) {
	t.Parallel()
	h := newHeldEngine(t, testEngine(t))
	e := startBot(t, h, nil)
	defer e.checkRules()
	e.srv.FailNext(discordtest.RouteEditOriginal, 502, 0, 50)
	h.hold("paper")
	st := injectHeld(t, e, h, discordtest.SlashCommand("paper", nil, nil, "", ""), discordgo.InteractionResponseDeferredChannelMessageWithSource, false)
	if st.Original == nil || st.Original.Loading || len(st.Original.Embeds) != 1 {
		t.Fatalf("original %+v, want the paper's embed", st.Original)
	}
	followed := false
	for _, r := range st.Responses {
		followed = followed || r.Action == "followup" && r.Code == 0
	}
	if !followed {
		t.Errorf("no follow-up in %+v", st.Responses)
	}
}
