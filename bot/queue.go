package bot

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// tokenLife is how long Discord accepts edits of an interaction's response.
const tokenLife = 15 * time.Minute

// askQueueWait is how long a deferred /ask may wait in line: the token's
// life minus the time its answer may take and a minute of margin for the
// final edit or an error report.
const askQueueWait = tokenLife - answerTimeout - time.Minute

// DefaultMaxQueue is how many /ask may wait in line for an answer slot.
const DefaultMaxQueue = 500

// errLineFull is returned by slotQueue.wait when the waiting line is at
// its configured length; errWaitedTooLong when the wait ran out.
var (
	errLineFull      = errors.New("bot: answer queue full")
	errWaitedTooLong = errors.New("bot: waited too long for an answer slot")
)

// slotQueue is the answer slots with a first-come, first-served line of
// requests waiting for one. A request in line learns its place each time
// the line moves.
type slotQueue struct {
	mu      sync.Mutex
	free    int
	line    []*waiter
	maxLine int // requests that may wait; beyond it wait refuses
}

type waiter struct {
	granted bool
	moved   chan struct{} // poked when the line moves or a slot is granted
}

func newSlotQueue(slots, maxLine int) *slotQueue {
	return &slotQueue{free: max(1, slots), maxLine: max(0, maxLine)}
}

// wait takes a slot, waiting in line up to d. place, when not nil, is
// called with the 1-based place in line when the request joins it and each
// time that place changes (in the caller's goroutine). The returned
// release must be called once.
func (q *slotQueue) wait(ctx context.Context, d time.Duration, place func(int)) (release func(), err error) {
	q.mu.Lock()
	if q.free > 0 && len(q.line) == 0 {
		q.free--
		q.mu.Unlock()
		return q.release, nil
	}
	if len(q.line) >= q.maxLine {
		q.mu.Unlock()
		return nil, errLineFull
	}
	w := &waiter{moved: make(chan struct{}, 1)}
	q.line = append(q.line, w)
	pos := len(q.line)
	q.mu.Unlock()
	if place != nil {
		place(pos)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		select {
		case <-w.moved:
			q.mu.Lock()
			granted, p := w.granted, q.placeLocked(w)
			q.mu.Unlock()
			if granted {
				return q.release, nil
			}
			if p != pos && place != nil {
				pos = p
				place(p)
			}
		case <-t.C:
			if q.leave(w) {
				return q.release, nil
			}
			return nil, errWaitedTooLong
		case <-ctx.Done():
			if q.leave(w) {
				return q.release, nil
			}
			return nil, ctx.Err()
		}
	}
}

// placeLocked is w's 1-based place in line, 0 once it left.
func (q *slotQueue) placeLocked(w *waiter) int {
	for i, x := range q.line {
		if x == w {
			return i + 1
		}
	}
	return 0
}

// leave takes w out of line; it reports true when w was granted a slot
// meanwhile (the caller then owns it).
func (q *slotQueue) leave(w *waiter) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if w.granted {
		return true
	}
	if i := q.placeLocked(w) - 1; i >= 0 {
		q.line = append(q.line[:i], q.line[i+1:]...)
		q.pokeFromLocked(i)
	}
	return false
}

// release hands the slot to the first in line, or frees it.
func (q *slotQueue) release() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.line) == 0 {
		q.free++
		return
	}
	w := q.line[0]
	q.line = q.line[1:]
	w.granted = true
	poke(w.moved)
	q.pokeFromLocked(0)
}

// pokeFromLocked tells every waiter from index i on that it moved.
func (q *slotQueue) pokeFromLocked(i int) {
	for _, x := range q.line[i:] {
		poke(x.moved)
	}
}

// waiting is the number of requests in line.
func (q *slotQueue) waiting() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.line)
}

func poke(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// placeText is what a request waiting in line shows: "You're 12th in line…".
func placeText(place int) string {
	if place == 1 {
		return "You're next in line… I'll answer as soon as I finish the question before yours."
	}
	return fmt.Sprintf("You're %s in line… I'll answer as soon as it's your turn.", ordinal(place))
}

// ordinal writes n as 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, ...
func ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// msgLineFull is the reply when even the waiting line is full.
const msgLineFull = "So many questions are waiting that I can't take yours right now. Please try again in a few minutes."

// offline reports whether the engine answers without a language model
// (an *answer.Engine without a Generator): such answers take microseconds
// and need no answer slot.
func (b *Bot) offline() bool { return b.opt.Engine.Offline() }

// takeSlot takes an answer slot for the deferred interaction r, waiting in
// line while every slot is busy and showing its place by editing message
// key's "thinking…" response as the line moves. It waits as long as the
// interaction token leaves time to answer, and refuses only when the line
// is full. An offline engine needs no slot.
func (b *Bot) takeSlot(r *reply, key string) (release func(), err error) {
	return b.takeSlotFor(r, key, !b.offline())
}

// takeSlotFor is takeSlot for work that needs a slot or not.
func (b *Bot) takeSlotFor(r *reply, key string, need bool) (release func(), err error) {
	if !need {
		return func() {}, nil
	}
	shown := false
	release, err = b.gate.slots.wait(b.workCtx, askQueueWait, func(place int) {
		shown = true
		text := placeText(place)
		b.sched.Update(key, func(ctx context.Context) error {
			err := r.edit(ctx, text, nil, nil)
			if err != nil {
				b.log.Warn("queue place edit", "err", redactErr(err))
			}
			return err
		})
	})
	if err != nil {
		b.sched.Forget(key)
		return nil, err
	}
	if shown {
		b.sched.Update(key, func(ctx context.Context) error {
			return r.edit(ctx, msgYourTurn, nil, nil)
		})
	}
	return release, nil
}

// msgYourTurn replaces the place in line once the answer is being written.
const msgYourTurn = "It's your turn: writing your answer…"
