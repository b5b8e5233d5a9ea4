package ops

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net/url"
	"strings"
	"testing"
)

const fakeKey = "sk-test-0123456789abcdefABCDEF"

type secretStringer struct{}

func (secretStringer) String() string { return "stringer holds " + fakeToken }

type secretValuer struct{}

func (secretValuer) LogValue() slog.Value {
	return slog.GroupValue(slog.String("auth", "Bot "+fakeToken), slog.Int("n", 3))
}

type config struct {
	Name  string
	Token string
}

// libraryError is what an HTTP library returns when a request whose URL
// carries a token fails: the token sits deep inside the wrapped error.
func libraryError() error {
	uerr := &url.Error{
		Op:  "Get",
		URL: "https://discord.com/api/v10/gateway/bot?token=" + fakeToken,
		Err: fmt.Errorf("401 Unauthorized: Authorization: Bot %s", fakeToken),
	}
	return fmt.Errorf("connect gateway: %w", uerr)
}

func TestLoggerRedactsEverywhere(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			logger := NewLogger(&buf, format, "debug", []string{fakeToken, fakeKey})
			logger = logger.With("preset", fakeKey).WithGroup("grp")
			logger.Error("gateway failed with "+fakeToken,
				"err", libraryError(),
				"stringer", secretStringer{},
				"valuer", secretValuer{},
				"cfg", config{Name: "x", Token: fakeToken},
				"ptr", &config{Token: fakeKey},
				"bytes", []byte("raw "+fakeKey),
				slog.Group("nested", slog.String("key", fakeKey), slog.Group("deeper", slog.Any("e", errors.New("boom "+fakeKey)))),
				"count", 42,
				"ok", "plain value",
			)
			out := buf.String()
			for _, secret := range []string{fakeToken, fakeKey, "MTA5ODc2NTQzMjEwOTg3NjU0MzIx"} {
				if strings.Contains(out, secret) {
					t.Fatalf("secret %q leaked:\n%s", secret, out)
				}
			}
			for _, want := range []string{"gateway failed with", "connect gateway", "plain value", "42", Redacted} {
				if !strings.Contains(out, want) {
					t.Errorf("output lost %q:\n%s", want, out)
				}
			}
			if format == "json" {
				var m map[string]any
				if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
					t.Fatalf("not one JSON object: %v\n%s", err, out)
				}
				if m["preset"] != Redacted {
					t.Errorf("WithAttrs value = %v, want %s", m["preset"], Redacted)
				}
			}
		})
	}
}

// An unknown token (not in the secrets list) inside a library error is
// still caught by its shape.
func TestLoggerRedactsUnknownTokenInError(t *testing.T) {
	var buf bytes.Buffer
	NewLogger(&buf, "text", "info", nil).Error("request failed", "err", libraryError())
	if strings.Contains(buf.String(), fakeToken) {
		t.Fatalf("token leaked: %s", buf.String())
	}
}

func TestLoggerKeepsHarmlessValues(t *testing.T) {
	var buf bytes.Buffer
	NewLogger(&buf, "json", "info", []string{fakeToken}).Info("answered",
		"refs", []int{9, 18}, "cfg", config{Name: "ok"}, "ms", 12.5)
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(m["refs"]) != "[9 18]" {
		t.Errorf("refs = %v, want a JSON array kept as is", m["refs"])
	}
	if _, ok := m["cfg"].(map[string]any); !ok {
		t.Errorf("cfg = %#v, want the struct kept as a JSON object", m["cfg"])
	}
}

func TestParseLevelAndFiltering(t *testing.T) {
	tests := map[string]slog.Level{
		"debug": slog.LevelDebug, "INFO": slog.LevelInfo, "Warn": slog.LevelWarn,
		"warning": slog.LevelWarn, "error": slog.LevelError, "loud": slog.LevelInfo, "": slog.LevelInfo,
	}
	for in, want := range tests {
		if got := ParseLevel(in); got != want {
			t.Errorf("ParseLevel(%q) = %v, want %v", in, got, want)
		}
	}
	var buf bytes.Buffer
	l := NewLogger(&buf, "text", "warn", nil)
	l.Info("hidden")
	l.Warn("shown")
	if strings.Contains(buf.String(), "hidden") || !strings.Contains(buf.String(), "shown") {
		t.Errorf("level filtering wrong: %q", buf.String())
	}
}

func TestRedactWriterWithStdLog(t *testing.T) {
	var buf bytes.Buffer
	std := log.New(RedactWriter(&buf, []string{fakeToken}), "", 0)
	std.Printf("[DG0] wsapi.go:182:Open() error connecting to gateway wss://gateway.discord.gg?token=%s, Bot %s", "abc", fakeToken)
	std.Println("heartbeat ok")
	out := buf.String()
	if strings.Contains(out, fakeToken) || strings.Contains(out, "token=abc") {
		t.Fatalf("leaked: %q", out)
	}
	if !strings.HasSuffix(out, "heartbeat ok\n") || strings.Count(out, "\n") != 2 {
		t.Errorf("lines mangled: %q", out)
	}
}

func TestRedactWriterReportsInputLength(t *testing.T) {
	w := RedactWriter(&bytes.Buffer{}, []string{fakeToken})
	p := []byte("x " + fakeToken + "\n")
	n, err := w.Write(p)
	if err != nil || n != len(p) {
		t.Errorf("Write = %d, %v; want %d, nil", n, err, len(p))
	}
}

// TestLoggerCommonWordPassword: with the database password "paperbot",
// the logger keeps every unrelated "paperbot" (messages, user names,
// database names) and removes the password where it stands as one.
func TestLoggerCommonWordPassword(t *testing.T) {
	var buf bytes.Buffer
	lg := NewLogger(&buf, "text", "info", []string{"paperbot"})
	lg.Info("paperbot started", "user", "paperbot", "db", "paperbot_test")
	lg.Error("open state", "err", errors.New("connect postgres://paperbot:paperbot@127.0.0.1:54329/paperbot_test: refused"))
	lg.Info("config", "db_password", "paperbot", "tokens", 120)
	out := buf.String()
	for _, want := range []string{`msg="paperbot started" user=paperbot db=paperbot_test`, "postgres://paperbot:" + Redacted + "@127.0.0.1",
		"db_password=" + Redacted, "tokens=120"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, Redacted+" started") || strings.Contains(out, ":paperbot@") {
		t.Errorf("log garbled or leaked:\n%s", out)
	}
}
