package bot

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"paperbot/bot/discordtest"
)

// BenchmarkInteraction measures an injected /ask, through the fake Discord
// and the real discordgo session, to the final edit carrying the answer,
// with offline answers. It reports the median and p90 latency.
func BenchmarkInteraction(b *testing.B) {
	e := startBot(b, nil, nil)
	benchAsk(b, e)
}

// benchAsk injects b.N /ask interactions one after another and reports
// the median and p90 time from injection to the final edit.
func benchAsk(b *testing.B, e *env) {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	done := func(st discordtest.InteractionState) bool {
		return st.Original != nil && !st.Original.Loading && strings.Contains(st.Original.Content, "-# ")
	}
	questions := []string{"What is soft power?", "How does China use education in Central Asia?", "What did the Xi'an summit agree?"}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		user := discordtest.NewUser(fmt.Sprintf("8000000000%08d", i), "bench")
		start := time.Now()
		it := e.srv.InjectInteraction(discordtest.SlashCommand("ask", map[string]any{"question": questions[i%len(questions)]}, user, "", ""))
		if _, err := it.WaitFor(ctx, done); err != nil {
			b.Fatalf("no answer: %v", err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*9/10].Microseconds())/1000, "p90-ms")
}
