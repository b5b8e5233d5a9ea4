package bot

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"paperbot/bot/discordtest"
	"paperbot/internal/ops"
)

// loadPlan is one load run: total /ask from users, spread evenly over
// duration, with drops gateway connections cut (evenly spaced) meanwhile.
type loadPlan struct {
	total, users int
	over         time.Duration
	drops        int
	// afterDrop, if set, waits after drop d (1-based) until the bot has
	// seen it, so that drops never overlap a reconnection in progress.
	afterDrop func(d int)
}

// loadSize is the load (500 /ask from 100 users over 10 s), or a
// fifth of it (over 3 s) when the race detector (which slows everything 5-10x) is on
// or with -short. PAPERBOT_LOAD_FULL=1 forces the full size.
func loadSize() (total, users int, over time.Duration, full bool) {
	if os.Getenv("PAPERBOT_LOAD_FULL") != "" || !(raceEnabled || testing.Short()) {
		return 500, 100, 10 * time.Second, true
	}
	return 100, 20, 3 * time.Second, false
}

// loadResult is what a load run measured.
type loadResult struct {
	asked, answered, clearErrors, lost int
	ackMax, ackP99                     time.Duration
	latP50, latP99, latMax             time.Duration
	heapPeakMB, sysMB                  float64
	wall                               time.Duration
}

func (r loadResult) String() string {
	return fmt.Sprintf("asked=%d answered=%d clear_errors=%d lost=%d ack_p99=%v ack_max=%v answer_p50=%v answer_p99=%v answer_max=%v heap_peak=%.1fMB sys=%.1fMB wall=%v",
		r.asked, r.answered, r.clearErrors, r.lost, r.ackP99.Round(time.Millisecond), r.ackMax.Round(time.Millisecond),
		r.latP50.Round(time.Millisecond), r.latP99.Round(time.Millisecond), r.latMax.Round(time.Millisecond), r.heapPeakMB, r.sysMB, r.wall.Round(time.Millisecond))
}

// loadQuestions mix covered questions with one the paper does not cover
// (an abstention).
var loadQuestions = []string{
	"What is soft power?", "How does China use education in Central Asia?",
	"What role do Confucius Institutes play?", "How is the Belt and Road Initiative perceived in Kazakhstan?",
	"What do students from Central Asia study in China?", "What is the best pizza topping?",
	"How do Chinese media reach Central Asian audiences?", "What are the limits of China's soft power?",
}

// clearErrors are the friendly refusals a student may get under load.
var clearErrors = []string{msgBusy, msgRestarting, msgInternal, "You're asking quickly!"}

