package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// memAnswers is an in-memory AnswerStore that records each batch and can
// be made to fail.
type memAnswers struct {
	mu      sync.Mutex
	byID    map[string]AnswerRecord
	batches []int // size of each written batch
	fail    error
	expires []time.Time
}

func newMemAnswers() *memAnswers { return &memAnswers{byID: map[string]AnswerRecord{}} }

func (m *memAnswers) SaveAnswers(_ context.Context, batch []AnswerWrite) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return m.fail
	}
	for _, w := range batch {
		m.byID[w.Answer.ID] = w.Answer
	}
	m.batches = append(m.batches, len(batch))
	return nil
}

func (m *memAnswers) Answer(_ context.Context, id string) (AnswerRecord, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	a, ok := m.byID[id]
	if !ok {
		return a, fmt.Errorf("answer %q: %w", id, ErrNotFound)
	}
	return a, nil
}

func (m *memAnswers) ExpireAnswers(_ context.Context, before time.Time) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.expires = append(m.expires, before)
	return 0, nil
}

func (m *memAnswers) state() (stored int, batches []int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.byID), append([]int(nil), m.batches...)
}

func (m *memAnswers) setFail(err error) {
	m.mu.Lock()
	m.fail = err
	m.mu.Unlock()
}

var quietLog = slog.New(slog.NewTextHandler(io.Discard, nil))

func addN(t *testing.T, w *AnswerWriter, from, n int) {
	t.Helper()
	for i := from; i < from+n; i++ {
		must(t, w.Add(AnswerWrite{Answer: answerRec(fmt.Sprint("a", i), time.Now())}))
	}
}

// Answers wait FlushEvery, then go in one transaction: a crash loses at
// most the last FlushEvery of answers.
func TestAnswerWriterFlushEvery(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := newMemAnswers()
		w := NewAnswerWriter(st, WriterOptions{FlushEvery: 500 * time.Millisecond, Logger: quietLog})
		addN(t, w, 0, 3)
		time.Sleep(499 * time.Millisecond) // the bubble's clock: no real wait
		synctest.Wait()
		if n, _ := st.state(); n != 0 {
			t.Fatalf("%d answers written before FlushEvery", n)
		}
		if a, err := w.Answer(t.Context(), "a1"); err != nil || a.ID != "a1" {
			t.Fatalf("queued answer not readable: %+v %v", a, err)
		}
		time.Sleep(time.Millisecond)
		synctest.Wait()
		if n, batches := st.state(); n != 3 || len(batches) != 1 {
			t.Fatalf("after FlushEvery: %d answers in batches %v, want 3 in one", n, batches)
		}
		if w.Pending() != 0 {
			t.Fatalf("pending %d", w.Pending())
		}
		// The next answer starts a new wait.
		addN(t, w, 3, 1)
		time.Sleep(500 * time.Millisecond)
		synctest.Wait()
		if n, batches := st.state(); n != 4 || len(batches) != 2 {
			t.Fatalf("second batch: %d answers, batches %v", n, batches)
		}
		must(t, w.Close(t.Context()))
	})
}

// A full batch is written at once, BatchSize answers per transaction.
func TestAnswerWriterFullBatch(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := newMemAnswers()
		w := NewAnswerWriter(st, WriterOptions{FlushEvery: time.Hour, BatchSize: 4, Logger: quietLog})
		addN(t, w, 0, 10)
		synctest.Wait()
		// However the writer's goroutine interleaves with the adds, the
		// two full batches go out and the last two wait for FlushEvery.
		n, batches := st.state()
		if n != 8 || len(batches) != 2 || batches[0] != 4 || batches[1] != 4 {
			t.Fatalf("full batches not written at once: %d answers, batches %v", n, batches)
		}
		must(t, w.Close(t.Context())) // the remainder
		if n, _ := st.state(); n != 10 {
			t.Fatalf("after close %d answers, want 10", n)
		}
	})
}

// A failed write keeps the answers (readable, retried every FlushEvery);
// beyond MaxPending the oldest are dropped.
func TestAnswerWriterRetries(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := newMemAnswers()
		st.setFail(errors.New("disk full"))
		w := NewAnswerWriter(st, WriterOptions{FlushEvery: time.Second, MaxPending: 5, Logger: quietLog})
		addN(t, w, 0, 3)
		time.Sleep(3 * time.Second)
		synctest.Wait()
		if w.Pending() != 3 {
			t.Fatalf("pending %d after failed writes, want 3", w.Pending())
		}
		addN(t, w, 3, 4) // 7 > MaxPending: a0 and a1 go
		if _, err := w.Answer(t.Context(), "a0"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("oldest not dropped: %v", err)
		}
		st.setFail(nil)
		time.Sleep(time.Second)
		synctest.Wait()
		if n, _ := st.state(); n != 5 || w.Pending() != 0 {
			t.Fatalf("after recovery %d stored, %d pending; want 5, 0", n, w.Pending())
		}
		must(t, w.Close(t.Context()))
	})
}

// Flush writes at once what is queued (a vote needs its answer stored);
// Close writes the rest and refuses more.
func TestAnswerWriterFlushAndClose(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := newMemAnswers()
		w := NewAnswerWriter(st, WriterOptions{FlushEvery: time.Hour, Logger: quietLog})
		addN(t, w, 0, 2)
		must(t, w.Flush(t.Context()))
		if n, _ := st.state(); n != 2 {
			t.Fatalf("flush wrote %d, want 2", n)
		}
		addN(t, w, 2, 1)
		must(t, w.Close(t.Context()))
		if n, _ := st.state(); n != 3 {
			t.Fatalf("close wrote %d in all, want 3", n)
		}
		if err := w.Add(AnswerWrite{Answer: answerRec("late", time.Now())}); !errors.Is(err, ErrClosed) {
			t.Fatalf("add after close: %v", err)
		}
		if err := w.Add(AnswerWrite{Answer: AnswerRecord{ID: "x"}}); !errors.Is(err, ErrInvalid) {
			t.Fatalf("bad answer: %v", err)
		}
		st.setFail(errors.New("gone"))
		w2 := NewAnswerWriter(st, WriterOptions{FlushEvery: time.Hour, Logger: quietLog})
		addN(t, w2, 10, 1)
		if err := w2.Close(t.Context()); err == nil {
			t.Fatal("close reported no error for an answer it could not write")
		}
	})
}

// Old answers are expired after writes, at most hourly, at the retention.
func TestAnswerWriterExpires(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := newMemAnswers()
		w := NewAnswerWriter(st, WriterOptions{FlushEvery: time.Second, Retention: 30 * 24 * time.Hour, Logger: quietLog})
		start := time.Now()
		for i := range 3 {
			addN(t, w, i, 1)
			time.Sleep(40 * time.Minute)
			synctest.Wait()
		}
		st.mu.Lock()
		got := append([]time.Time(nil), st.expires...)
		st.mu.Unlock()
		want := []time.Time{start.Add(time.Second - 30*24*time.Hour), start.Add(80*time.Minute + time.Second - 30*24*time.Hour)}
		if len(got) != 2 || !got[0].Equal(want[0]) || !got[1].Equal(want[1]) {
			t.Fatalf("expired before %v, want %v", got, want)
		}
		must(t, w.Close(t.Context()))
	})
}
