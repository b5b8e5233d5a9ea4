package bot

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/bot/discordtest"
)

// TestE2ELoad sends 200 concurrent /ask from 50 users (100 under -race): every one must be
// acknowledged within Discord's 3 s and get a final reply: an answer, or
// (with a 10 s cooldown) a polite ephemeral cooldown notice. With the
// cooldown the answers count as model answers (the cooldown counts only
// those).
func TestE2ELoad(t *testing.T) {
	needLoad(t)
	t.Run("cooldown", func(t *testing.T) { loadTest(t, 10*time.Second) })
	t.Run("no cooldown", func(t *testing.T) { loadTest(t, 0) })
}

func loadTest(t *testing.T, cooldown time.Duration) {
	var eng Engine // the offline engine
	if cooldown > 0 {
		paid := &atomic.Bool{}
		paid.Store(true)
		eng = paidEngine(t, paid)
	}
	e := startBot(t, eng, func(o *Options) {
		o.Cooldown = cooldown
		o.MaxConcurrent = 4
	})
	defer e.checkRules()
	// The race detector slows everything 5–10×; under it half the load
	// runs, and .ci/run also runs this test without -race at full size.
	users, total := 50, 200
	if raceEnabled {
		total = 100
	}
	questions := []string{
		"What is soft power?", "How does China use education in Central Asia?",
		"What role do Confucius Institutes play?", "What did the Xi'an summit agree?",
		"How is the Belt and Road Initiative perceived in Kazakhstan?",
	}
	its := make([]*discordtest.Interaction, total)
	var wg sync.WaitGroup
	for i := range total {
		wg.Add(1)
		go func() {
			defer wg.Done()
			user := discordtest.NewUser(fmt.Sprintf("7000000000000%05d", i%users), fmt.Sprintf("student%d", i%users))
			its[i] = e.srv.InjectInteraction(discordtest.SlashCommand("ask", map[string]any{"question": questions[i%len(questions)]}, user, "", ""))
		}()
	}
	wg.Wait()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var acks []time.Duration
	answered, cooled := 0, 0
	for i, it := range its {
		// Model answers wait in line for a slot ("You're 5th in line…"
		// first): the final state is the answer's footer or the cooldown
		// notice.
		st, err := it.WaitFor(ctx, func(st discordtest.InteractionState) bool {
			return st.Original != nil && (strings.Contains(st.Original.Content, "-# ") || strings.Contains(st.Original.Content, "Please wait"))
		})
		if err != nil {
			t.Fatalf("interaction %d never answered: %+v", i, st)
		}
		acks = append(acks, st.AckAfter)
		switch {
		case st.AckType == discordgo.InteractionResponseDeferredChannelMessageWithSource && strings.Contains(st.Original.Content, "-# "):
			answered++
		case st.AckType == discordgo.InteractionResponseChannelMessageWithSource && st.Original.Ephemeral() && strings.Contains(st.Original.Content, "Please wait"):
			cooled++
		default:
			t.Errorf("interaction %d: unexpected final state %+v", i, st)
		}
	}
	sort.Slice(acks, func(i, j int) bool { return acks[i] < acks[j] })
	if max := acks[len(acks)-1]; max >= 3*time.Second {
		t.Errorf("slowest acknowledgement %v ≥ 3 s", max)
	}
	wantAnswered := total
	if cooldown > 0 {
		wantAnswered = users
	}
	if answered != wantAnswered || cooled != total-wantAnswered {
		t.Errorf("answered %d, cooldown replies %d; want %d and %d", answered, cooled, wantAnswered, total-wantAnswered)
	}
	t.Logf("%d /ask from %d users: %d answered, %d cooldown replies; ack p50 %v, p99 %v, max %v",
		total, users, answered, cooled, acks[len(acks)/2], acks[len(acks)*99/100], acks[len(acks)-1])
}
