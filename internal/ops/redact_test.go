package ops

import (
	"strings"
	"testing"
)

// fakeToken has the shape of a Discord bot token (it is not a real one).
const fakeToken = "MTA5ODc2NTQzMjEwOTg3NjU0MzIx.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB"

func TestRedactorString(t *testing.T) {
	r := NewRedactor([]string{fakeToken, "hunter2 pass/word", "", "  "})
	tests := []struct {
		name, in, want string
	}{
		{"plain text untouched", "connected to gateway", "connected to gateway"},
		{"empty", "", ""},
		{"exact secret", "token is " + fakeToken, "token is " + Redacted},
		{"secret twice", fakeToken + fakeToken, Redacted + Redacted},
		{"secret with spaces", "pw=hunter2 pass/word!", "pw=" + Redacted + "!"},
		{"query-escaped secret", "q=hunter2+pass%2Fword", "q=" + Redacted},
		{"path-escaped secret", "/x/hunter2%20pass%2Fword/", "/x/" + Redacted + "/"},
		{"bot header", "Authorization: Bot abcdefgh12345678", "Authorization: Bot " + Redacted},
		{"bearer header", "authorization: bearer eyJhbGciOi.J9.x-y_z", "authorization: bearer " + Redacted},
		{"bot word alone is fine", "the Bot is ready", "the Bot is ready"},
		{"openai key", "key sk-proj-AbCdEf0123456789xyz rejected", "key " + Redacted + " rejected"},
		{"short sk- is not a key", "task-list sk-a", "task-list sk-a"},
		{"unknown discord token", "bad MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0.Xy-_12.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa end",
			"bad " + Redacted + " end"},
		{"password in url", "dial postgres://pb:s3cr3t@127.0.0.1:5432/pb failed", "dial postgres://pb:" + Redacted + "@127.0.0.1:5432/pb failed"},
		{"url without password", "GET https://discord.com/api/v10/gateway", "GET https://discord.com/api/v10/gateway"},
		{"token in query", "wss://x/?v=10&token=abc123&encoding=json", "wss://x/?v=10&token=" + Redacted + "&encoding=json"},
		{"api_key in query", "GET /v1?api_key=zzz", "GET /v1?api_key=" + Redacted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.String(tt.in); got != tt.want {
				t.Errorf("String(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRedactorLongestFirst(t *testing.T) {
	r := NewRedactor([]string{"abcd", "abcdefgh"})
	if got := r.String("x abcdefgh y"); got != "x "+Redacted+" y" {
		t.Errorf("got %q: the longer secret must be replaced whole", got)
	}
}

func TestNilRedactorStillAppliesPatterns(t *testing.T) {
	var r *Redactor
	if got := r.String("Bearer 0123456789abcdef"); strings.Contains(got, "0123456789abcdef") {
		t.Errorf("nil redactor leaked: %q", got)
	}
}

func BenchmarkRedactorString(b *testing.B) {
	r := NewRedactor([]string{fakeToken, "sk-abcdef0123456789"})
	line := strings.Repeat("an ordinary log line about a question on soft power ", 4)
	b.ReportAllocs()
	for b.Loop() {
		r.String(line)
	}
}
