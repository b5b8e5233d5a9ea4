package ops

import (
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

// Status is a snapshot of the process's health, as /healthz serves it.
type Status struct {
	Healthy          bool   `json:"healthy"`
	Discord          bool   `json:"discord"`
	GatewayConnected bool   `json:"gateway_connected"`
	IndexLoaded      bool   `json:"index_loaded"`
	Reason           string `json:"reason,omitempty"`
	// HeartbeatAckAgeSeconds is the age of the last heartbeat ACK, or null
	// when none has arrived yet.
	HeartbeatAckAgeSeconds *float64 `json:"last_heartbeat_ack_age_seconds"`
}

// Status returns the current health. Healthy means the index is loaded
// and, in Discord mode, the gateway is connected and has ACKed a heartbeat
// within the stale limit (when it has ACKed any).
func (h *Health) Status() Status {
	if h == nil {
		return Status{Reason: "no health state"}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	s := Status{Discord: h.discord, GatewayConnected: h.gateway, IndexLoaded: h.index}
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
	case h.discord && !h.gateway:
		s.Reason = "gateway not connected"
	case h.discord && h.staleAfter > 0 && !h.lastAck.IsZero() && age > h.staleAfter:
		s.Reason = "no heartbeat ACK for " + age.Round(time.Second).String()
	default:
		s.Healthy = true
	}
	return s
}

// ServeHTTP serves the status as JSON: 200 when healthy, 503 otherwise.
func (h *Health) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := h.Status()
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
