package httpx

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// fakeBase answers with reply and records each request and when it came
// (in the synctest bubble's fake time).
type fakeBase struct {
	mu    sync.Mutex
	reply func(n int, req *http.Request) *http.Response
	calls []call
}

type call struct {
	path string
	at   time.Time
}

func (f *fakeBase) RoundTrip(req *http.Request) (*http.Response, error) {
	f.mu.Lock()
	n := len(f.calls)
	f.calls = append(f.calls, call{req.URL.Path, time.Now()})
	f.mu.Unlock()
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	return f.reply(n, req), nil
}

func answer(status int, body string, h ...string) *http.Response {
	r := &http.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body))}
	for i := 0; i+1 < len(h); i += 2 {
		r.Header.Set(h[i], h[i+1])
	}
	return r
}

func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }

// offset moves the bubble's clock (which starts in 2000) into Discord's
// snowflake era.
var offset = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Sub(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))

func discordTransport(base http.RoundTripper) *Transport {
	t := New(Options{Base: base, MaxRetries: 3, Discord: true, Logger: quiet()})
	t.now = func() time.Time { return time.Now().Add(offset) }
	return t
}

// snowflake is an id created at the transport's now.
func snowflake() string {
	return strconv.FormatInt((time.Now().Add(offset).UnixMilli()-discordEpoch)<<22, 10)
}

func do(t *testing.T, rt http.RoundTripper, method, url, body string) (*http.Response, error) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := rt.RoundTrip(req)
	if err == nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return resp, err
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		h    http.Header
		body string
		want time.Duration
		ok   bool
	}{
		{http.Header{"Retry-After": {"3"}}, "", 3 * time.Second, true},
		{http.Header{"Retry-After": {"0.5"}}, "", 500 * time.Millisecond, true},
		{http.Header{"Retry-After-Ms": {"250"}, "Retry-After": {"9"}}, "", 250 * time.Millisecond, true},
		{http.Header{"Retry-After": {now.Add(4 * time.Second).Format(http.TimeFormat)}}, "", 4 * time.Second, true},
		{http.Header{"Retry-After": {now.Add(-4 * time.Second).Format(http.TimeFormat)}}, "", 0, true},
		{http.Header{"Retry-After": {"9"}}, `{"retry_after": 1.25, "global": false}`, 1250 * time.Millisecond, true},
		{http.Header{"Retry-After": {"soon"}}, "", 0, false},
		{http.Header{}, `{"message":"x"}`, 0, false},
	}
	for _, c := range cases {
		got, ok := RetryAfter(c.h, []byte(c.body), now)
		if got != c.want || ok != c.ok {
			t.Errorf("%v %s: %v %v, want %v %v", c.h, c.body, got, ok, c.want, c.ok)
		}
	}
}

func TestBackoffDoublesWithJitterUnderCap(t *testing.T) {
	for attempt := range 8 {
		want := min(100*time.Millisecond<<attempt, 2*time.Second)
		got := Backoff(attempt, 100*time.Millisecond, 2*time.Second)
		if got < want*8/10 || got > want*12/10 || got > 2*time.Second {
			t.Errorf("attempt %d: %v, want about %v", attempt, got, want)
		}
	}
}

func TestRetries429AfterRetryAfterAndResendsBody(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var bodies []string
		f := &fakeBase{reply: func(n int, req *http.Request) *http.Response {
			if n < 2 {
				return answer(429, `{"retry_after": 0.75}`)
			}
			return answer(200, "{}")
		}}
		base := http.RoundTripper(rtFunc(func(req *http.Request) (*http.Response, error) {
			b, _ := io.ReadAll(req.Body)
			bodies = append(bodies, string(b))
			req.Body = io.NopCloser(strings.NewReader(""))
			return f.RoundTrip(req)
		}))
		tr := New(Options{Base: base, MaxRetries: 3, Logger: quiet()})
		start := time.Now()
		resp, err := do(t, tr, "POST", "https://api.example/v1/x", "payload")
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("got %v %v", resp, err)
		}
		if d := time.Since(start); d != 1500*time.Millisecond {
			t.Errorf("took %v, want two waits of 750ms", d)
		}
		if strings.Join(bodies, ",") != "payload,payload,payload" {
			t.Errorf("bodies %q", bodies)
		}
	})
}

