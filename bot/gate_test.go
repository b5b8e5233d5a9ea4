package bot

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestGateWhere(t *testing.T) {
	g := newGate([]string{"class"}, []string{"student"}, 0, 1, 10)
	tests := []struct {
		ids     []string
		roles   []string
		inGuild bool
		want    string
	}{
		{[]string{"class"}, []string{"student"}, true, ""},
		{[]string{"thread", "class"}, []string{"x", "student"}, true, ""},
		{[]string{"other"}, []string{"student"}, true, "class channels"},
		{[]string{"class"}, nil, true, "members of the class"},
		{[]string{"class"}, nil, false, "direct messages"},
	}
	for _, tc := range tests {
		reason, ok := g.where(tc.ids, tc.roles, tc.inGuild)
		if ok != (tc.want == "") || !strings.Contains(reason, tc.want) {
			t.Errorf("where(%v, %v, %v) = %q, %v; want %q", tc.ids, tc.roles, tc.inGuild, reason, ok, tc.want)
		}
	}
	if _, ok := newGate(nil, nil, 0, 1, 10).where([]string{"any"}, nil, false); !ok {
		t.Error("an open gate refused")
	}
}

func TestGateCooldown(t *testing.T) {
	now := time.Unix(1000, 0)
	g := newGate(nil, nil, 10*time.Second, 1, 10)
	g.now = func() time.Time { return now }
	if _, ok := g.admit("u"); !ok {
		t.Fatal("first question refused")
	}
	now = now.Add(3 * time.Second)
	if reason, ok := g.admit("u"); ok || !strings.Contains(reason, "wait 7 seconds") {
		t.Fatalf("second question: %q %v", reason, ok)
	}
	if _, ok := g.admit("v"); !ok {
		t.Fatal("another user refused")
	}
	g.refund("u")
	if _, ok := g.admit("u"); !ok {
		t.Fatal("refunded question refused")
	}
	now = now.Add(10 * time.Second)
	if _, ok := g.admit("u"); !ok {
		t.Fatal("question after the cooldown refused")
	}
}

func TestGateAcquire(t *testing.T) {
	synctest.Test(t, func(t *testing.T) { // fake clock: the waits take no wall time
		g := newGate(nil, nil, 0, 2, 10)
		r1, ok1 := g.acquire(context.Background(), time.Millisecond)
		_, ok2 := g.acquire(context.Background(), time.Millisecond)
		if !ok1 || !ok2 {
			t.Fatal("free slots refused")
		}
		if _, ok := g.acquire(context.Background(), 20*time.Millisecond); ok {
			t.Fatal("a third slot was granted")
		}
		go func() { time.Sleep(10 * time.Millisecond); r1() }() // fake time: released while the waiter waits
		if _, ok := g.acquire(context.Background(), time.Second); !ok {
			t.Fatal("a released slot was not granted to the waiter")
		}
	})
}

func TestAnswerCache(t *testing.T) {
	now := time.Unix(0, 0)
	c := newAnswerCache(2, time.Minute)
	c.now = func() time.Time { return now }
	a := c.put(storedAnswer{question: "a"})
	b := c.put(storedAnswer{question: "b"})
	if a == b || len(a) > 40 {
		t.Fatalf("ids %q %q", a, b)
	}
	c.get(a) // a is now the most recent
	c.put(storedAnswer{question: "c"})
	if _, ok := c.get(b); ok {
		t.Error("least recently used entry kept beyond capacity")
	}
	if got, ok := c.get(a); !ok || got.question != "a" {
		t.Error("recent entry evicted")
	}
	now = now.Add(2 * time.Minute)
	if _, ok := c.get(a); ok {
		t.Error("expired entry returned")
	}
}

// TestSessionRetargetsAndRetries: the session's REST calls reach the
// configured base (discordgo's package endpoints untouched), 429s are
// retried a bounded number of times, and bad bases are refused.
func TestSessionRetargetsAndRetries(t *testing.T) {
	var calls atomic.Int32
	fail := atomic.Int32{}
	var path atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		path.Store(r.URL.Path)
		if fail.Add(-1) >= 0 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"message":"You are being rate limited.","retry_after":0.001,"global":false}`))
			return
		}
		w.Write([]byte(`{"id":"1"}`))
	}))
	defer srv.Close()
	s, _, err := newSession(Options{Token: "t", APIURL: srv.URL + "/api/v10/", Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	fail.Store(2)
	if _, err := s.User("@me"); err != nil || calls.Load() != 3 || path.Load() != "/api/v10/users/@me" {
		t.Fatalf("two 429s then success: %v after %d calls to %v", err, calls.Load(), path.Load())
	}
	if !strings.HasPrefix(discordgo.EndpointAPI, "https://discord.com/api/") {
		t.Errorf("discordgo's endpoints changed: %s", discordgo.EndpointAPI)
	}
	fail.Store(100)
	calls.Store(0)
	if _, err := s.User("@me"); err == nil || calls.Load() != maxRateRetries+1 {
		t.Fatalf("endless 429s: %v after %d calls, want an error after %d", err, calls.Load(), maxRateRetries+1)
	}
	for _, bad := range []string{"ftp://x/", "not a url", "http://"} {
		if _, err := apiRewrite(bad); err == nil {
			t.Errorf("apiRewrite(%q) accepted", bad)
		}
	}
	if redact("PATCH /api/v10/webhooks/123/aW50ZXJhY3Rpb24.tok-en_1/messages/@original") != "PATCH /api/v10/webhooks/123/[REDACTED]/messages/@original" {
		t.Error("token not redacted")
	}
}

func TestReconnectBackoff(t *testing.T) {
	var waits []time.Duration
	w := time.Duration(0)
	for range 10 {
		w = nextReconnectWait(w)
		waits = append(waits, w)
	}
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second,
		16 * time.Second, 32 * time.Second, 64 * time.Second, 2 * time.Minute, 2 * time.Minute}
	for i := range want {
		if waits[i] != want[i] {
			t.Fatalf("waits %v, want %v", waits, want)
		}
	}
}

// TestGateFirstRefusal: a user refused again and again during one cooldown
// is told once; a new cooldown tells them again.
func TestGateFirstRefusal(t *testing.T) {
	now := time.Unix(1000, 0)
	g := newGate(nil, nil, 10*time.Second, 1, 10)
	g.now = func() time.Time { return now }
	g.admit("u")
	if _, ok := g.admit("u"); ok || !g.firstRefusal("u") {
		t.Fatal("first refusal not reported as first")
	}
	if _, ok := g.admit("u"); ok || g.firstRefusal("u") {
		t.Fatal("second refusal in the same cooldown reported as first")
	}
	now = now.Add(11 * time.Second)
	g.admit("u")
	if _, ok := g.admit("u"); ok || !g.firstRefusal("u") {
		t.Fatal("a new cooldown's first refusal not reported as first")
	}
}
