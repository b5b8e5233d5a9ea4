package bot

import (
	"context"
	"sync"
	"time"
)

// editTimeout bounds one scheduled edit.
const editTimeout = 10 * time.Second

// Scheduler paces the edits of messages that are updated as an answer
// streams in. It is shared by every stream: per message, only the latest
// pending edit is kept (older ones are dropped, latest text wins), a
// message is edited at most once per interval, and messages take turns in
// the order their edits became pending, so twenty streams at once all
// progress. A small pool of workers sends the edits. Final edits go
// through Flush, which skips the pacing.
type Scheduler struct {
	interval time.Duration
	workers  int
	now      func() time.Time
	wake     chan struct{}

	mu     sync.Mutex
	items  map[string]*schedItem
	queue  []string             // keys with a pending edit, oldest first
	closed map[string]time.Time // keys already flushed or forgotten: later updates are dropped
}

// closedTTL is how long a flushed key keeps refusing updates: the life of
// an interaction token.
const closedTTL = 15 * time.Minute

type schedItem struct {
	pending  func(context.Context) error
	queued   bool
	inflight bool
	flushing bool
	lastSent time.Time
	idle     chan struct{} // closed when an in-flight edit ends, for Flush
}

// NewScheduler makes a scheduler editing each message at most once per
// interval, with the given number of workers (at least 1).
func NewScheduler(interval time.Duration, workers int) *Scheduler {
	return &Scheduler{interval: interval, workers: max(1, workers), now: time.Now,
		wake: make(chan struct{}, 1), items: map[string]*schedItem{}, closed: map[string]time.Time{}}
}

// Update sets the next edit of message key to fn, replacing any edit of key
// still waiting. It never blocks. Updates after Flush(key) has begun are
// ignored, and so are updates after Forget(key).
func (s *Scheduler) Update(key string, fn func(context.Context) error) {
	s.mu.Lock()
	if _, done := s.closed[key]; done {
		s.mu.Unlock()
		return
	}
	it := s.items[key]
	if it == nil {
		it = &schedItem{}
		s.items[key] = it
	}
	if it.flushing {
		s.mu.Unlock()
		return
	}
	it.pending = fn
	if !it.queued {
		it.queued = true
		s.queue = append(s.queue, key)
	}
	s.mu.Unlock()
	s.poke()
}

// Flush drops any waiting edit of key, waits for an edit of key in flight
// to finish, then runs fn at once in the caller's goroutine and forgets
// key. Use it for the final edit of a message.
func (s *Scheduler) Flush(ctx context.Context, key string, fn func(context.Context) error) error {
	s.mu.Lock()
	it := s.items[key]
	if it != nil {
		it.flushing = true
		it.pending = nil
		s.unqueueLocked(key)
		for it.inflight {
			if it.idle == nil {
				it.idle = make(chan struct{})
			}
			idle := it.idle
			s.mu.Unlock()
			select {
			case <-idle:
			case <-ctx.Done():
				s.forget(key)
				return ctx.Err()
			}
			s.mu.Lock()
		}
	}
	s.mu.Unlock()
	err := fn(ctx)
	s.forget(key)
	return err
}

// Pending is the number of messages with an edit waiting.
func (s *Scheduler) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue)
}

// Forget drops key's waiting edit and its pacing state (for a stream that
// ends without a final edit). An edit already in flight still completes.
func (s *Scheduler) Forget(key string) { s.forget(key) }

func (s *Scheduler) forget(key string) {
	s.mu.Lock()
	if it := s.items[key]; it != nil && !it.inflight {
		delete(s.items, key)
	}
	now := s.now()
	s.closed[key] = now
	if len(s.closed) > 4096 {
		for k, t := range s.closed {
			if now.Sub(t) > closedTTL {
				delete(s.closed, k)
			}
		}
	}
	s.unqueueLocked(key)
	s.mu.Unlock()
}

func (s *Scheduler) unqueueLocked(key string) {
	for i, k := range s.queue {
		if k == key {
			s.queue = append(s.queue[:i], s.queue[i+1:]...)
			break
		}
	}
	if it := s.items[key]; it != nil {
		it.queued = false
	}
}

func (s *Scheduler) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

type schedJob struct {
	key string
	fn  func(context.Context) error
}

// Run dispatches edits until ctx is cancelled.
func (s *Scheduler) Run(ctx context.Context) {
	jobs := make(chan schedJob)
	var wg sync.WaitGroup
	for range s.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				ectx, cancel := context.WithTimeout(ctx, editTimeout)
				_ = j.fn(ectx) // the edit function logs its own failures
				cancel()
				s.done(j.key)
			}
		}()
	}
	defer func() { close(jobs); wg.Wait() }()
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		job, wait := s.next()
		if job != nil {
			select {
			case jobs <- *job:
				continue
			case <-ctx.Done():
				s.done(job.key)
				return
			}
		}
		if wait <= 0 {
			wait = time.Hour
		}
		timer.Reset(wait)
		select {
		case <-s.wake:
		case <-timer.C:
		case <-ctx.Done():
			return
		}
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
	}
}

// next picks the oldest pending edit whose message may be edited now, or
// says how long until one may.
func (s *Scheduler) next() (*schedJob, time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	var wait time.Duration
	for i, key := range s.queue {
		it := s.items[key]
		if it == nil || it.inflight || it.pending == nil {
			continue
		}
		if d := it.lastSent.Add(s.interval).Sub(now); d > 0 {
			if wait == 0 || d < wait {
				wait = d
			}
			continue
		}
		s.queue = append(s.queue[:i], s.queue[i+1:]...)
		j := &schedJob{key: key, fn: it.pending}
		it.pending, it.queued, it.inflight, it.lastSent = nil, false, true, now
		return j, 0
	}
	return nil, wait
}

// done marks key's edit finished and wakes a Flush waiting on it.
func (s *Scheduler) done(key string) {
	s.mu.Lock()
	if it := s.items[key]; it != nil {
		// Pace from the edit's completion, not its start: an edit slowed in
		// transit must not let the next one reach Discord right behind it.
		it.inflight, it.lastSent = false, s.now()
		if it.idle != nil {
			close(it.idle)
			it.idle = nil
		}
	}
	s.mu.Unlock()
	s.poke()
}
