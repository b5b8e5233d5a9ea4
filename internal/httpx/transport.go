package httpx

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Options configure a Transport. Zero values pick the defaults noted.
type Options struct {
	// Base sends each attempt (nil: a Transport from NewBase).
	Base http.RoundTripper
	// MaxRetries is how many times one request is retried (0: never).
	MaxRetries int
	// MaxWait is the longest wait honoured, whether a Retry-After or a
	// rate-limit bucket asks for it; a longer one returns the failed answer
	// (or ErrRateLimited before sending). Default 15 s.
	MaxWait time.Duration
	// Backoff is the first wait when the server gave no Retry-After
	// (default 500 ms), doubled per retry up to MaxWait.
	Backoff time.Duration
	// Retry says whether an attempt's outcome is worth another one. Nil
	// retries 429 only. RetryTransient retries 408, 429, 5xx and
	// network errors too.
	Retry func(resp *http.Response, err error) bool
	// AttemptTimeout bounds each attempt, its body included (0: none).
	AttemptTimeout time.Duration
	// Rewrite sends requests under Rewrite.From to Rewrite.To.
	Rewrite Rewrite
	// Discord applies Discord's rate-limit rules (see the package doc).
	Discord bool
	// Logger receives retries and refused waits (nil: slog.Default()).
	Logger *slog.Logger
	// Sleep waits between attempts (nil: Sleep). Tests inject a clock here
	// or run under testing/synctest.
	Sleep func(ctx context.Context, d time.Duration) error
}

// RetryTransient retries 408, 429, 5xx answers and network errors, but not
// a cancelled request.
func RetryTransient(resp *http.Response, err error) bool {
	if err != nil {
		return !errors.Is(err, context.Canceled)
	}
	c := resp.StatusCode
	return c == http.StatusRequestTimeout || c == http.StatusTooManyRequests || c >= 500
}

func retry429(resp *http.Response, err error) bool {
	return err == nil && resp.StatusCode == http.StatusTooManyRequests
}

// NewBase returns an http.Transport that keeps up to idle connections per
// host open for reuse (each new connection to an HTTPS API is a TLS
// handshake).
func NewBase(idle int) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = max(idle*2, 100)
	t.MaxIdleConnsPerHost = idle
	t.IdleConnTimeout = 90 * time.Second
	return t
}

// Transport is the retrying http.RoundTripper. It is safe for concurrent
// use. Base may be replaced before the first request (for example to count
// every attempt).
type Transport struct {
	Base   http.RoundTripper
	opt    Options
	log    *slog.Logger
	limits *discordLimits
	now    func() time.Time
}