type rtFunc func(*http.Request) (*http.Response, error)

func (f rtFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestLongRetryAfterReturnsThe429(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeBase{reply: func(int, *http.Request) *http.Response { return answer(429, `{"retry_after": 60}`) }}
		tr := New(Options{Base: f, MaxRetries: 3, Logger: quiet()})
		start := time.Now()
		resp, err := do(t, tr, "GET", "https://api.example/v1/x", "")
		if err != nil || resp.StatusCode != 429 || len(f.calls) != 1 || time.Since(start) != 0 {
			t.Fatalf("got %v %v after %d calls and %v", resp.StatusCode, err, len(f.calls), time.Since(start))
		}
	})
}

func TestTransientErrorsBackOff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := 0
		base := rtFunc(func(req *http.Request) (*http.Response, error) {
			n++
			if n < 3 {
				return nil, errors.New("connection reset")
			}
			return answer(200, "ok"), nil
		})
		tr := New(Options{Base: base, MaxRetries: 2, Retry: RetryTransient, Backoff: time.Second, Logger: quiet()})
		start := time.Now()
		resp, err := do(t, tr, "GET", "https://api.example/v1/x", "")
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("got %v %v", resp, err)
		}
		if d := time.Since(start); d < 2400*time.Millisecond || d > 3600*time.Millisecond {
			t.Errorf("waited %v, want about 1s+2s", d)
		}
	})
}

func TestAttemptTimeoutIsRetried(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := 0
		base := rtFunc(func(req *http.Request) (*http.Response, error) {
			n++
			if n == 1 {
				<-req.Context().Done()
				return nil, req.Context().Err()
			}
			return answer(200, "ok"), nil
		})
		tr := New(Options{Base: base, MaxRetries: 1, Retry: RetryTransient, AttemptTimeout: 5 * time.Second, Backoff: time.Second, Logger: quiet()})
		resp, err := do(t, tr, "GET", "https://api.example/v1/x", "")
		if err != nil || resp.StatusCode != 200 || n != 2 {
			t.Fatalf("got %v %v after %d attempts", resp, err, n)
		}
	})
}

func TestRewrite(t *testing.T) {
	var got string
	base := rtFunc(func(req *http.Request) (*http.Response, error) {
		got = req.URL.String()
		return answer(200, ""), nil
	})
	rw, err := NewRewrite("https://discord.com/api/v9", "http://127.0.0.1:9/api/v10/")
	if err != nil {
		t.Fatal(err)
	}
	tr := New(Options{Base: base, Rewrite: rw, Logger: quiet()})
	do(t, tr, "PATCH", "https://discord.com/api/v9/webhooks/1/tok/messages/@original?wait=true", "")
	if got != "http://127.0.0.1:9/api/v10/webhooks/1/tok/messages/@original?wait=true" {
		t.Errorf("rewritten to %s", got)
	}
	do(t, tr, "GET", "https://cdn.discordapp.com/a.png", "")
	if got != "https://cdn.discordapp.com/a.png" {
		t.Errorf("other host rewritten to %s", got)
	}
	if _, err := NewRewrite("discord.com", "x"); err == nil {
		t.Error("NewRewrite accepted a URL without a scheme")
	}
}

func TestBucketHonouredBeforeSending(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeBase{reply: func(n int, req *http.Request) *http.Response {
			return answer(200, "{}", "X-RateLimit-Bucket", "abc", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset-After", "1.5")
		}}
		tr := discordTransport(f)
		start := time.Now()
		for range 2 {
			resp, err := do(t, tr, "POST", "https://discord.com/api/v10/channels/42/messages", "{}")
			if err != nil {
				t.Fatal(err)
			}
			if resp.Header.Get("X-RateLimit-Remaining") != "" {
				t.Error("rate-limit headers reach discordgo")
			}
		}
		if len(f.calls) != 2 || f.calls[1].at.Sub(start) != 1500*time.Millisecond {
			t.Errorf("second request sent after %v, want 1.5s (the bucket's reset)", f.calls[1].at.Sub(start))
		}
		// Another channel is another bucket: no wait.
		before := time.Now()
		do(t, tr, "POST", "https://discord.com/api/v10/channels/43/messages", "{}")
		if time.Since(before) != 0 {
			t.Errorf("another channel waited %v", time.Since(before))
		}
	})
}

