package bot

import (
	"fmt"
	"net/http"
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/bot/discordtest"
)

// queueFault is one fault of the combined run, fired when the arrival
// with index at has been injected.
type queueFault struct {
	at   int
	name string
	do   func(e *env)
}

// queueFaults is the fault plan of TestE2ELoadQueueFaults for total
// arrivals: 429s on interaction callbacks (short enough to retry inside
// the 3-second rule), 429s on webhook edits, a global 429 on an edit
// (which must not hold back the callbacks that keep arriving meanwhile),
// and three gateway drops, spread over the arrivals; the last edit faults
// fire while the line drains, where they hit final answers.
func queueFaults(total int) []queueFault {
	at := func(tenths int) int { return total * tenths / 10 }
	callback429 := func(e *env) { e.srv.FailNext(discordtest.RouteCallback, http.StatusTooManyRequests, 0.3, 3) }
	edit429 := func(n int) func(e *env) {
		return func(e *env) { e.srv.FailNext(discordtest.RouteEditOriginal, http.StatusTooManyRequests, 0.5, n) }
	}
	return []queueFault{
		{at(1), "3 callback 429s", callback429},
		{at(2), "gateway drop", nil},
		{at(3), "10 edit 429s", edit429(10)},
		{at(4), "global 429 (3 s) on an edit", func(e *env) { e.srv.FailNextGlobal(discordtest.RouteEditOriginal, 3, 1) }},
		{at(5), "3 callback 429s", callback429},
		{at(6), "gateway drop", nil},
		{at(7), "global 429 (1 s) on an edit", func(e *env) { e.srv.FailNextGlobal(discordtest.RouteEditOriginal, 1, 1) }},
		{at(8), "3 callback 429s", callback429},
		{at(9), "gateway drop", nil},
		{total, "20 edit 429s while the line drains", edit429(20)},
	}
}

