package ops

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// DefaultAddr is the ops endpoint's suggested address: loopback only. The
// endpoint is off unless an address is configured.
const DefaultAddr = "127.0.0.1:9090"

// Handler serves /healthz from h and /metrics from m. Either may be nil.
func Handler(m *Metrics, h *Health) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", h)
	mux.Handle("GET /metrics", m.Handler())
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "paperbot ops: /healthz /metrics")
	})
	return mux
}

// Serve listens on addr and serves handler until ctx is done, then shuts
// down gracefully (at most 5 s). It returns nil after a clean shutdown and
// an error when addr cannot be bound or the server fails.
func Serve(ctx context.Context, addr string, handler http.Handler) error {
	if addr == "" {
		return errors.New("ops endpoint: no address (set OPS_ADDR, e.g. " + DefaultAddr + ")")
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("ops endpoint: listen on %s: %w", addr, err)
	}
	return ServeListener(ctx, ln, handler)
}

// ServeListener is Serve on a listener the caller opened (tests use port 0).
// It closes ln.
func ServeListener(ctx context.Context, ln net.Listener, handler http.Handler) error {
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("ops endpoint: %w", err)
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("ops endpoint: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("ops endpoint: %w", err)
	}
	return nil
}
