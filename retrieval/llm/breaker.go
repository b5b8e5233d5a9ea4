package llm

import (
	"sync"
	"time"
)

// BreakerState is a circuit breaker's state.
type BreakerState int

// The breaker states.
const (
	// Closed: calls go through; consecutive failures are counted.
	Closed BreakerState = iota
	// Open: calls are refused with ErrCircuitOpen until the cool-down ends.
	Open
	// HalfOpen: the cool-down has ended; one trial call is let through.
	HalfOpen
)

func (s BreakerState) String() string {
	switch s {
	case Closed:
		return "closed"
	case Open:
		return "open"
	case HalfOpen:
		return "half-open"
	}
	return "unknown"
}

// BreakerOptions configures a circuit breaker.
type BreakerOptions struct {
	// Failures is how many consecutive failed generations open the breaker;
	// 0 means 5, negative disables the breaker.
	Failures int
	// Cooldown is how long an open breaker refuses calls before letting one
	// trial through; 0 means 30 s.
	Cooldown time.Duration
}

// Breaker is a circuit breaker: after N consecutive failures it refuses
// calls for a cool-down, then lets a single trial call through (half-open);
// the trial's success closes it, its failure opens it again. It is safe for
// concurrent use.
type Breaker struct {
	failures int
	cooldown time.Duration
	now      func() time.Time

	mu       sync.Mutex
	state    BreakerState
	streak   int       // consecutive failures
	openedAt time.Time // when it last opened
	trial    bool      // a half-open trial call is in flight
}

// NewBreaker returns a closed breaker.
func NewBreaker(opt BreakerOptions) *Breaker {
	if opt.Failures == 0 {
		opt.Failures = 5
	}
	if opt.Cooldown <= 0 {
		opt.Cooldown = 30 * time.Second
	}
	return &Breaker{failures: opt.Failures, cooldown: opt.Cooldown, now: time.Now}
}

// Allow reports whether a call may go ahead. A nil error must be followed by
// exactly one Done (or Release) for the call.
func (b *Breaker) Allow() error {
	if b == nil || b.failures < 0 {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.advance()
	switch b.state {
	case Open:
		return ErrCircuitOpen
	case HalfOpen:
		if b.trial {
			return ErrCircuitOpen
		}
		b.trial = true
	}
	return nil
}

// Done records an allowed call's outcome.
func (b *Breaker) Done(ok bool) {
	if b == nil || b.failures < 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	wasTrial := b.state == HalfOpen && b.trial
	b.trial = false
	if ok {
		b.state, b.streak = Closed, 0
		return
	}
	b.streak++
	if wasTrial || b.streak >= b.failures {
		b.state, b.openedAt = Open, b.now()
	}
}

// Release gives back an allowed call that ended with no verdict on the API
// (the caller cancelled it), so a half-open breaker may try again.
func (b *Breaker) Release() {
	if b == nil || b.failures < 0 {
		return
	}
	b.mu.Lock()
	b.trial = false
	b.mu.Unlock()
}

// State returns the current state.
func (b *Breaker) State() BreakerState {
	if b == nil || b.failures < 0 {
		return Closed
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.advance()
	return b.state
}

// advance moves an open breaker whose cool-down has ended to half-open.
func (b *Breaker) advance() {
	if b.state == Open && b.now().Sub(b.openedAt) >= b.cooldown {
		b.state = HalfOpen
	}
}
