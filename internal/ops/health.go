package ops

import (
	"context"
	"encoding/json"
	"math"
	"net/http"
	"sync"
	"time"
)

// DefaultStaleAfter is how long a connected gateway may go without a
// heartbeat ACK before /healthz calls it a zombie connection. Discord asks
// for a heartbeat about every 41 s.
const DefaultStaleAfter = 3 * time.Minute

// Health is the process's live state for /healthz. It is safe for
// concurrent use; a nil *Health ignores updates and reports unhealthy.
type Health struct {
	mu         sync.Mutex
	discord    bool
	gateway    bool
	lastAck    time.Time
	index      bool
	staleAfter time.Duration
	now        func() time.Time
	store      *probe // nil: no state database to check
}

// NewHealth returns a Health. In Discord mode the gateway must be
// connected (and ACKing heartbeats) for the process to be healthy; outside
// it only the index matters.
func NewHealth(discord bool) *Health {
	return &Health{discord: discord, staleAfter: DefaultStaleAfter, now: time.Now}
}

// SetGateway records whether the Discord gateway is connected.
func (h *Health) SetGateway(connected bool) {
	if h == nil {
		return
	}
	h.mu.Lock()
	h.gateway = connected
	h.mu.Unlock()
}

// HeartbeatAck records the time of the latest gateway heartbeat ACK.
func (h *Health) HeartbeatAck(t time.Time) {
	if h == nil {
		return
	}
	h.mu.Lock()
	if t.After(h.lastAck) {
		h.lastAck = t
	}
	h.mu.Unlock()
}

// SetIndexLoaded records whether the search index is loaded.
func (h *Health) SetIndexLoaded(loaded bool) {
	if h == nil {
		return
	}
	h.mu.Lock()
	h.index = loaded
	h.mu.Unlock()
}

// SetStoreCheck makes every health report check the state database with
// check (bounded by StoreCheckTimeout): a database that cannot be reached
// makes the process unhealthy, with store_ok false. Concurrent reports
// share one check in flight, so probes cannot pile queries onto a slow
// database.
func (h *Health) SetStoreCheck(check func(context.Context) error) {
	if h == nil {
		return
	}
	h.mu.Lock()
	h.store = &probe{check: check}
	h.mu.Unlock()
}

// StoreCheckTimeout bounds one check of the state database, inside the
// health probe's own 3-second timeout.
const StoreCheckTimeout = 2 * time.Second

// Status is a snapshot of the process's health, as /healthz serves it.
type Status struct {
	Healthy          bool `json:"healthy"`
	Discord          bool `json:"discord"`
	GatewayConnected bool `json:"gateway_connected"`
	IndexLoaded      bool `json:"index_loaded"`
	// StoreOK is whether the state database answered; absent when the
	// process has none to check.
	StoreOK *bool  `json:"store_ok,omitempty"`
	Reason  string `json:"reason,omitempty"`
	// HeartbeatAckAgeSeconds is the age of the last heartbeat ACK, or null
	// when none has arrived yet.
	HeartbeatAckAgeSeconds *float64 `json:"last_heartbeat_ack_age_seconds"`
}

// Status returns the current health. Healthy means the index is loaded,
// the state database (when there is one to check) answers, and, in Discord
// mode, the gateway is connected and has ACKed a heartbeat within the
// stale limit (when it has ACKed any).
func (h *Health) Status() Status { return h.StatusContext(context.Background()) }

// StatusContext is Status with ctx bounding the state database check.
func (h *Health) StatusContext(ctx context.Context) Status {
	if h == nil {
		return Status{Reason: "no health state"}
	}
	h.mu.Lock()
	store := h.store
	h.mu.Unlock()
	var storeErr error
	if store != nil {
		storeErr = store.run(ctx)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	s := Status{Discord: h.discord, GatewayConnected: h.gateway, IndexLoaded: h.index}
	if store != nil {
		ok := storeErr == nil
		s.StoreOK = &ok
	}
	var age time.Duration
	if !h.lastAck.IsZero() {
		now := time.Now
		if h.now != nil {
			now = h.now
		}
		age = max(now().Sub(h.lastAck), 0)
		secs := math.Round(age.Seconds()*1000) / 1000
		s.HeartbeatAckAgeSeconds = &secs
	}
	switch {
	case !h.index:
		s.Reason = "index not loaded"
	case store != nil && storeErr != nil:
		// The error's text stays in the logs: it may name the database host.
		s.Reason = "state database unreachable"
	case h.discord && !h.gateway:
		s.Reason = "gateway not connected"
	case h.discord && h.staleAfter > 0 && !h.lastAck.IsZero() && age > h.staleAfter:
		s.Reason = "no heartbeat ACK for " + age.Round(time.Second).String()
	default:
		s.Healthy = true
	}
	return s
}

// probe runs a check with at most one call in flight: callers arriving
// while it runs wait for that call's result.
type probe struct {
	check func(context.Context) error

	mu      sync.Mutex
	running chan struct{} // closed when the call in flight ends
	err     error         // its result, valid once running is closed
}

func (p *probe) run(ctx context.Context) error {
	p.mu.Lock()
	done := p.running
	if done == nil {
		done = make(chan struct{})
		p.running = done
		go func() {
			cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), StoreCheckTimeout)
			err := p.check(cctx)
			cancel()
			p.mu.Lock()
			p.err, p.running = err, nil
			p.mu.Unlock()
			close(done)
		}()
	}
	p.mu.Unlock()
	select {
	case <-done:
		p.mu.Lock()
		defer p.mu.Unlock()
		return p.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ServeHTTP serves the status as JSON: 200 when healthy, 503 otherwise.
func (h *Health) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := h.StatusContext(r.Context())
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if !s.Healthy {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	if r.Method == http.MethodHead {
		return
	}
	_ = json.NewEncoder(w).Encode(s)
}
