package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"paperbot/bot/discordtest"
	"paperbot/internal/ops"
	"paperbot/internal/store"
	"paperbot/internal/testutil"
	"paperbot/internal/testutil/pgtest"
)

// TestStoreCheckClosedSQLite: the check serve gives /healthz fails once the
// state database is gone, and the report says so.
func TestStoreCheckClosedSQLite(t *testing.T) {
	st, err := store.OpenSQLite(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	h := ops.NewHealth(false)
	h.SetIndexLoaded(true)
	h.SetStoreCheck(storeCheck(st))
	if s := h.Status(); !s.Healthy || s.StoreOK == nil || !*s.StoreOK {
		t.Fatalf("open store: %+v", s)
	}
	st.Close()
	if s := h.Status(); s.Healthy || s.StoreOK == nil || *s.StoreOK || s.Reason != "state database unreachable" {
		t.Errorf("closed store: %+v", s)
	}
}

// TestServeHealthzStoreDown: serve on PostgreSQL reports healthy; when the
// database becomes unreachable (its connections cut), /healthz turns 503
// with store_ok false and a question is told the database is unreachable;
// when it is back, /healthz recovers. Needs PAPERBOT_TEST_DATABASE_URL
// (`bash .ci/postgres.sh`).
func TestServeHealthzStoreDown(t *testing.T) {
	base := os.Getenv("PAPERBOT_TEST_DATABASE_URL")
	if base == "" {
		t.Skip("PAPERBOT_TEST_DATABASE_URL is not set; run `bash .ci/postgres.sh` and export its URL")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	u, err := url.Parse(pgtest.Schema(t, base))
	if err != nil {
		t.Fatal(err)
	}
	px := newTCPProxy(t, u.Host)
	u.Host = px.addr

	srv := discordtest.New(t, discordtest.WithToken(fakeToken), discordtest.WithHeartbeatInterval(200*time.Millisecond))
	addr := freeAddr(t)
	env := testEnv(t, "DISCORD_TOKEN", fakeToken, "DISCORD_API_URL", srv.APIURL(), "OPS_ADDR", addr,
		"DISCORD_GUILD_ID", discordtest.DefaultGuildID, "DATABASE_URL", u.String())
	sctx, stop := context.WithCancel(ctx)
	var stdout, stderr testutil.Buffer
	done := make(chan int, 1)
	go func() { done <- serve(sctx, nil, &stdout, &stderr, env) }()
	defer func() {
		stop()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop")
		}
	}()
	if err := srv.WaitCommands(ctx, discordtest.DefaultGuildID, 12); err != nil {
		t.Fatalf("commands not registered: %v\n%s", err, stderr.String())
	}
	if err := srv.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	ask := func(userID string) string {
		t.Helper()
		user := discordtest.NewUser(userID, "student"+userID)
		st, err := srv.InjectInteraction(discordtest.SlashCommand("ask", map[string]any{"question": "What is soft power?"}, user, "", "")).WaitFinal(ctx)
		if err != nil {
			t.Fatalf("/ask: %v", err)
		}
		var sent []string
		for _, r := range st.Responses {
			sent = append(sent, r.Content)
		}
		return strings.Join(sent, "\n")
	}
	if text := ask("900000000000000601"); !strings.Contains(text, "[") { // answered: the gateway is up
		t.Fatalf("/ask before the outage: %q", text)
	}
	healthz := func() (int, ops.Status) {
		t.Helper()
		resp, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		var s ops.Status
		if err := json.Unmarshal(body, &s); err != nil {
			t.Fatalf("/healthz %q: %v", body, err)
		}
		return resp.StatusCode, s
	}
	if code, s := healthz(); code != 200 || s.StoreOK == nil || !*s.StoreOK {
		t.Fatalf("/healthz before the outage: %d %+v\n%s", code, s, stderr.String())
	}

	px.cut()
	if code, s := healthz(); code != 503 || s.StoreOK == nil || *s.StoreOK || s.Reason != "state database unreachable" {
		t.Errorf("/healthz with the database unreachable: %d %+v", code, s)
	}
	if text := ask("900000000000000602"); !strings.Contains(text, "can't reach my database") {
		t.Errorf("/ask with the database unreachable: %q", text)
	}

	px.restore()
	// Each failed check drops a dead pooled connection; a few checks at
	// most (the pool's size) until one dials anew.
	var code int
	var s ops.Status
	for range 10 {
		if code, s = healthz(); code == 200 {
			break
		}
	}
	if code != 200 || s.StoreOK == nil || !*s.StoreOK {
		t.Errorf("/healthz after the database came back: %d %+v", code, s)
	}
}

// tcpProxy forwards a local address to target until cut, which closes the
// listener and every connection (the database becomes unreachable);
// restore listens again on the same address.
type tcpProxy struct {
	t      *testing.T
	target string
	addr   string

	mu    sync.Mutex
	ln    net.Listener
	conns []net.Conn
}

func newTCPProxy(t *testing.T, target string) *tcpProxy {
	p := &tcpProxy{t: t, target: target}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.addr = ln.Addr().String()
	p.serve(ln)
	t.Cleanup(p.cut)
	return p
}

func (p *tcpProxy) serve(ln net.Listener) {
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go func() { io.Copy(up, c); up.Close() }()
			go func() { io.Copy(c, up); c.Close() }()
		}
	}()
}

func (p *tcpProxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func (p *tcpProxy) restore() {
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		p.t.Fatalf("listen again on %s: %v", p.addr, err)
	}
	p.serve(ln)
}
