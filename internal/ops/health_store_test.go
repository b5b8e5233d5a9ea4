package ops

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// TestHealthzStoreDown: with a state database to check, /healthz is 200
// with store_ok true while it answers, and 503 "state database
// unreachable" (never the error's own text, which may name the host)
// while it does not; it recovers with the database.
func TestHealthzStoreDown(t *testing.T) {
	h := NewHealth(false)
	h.SetIndexLoaded(true)
	var down atomic.Bool
	h.SetStoreCheck(func(context.Context) error {
		if down.Load() {
			return errors.New("dial tcp db.internal:5432: connection refused")
		}
		return nil
	})
	check := func(wantCode int, wantOK bool, wantReason string) {
		t.Helper()
		code, body := get(t, Handler(nil, h), "/healthz")
		var s Status
		if err := json.Unmarshal([]byte(body), &s); err != nil {
			t.Fatalf("bad JSON %q: %v", body, err)
		}
		if code != wantCode || s.StoreOK == nil || *s.StoreOK != wantOK || s.Reason != wantReason {
			t.Errorf("code %d, body %s; want %d, store_ok %v, reason %q", code, body, wantCode, wantOK, wantReason)
		}
		if strings.Contains(body, "db.internal") {
			t.Errorf("the database error leaked into /healthz: %s", body)
		}
	}
	check(200, true, "")
	down.Store(true)
	check(503, false, "state database unreachable")
	down.Store(false)
	check(200, true, "")

	// Without a store to check, store_ok is absent.
	h2 := NewHealth(false)
	h2.SetIndexLoaded(true)
	if _, body := get(t, Handler(nil, h2), "/healthz"); strings.Contains(body, "store_ok") {
		t.Errorf("no store, yet %s", body)
	}
}

// TestHealthStoreCheckBounded: a database that hangs makes the report
// unhealthy after StoreCheckTimeout, not never; reports arriving while a
// check runs share it (one query in flight).
func TestHealthStoreCheckBounded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := NewHealth(false)
		h.SetIndexLoaded(true)
		var calls atomic.Int32
		h.SetStoreCheck(func(ctx context.Context) error {
			calls.Add(1)
			<-ctx.Done() // a database that never answers
			return ctx.Err()
		})
		var wg sync.WaitGroup
		var unhealthy atomic.Int32
		start := time.Now()
		for range 5 {
			wg.Go(func() {
				if s := h.Status(); !s.Healthy && s.Reason == "state database unreachable" {
					unhealthy.Add(1)
				}
			})
		}
		wg.Wait()
		if took := time.Since(start); took != StoreCheckTimeout {
			t.Errorf("reports took %v, want %v", took, StoreCheckTimeout)
		}
		if calls.Load() != 1 || unhealthy.Load() != 5 {
			t.Errorf("%d checks for 5 concurrent reports, %d unhealthy", calls.Load(), unhealthy.Load())
		}
	})
}
