package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"paperbot/bot"
	"paperbot/bot/discordtest"
	"paperbot/config"
	"paperbot/internal/store"
	"paperbot/retrieval/answer"
	"paperbot/retrieval/llm/llmtest"
)

// TestE2EBudgetLookupError: when the daily token budget cannot be read
// (the state database is gone), a question through Discord gets the
// offline answer with a note saying the budget could not be checked,
// never "Today's question budget is used up"; the model is not called.
// The budget is serve's own (tokenBudget over the store).
var citation = regexp.MustCompile(`\[\d+\]`)

func TestE2EBudgetLookupError(t *testing.T) {
	api := llmtest.New(t)
	api.SetDefault(func(llmtest.Request) llmtest.Response {
		return llmtest.Response{Chunks: []string{"Soft power is attraction [15]."}}
	})
	st, err := store.OpenSQLite(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	st.Close() // every usage lookup now fails
	cfg, err := config.Load(testEnv(t, "OPENAI_BASE_URL", api.URL(), "CHAT_MODEL", "fake-chat"))
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	eng, err := buildEngineWith(ctx, cfg, logger, answer.Options{
		Budget: &tokenBudget{usage: st, userCap: 1000, now: time.Now},
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := discordtest.New(t, discordtest.WithToken(fakeToken), discordtest.WithHeartbeatInterval(200*time.Millisecond))
	b, err := bot.New(bot.Options{Token: fakeToken, GuildID: discordtest.DefaultGuildID, APIURL: srv.APIURL(), Engine: eng, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	rctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- b.Run(rctx) }()
	defer func() { stop(); <-done }()
	select {
	case <-b.Ready():
	case err := <-done:
		t.Fatalf("bot stopped: %v", err)
	}
	state, err := srv.InjectInteraction(discordtest.SlashCommand("ask", map[string]any{"question": "What is soft power?"}, nil, "", "")).WaitFinal(ctx)
	if err != nil {
		t.Fatal(err)
	}
	text := state.Text()
	if strings.Contains(text, "used up") || !strings.Contains(text, "can't reach my database to check today's question budget") {
		t.Errorf("answer with the budget unreadable:\n%s", text)
	}
	if !citation.MatchString(text) {
		t.Errorf("no offline answer:\n%s", text)
	}
	if n := len(api.ChatRequests()); n != 0 {
		t.Errorf("the model was called %d times with the budget unknown", n)
	}
	for _, v := range srv.Violations() {
		t.Errorf("Discord rule broken: %s", v)
	}
}
