package httpx

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryAfter reads how long a server asks the client to wait: Discord's
// JSON body field "retry_after" (seconds), OpenAI's "Retry-After-Ms"
// header, or the standard Retry-After header (seconds or an HTTP date,
// measured from now). ok is false when there is no usable hint.
func RetryAfter(h http.Header, body []byte, now time.Time) (d time.Duration, ok bool) {
	if len(body) > 0 {
		var rl struct {
			RetryAfter *float64 `json:"retry_after"`
		}
		if json.Unmarshal(body, &rl) == nil && rl.RetryAfter != nil && *rl.RetryAfter >= 0 {
			return seconds(*rl.RetryAfter), true
		}
	}
	if v := strings.TrimSpace(h.Get("Retry-After-Ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms >= 0 {
			return time.Duration(ms * float64(time.Millisecond)), true
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 {
		return seconds(s), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// Backoff is the wait before retry number attempt (0-based) when the server
// gave no hint: base doubled per attempt, with ±20 % jitter, never above
// maxWait (when maxWait > 0).
func Backoff(attempt int, base, maxWait time.Duration) time.Duration {
	d := base << min(attempt, 16)
	if d <= 0 || (maxWait > 0 && d > maxWait) {
		d = maxWait
	}
	d = time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
	if maxWait > 0 {
		d = min(d, maxWait)
	}
	return d
}

// Sleep waits for d, or until ctx is done (then it returns ctx's error).
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
