package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// AnswerStore is what an AnswerWriter writes answers to and reads them
// back from (Feedback has it all).
type AnswerStore interface {
	SaveAnswers(ctx context.Context, batch []AnswerWrite) error
	Answer(ctx context.Context, id string) (AnswerRecord, error)
	ExpireAnswers(ctx context.Context, before time.Time) (int64, error)
}

// Defaults of WriterOptions.
const (
	DefaultFlushEvery     = time.Second
	DefaultBatchSize      = 128
	DefaultMaxPending     = 10_000
	DefaultRetention      = 30 * 24 * time.Hour
	defaultExpireInterval = time.Hour
	writeTimeout          = 30 * time.Second
)

// ErrClosed is returned by AnswerWriter.Add after Close.
var ErrClosed = errors.New("answer writer is closed")

// WriterOptions configure an AnswerWriter; zero values take the defaults.
type WriterOptions struct {
	// FlushEvery is the longest an answer waits in memory before its
	// batch is written: what a crash can lose. Default 1 s.
	FlushEvery time.Duration
	// BatchSize is the most answers written in one transaction; a full
	// batch is written at once, without waiting for FlushEvery. Default 128.
	BatchSize int
	// MaxPending is how many answers are kept in memory while the database
	// cannot be written; beyond it the oldest are dropped (and logged).
	// Default 10,000.
	MaxPending int
	// Retention is how long answers are kept (ExpireAnswers runs at most
	// hourly after a write); 0 = DefaultRetention, < 0 = forever.
	Retention time.Duration
	Logger    *slog.Logger
}

// AnswerWriter saves answers off the answering path, in batches (group
// commit): Add only queues an answer in memory; a batch is written in one
// transaction FlushEvery after its first answer, or as soon as BatchSize
// answers wait. Answer reads queued answers too, so nothing is missed
// between Add and the write. A crash loses at most the answers added in
// the last FlushEvery (plus a batch being written); Close writes the rest.
// A failed write is retried every FlushEvery. Only answers go through it:
// votes, quiz answers and pins are written synchronously by the Store.
// It has no goroutine of its own between batches.
type AnswerWriter struct {
	st  AnswerStore
	opt WriterOptions
	log *slog.Logger

	mu       sync.Mutex
	queue    []AnswerWrite // not yet taken by a write, oldest first
	inflight []AnswerWrite // being written now
	timer    *time.Timer   // armed while the queue waits for FlushEvery
	kicked   bool          // a full batch is being written already
	closed   bool
	dropped  int
	expired  time.Time // when ExpireAnswers last ran

	writeMu sync.Mutex // one write at a time, so answers keep their order
}

// NewAnswerWriter returns a writer over st.
func NewAnswerWriter(st AnswerStore, opt WriterOptions) *AnswerWriter {
	if opt.FlushEvery <= 0 {
		opt.FlushEvery = DefaultFlushEvery
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = DefaultBatchSize
	}
	if opt.MaxPending <= 0 {
		opt.MaxPending = DefaultMaxPending
	}
	if opt.Retention == 0 {
		opt.Retention = DefaultRetention
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	return &AnswerWriter{st: st, opt: opt, log: opt.Logger}
}

// Add queues an answer to be written; it never waits for the disk. Bad
// input is refused at once with an error wrapping ErrInvalid.
func (w *AnswerWriter) Add(a AnswerWrite) error {
	if err := checkAnswerWrite(a); err != nil {
		return err
	}
	if a.Answer.CreatedAt.IsZero() {
		a.Answer.CreatedAt = time.Now()
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return ErrClosed
	}
	w.queue = append(w.queue, a)
	w.trimLocked()
	switch {
	case len(w.queue) >= w.opt.BatchSize && !w.kicked:
		w.kicked = true
		go w.onFull()
	case w.timer == nil:
		w.timer = time.AfterFunc(w.opt.FlushEvery, w.onTimer)
	}
	return nil
}

// trimLocked drops the oldest queued answers beyond MaxPending.
func (w *AnswerWriter) trimLocked() {
	if over := len(w.queue) - w.opt.MaxPending; over > 0 {
		w.queue = append([]AnswerWrite(nil), w.queue[over:]...)
		w.dropped += over
	}
}

// Answer returns an answer, queued or stored; an error wraps ErrNotFound
// when there is none.
func (w *AnswerWriter) Answer(ctx context.Context, id string) (AnswerRecord, error) {
	w.mu.Lock()
	for _, list := range [][]AnswerWrite{w.queue, w.inflight} {
		for i := len(list) - 1; i >= 0; i-- {
			if list[i].Answer.ID == id {
				a := list[i].Answer
				w.mu.Unlock()
				return a, nil
			}
		}
	}
	w.mu.Unlock()
	return w.st.Answer(ctx, id)
}

// Pending is how many answers wait to be written.
func (w *AnswerWriter) Pending() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.queue) + len(w.inflight)
}

