package httpx

import (
	"context"
	"sync"
	"time"
)

// Hint carries the Retry-After of a failed answer from the transport back
// to a caller whose client library drops response headers (go-openai's
// errors do). Attach one to a request's context with [WithHint].
type Hint struct {
	mu    sync.Mutex
	after time.Duration
}

// After is the last Retry-After the transport saw for the request (0: none).
func (h *Hint) After() time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.after
}

func (h *Hint) set(d time.Duration) {
	h.mu.Lock()
	h.after = d
	h.mu.Unlock()
}

type hintKey struct{}

// WithHint returns ctx carrying a new Hint, and the Hint.
func WithHint(ctx context.Context) (context.Context, *Hint) {
	h := &Hint{}
	return context.WithValue(ctx, hintKey{}, h), h
}

func hintOf(ctx context.Context) *Hint {
	h, _ := ctx.Value(hintKey{}).(*Hint)
	return h
}
