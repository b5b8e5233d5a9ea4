package llm

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// attemptInfo collects what go-openai does not expose about one HTTP
// attempt: the Retry-After hint of an error response.
type attemptInfo struct {
	mu         sync.Mutex
	retryAfter time.Duration
}

func (a *attemptInfo) get() time.Duration {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.retryAfter
}

type attemptKey struct{}

// headerDoer wraps the HTTP client to record Retry-After headers into the
// request context's attemptInfo (go-openai's errors drop the headers).
type headerDoer struct {
	next openai.HTTPDoer
	now  func() time.Time
}

func (d headerDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.next.Do(req)
	if resp != nil && resp.StatusCode >= 400 {
		if info, ok := req.Context().Value(attemptKey{}).(*attemptInfo); ok {
			wait := parseRetryAfter(resp.Header, d.now())
			info.mu.Lock()
			info.retryAfter = wait
			info.mu.Unlock()
		}
	}
	return resp, err
}

// parseRetryAfter reads "retry-after-ms" (OpenAI) or "Retry-After" (seconds
// or an HTTP date). It returns 0 when there is no usable hint.
func parseRetryAfter(h http.Header, now time.Time) time.Duration {
	if v := strings.TrimSpace(h.Get("Retry-After-Ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms > 0 {
			return time.Duration(ms * float64(time.Millisecond))
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil {
		if s <= 0 {
			return 0
		}
		return time.Duration(s * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return 0
}

// backoff is the wait before retry number attempt (0-based): the server's
// Retry-After when it gave one, else exponential from base with ±20 %
// jitter, capped at 16 × base.
func backoff(attempt int, base, retryAfter time.Duration) time.Duration {
	if retryAfter > 0 {
		return retryAfter
	}
	d := base << min(attempt, 4)
	jitter := 0.8 + 0.4*rand.Float64()
	return time.Duration(float64(d) * jitter)
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
