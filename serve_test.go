package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"paperbot/bot/discordtest"
	"paperbot/internal/testutil"
)

// TestServeToken: a missing or rejected token gives one clear message and
// exit status 2, and the token never shows up in the output.
func TestServeToken(t *testing.T) {
	t.Run("missing", func(t *testing.T) {
		var stdout, stderr testutil.Buffer
		code := serve(context.Background(), nil, &stdout, &stderr, testEnv(t))
		if code != 2 || !strings.Contains(stderr.String(), "DISCORD_TOKEN is not set") {
			t.Fatalf("exit %d, stderr:\n%s", code, stderr.String())
		}
	})
	t.Run("rejected", func(t *testing.T) {
		srv := discordtest.New(t, discordtest.WithToken("the-right-token"))
		const wrong = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.wrong.token-value-0123456789"
		var stdout, stderr testutil.Buffer
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		code := serve(ctx, nil, &stdout, &stderr, testEnv(t, "DISCORD_TOKEN", wrong, "DISCORD_API_URL", srv.APIURL(), "LOG_LEVEL", "debug"))
		if code != 2 || !strings.Contains(stderr.String(), "Discord rejected the bot token") {
			t.Fatalf("exit %d, stderr:\n%s", code, stderr.String())
		}
		if strings.Contains(stderr.String()+stdout.String(), wrong) {
			t.Error("the token was printed")
		}
	})
}

// TestServeAnswersAndShutsDown: `paperbot serve` against the fake answers a
// /ask and a mention, then exits 0 when asked to stop.
func TestServeAnswersAndShutsDown(t *testing.T) {
	srv := discordtest.New(t, discordtest.WithToken(fakeToken), discordtest.WithHeartbeatInterval(200*time.Millisecond))
	env := testEnv(t, "DISCORD_TOKEN", fakeToken, "DISCORD_API_URL", srv.APIURL(), "DISCORD_GUILD_ID", discordtest.DefaultGuildID, "LOG_LEVEL", "warn")
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr testutil.Buffer
	done := make(chan int, 1)
	go func() { done <- serve(ctx, []string{}, &stdout, &stderr, env) }()
	wctx, wcancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer wcancel()
	if err := srv.WaitCommands(wctx, discordtest.DefaultGuildID, 5); err != nil {
		cancel()
		t.Fatalf("commands not registered: %v\n%s", err, stderr.String())
	}
	if err := srv.WaitReady(wctx); err != nil {
		cancel()
		t.Fatalf("gateway not ready: %v", err)
	}
	it := srv.InjectInteraction(discordtest.SlashCommand("ask", map[string]any{"question": "What is soft power?"}, nil, "", ""))
	st, err := it.WaitFinal(wctx)
	if err != nil || st.Original == nil || !strings.Contains(st.Original.Content, "-# ") {
		cancel()
		t.Fatalf("no answer: %v %+v", err, st.Original)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d after shutdown; stderr:\n%s", code, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	for _, v := range srv.Violations() {
		t.Errorf("Discord rule broken: %s", v)
	}
}
