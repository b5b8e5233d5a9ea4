package llm

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"paperbot/retrieval/llm/llmtest"
)

// BenchmarkFirstDelta measures the time from the fake server flushing the
// first content token to onDelta receiving it, through the real go-openai
// client and Generate's stream loop (reported as first-delta-ns, with p50
// and p99). ns/op is a whole short generation.
func BenchmarkFirstDelta(b *testing.B) {
	srv := llmtest.New(b)
	c := newTestClient(b, srv, nil)
	in := testInput()
	c.chatRequest(in) // warm the tokenizer outside the timing
	var sentAt atomic.Int64
	resp := llmtest.Response{
		Chunks: []string{"Soft power", " is attraction", " [3]."},
		Sent: func(i int, at time.Time) {
			if i == 0 {
				sentAt.Store(at.UnixNano())
			}
		},
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for b.Loop() {
		srv.Enqueue(resp)
		var firstAt int64
		_, err := c.Generate(context.Background(), in, func(string) {
			if firstAt == 0 {
				firstAt = time.Now().UnixNano()
			}
		})
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Duration(firstAt-sentAt.Load()))
	}
	b.StopTimer()
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	var sum time.Duration
	for _, d := range lat {
		sum += d
	}
	b.ReportMetric(float64(sum.Nanoseconds())/float64(len(lat)), "first-delta-ns")
	b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds()), "p99-ns")
}
