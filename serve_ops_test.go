package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/bot/discordtest"
	"paperbot/internal/testutil"
)

const fakeToken = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GhIjKl.abcdefghijklmnopqrstuvwxyz012345"

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestServeOps: serve with OPS_ADDR reports healthy once the gateway is up
// and the index loaded, serves metrics, and never logs the token.
func TestServeOps(t *testing.T) {
	srv := discordtest.New(t, discordtest.WithToken(fakeToken), discordtest.WithHeartbeatInterval(200*time.Millisecond))
	addr := freeAddr(t)
	env := testEnv(t, "DISCORD_TOKEN", fakeToken, "DISCORD_API_URL", srv.APIURL(), "OPS_ADDR", addr,
		"DISCORD_GUILD_ID", discordtest.DefaultGuildID, "LOG_LEVEL", "debug")
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr testutil.Buffer
	done := make(chan int, 1)
	go func() { done <- serve(ctx, nil, &stdout, &stderr, env) }()
	defer func() {
		cancel()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop")
		}
		if strings.Contains(stderr.String()+stdout.String(), fakeToken) {
			t.Error("the token was logged")
		}
	}()

	// Wait on the fake's state, not the clock: the bot answering a question
	// means the index is loaded and the gateway is up; then /healthz must
	// say so.
	wctx, wcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer wcancel()
	if err := srv.WaitReady(wctx); err != nil {
		t.Fatalf("gateway never ready: %v\n%s", err, stderr.String())
	}
	it := srv.InjectInteraction(discordtest.SlashCommand("ask", map[string]any{"question": "What is soft power?"}, nil, "", ""))
	if _, err := it.WaitFinal(wctx); err != nil {
		t.Fatalf("no answer: %v", err)
	}
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if body := string(b); resp.StatusCode != http.StatusOK {
		t.Errorf("/healthz = %d: %s", resp.StatusCode, body)
	} else {
		for _, want := range []string{`"gateway_connected":true`, `"index_loaded":true`} {
			if !strings.Contains(body, want) {
				t.Errorf("/healthz lacks %s: %s", want, body)
			}
		}
	}
	resp, err = http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	m, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(m), `paperbot_questions_total{source="slash"} 1`) {
		t.Errorf("/metrics does not count the question:\n%s", m)
	}
}

// TestServeFatalGateway: disallowed intents end serve with exit 2 and one
// clear line.
func TestServeFatalGateway(t *testing.T) {
	srv := discordtest.New(t, discordtest.WithDisallowedIntents(int(discordgo.IntentsGuildMessages)))
	env := testEnv(t, "DISCORD_TOKEN", fakeToken, "DISCORD_API_URL", srv.APIURL(), "LOG_LEVEL", "error")
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	var stdout, stderr testutil.Buffer
	code := serve(ctx, nil, &stdout, &stderr, env)
	if code != 2 {
		t.Fatalf("exit %d, want 2; stderr:\n%s", code, stderr.String())
	}
	var last string
	for _, l := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		last = l
	}
	if !strings.HasPrefix(last, "paperbot serve: Discord closed the gateway with code 4014 (disallowed intents)") {
		t.Errorf("last line: %q", last)
	}
}
