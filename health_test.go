package main

import (
	"bytes"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"paperbot/internal/ops"
)

func probe(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runHealth(args, &out, &errb, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

func opsServer(t *testing.T, h *ops.Health) string {
	t.Helper()
	srv := httptest.NewServer(ops.Handler(ops.NewMetrics(), h))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

func TestHealthProbeHealthy(t *testing.T) {
	h := ops.NewHealth(true)
	h.SetIndexLoaded(true)
	h.SetGateway(true)
	h.HeartbeatAck(time.Now())
	code, out, errs := probe(t, map[string]string{"OPS_ADDR": opsServer(t, h)})
	if code != 0 || !strings.Contains(out, `"healthy":true`) || errs != "" {
		t.Errorf("code %d, stdout %q, stderr %q", code, out, errs)
	}
}

func TestHealthProbeUnhealthy(t *testing.T) {
	h := ops.NewHealth(true)
	h.SetIndexLoaded(true) // gateway down
	code, _, errs := probe(t, map[string]string{"OPS_ADDR": opsServer(t, h)})
	if code != 1 || !strings.Contains(errs, "gateway not connected") {
		t.Errorf("code %d, stderr %q", code, errs)
	}
}

func TestHealthProbeWildcardAddrUsesLoopback(t *testing.T) {
	h := ops.NewHealth(false)
	h.SetIndexLoaded(true)
	_, port, _ := net.SplitHostPort(opsServer(t, h))
	if code, _, errs := probe(t, nil, "--addr", "0.0.0.0:"+port); code != 0 {
		t.Errorf("code %d: %s", code, errs)
	}
	if code, _, errs := probe(t, nil, "--addr", ":"+port); code != 0 {
		t.Errorf("code %d: %s", code, errs)
	}
}

func TestHealthProbeFailures(t *testing.T) {
	// A port with nothing listening: open one, then close it.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()

	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer hang.Close()

	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"ops off", nil, nil, 1, "OPS_ADDR is empty"},
		{"bad addr", map[string]string{"OPS_ADDR": "localhost"}, nil, 1, "not HOST:PORT"},
		{"nothing listening", map[string]string{"OPS_ADDR": closed}, nil, 1, "cannot reach"},
		{"too slow", nil, []string{"--addr", strings.TrimPrefix(hang.URL, "http://"), "--timeout", "200ms"}, 1, "cannot reach"},
		{"bad flag", nil, []string{"--bogus"}, 2, "flag provided but not defined"},
		{"extra argument", map[string]string{"OPS_ADDR": closed}, []string{"now"}, 2, "unexpected argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			code, _, errs := probe(t, tt.env, tt.args...)
			if code != tt.wantCode || !strings.Contains(errs, tt.wantErr) {
				t.Errorf("code %d, stderr %q; want %d and %q", code, errs, tt.wantCode, tt.wantErr)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}