// Flush writes every answer queued before it was called (in batches of
// BatchSize), waiting for a write in progress first. Call it before
// anything that must see the answers in the database, such as a vote.
func (w *AnswerWriter) Flush(ctx context.Context) error {
	w.mu.Lock()
	rounds := (len(w.queue) + len(w.inflight) + w.opt.BatchSize - 1) / w.opt.BatchSize
	w.mu.Unlock()
	for i := 0; i < rounds+1; i++ { // +1: a write in progress may have put its batch back
		n, err := w.writeBatch(ctx, false)
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
	}
	return nil
}

// Close stops timed writes and writes everything queued; Add fails after
// it. It logs (and returns an error for) answers it could not write.
func (w *AnswerWriter) Close(ctx context.Context) error {
	w.mu.Lock()
	w.closed = true
	if w.timer != nil {
		w.timer.Stop()
		w.timer = nil
	}
	w.mu.Unlock()
	err := w.Flush(ctx)
	w.mu.Lock()
	lost, dropped := len(w.queue), w.dropped
	w.mu.Unlock()
	if dropped > 0 {
		w.log.Warn("answers dropped while the database could not be written: their buttons won't work", "answers", dropped)
	}
	if err != nil {
		return fmt.Errorf("write %d answers at shutdown (their buttons won't work): %w", lost, err)
	}
	return nil
}

// onTimer writes what is queued when the oldest answer has waited
// FlushEvery.
func (w *AnswerWriter) onTimer() {
	w.mu.Lock()
	w.timer = nil
	closed := w.closed // Close writes the rest itself
	w.mu.Unlock()
	if !closed {
		w.background(false)
	}
}

// onFull writes what is queued when a batch is full.
func (w *AnswerWriter) onFull() {
	w.mu.Lock()
	w.kicked = false
	closed := w.closed
	w.mu.Unlock()
	if !closed {
		w.background(true)
	}
}

// background writes what is queued, in batches, then expires old answers
// when due; after a failure it tries again in FlushEvery. With fullOnly
// (a batch filled up) it writes full batches only: the rest waits for
// its FlushEvery, so answers added meanwhile join a later full batch
// instead of going out in a short one.
func (w *AnswerWriter) background(fullOnly bool) {
	ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
	defer cancel()
	for {
		n, err := w.writeBatch(ctx, fullOnly)
		if err != nil {
			w.log.Warn("write answers; retrying", "every", w.opt.FlushEvery, "err", err)
			w.rearm()
			return
		}
		if n == 0 {
			break
		}
	}
	w.expire(ctx)
}

// rearm retries after FlushEvery when answers are still queued.
func (w *AnswerWriter) rearm() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.closed && w.timer == nil && len(w.queue) > 0 {
		w.timer = time.AfterFunc(w.opt.FlushEvery, w.onTimer)
	}
}

// writeBatch writes up to BatchSize queued answers in one transaction and
// reports how many (with fullOnly, nothing unless a whole batch waits). On
// failure they go back to the front of the queue.
func (w *AnswerWriter) writeBatch(ctx context.Context, fullOnly bool) (int, error) {
	w.writeMu.Lock()
	defer w.writeMu.Unlock()
	w.mu.Lock()
	n := min(len(w.queue), w.opt.BatchSize)
	if fullOnly && n < w.opt.BatchSize {
		n = 0
	}
	batch := w.queue[:n:n]
	w.queue = w.queue[n:]
	w.inflight = batch
	w.mu.Unlock()
	if n == 0 {
		return 0, nil
	}
	err := w.st.SaveAnswers(ctx, batch)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.inflight = nil
	if err != nil {
		if errors.Is(err, ErrInvalid) { // cannot succeed later (Add checks, so this is a bug)
			w.dropped += n
			return 0, err
		}
		w.queue = append(batch, w.queue...)
		w.trimLocked()
		return 0, err
	}
	return n, nil
}

// expire runs ExpireAnswers at most hourly, after writes.
func (w *AnswerWriter) expire(ctx context.Context) {
	if w.opt.Retention < 0 {
		return
	}
	now := time.Now()
	w.mu.Lock()
	due := !w.closed && (w.expired.IsZero() || now.Sub(w.expired) >= defaultExpireInterval)
	if due {
		w.expired = now
	}
	w.mu.Unlock()
	if !due {
		return
	}
	if n, err := w.st.ExpireAnswers(ctx, now.Add(-w.opt.Retention)); err != nil {
		w.log.Warn("expire old answers", "err", err)
	} else if n > 0 {
		w.log.Info("expired old answers", "answers", n, "retention", w.opt.Retention)
	}
}
