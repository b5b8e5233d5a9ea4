package ops

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 200 {
		t.Fatalf("metrics status %d", rec.Code)
	}
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

func TestMetricsRecorded(t *testing.T) {
	m := NewMetrics()
	m.ObserveAnswer(SourceSlash, 120*time.Millisecond, false)
	m.ObserveAnswer(SourceSlash, 2*time.Second, true)
	m.ObserveAnswer(SourceMention, 50*time.Millisecond, false)
	m.ObserveAnswer("carrier pigeon", time.Millisecond, false)
	m.AddTokens(1200, 300)
	m.AddTokens(-5, 0)
	m.Error("model_timeout")
	m.Error("Model Timeout!")
	m.Error("")
	m.RateLimited()
	m.RateLimited()
	m.Reconnect()
	out := scrape(t, m)
	for _, want := range []string{
		`paperbot_questions_total{source="slash"} 2`,
		`paperbot_questions_total{source="mention"} 1`,
		`paperbot_questions_total{source="terminal"} 0`,
		`paperbot_questions_total{source="other"} 1`,
		`paperbot_abstentions_total{source="slash"} 1`,
		`paperbot_answer_seconds_bucket{source="slash",le="0.25"} 1`,
		`paperbot_answer_seconds_bucket{source="slash",le="2"} 2`,
		`paperbot_answer_seconds_count{source="slash"} 2`,
		`paperbot_model_tokens_total{kind="prompt"} 1200`,
		`paperbot_model_tokens_total{kind="completion"} 300`,
		`paperbot_errors_total{kind="model_timeout"} 1`,
		`paperbot_errors_total{kind="model_timeout_"} 1`,
		`paperbot_errors_total{kind="unknown"} 1`,
		`paperbot_rate_limit_hits_total 2`,
		`paperbot_gateway_reconnects_total 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestNilMetricsIsNoOp(t *testing.T) {
	var m *Metrics
	m.ObserveAnswer(SourceTerminal, time.Second, true)
	m.AddTokens(1, 2)
	m.Error("x")
	m.RateLimited()
	m.Reconnect()
	if m.Registry() != nil {
		t.Error("nil metrics has a registry")
	}
	if out := scrape(t, m); strings.Contains(out, "paperbot_") {
		t.Errorf("nil metrics served series: %s", out)
	}
}

func TestKindLabelBounded(t *testing.T) {
	if got := kindLabel(strings.Repeat("x", 500)); len(got) > 32 {
		t.Errorf("label length %d", len(got))
	}
}

func TestMetricsConcurrent(t *testing.T) {
	m := NewMetrics()
	done := make(chan struct{})
	for range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			for range 200 {
				m.ObserveAnswer(SourceSlash, time.Millisecond, false)
				m.AddTokens(1, 1)
			}
		}()
	}
	for range 8 {
		<-done
	}
	if out := scrape(t, m); !strings.Contains(out, `paperbot_questions_total{source="slash"} 1600`) {
		t.Error("lost increments under concurrency")
	}
}
