package llm

import (
	"errors"
	"testing"
	"time"
)

// fakeClock is a settable clock for the breaker.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func newTestBreaker(failures int, cooldown time.Duration) (*circuitBreaker, *fakeClock) {
	clk := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	b := newBreaker(breakerOptions{Failures: failures, Cooldown: cooldown})
	b.now = clk.now
	return b, clk
}

func TestBreakerOpensAfterConsecutiveFailures(t *testing.T) {
	b, _ := newTestBreaker(3, time.Minute)
	for i := range 2 {
		if err := b.Allow(); err != nil {
			t.Fatalf("call %d refused: %v", i, err)
		}
		b.Done(false)
	}
	if b.Allow() != nil {
		t.Fatal("refused before the threshold")
	}
	b.Done(true) // a success resets the streak
	for range 2 {
		_ = b.Allow()
		b.Done(false)
	}
	if b.State() != breakerClosed {
		t.Fatalf("state = %v after a reset streak of 2, want closed", b.State())
	}
	_ = b.Allow()
	b.Done(false)
	if b.State() != breakerOpen {
		t.Fatalf("state = %v, want open", b.State())
	}
	if err := b.Allow(); !errors.Is(err, errCircuitOpen) {
		t.Fatalf("Allow = %v, want errCircuitOpen", err)
	}
}

func TestBreakerHalfOpenLetsOneTrialThrough(t *testing.T) {
	b, clk := newTestBreaker(1, time.Minute)
	_ = b.Allow()
	b.Done(false)
	clk.t = clk.t.Add(59 * time.Second)
	if b.State() != breakerOpen {
		t.Fatalf("state = %v before the cool-down ends", b.State())
	}
	clk.t = clk.t.Add(time.Second)
	if b.State() != breakerHalfOpen {
		t.Fatalf("state = %v after the cool-down, want half-open", b.State())
	}
	if err := b.Allow(); err != nil {
		t.Fatalf("trial refused: %v", err)
	}
	if err := b.Allow(); !errors.Is(err, errCircuitOpen) {
		t.Fatalf("second concurrent trial allowed: %v", err)
	}
	b.Done(false) // the trial failed: open again for a full cool-down
	if b.State() != breakerOpen {
		t.Fatalf("state = %v after a failed trial, want open", b.State())
	}
	clk.t = clk.t.Add(time.Minute)
	_ = b.Allow()
	b.Done(true)
	if b.State() != breakerClosed {
		t.Fatalf("state = %v after a good trial, want closed", b.State())
	}
}

func TestBreakerReleaseFreesTheTrial(t *testing.T) {
	b, clk := newTestBreaker(1, time.Second)
	_ = b.Allow()
	b.Done(false)
	clk.t = clk.t.Add(time.Second)
	_ = b.Allow()
	b.Release() // the caller cancelled the trial
	if err := b.Allow(); err != nil {
		t.Fatalf("a new trial should be allowed after Release: %v", err)
	}
}

func TestBreakerDisabledAndNil(t *testing.T) {
	b := newBreaker(breakerOptions{Failures: -1})
	for range 10 {
		if err := b.Allow(); err != nil {
			t.Fatal(err)
		}
		b.Done(false)
	}
	var nb *circuitBreaker
	if nb.Allow() != nil || nb.State() != breakerClosed {
		t.Fatal("nil breaker must allow")
	}
	nb.Done(false)
	nb.Release()
	if breakerClosed.String() != "closed" || breakerOpen.String() != "open" || breakerHalfOpen.String() != "half-open" {
		t.Error("state names")
	}
}
