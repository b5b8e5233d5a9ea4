package retrieval

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// retryHint carries a server's Retry-After from the HTTP transport back to
// the retry loop, through the request's context.
type retryHint struct {
	mu    sync.Mutex
	after time.Duration
}

func (h *retryHint) get() time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.after
}

type retryHintKey struct{}

func withRetryHint(ctx context.Context, h *retryHint) context.Context {
	return context.WithValue(ctx, retryHintKey{}, h)
}

// RetryAfterTransport wraps base (nil: http.DefaultTransport) so that the
// Retry-After header of a 429 or 503 answer reaches an OpenAIEmbedder's
// retry loop. NewOpenAIClient installs it; use it when building your own
// go-openai client.
func RetryAfterTransport(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return retryAfterTransport{base: base}
}

type retryAfterTransport struct{ base http.RoundTripper }

func (t retryAfterTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil || resp == nil {
		return resp, err
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		if h, ok := req.Context().Value(retryHintKey{}).(*retryHint); ok {
			if d, ok := parseRetryAfter(resp.Header, time.Now()); ok {
				h.mu.Lock()
				h.after = d
				h.mu.Unlock()
			}
		}
	}
	return resp, nil
}

// parseRetryAfter reads Retry-After (seconds or an HTTP date) and the
// OpenAI-style "retry-after-ms" header.
func parseRetryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	if ms := strings.TrimSpace(h.Get("Retry-After-Ms")); ms != "" {
		if n, err := strconv.ParseFloat(ms, 64); err == nil && n >= 0 {
			return time.Duration(n * float64(time.Millisecond)), true
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseFloat(v, 64); err == nil && n >= 0 {
		return time.Duration(n * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d, true
		}
		return 0, true
	}
	return 0, false
}
