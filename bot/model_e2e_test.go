package bot

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"paperbot/bot/discordtest"
	"paperbot/retrieval/answer"
	"paperbot/retrieval/llm"
	"paperbot/retrieval/llm/llmtest"
)

// modelEngine is the real engine over the default paper, answering through
// the real language-model client (go-openai) against the fake API.
func modelEngine(t testing.TB, api *llmtest.Server) *answer.Engine {
	t.Helper()
	return newEngine(t, answer.Options{Generator: fakeModelClient(api)})
}

// fakeModelClient is the real language-model client (go-openai) against
// the fake API.
func fakeModelClient(api *llmtest.Server) *llm.Client {
	return llm.New(llm.Options{BaseURL: api.URL(), Model: "gpt-4o-mini", IdleTimeout: 5 * time.Second, RequestTimeout: 20 * time.Second})
}

// streamed is a model answer in pieces, citing [15] (retrieved for the
// question below) and a made-up [99].
var streamed = []string{"Soft power ", "is the ability ", "to shape what others want ", "through attraction [15]. ", "It is not coercion [99]."}

// TestE2EModelStreams: twenty /ask at once, each streamed by the fake API
// through the real client, are edited into Discord within its limits; the
// made-up [99] never reaches a message; every answer ends with its footer.
func TestE2EModelStreams(t *testing.T) {
	t.Parallel()
	api := llmtest.New(t)
	api.SetDefault(func(llmtest.Request) llmtest.Response {
		return llmtest.Response{Chunks: streamed, ChunkDelay: 30 * time.Millisecond}
	})
	e := startBot(t, modelEngine(t, api), func(o *Options) {
		o.EditInterval = 200 * time.Millisecond
		o.MaxConcurrent = 20
	})
	defer e.checkRules()
	const streams = 20
	its := make([]*discordtest.Interaction, streams)
	for i := range its {
		user := discordtest.NewUser(fmt.Sprintf("6100000000000%05d", i), "s")
		its[i] = e.srv.InjectInteraction(discordtest.SlashCommand("ask", map[string]any{"question": "What is soft power?"}, user, "", ""))
	}
	ctx := ctxFor(t, 60*time.Second)
	for i, it := range its {
		st, err := it.WaitFor(ctx, func(st discordtest.InteractionState) bool {
			return st.Original != nil && strings.Contains(st.Original.Content, "-# ")
		})
		if err != nil {
			t.Fatalf("stream %d never finished: %+v", i, it.State().Original)
		}
		c := st.Original.Content
		if !strings.Contains(c, "attraction [15]") || strings.Contains(c, "[99]") || strings.Contains(c, streamingMark) {
			t.Errorf("stream %d: final message %q", i, c)
		}
		if n := len([]rune(c)); n > 2000 {
			t.Errorf("stream %d: %d characters", i, n)
		}
	}
	if got := len(api.ChatRequests()); got != streams {
		t.Errorf("the API got %d requests, want %d", got, streams)
	}
}

// BenchmarkFirstTokenToEdit measures, with the fakes, the time from the
// fake API flushing the first token of a streamed answer to the fake
// Discord holding a message edit that shows it (target ≤ 100 ms).
func BenchmarkFirstTokenToEdit(b *testing.B) {
	api := llmtest.New(b)
	var mu sync.Mutex
	var firstSent time.Time
	api.SetDefault(func(llmtest.Request) llmtest.Response {
		return llmtest.Response{
			Chunks:     []string{"Soft power is attraction [15].", " More text follows."},
			ChunkDelay: 50 * time.Millisecond,
			Sent: func(chunk int, at time.Time) {
				if chunk == 0 {
					mu.Lock()
					firstSent = at
					mu.Unlock()
				}
			},
		}
	})
	e := startBot(b, modelEngine(b, api), func(o *Options) {
		o.EditInterval = 1200 * time.Millisecond // the production pace
		o.Cooldown = 0
	})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		user := discordtest.NewUser(fmt.Sprintf("8100000000%08d", i), "bench")
		it := e.srv.InjectInteraction(discordtest.SlashCommand("ask", map[string]any{"question": "What is soft power?"}, user, "", ""))
		var seen time.Time
		if _, err := it.WaitFor(ctx, func(st discordtest.InteractionState) bool {
			if seen.IsZero() && st.Original != nil && strings.Contains(st.Original.Content, "Soft power is attraction") {
				seen = time.Now()
			}
			return st.Original != nil && strings.Contains(st.Original.Content, "-# ")
		}); err != nil {
			b.Fatalf("no answer: %v", err)
		}
		mu.Lock()
		d := seen.Sub(firstSent) // firstSent is stamped before the chunk is written
		mu.Unlock()
		if d < 0 {
			b.Fatalf("negative latency %v: the edit was seen before the chunk was sent", d)
		}
		lat = append(lat, d)
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*9/10].Microseconds())/1000, "p90-ms")
}
