package ops

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return rec.Code, rec.Body.String()
}

func TestHealthzStates(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		discord    bool
		gateway    bool
		index      bool
		ackAgo     time.Duration // 0: no ACK yet
		wantCode   int
		wantReason string
	}{
		{"terminal with index", false, false, true, 0, 200, ""},
		{"terminal without index", false, false, false, 0, 503, "index not loaded"},
		{"discord connected", true, true, true, 10 * time.Second, 200, ""},
		{"discord connected before first ACK", true, true, true, 0, 200, ""},
		{"discord disconnected", true, false, true, 10 * time.Second, 503, "gateway not connected"},
		{"discord no index", true, true, false, time.Second, 503, "index not loaded"},
		{"discord zombie", true, true, true, 10 * time.Minute, 503, "no heartbeat ACK for 10m0s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := NewHealth(tt.discord)
			h.now = func() time.Time { return now }
			h.SetGateway(tt.gateway)
			h.SetIndexLoaded(tt.index)
			if tt.ackAgo > 0 {
				h.HeartbeatAck(now.Add(-tt.ackAgo))
			}
			code, body := get(t, Handler(nil, h), "/healthz")
			if code != tt.wantCode {
				t.Errorf("code %d, want %d (%s)", code, tt.wantCode, body)
			}
			var s Status
			if err := json.Unmarshal([]byte(body), &s); err != nil {
				t.Fatalf("bad JSON %q: %v", body, err)
			}
			if s.Reason != tt.wantReason || s.Healthy != (tt.wantCode == 200) {
				t.Errorf("status %+v, want reason %q", s, tt.wantReason)
			}
			if tt.ackAgo > 0 && (s.HeartbeatAckAgeSeconds == nil || *s.HeartbeatAckAgeSeconds != tt.ackAgo.Seconds()) {
				t.Errorf("ack age %v, want %v", s.HeartbeatAckAgeSeconds, tt.ackAgo.Seconds())
			}
			if tt.ackAgo == 0 && !strings.Contains(body, `"last_heartbeat_ack_age_seconds":null`) {
				t.Errorf("no ACK yet should be null: %s", body)
			}
		})
	}
}

func TestHeartbeatAckKeepsLatest(t *testing.T) {
	now := time.Now()
	h := NewHealth(true)
	h.now = func() time.Time { return now }
	h.HeartbeatAck(now.Add(-time.Second))
	h.HeartbeatAck(now.Add(-time.Hour)) // a late, older report must not win
	if s := h.Status(); *s.HeartbeatAckAgeSeconds != 1 {
		t.Errorf("age %v, want 1", *s.HeartbeatAckAgeSeconds)
	}
}

func TestNilHealth(t *testing.T) {
	var h *Health
	h.SetGateway(true)
	h.SetIndexLoaded(true)
	h.HeartbeatAck(time.Now())
	if code, _ := get(t, Handler(nil, h), "/healthz"); code != 503 {
		t.Errorf("nil health code %d, want 503", code)
	}
}

func TestHealthConcurrent(t *testing.T) {
	h := NewHealth(true)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for j := range 100 {
				h.SetGateway(j%2 == 0)
				h.HeartbeatAck(time.Now())
				h.SetIndexLoaded(i%2 == 0)
				_ = h.Status()
			}
		})
	}
	wg.Wait()
}

func TestHandlerRoutes(t *testing.T) {
	m := NewMetrics()
	m.Reconnect()
	h := NewHealth(false)
	h.SetIndexLoaded(true)
	handler := Handler(m, h)
	if code, body := get(t, handler, "/metrics"); code != 200 || !strings.Contains(body, "paperbot_gateway_reconnects_total 1") {
		t.Errorf("/metrics: %d %.200s", code, body)
	}
	if code, _ := get(t, handler, "/"); code != 200 {
		t.Errorf("/: %d", code)
	}
	if code, _ := get(t, handler, "/nope"); code != 404 {
		t.Errorf("/nope: %d, want 404", code)
	}
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequest("POST", "/healthz", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /healthz: %d, want 405", rec.Code)
	}
}

func TestServeAndShutdown(t *testing.T) {
	h := NewHealth(false)
	h.SetIndexLoaded(true)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ServeListener(ctx, ln, Handler(NewMetrics(), h)) }()

	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"healthy":true`) {
		t.Errorf("healthz %d %s", resp.StatusCode, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("shutdown error: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("server did not stop")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
		t.Error("server still answering after shutdown")
	}
}

func TestServeErrors(t *testing.T) {
	if err := Serve(context.Background(), "", nil); err == nil || !strings.Contains(err.Error(), "OPS_ADDR") {
		t.Errorf("empty addr: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	err = Serve(context.Background(), ln.Addr().String(), nil) // port taken
	if err == nil || !strings.Contains(err.Error(), "listen on") {
		t.Errorf("busy port: %v", err)
	}
	var opErr *net.OpError
	if !errors.As(err, &opErr) {
		t.Errorf("error does not wrap the listen error: %v", err)
	}
}
