package bot

import (
	"context"
	"errors"
	"sync"

	"paperbot/corpus"
	class "paperbot/internal/classroom"
	"paperbot/retrieval/study"
)

// studyCache keeps each paper's study results (summary, glossary),
// computed once: the first request computes, requests arriving meanwhile
// wait for it, later ones read it. Entries are keyed by the paper value,
// so a re-ingested paper gets fresh results.
type studyCache struct {
	mu      sync.Mutex
	entries map[studyKey]*studyEntry
}

type studyKey struct {
	kind  string
	paper *corpus.Paper
}

type studyEntry struct {
	done chan struct{} // closed once val and err are set
	val  any
	err  error
}

// maxStudyEntries bounds the cache; past it the oldest results are
// dropped wholesale (papers are few, so this is rare).
const maxStudyEntries = 256

// lookup returns the finished entry for key, if any.
func (c *studyCache) lookup(key studyKey) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[key]
	if e == nil {
		return nil, false
	}
	select {
	case <-e.done:
		return e.val, e.err == nil
	default:
		return nil, false
	}
}

// get returns key's result, computing it with compute when nobody has (a
// failed computation is not kept). ctx bounds the wait, not the
// computation, which runs on and fills the cache for the next request.
func (c *studyCache) get(ctx context.Context, key studyKey, compute func(context.Context) (any, error)) (any, error) {
	c.mu.Lock()
	if c.entries == nil || len(c.entries) > maxStudyEntries {
		c.entries = map[studyKey]*studyEntry{}
	}
	e := c.entries[key]
	if e == nil {
		e = &studyEntry{done: make(chan struct{})}
		c.entries[key] = e
		go func() {
			e.val, e.err = compute(context.WithoutCancel(ctx))
			if e.err != nil {
				c.mu.Lock()
				if c.entries[key] == e {
					delete(c.entries, key)
				}
				c.mu.Unlock()
			}
			close(e.done)
		}()
	}
	c.mu.Unlock()
	select {
	case <-e.done:
		return e.val, e.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// studyResult runs a study computation for the deferred interaction r: a
// cached result comes back at once; otherwise it waits in line for an
// answer slot like /ask (showing its place), then computes, or waits for
// the computation already running, within answerTimeout.
func (b *Bot) studyResult(r *reply, kind string, p *corpus.Paper, compute func(context.Context) (any, error)) (any, error) {
	key := studyKey{kind, p}
	if v, ok := b.study.lookup(key); ok {
		return v, nil
	}
	skey := "interaction:" + r.i.ID
	release, err := b.takeSlotFor(r, skey, true)
	if err != nil {
		return nil, err
	}
	defer release()
	ctx, cancel := context.WithTimeout(b.workCtx, answerTimeout)
	defer cancel()
	v, err := b.study.get(ctx, key, compute)
	// Let a place-in-line edit in flight land before the result's edit.
	_ = b.sched.Flush(ctx, skey, func(context.Context) error { return nil })
	return v, err
}

// failWork reports why work for r could not run or finish: a full line,
// a restart, a deadline, or err itself.
func (b *Bot) failWork(r *reply, what string, err error) {
	switch {
	case errors.Is(err, errLineFull):
		r.fail(msgLineFull)
	case errors.Is(err, errWaitedTooLong):
		r.fail(msgBusy)
	case errors.Is(err, context.DeadlineExceeded):
		r.fail("That took too long for me to finish. Please try again later.")
	default:
		r.failErr(what, err)
	}
}

// buildQuiz builds the quiz for the deferred interaction r in an answer
// slot (waiting in line, showing its place), within answerTimeout. The slot
// is held for as long as the building really runs, even past the deadline.
func (b *Bot) buildQuiz(r *reply, p *corpus.Paper, count int, topic string, seed uint64) ([]study.Question, error) {
	key := "interaction:" + r.i.ID
	release, err := b.takeSlotFor(r, key, true)
	if err != nil {
		return nil, err
	}
	type built struct {
		qs  []study.Question
		err error
	}
	done := make(chan built, 1)
	go func() {
		defer release()
		qs, err := class.BuildQuiz(p, count, topic, seed)
		done <- built{qs, err}
	}()
	ctx, cancel := context.WithTimeout(b.workCtx, answerTimeout)
	defer cancel()
	select {
	case res := <-done:
		// Let a place-in-line edit in flight land before the quiz's edit.
		_ = b.sched.Flush(ctx, key, func(context.Context) error { return nil })
		return res.qs, res.err
	case <-ctx.Done():
		b.sched.Forget(key)
		return nil, ctx.Err()
	}
}
