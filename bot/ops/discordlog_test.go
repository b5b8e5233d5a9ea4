package ops

import (
	"bytes"
	"strings"
	"testing"
)

// msglog imitates discordgo's msglog, which calls Logger(msgL, caller, ...)
// with caller = 1 + frames from the message source.
func msglog(logf func(int, int, string, ...any), msgL, caller int, format string, a ...any) {
	logf(msgL, caller, format, a...)
}

func TestDiscordgoLogger(t *testing.T) {
	var buf bytes.Buffer
	logf := DiscordgoLogger(NewLogger(&buf, "text", "info", []string{fakeToken}))
	msglog(logf, 0, 1, "error connecting to gateway %s, Bot %s", "wss://gateway.discord.gg", fakeToken)
	msglog(logf, 3, 1, "heartbeat sent") // debug: filtered at info
	out := buf.String()
	if strings.Contains(out, fakeToken) {
		t.Fatalf("token leaked: %s", out)
	}
	for _, want := range []string{"level=ERROR", "lib=discordgo", "discordlog_test.go:", "error connecting to gateway"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q: %s", want, out)
		}
	}
	if strings.Contains(out, "heartbeat sent") {
		t.Errorf("debug line not filtered: %s", out)
	}
}

func TestDiscordgoLevels(t *testing.T) {
	for in, want := range map[int]string{0: "ERROR", 1: "WARN", 2: "INFO", 3: "DEBUG", 9: "DEBUG"} {
		if got := discordgoLevel(in).String(); got != want {
			t.Errorf("level %d = %s, want %s", in, got, want)
		}
	}
}
