package bot

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/bot/discordtest"
	"paperbot/retrieval/llm/llmtest"
)

// slowModel is the fake model API answering every question after delay.
func slowModel(t testing.TB, delay time.Duration) *llmtest.Server {
	api := llmtest.New(t)
	api.SetDefault(func(llmtest.Request) llmtest.Response {
		return llmtest.Response{Chunks: streamed, Delay: delay}
	})
	return api
}

// askAll injects one /ask per user (users cycle over nUsers), spaced by gap.
func askAll(e *env, n, nUsers int, gap time.Duration) []*discordtest.Interaction {
	its := make([]*discordtest.Interaction, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			user := discordtest.NewUser(fmt.Sprintf("6200000000000%05d", i%nUsers), fmt.Sprintf("student%d", i%nUsers))
			its[i] = e.srv.InjectInteraction(discordtest.SlashCommand("ask", map[string]any{"question": "What is soft power?"}, user, "", ""))
		}()
		if gap > 0 {
			time.Sleep(gap) // arrival pace of the load, not a wait for a result
		}
	}
	wg.Wait()
	return its
}

// placesShown is the places in line the interaction's response showed.
func placesShown(st discordtest.InteractionState) []string {
	var out []string
	for _, r := range st.Responses {
		if r.Action == "edit" && strings.Contains(r.Content, " in line…") {
			out = append(out, r.Content)
		}
	}
	return out
}

// answered waits until every interaction's response carries the answer's
// footer and returns the final states.
func answeredAll(t *testing.T, its []*discordtest.Interaction, within time.Duration) []discordtest.InteractionState {
	t.Helper()
	ctx := ctxFor(t, within)
	sts := make([]discordtest.InteractionState, len(its))
	for i, it := range its {
		st, err := it.WaitFor(ctx, func(st discordtest.InteractionState) bool {
			return st.Original != nil && (strings.Contains(st.Original.Content, "-# ") || len(st.Followups) > 0)
		})
		if err != nil {
			t.Fatalf("/ask %d never answered: %+v", i, st.Original)
		}
		sts[i] = st
	}
	return sts
}

// TestE2EQueueWaitsInLine: with one answer slot and a slow model, eight
// /ask at once all wait their turn (none refused as busy, even past
// QueueWait, which only bounds @mentions) and the waiting ones show their
// place in line, edited as it moves.
func TestE2EQueueWaitsInLine(t *testing.T) {
	t.Parallel()
	api := slowModel(t, 150*time.Millisecond)
	e := startBot(t, modelEngine(t, api), func(o *Options) {
		o.MaxConcurrent = 1
		o.QueueWait = 50 * time.Millisecond
		o.EditInterval = 20 * time.Millisecond
	})
	defer e.checkRules()
	its := askAll(e, 8, 8, 0)
	sts := answeredAll(t, its, 60*time.Second)
	waited, moved := 0, 0
	for i, st := range sts {
		if !strings.Contains(st.Original.Content, "attraction [15]") {
			t.Errorf("/ask %d: final %q", i, st.Text())
		}
		if st.AckAfter >= 3*time.Second {
			t.Errorf("/ask %d acknowledged after %v", i, st.AckAfter)
		}
		places := placesShown(st)
		if len(places) > 0 {
			waited++
		}
		if len(places) > 1 {
			moved++
		}
	}
	if waited < 6 || moved == 0 {
		t.Errorf("%d of 8 showed a place in line, %d saw it move; want ≥ 6 and > 0", waited, moved)
	}
}

// TestE2EQueueFull: past MaxQueue waiting, a question is refused politely.
func TestE2EQueueFull(t *testing.T) {
	t.Parallel()
	api := slowModel(t, 800*time.Millisecond)
	e := startBot(t, modelEngine(t, api), func(o *Options) {
		o.MaxConcurrent = 1
		o.MaxQueue = 2
	})
	defer e.checkRules()
	its := askAll(e, 6, 6, 0)
	ctx := ctxFor(t, 30*time.Second)
	answers, full := 0, 0
	for i, it := range its {
		st, err := it.WaitFor(ctx, func(st discordtest.InteractionState) bool {
			return strings.Contains(st.Text(), "-# ") || refusedFull(st)
		})
		if err != nil {
			t.Fatalf("/ask %d: no final reply: %q %+v", i, st.Text(), st.Responses)
		}
		switch {
		case refusedFull(st):
			full++
		default:
			answers++
		}
	}
	if answers != 3 || full != 3 {
		t.Errorf("%d answered, %d refused; want 3 (one slot + a line of 2) and 3", answers, full)
	}
}

// refusedFull reports whether the interaction got the "line full" reply.
func refusedFull(st discordtest.InteractionState) bool {
	for _, r := range st.Responses {
		if r.Action == "followup" && r.Content == msgLineFull {
			return true
		}
	}
	return false
}

// TestE2EOfflineNeedsNoSlot: without a model, answers take no slot: with
// the only slot held, twenty /ask are answered at once, none queued.
func TestE2EOfflineNeedsNoSlot(t *testing.T) {
	t.Parallel()
	e := startBot(t, nil, func(o *Options) {
		o.MaxConcurrent = 1
		o.QueueWait = 50 * time.Millisecond
	})
	defer e.checkRules()
	release, ok := e.bot.gate.acquire(context.Background(), time.Second)
	if !ok {
		t.Fatal("no free slot")
	}
	defer release()
	its := askAll(e, 20, 20, 0)
	for i, st := range answeredAll(t, its, 30*time.Second) {
		if p := placesShown(st); len(p) > 0 {
			t.Errorf("/ask %d of an offline engine queued: %q", i, p)
		}
	}
}

// TestE2ELoadQueue is the load case: 300 /ask from 60 students
// within 10 s, a 2-second model, the default 8 slots, no cooldown: every
// one acknowledged within 3 s and answered, none refused as busy, the
// waiting ones shown their place in line. Under -race it runs a third of
// the questions with a 1-second model.
func TestE2ELoadQueue(t *testing.T) {
	needLoad(t)
	total, students, delay := 300, 60, 2*time.Second
	if raceEnabled {
		total, students, delay = 100, 20, time.Second
	}
	api := slowModel(t, delay)
	e := startBot(t, modelEngine(t, api), func(o *Options) {
		o.MaxConcurrent = 8
		o.Cooldown = 0
	})
	defer e.checkRules()
	start := time.Now()
	its := askAll(e, total, students, 10*time.Second/time.Duration(total))
	sts := answeredAll(t, its, 5*time.Minute)
	var slowest time.Duration
	waited, maxPlace := 0, 0
	for i, st := range sts {
		slowest = max(slowest, st.AckAfter)
		if st.AckType != discordgo.InteractionResponseDeferredChannelMessageWithSource || !strings.Contains(st.Original.Content, "-# ") {
			t.Errorf("/ask %d: final %q", i, st.Text())
		}
		if p := placesShown(st); len(p) > 0 {
			waited++
			var n int
			if _, err := fmt.Sscanf(p[0], "You're %d", &n); err == nil {
				maxPlace = max(maxPlace, n)
			}
		}
	}
	if slowest >= 3*time.Second {
		t.Errorf("slowest acknowledgement %v ≥ 3 s", slowest)
	}
	if waited < total/2 {
		t.Errorf("only %d of %d showed a place in line", waited, total)
	}
	t.Logf("%d /ask from %d students, %v model, 8 slots: all answered in %v; slowest ack %v; %d waited in line, the furthest back started %d in line",
		total, students, delay, time.Since(start).Round(time.Second), slowest, waited, maxPlace)
}
