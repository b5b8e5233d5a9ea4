package store

import (
	"context"
	"errors"
	"sync"
)

// errClosed is returned when subscribing to a closed store.
var errClosed = errors.New("store is closed")

// feed delivers paper ids to subscribers in this process, each on its own
// goroutine, in order, without ever blocking the publisher.
type feed struct {
	mu     sync.Mutex
	subs   map[*subscriber]struct{}
	closed bool
	done   chan struct{}
	wg     sync.WaitGroup
}

type subscriber struct {
	mu    sync.Mutex
	queue []string
	wake  chan struct{} // capacity 1
	fn    func(string)
}

func newFeed() *feed {
	return &feed{subs: map[*subscriber]struct{}{}, done: make(chan struct{})}
}

// subscribe starts delivering to fn until ctx ends or the feed closes.
func (f *feed) subscribe(ctx context.Context, fn func(string)) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return errClosed
	}
	s := &subscriber{wake: make(chan struct{}, 1), fn: fn}
	f.subs[s] = struct{}{}
	f.wg.Add(1)
	go f.run(ctx, s)
	return nil
}

func (f *feed) run(ctx context.Context, s *subscriber) {
	defer f.wg.Done()
	defer func() {
		f.mu.Lock()
		delete(f.subs, s)
		f.mu.Unlock()
	}()
	for {
		select {
		case <-ctx.Done():
			return
		case <-f.done:
			return
		case <-s.wake:
		}
		s.mu.Lock()
		ids := s.queue
		s.queue = nil
		s.mu.Unlock()
		for _, id := range ids {
			s.fn(id)
		}
	}
}

// publish queues id for every subscriber.
func (f *feed) publish(id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for s := range f.subs {
		s.mu.Lock()
		s.queue = append(s.queue, id)
		s.mu.Unlock()
		select {
		case s.wake <- struct{}{}:
		default:
		}
	}
}

// close stops every subscriber and waits for calls in progress.
func (f *feed) close() {
	f.mu.Lock()
	if !f.closed {
		f.closed = true
		close(f.done)
	}
	f.mu.Unlock()
	f.wg.Wait()
}
