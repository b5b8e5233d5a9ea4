package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// benchAnswer is an answer of realistic size: 8 passages of ~400
// characters (about 4 KB of JSON) and three citations.
func benchAnswer(i int) AnswerWrite {
	type hit struct {
		ID    string  `json:"id"`
		Kind  string  `json:"kind"`
		Ref   int     `json:"ref"`
		Text  string  `json:"text"`
		Score float64 `json:"score"`
	}
	hits := make([]hit, 8)
	for j := range hits {
		hits[j] = hit{ID: fmt.Sprintf("paper-a/ref/%d", j+1), Kind: "reference", Ref: j + 1,
			Text: strings.Repeat("Soft power is the ability to attract. ", 10), Score: 0.03}
	}
	passages, _ := json.Marshal(hits)
	a := answerRec(fmt.Sprintf("bench-%d", i), time.Now())
	a.Passages, a.Citations = passages, []int{3, 5, 8}
	return AnswerWrite{Answer: a, Shown: []int{3, 5, 8}}
}

// BenchmarkAnswerPath measures what keeping an answer for its buttons
// costs the path from question to final edit, 8 answers in flight at once
// (as MAX_CONCURRENT_ANSWERS), before and after group commit:
//
//   - sync: RecordCitations then SaveAnswer, two durable transactions per
//     answer, as the bot did before AnswerWriter;
//   - batched: AnswerWriter.Add, with the writer's own batches (1 s or 128
//     answers) written in the background; the timer includes Close, so
//     every answer is on disk when it stops.
//
// path-µs/answer is the time an answer spends in these calls; answers/s
// is how many answers reach the disk per second.
//
//	go test ./internal/store -run '^$' -bench AnswerPath -benchtime 2000x
func BenchmarkAnswerPath(b *testing.B) {
	const inFlight = 8
	run := func(b *testing.B, keep func(ctx context.Context, a AnswerWrite) error, finish func() error) {
		ctx := context.Background()
		answers := make([]AnswerWrite, b.N)
		for i := range answers {
			answers[i] = benchAnswer(i)
		}
		var mu sync.Mutex
		var onPath time.Duration
		next := make(chan int)
		var wg sync.WaitGroup
		b.ResetTimer()
		start := time.Now()
		for range inFlight {
			wg.Go(func() {
				var mine time.Duration
				for i := range next {
					t0 := time.Now()
					if err := keep(ctx, answers[i]); err != nil {
						b.Error(err)
					}
					mine += time.Since(t0)
				}
				mu.Lock()
				onPath += mine
				mu.Unlock()
			})
		}
		for i := range b.N {
			next <- i
		}
		close(next)
		wg.Wait()
		if err := finish(); err != nil {
			b.Fatal(err)
		}
		elapsed := time.Since(start)
		b.StopTimer()
		b.ReportMetric(float64(onPath.Microseconds())/float64(b.N), "path-µs/answer")
		b.ReportMetric(float64(b.N)/elapsed.Seconds(), "answers/s")
	}
	benchStores(b, func(b *testing.B, s Store) {
		b.Run("sync", func(b *testing.B) {
			run(b, func(ctx context.Context, a AnswerWrite) error {
				if err := s.RecordCitations(ctx, a.Answer.ChannelID, a.Answer.PaperID, a.Shown); err != nil {
					return err
				}
				return s.SaveAnswer(ctx, a.Answer)
			}, func() error { return nil })
		})
		b.Run("batched", func(b *testing.B) {
			w := NewAnswerWriter(s, WriterOptions{Retention: -1})
			run(b, func(_ context.Context, a AnswerWrite) error { return w.Add(a) },
				func() error { return w.Close(context.Background()) })
		})
	})
}

// BenchmarkAnswerWriterAdd is the CPU an answer costs its own path with
// AnswerWriter: Add alone (input check and queueing), nothing written
// while timed.
func BenchmarkAnswerWriterAdd(b *testing.B) {
	answers := make([]AnswerWrite, b.N)
	for i := range answers {
		answers[i] = benchAnswer(i)
	}
	w := NewAnswerWriter(newMemAnswers(), WriterOptions{FlushEvery: time.Hour, BatchSize: b.N + 1, MaxPending: b.N + 1, Retention: -1})
	b.ResetTimer()
	for i := range b.N {
		if err := w.Add(answers[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if err := w.Close(context.Background()); err != nil {
		b.Fatal(err)
	}
}