// runLoad sends the plan's questions and waits for every final reply.
func runLoad(t *testing.T, e *env, p loadPlan) loadResult {
	t.Helper()
	stopSampling := sampleHeap(50 * time.Millisecond)
	start := time.Now()
	gap := p.over / time.Duration(p.total)
	states := make([]discordtest.InteractionState, p.total)
	errs := make([]error, p.total)
	var wg sync.WaitGroup
	for i := range p.total {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Until(start.Add(time.Duration(i) * gap))) // arrival schedule, not a wait for a result
			user := discordtest.NewUser(strconv.Itoa(900000000000000000+i%p.users), "student"+strconv.Itoa(i%p.users))
			q := loadQuestions[i%len(loadQuestions)]
			it := e.srv.InjectInteraction(discordtest.SlashCommand("ask", map[string]any{"question": q}, user, "", ""))
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			states[i], errs[i] = it.WaitFinal(ctx)
		}()
	}
	for d := 1; d <= p.drops; d++ { // evenly spaced inside the run, each after the last reconnect
		time.Sleep(time.Until(start.Add(p.over * time.Duration(d) / time.Duration(p.drops+1)))) // fault schedule
		waitConnected(t, e)
		e.srv.DropGateway()
		if p.afterDrop != nil {
			p.afterDrop(d)
		}
	}
	wg.Wait()
	if p.drops > 0 {
		waitConnected(t, e)
	}
	r := loadResult{asked: p.total, wall: time.Since(start)}
	peak := stopSampling()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	r.heapPeakMB, r.sysMB = float64(peak)/(1<<20), float64(ms.Sys)/(1<<20)

	var acks, lats []time.Duration
	for i, st := range states {
		if errs[i] != nil || !st.Final() {
			r.lost++
			t.Errorf("question %d lost: %v (%+v)", i, errs[i], st)
			continue
		}
		acks = append(acks, st.AckAfter)
		text := st.Text()
		switch {
		case strings.Contains(text, "-# "):
			r.answered++
			last := st.Injected
			for _, resp := range st.Responses {
				if resp.At.After(last) {
					last = resp.At
				}
			}
			lats = append(lats, last.Sub(st.Injected))
		case slices.ContainsFunc(clearErrors, func(m string) bool { return strings.Contains(text, m) }):
			r.clearErrors++
		default:
			r.lost++
			t.Errorf("question %d: neither an answer nor a clear error: %q", i, text)
		}
	}
	r.ackP99, r.ackMax = percentile(acks, 0.99), percentile(acks, 1)
	r.latP50, r.latP99, r.latMax = percentile(lats, 0.5), percentile(lats, 0.99), percentile(lats, 1)
	return r
}

// waitConnected waits until the bot's gateway session is live.
func waitConnected(t *testing.T, e *env) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := e.srv.WaitReady(ctx); err != nil {
		t.Fatalf("gateway not back: %v", err)
	}
}

// percentile is the q-quantile (nearest rank) of ds; 0 for none.
func percentile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(q*float64(len(s))+0.999999) - 1
	return s[min(max(i, 0), len(s)-1)]
}

// TestE2ELoadAndFaults is the load test (500 /ask from 100 users
// over 10 s; a fifth of that under -race or -short) and fault test (the
// same load while the gateway connection is cut 5 times). Every question
// must be acknowledged in under 3 s and end with an answer or a clear
// error; none may be lost.
func TestE2ELoadAndFaults(t *testing.T) {
	needLoad(t)
	total, users, over, full := loadSize()
	for _, tc := range []struct {
		name  string
		drops int
	}{{"steady", 0}, {"5 gateway drops", 5}} {
		t.Run(tc.name, func(t *testing.T) {
			m := ops.NewMetrics()
			e := startBot(t, nil, func(o *Options) {
				o.MaxConcurrent = 8
				o.Metrics = m
				o.Logger = discardLogger()
			})
			plan := loadPlan{total: total, users: users, over: over, drops: tc.drops, afterDrop: func(d int) {
				e.waitConnects(d + 1) // the first connection and d reconnections
			}}
			if tc.drops > 0 {
				// A resume takes over a second (discordgo's Close waits 1 s),
				// so 5 drops need at least 6 s.
				plan.over = max(plan.over, 6*time.Second)
			}
			r := runLoad(t, e, plan)
			t.Logf("load (%s, full=%v, race=%v): %s", tc.name, full, raceEnabled, r)
			if r.lost > 0 || r.answered+r.clearErrors != total {
				t.Errorf("lost %d of %d", r.lost, total)
			}
			if r.ackMax >= 3*time.Second {
				t.Errorf("slowest acknowledgement %v, want < 3 s", r.ackMax)
			}
			if tc.drops == 0 && r.clearErrors > 0 {
				t.Errorf("%d refusals without faults", r.clearErrors)
			}
			if tc.drops > 0 {
				e.waitConnects(tc.drops + 1)
				if got := metricValue(t, m, "paperbot_gateway_reconnects_total"); got < float64(tc.drops) {
					t.Errorf("reconnects counted %v, want %d", got, tc.drops)
				}
			}
			e.checkRules()
		})
	}
}
