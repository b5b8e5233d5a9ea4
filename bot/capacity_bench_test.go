package bot

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"paperbot/bot/discordtest"
)

// BenchmarkCapacity measures one process's /ask throughput: b.N questions
// from many users, inflight at a time, through the fake Discord (in the
// same process, so its cost is included: a lower bound) with offline
// answers. It reports answers per second and the peak heap in use.
//
//	go test ./bot -run '^$' -bench Capacity -benchtime 2000x
func BenchmarkCapacity(b *testing.B) {
	for _, bc := range []struct{ slots, inflight int }{{8, 64}, {16, 128}} {
		b.Run(fmt.Sprintf("slots=%d/inflight=%d", bc.slots, bc.inflight), func(b *testing.B) {
			e := startBot(b, nil, func(o *Options) {
				o.MaxConcurrent = bc.slots
				o.Logger = discardLogger()
			})
			done := func(st discordtest.InteractionState) bool {
				return st.Original != nil && !st.Original.Loading && strings.Contains(st.Original.Content, "-# ")
			}
			stopSampling := sampleHeap(20 * time.Millisecond)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
			defer cancel()
			sem := make(chan struct{}, bc.inflight)
			var wg sync.WaitGroup
			var failed atomic.Int64
			b.ResetTimer()
			start := time.Now()
			for i := range b.N {
				sem <- struct{}{}
				wg.Add(1)
				go func() {
					defer func() { <-sem; wg.Done() }()
					user := discordtest.NewUser(fmt.Sprintf("7000000000%08d", i%500), "cap")
					q := loadQuestions[i%len(loadQuestions)]
					it := e.srv.InjectInteraction(discordtest.SlashCommand("ask", map[string]any{"question": q}, user, "", ""))
					if _, err := it.WaitFor(ctx, done); err != nil {
						failed.Add(1)
					}
				}()
			}
			wg.Wait()
			elapsed := time.Since(start)
			b.StopTimer()
			peak := stopSampling()
			if n := failed.Load(); n > 0 {
				b.Fatalf("%d of %d questions got no answer", n, b.N)
			}
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "answers/s")
			b.ReportMetric(float64(peak)/(1<<20), "heap-peak-MB")
		})
	}
}