// New returns a Transport.
func New(opt Options) *Transport {
	if opt.MaxWait <= 0 {
		opt.MaxWait = 15 * time.Second
	}
	if opt.Backoff <= 0 {
		opt.Backoff = 500 * time.Millisecond
	}
	if opt.Retry == nil {
		opt.Retry = retry429
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if opt.Sleep == nil {
		opt.Sleep = Sleep
	}
	t := &Transport{Base: opt.Base, opt: opt, log: opt.Logger, now: time.Now}
	if t.Base == nil {
		t.Base = NewBase(64)
	}
	if opt.Discord {
		t.limits = newDiscordLimits()
	}
	return t
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if u := t.opt.Rewrite.apply(req.URL); u != nil {
		req = req.Clone(req.Context())
		req.URL = u
		req.Host = ""
	}
	ctx := req.Context()
	var r route
	var deadline time.Time
	if t.limits != nil {
		r = discordRoute(req)
		if r.callback && !r.created.IsZero() {
			deadline = r.created.Add(CallbackBudget)
		}
	}
	for attempt := 0; ; attempt++ {
		if t.limits != nil {
			if wait := t.limits.reserve(r, t.now()); wait > 0 {
				if err := t.allowWait(r, deadline, wait, "bucket"); err != nil {
					closeBody(req)
					return nil, err
				}
				if err := t.opt.Sleep(ctx, wait); err != nil {
					closeBody(req)
					return nil, err
				}
				attempt-- // waiting for a bucket is not a retry
				continue
			}
		}
		areq := req
		if attempt > 0 {
			var err error
			if areq, err = rewind(req); err != nil {
				return nil, err
			}
		}
		resp, err := t.send(areq)
		var body []byte
		var wait time.Duration
		hinted := false
		if err == nil && resp.StatusCode >= 400 {
			if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
				body, _ = io.ReadAll(io.LimitReader(resp.Body, 64<<10))
				resp.Body.Close()
				resp.Body = io.NopCloser(bytes.NewReader(body))
			}
			wait, hinted = RetryAfter(resp.Header, body, t.now())
			if h := hintOf(ctx); h != nil && hinted {
				h.set(wait)
			}
		}
		if t.limits != nil && err == nil {
			t.limits.update(r, resp, wait, isGlobal(resp, body), t.now())
			stripRateLimitHeaders(resp.Header)
		}
		if !t.opt.Retry(resp, err) || attempt >= t.opt.MaxRetries || ctx.Err() != nil {
			return resp, err
		}
		if !hinted {
			wait = Backoff(attempt, t.opt.Backoff, t.opt.MaxWait)
		}
		if req.Body != nil && req.GetBody == nil {
			return resp, err // cannot send the body again
		}
		if t.allowWait(r, deadline, wait, "retry") != nil {
			return resp, err
		}
		if resp != nil {
			resp.Body.Close()
		}
		t.log.Info("HTTP request failed; retrying", "route", t.routeName(r, req), "status", status(resp), "err", err, "wait", wait, "attempt", attempt+1)
		if err := t.opt.Sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// allowWait refuses a wait longer than MaxWait, or one that would push an
// interaction callback past its deadline.
func (t *Transport) allowWait(r route, deadline time.Time, wait time.Duration, why string) error {
	if !deadline.IsZero() && t.now().Add(wait).After(deadline) {
		t.log.Warn("rate limit would delay an interaction callback past its deadline; failing now",
			"route", r.log, "wait", wait, "reason", why, "left", deadline.Sub(t.now()))
		return fmt.Errorf("%w (%s wait %s)", ErrDeadline, why, wait)
	}
	if wait > t.opt.MaxWait {
		t.log.Warn("rate limit wait too long; not waiting", "route", r.log, "wait", wait, "max", t.opt.MaxWait, "reason", why)
		return fmt.Errorf("%w (%s wait %s)", ErrRateLimited, why, wait)
	}
	return nil
}

func (t *Transport) routeName(r route, req *http.Request) string {
	if r.log != "" {
		return r.log
	}
	return req.Method + " " + req.URL.Host + req.URL.Path
}

// send makes one attempt, bounded by AttemptTimeout (the body's reading
// included: the timer stops when the body is closed).
func (t *Transport) send(req *http.Request) (*http.Response, error) {
	if t.opt.AttemptTimeout <= 0 {
		return t.Base.RoundTrip(req)
	}
	ctx, cancel := context.WithTimeout(req.Context(), t.opt.AttemptTimeout)
	resp, err := t.Base.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("no answer within %s: %w", t.opt.AttemptTimeout, err)
		}
		return nil, err
	}
	resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// rewind returns a copy of req with a fresh body for another attempt.
func rewind(req *http.Request) (*http.Request, error) {
	r := req.Clone(req.Context())
	if req.GetBody != nil {
		b, err := req.GetBody()
		if err != nil {
			return nil, fmt.Errorf("retry %s: %w", req.URL.Path, err)
		}
		r.Body = b
	}
	return r, nil
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}

func status(resp *http.Response) int {
	if resp == nil {
		return 0
	}
	return resp.StatusCode
}

// isGlobal reports a 429 of Discord's global limit.
func isGlobal(resp *http.Response, body []byte) bool {
	if resp.StatusCode != http.StatusTooManyRequests {
		return false
	}
	if resp.Header.Get("X-RateLimit-Global") != "" || resp.Header.Get("X-RateLimit-Scope") == "global" {
		return true
	}
	var b struct {
		Global bool `json:"global"`
	}
	return json.Unmarshal(body, &b) == nil && b.Global
}
