package answer

import (
	"context"
	"slices"
	"testing"
	"time"
)

// BenchmarkAsk is one offline answer on the default paper, question to
// rendered text (retrieval with the offline embedder, abstention, extract).
// It also reports the median and 99th percentile latency.
func BenchmarkAsk(b *testing.B) {
	e := newTestEngine(b, Options{})
	qs := []string{
		"Are China and Russia competing there?",
		"What does soft power mean?",
		"What happened at the first China-Central Asia summit?",
		"What is the capital of Brazil?",
	}
	ctx := context.Background()
	var lat []time.Duration
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		start := time.Now()
		if _, err := e.Ask(ctx, Request{Question: qs[i%len(qs)]}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		i++
	}
	slices.Sort(lat)
	if n := len(lat); n > 0 {
		b.ReportMetric(float64(lat[n/2].Microseconds()), "p50-µs")
		b.ReportMetric(float64(lat[n*99/100].Microseconds()), "p99-µs")
	}
}