func TestGlobalLimitSparesCallbacks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeBase{reply: func(n int, req *http.Request) *http.Response {
			if n == 0 {
				return answer(429, `{"retry_after": 30, "global": true}`, "X-RateLimit-Global", "true")
			}
			return answer(204, "")
		}}
		tr := discordTransport(f)
		tr.opt.MaxWait = time.Minute
		tr.opt.MaxRetries = 0
		resp, _ := do(t, tr, "PATCH", "https://discord.com/api/v10/webhooks/1/tok/messages/@original", "{}")
		if resp.StatusCode != 429 {
			t.Fatalf("status %d", resp.StatusCode)
		}
		start := time.Now()
		id := snowflake()
		resp, err := do(t, tr, "POST", "https://discord.com/api/v10/interactions/"+id+"/tok2/callback", "{}")
		if err != nil || resp.StatusCode != 204 || time.Since(start) != 0 {
			t.Fatalf("callback: %v %v after %v, want sent at once", resp, err, time.Since(start))
		}
		// Other routes wait out the global limit.
		do(t, tr, "POST", "https://discord.com/api/v10/channels/5/messages", "{}")
		if d := time.Since(start); d != 30*time.Second {
			t.Errorf("message sent after %v, want 30s", d)
		}
	})
}

func TestCallbackNeverWaitsPastItsDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeBase{reply: func(n int, req *http.Request) *http.Response {
			if n == 0 {
				return answer(429, `{"retry_after": 5}`)
			}
			return answer(204, "")
		}}
		tr := discordTransport(f)
		start := time.Now()
		resp, err := do(t, tr, "POST", "https://discord.com/api/v10/interactions/"+snowflake()+"/tok/callback", "{}")
		if err != nil || resp.StatusCode != 429 || len(f.calls) != 1 || time.Since(start) != 0 {
			t.Fatalf("got %v %v after %d calls and %v; want the 429 at once", resp, err, len(f.calls), time.Since(start))
		}
		// A short wait that fits the budget is taken.
		f.calls = nil
		f.reply = func(n int, req *http.Request) *http.Response {
			if n == 0 {
				return answer(429, `{"retry_after": 0.5}`)
			}
			return answer(204, "")
		}
		resp, err = do(t, tr, "POST", "https://discord.com/api/v10/interactions/"+snowflake()+"/tok2/callback", "{}")
		if err != nil || resp.StatusCode != 204 || len(f.calls) != 2 {
			t.Fatalf("got %v %v after %d calls; want the retry", resp, err, len(f.calls))
		}
		// A bucket that is empty past the deadline fails before sending.
		f.calls = nil
		f.reply = func(int, *http.Request) *http.Response {
			return answer(204, "", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset-After", "4")
		}
		id := snowflake()
		do(t, tr, "POST", "https://discord.com/api/v10/interactions/"+id+"/tok3/callback", "{}")
		_, err = do(t, tr, "POST", "https://discord.com/api/v10/interactions/"+id+"/tok3/callback", "{}")
		if !errors.Is(err, ErrDeadline) || len(f.calls) != 1 {
			t.Fatalf("second callback: %v after %d calls, want ErrDeadline before sending", err, len(f.calls))
		}
	})
}

func TestHintReachesTheCaller(t *testing.T) {
	f := &fakeBase{reply: func(int, *http.Request) *http.Response { return answer(503, "", "Retry-After", "2") }}
	tr := New(Options{Base: f, Logger: quiet()})
	ctx, h := WithHint(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example/", nil)
	resp, err := tr.RoundTrip(req)
	if err != nil || resp.StatusCode != 503 || h.After() != 2*time.Second {
		t.Fatalf("got %v %v hint %v", resp, err, h.After())
	}
}

func TestDiscordRoute(t *testing.T) {
	req, _ := http.NewRequest("PATCH", "http://x/api/v10/webhooks/12/secret-tok/messages/34", nil)
	r := discordRoute(req)
	if r.key != "PATCH webhooks/12/secret-tok/messages/:id" || r.major != "webhooks/12/secret-tok" || strings.Contains(r.log, "secret") {
		t.Errorf("route %+v", r)
	}
}
