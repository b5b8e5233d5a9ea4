package discordtest

import (
	"fmt"
	"math"
	"net/http"
	"path"
	"strings"
	"time"
)

// Route patterns for FailNext: an optional method, a space, and a path
// without the /api/vN prefix, where "*" matches one segment.
const (
	RouteCallback           = "POST /interactions/*/*/callback"
	RouteEditOriginal       = "PATCH /webhooks/*/*/messages/@original"
	RouteFollowup           = "POST /webhooks/*/*"
	RouteEditFollowup       = "PATCH /webhooks/*/*/messages/*"
	RouteChannelMessage     = "POST /channels/*/messages"
	RouteEditChannelMessage = "PATCH /channels/*/messages/*"
	RouteTyping             = "POST /channels/*/typing"
	RouteReaction           = "PUT /channels/*/messages/*/reactions/*/@me"
	RouteCommands           = "PUT /applications/*/commands"
)

type fault struct {
	method     string
	pattern    string
	status     int
	retryAfter float64
	global     bool
	left       int
}

func (f *fault) matches(method, rel string) bool {
	if f.method != "" && f.method != method {
		return false
	}
	ok, err := path.Match(f.pattern, rel)
	return err == nil && ok
}

// FailNext makes the next n requests matching routePattern fail with status:
// 429 gets Discord's rate-limit headers and body with retry_after seconds
// (bucket-scoped, not global); any other status (500, 502, 503...) gets a
// plain JSON error. Patterns look like RouteEditOriginal or "/channels/*".
func (s *Server) FailNext(routePattern string, status int, retryAfter float64, n int) {
	s.addFault(routePattern, status, retryAfter, n, false)
}

// FailNextGlobal is FailNext for a global 429 (X-RateLimit-Global: true),
// which makes discordgo pause every bucket.
func (s *Server) FailNextGlobal(routePattern string, retryAfter float64, n int) {
	s.addFault(routePattern, http.StatusTooManyRequests, retryAfter, n, true)
}

func (s *Server) addFault(routePattern string, status int, retryAfter float64, n int, global bool) {
	method, pat := "", strings.TrimSpace(routePattern)
	if m, rest, ok := strings.Cut(pat, " "); ok {
		method, pat = strings.ToUpper(m), strings.TrimSpace(rest)
	}
	if segs, ok := apiPath(pat); ok {
		pat = "/" + strings.Join(segs, "/")
	}
	if !strings.HasPrefix(pat, "/") {
		pat = "/" + pat
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{method: method, pattern: pat, status: status, retryAfter: retryAfter, global: global, left: n})
}

// takeFault consumes one pending fault matching the request, if any.
func (s *Server) takeFault(method, rel string) *fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if f.left > 0 && f.matches(method, rel) {
			f.left--
			if f.left == 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
			return f
		}
	}
	return nil
}

// PendingFaults is how many injected failures have not fired yet.
func (s *Server) PendingFaults() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, f := range s.faults {
		n += f.left
	}
	return n
}

func (f *fault) write(w http.ResponseWriter, bucket string) {
	if f.status != http.StatusTooManyRequests {
		writeError(w, f.status, 0, fmt.Sprintf("%d: %s", f.status, http.StatusText(f.status)))
		return
	}
	h := w.Header()
	after := fmt.Sprintf("%.3f", f.retryAfter)
	h.Set("Retry-After", fmt.Sprint(int(math.Ceil(f.retryAfter))))
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset", fmt.Sprintf("%.3f", float64(time.Now().UnixMilli())/1000+f.retryAfter))
	h.Set("X-RateLimit-Reset-After", after)
	h.Set("X-RateLimit-Bucket", bucket)
	scope := "user"
	if f.global {
		h.Set("X-RateLimit-Global", "true")
		scope = "global"
	}
	h.Set("X-RateLimit-Scope", scope)
	writeJSON(w, http.StatusTooManyRequests, map[string]any{
		"message": "You are being rate limited.", "retry_after": f.retryAfter, "global": f.global,
	})
}

// RejectToken makes every later REST call fail with 401 ("401:
// Unauthorized", code 0) and every later IDENTIFY or RESUME close with 4004,
// as after a token reset. Live gateway connections stay up until they
// reconnect; call CloseGateway(4004) too to end them now.
func (s *Server) RejectToken() {
	s.mu.Lock()
	s.rejectToken = true
	s.mu.Unlock()
}

// SetLatency delays every REST response by d (0 turns it off).
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	s.latency = d
	s.mu.Unlock()
}
