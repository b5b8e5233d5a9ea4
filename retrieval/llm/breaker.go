package llm

import (
	"sync"
	"time"
)

// breakerState is a circuit breaker's state.
type breakerState int

// The breaker states.
const (
	// breakerClosed: calls go through; consecutive failures are counted.
	breakerClosed breakerState = iota
	// breakerOpen: calls are refused with errCircuitOpen until the cool-down ends.
	breakerOpen
	// breakerHalfOpen: the cool-down has ended; one trial call is let through.
	breakerHalfOpen
)

func (s breakerState) String() string {
	switch s {
	case breakerClosed:
		return "closed"
	case breakerOpen:
		return "open"
	case breakerHalfOpen:
		return "half-open"
	}
	return "unknown"
}

// breakerOptions configures a circuit breaker.
type breakerOptions struct {
	// Failures is how many consecutive failed generations open the breaker;
	// 0 means 5, negative disables the breaker.
	Failures int
	// Cooldown is how long an open breaker refuses calls before letting one
	// trial through; 0 means 30 s.
	Cooldown time.Duration
}

// circuitBreaker is a circuit breaker: after N consecutive failures it refuses
// calls for a cool-down, then lets a single trial call through (half-open);
// the trial's success closes it, its failure opens it again. It is safe for
// concurrent use.
type circuitBreaker struct {
	failures int
	cooldown time.Duration
	now      func() time.Time

	mu       sync.Mutex
	state    breakerState
	streak   int       // consecutive failures
	openedAt time.Time // when it last opened
	trial    bool      // a half-open trial call is in flight
}

// newBreaker returns a closed breaker.
func newBreaker(opt breakerOptions) *circuitBreaker {
	if opt.Failures == 0 {
		opt.Failures = 5
	}
	if opt.Cooldown <= 0 {
		opt.Cooldown = 30 * time.Second
	}
	return &circuitBreaker{failures: opt.Failures, cooldown: opt.Cooldown, now: time.Now}
}

// Allow reports whether a call may go ahead. A nil error must be followed by
// exactly one Done (or Release) for the call.
func (b *circuitBreaker) Allow() error {
	if b == nil || b.failures < 0 {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.advance()
	switch b.state {
	case breakerOpen:
		return errCircuitOpen
	case breakerHalfOpen:
		if b.trial {
			return errCircuitOpen
		}
		b.trial = true
	}
	return nil
}

// Done records an allowed call's outcome.
func (b *circuitBreaker) Done(ok bool) {
	if b == nil || b.failures < 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	wasTrial := b.state == breakerHalfOpen && b.trial
	b.trial = false
	if ok {
		b.state, b.streak = breakerClosed, 0
		return
	}
	b.streak++
	if wasTrial || b.streak >= b.failures {
		b.state, b.openedAt = breakerOpen, b.now()
	}
}

// Release gives back an allowed call that ended with no verdict on the API
// (the caller cancelled it), so a half-open breaker may try again.
func (b *circuitBreaker) Release() {
	if b == nil || b.failures < 0 {
		return
	}
	b.mu.Lock()
	b.trial = false
	b.mu.Unlock()
}

// State returns the current state.
func (b *circuitBreaker) State() breakerState {
	if b == nil || b.failures < 0 {
		return breakerClosed
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.advance()
	return b.state
}

// advance moves an open breaker whose cool-down has ended to half-open.
func (b *circuitBreaker) advance() {
	if b.state == breakerOpen && b.now().Sub(b.openedAt) >= b.cooldown {
		b.state = breakerHalfOpen
	}
}
