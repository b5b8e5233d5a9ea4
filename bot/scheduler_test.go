package bot

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// The scheduler tests run in a testing/synctest bubble: time.Sleep and the
// scheduler's timers use the bubble's fake clock, so pacing is checked
// exactly and the tests take no wall time.

// editLog records the edits a scheduler sends.
type editLog struct {
	mu    sync.Mutex
	edits map[string][]string
	times map[string][]time.Time
}

func newEditLog() *editLog {
	return &editLog{edits: map[string][]string{}, times: map[string][]time.Time{}}
}

func (l *editLog) fn(key, text string, delay time.Duration) func(context.Context) error {
	return func(context.Context) error {
		time.Sleep(delay) // fake time (synctest): the edit's round trip
		l.mu.Lock()
		defer l.mu.Unlock()
		l.edits[key] = append(l.edits[key], text)
		l.times[key] = append(l.times[key], time.Now())
		return nil
	}
}

func (l *editLog) get(key string) ([]string, []time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.edits[key]...), append([]time.Time(nil), l.times[key]...)
}

func runScheduler(t *testing.T, s *Scheduler) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

func TestSchedulerCoalescesAndPaces(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const interval = 100 * time.Millisecond
		s := NewScheduler(interval, 2)
		runScheduler(t, s)
		log := newEditLog()
		for i := 0; i < 50; i++ {
			s.Update("m", log.fn("m", fmt.Sprint(i), 0))
			time.Sleep(8 * time.Millisecond) // fake time (synctest): 50 updates over 400 ms
		}
		if err := s.Flush(context.Background(), "m", log.fn("m", "final", 0)); err != nil {
			t.Fatal(err)
		}
		edits, times := log.get("m")
		if len(edits) < 2 || len(edits) > 7 {
			t.Fatalf("%d edits for 50 updates over 400 ms: %v", len(edits), edits)
		}
		if edits[len(edits)-1] != "final" {
			t.Fatalf("last edit %q, want the final one", edits[len(edits)-1])
		}
		for i := 1; i < len(times)-1; i++ { // the final edit skips pacing
			if gap := times[i].Sub(times[i-1]); gap < interval {
				t.Errorf("edits %d and %d only %v apart", i-1, i, gap)
			}
		}
		// Updates after the final edit are ignored.
		s.Update("m", log.fn("m", "late", 0))
		time.Sleep(2 * interval) // fake time: every timer due by then has fired
		synctest.Wait()
		if edits, _ := log.get("m"); edits[len(edits)-1] == "late" {
			t.Fatalf("an update after Flush was sent")
		}
	})
}

func TestSchedulerFairAcrossMessages(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := NewScheduler(50*time.Millisecond, 2)
		runScheduler(t, s)
		log := newEditLog()
		const streams = 20
		stop := time.Now().Add(400 * time.Millisecond)
		for time.Now().Before(stop) {
			for k := 0; k < streams; k++ {
				key := fmt.Sprint("m", k)
				s.Update(key, log.fn(key, "x", 2*time.Millisecond))
			}
			time.Sleep(5 * time.Millisecond) // fake time (synctest): the streams' pace
		}
		for k := 0; k < streams; k++ {
			if edits, _ := log.get(fmt.Sprint("m", k)); len(edits) < 2 {
				t.Errorf("stream %d got %d edits in 400 ms: starved", k, len(edits))
			}
		}
	})
}

func TestSchedulerFlushWaitsForInflight(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := NewScheduler(10*time.Millisecond, 1)
		runScheduler(t, s)
		log := newEditLog()
		s.Update("m", log.fn("m", "partial", 100*time.Millisecond))
		time.Sleep(20 * time.Millisecond) // fake time: the partial edit is in flight
		if err := s.Flush(context.Background(), "m", log.fn("m", "final", 0)); err != nil {
			t.Fatal(err)
		}
		if edits, _ := log.get("m"); len(edits) != 2 || edits[0] != "partial" || edits[1] != "final" {
			t.Fatalf("edits = %v, want partial then final", edits)
		}
		if s.Pending() != 0 {
			t.Fatalf("%d pending after flush", s.Pending())
		}
	})
}
