package llm

import (
	"net/http"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		header http.Header
		want   time.Duration
	}{
		{"none", http.Header{}, 0},
		{"seconds", http.Header{"Retry-After": {"2"}}, 2 * time.Second},
		{"fractional", http.Header{"Retry-After": {"0.5"}}, 500 * time.Millisecond},
		{"milliseconds header wins", http.Header{"Retry-After-Ms": {"150"}, "Retry-After": {"9"}}, 150 * time.Millisecond},
		{"http date", http.Header{"Retry-After": {now.Add(3 * time.Second).Format(http.TimeFormat)}}, 3 * time.Second},
		{"past date", http.Header{"Retry-After": {now.Add(-time.Hour).Format(http.TimeFormat)}}, 0},
		{"negative", http.Header{"Retry-After": {"-4"}}, 0},
		{"garbage", http.Header{"Retry-After": {"soon"}}, 0},
	} {
		if got := parseRetryAfter(tc.header, now); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestBackoff(t *testing.T) {
	base := 100 * time.Millisecond
	if got := backoff(0, base, 3*time.Second); got != 3*time.Second {
		t.Errorf("Retry-After must win: %v", got)
	}
	for attempt, mid := range []time.Duration{100, 200, 400, 800, 1600, 1600} {
		mid *= time.Millisecond
		got := backoff(attempt, base, 0)
		if got < mid*8/10 || got > mid*12/10 {
			t.Errorf("attempt %d: %v, want %v ± 20%%", attempt, got, mid)
		}
	}
}