// TestE2ELoadQueueFaults is issue 12's load case through its fault run:
// 300 /ask from 60 students within 10 s, a 2-second model, the default
// settings (8 answer slots, a line of 500, 1.2 s between edits) except no
// cooldown, while the fake Discord drops the gateway three times and
// answers 429 to interaction callbacks and to webhook edits, once with a
// global 429. Every /ask must be acknowledged within 3 s and end with its
// answer (in @original, or as a follow-up when the final edit kept
// failing); none refused as busy or left on "thinking…"; the waiting ones
// shown their place in line; every injected fault hit. Under -race a third
// of the questions run, with a 1-second model and no gateway drops.
func TestE2ELoadQueueFaults(t *testing.T) {
	needLoad(t)
	total, students, delay := 300, 60, 2*time.Second
	plan := queueFaults(total)
	if raceEnabled {
		// As TestE2ELoadQueue: the race detector slows everything 5–10×,
		// so under it a third of the questions run, with a 1-second model,
		// and without the gateway drops: a resume takes over a second by
		// itself (discordgo's Close waits 1 s), and under the detector on
		// a shared 2-core machine it took 1.5–1.6 s, so a question that
		// arrived during it sometimes missed the 3-second rule (2 runs of
		// 3). TestE2ELoadAndFaults covers drops under -race; .ci/run's
		// load step runs this test at full size, drops included, without
		// the detector.
		total, students, delay = 100, 20, time.Second
		plan = slices.DeleteFunc(queueFaults(total), func(f queueFault) bool { return f.do == nil })
	}
	api := slowModel(t, delay)
	e := startBot(t, modelEngine(t, api), func(o *Options) {
		o.MaxConcurrent = 8 // MAX_CONCURRENT_ANSWERS's default
		o.Cooldown = 0      // USER_COOLDOWN=0s
		o.EditInterval = 0  // the production default
		o.Logger = discardLogger()
	})
	defer e.checkRules()

	// The arrivals run in their own goroutine on their schedule; this one
	// fires each fault when its arrival has been injected and, after a
	// drop, waits until the bot has reconnected before the next fault.
	reached := make(chan int, len(plan))
	its := make([]*discordtest.Interaction, total)
	start := time.Now()
	go func() {
		gap := 10 * time.Second / time.Duration(total)
		next := 0
		for i := range total {
			time.Sleep(time.Until(start.Add(time.Duration(i) * gap))) // arrival schedule, not a wait for a result
			user := discordtest.NewUser(fmt.Sprintf("6300000000000%05d", i%students), fmt.Sprintf("student%d", i%students))
			its[i] = e.srv.InjectInteraction(discordtest.SlashCommand("ask", map[string]any{"question": "What is soft power?"}, user, "", ""))
			for next < len(plan) && plan[next].at <= i+1 {
				reached <- next
				next++
			}
		}
		close(reached)
	}()
	drops := 0
	var reconnects []time.Duration // from each drop to the bot's reconnection
	for k := range reached {
		f := plan[k]
		if f.do != nil {
			f.do(e)
			continue
		}
		waitConnected(t, e)
		dropped := time.Now()
		e.srv.DropGateway()
		drops++
		e.waitConnects(drops + 1) // the first connection and each reconnection
		reconnects = append(reconnects, time.Since(dropped).Round(time.Millisecond))
		t.Logf("drop %d (after arrival %d): reconnected after %v", drops, f.at, reconnects[len(reconnects)-1])
	}
	arrived := time.Since(start)

	sts := answeredAll(t, its, 5*time.Minute)
	var slowest time.Duration
	waited, maxPlace, viaFollowup := 0, 0, 0
	for i, st := range sts {
		slowest = max(slowest, st.AckAfter)
		if st.AckType != discordgo.InteractionResponseDeferredChannelMessageWithSource {
			t.Errorf("/ask %d acknowledged with type %d, want a deferral", i, st.AckType)
		}
		if st.AckAfter >= 3*time.Second {
			t.Errorf("/ask %d acknowledged after %v", i, st.AckAfter)
		}
		text := st.Text()
		if !strings.Contains(text, "attraction [15]") || !strings.Contains(text, "-# ") {
			t.Errorf("/ask %d: no final answer: %q", i, text)
		}
		if st.Original == nil || st.Original.Loading {
			t.Errorf("/ask %d left on \"thinking…\": %+v", i, st.Original)
		}
		for _, r := range st.Responses {
			if strings.Contains(r.Content, msgBusy) || strings.Contains(r.Content, msgLineFull) {
				t.Errorf("/ask %d refused: %q", i, r.Content)
			}
		}
		if len(st.Followups) > 0 {
			viaFollowup++
		}
		if p := placesShown(st); len(p) > 0 {
			waited++
			var n int
			if _, err := fmt.Sscanf(p[0], "You're %d", &n); err == nil {
				maxPlace = max(maxPlace, n)
			}
		}
	}
	if waited < total/2 {
		t.Errorf("only %d of %d showed a place in line", waited, total)
	}
	if n := e.srv.PendingFaults(); n != 0 {
		t.Errorf("%d injected REST faults never fired", n)
	}
	e.waitConnects(drops + 1)
	callback429, edit429 := 0, 0
	for _, r := range e.srv.Requests() {
		if r.Status != http.StatusTooManyRequests {
			continue
		}
		if ok, _ := path.Match("/interactions/*/*/callback", r.Path); ok {
			callback429++
		}
		if ok, _ := path.Match("/webhooks/*/*/messages/@original", r.Path); ok {
			edit429++
		}
	}
	wantCallback := 3 * len(slices.DeleteFunc(slices.Clone(plan), func(f queueFault) bool { return !strings.Contains(f.name, "callback") }))
	wantDrops := len(plan) - len(slices.DeleteFunc(slices.Clone(plan), func(f queueFault) bool { return f.do == nil }))
	if callback429 != wantCallback || edit429 != 10+2+20 || drops != wantDrops {
		t.Errorf("faults seen: %d callback 429s (want %d), %d edit 429s (want 32), %d drops (want %d)", callback429, wantCallback, edit429, drops, wantDrops)
	}
	t.Logf("%d /ask from %d students, %v model, 8 slots, race=%v, with %d gateway drops, %d callback 429s, %d edit 429s (2 global), reconnected after %v: arrivals took %v, all answered in %v; slowest ack %v; %d waited in line (furthest back %d), %d delivered as follow-ups",
		total, students, delay, raceEnabled, drops, callback429, edit429, reconnects, arrived.Round(time.Millisecond), time.Since(start).Round(time.Second),
		slowest.Round(time.Millisecond), waited, maxPlace, viaFollowup)
}
