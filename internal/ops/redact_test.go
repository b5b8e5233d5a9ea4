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
	r := NewRedactor([]string{"Abcd-1234", "Abcd-1234-EFGH"})
	if got := r.String("x Abcd-1234-EFGH y"); got != "x "+Redacted+" y" {
		t.Errorf("got %q: the longer secret must be replaced whole", got)
	}
	r = NewRedactor([]string{"pass", "password1"})
	if got := r.String("db password=password1 ok"); got != "db password="+Redacted+" ok" {
		t.Errorf("got %q: the longer common-word secret must be replaced whole", got)
	}
}

// TestRedactorCommonWordSecret: a secret that is an ordinary word (the
// database password "paperbot", the API key "ollama") is redacted where it
// stands as a credential, and nowhere else: unrelated log text keeps the
// word, so the log neither garbles nor gives the secret away.
func TestRedactorCommonWordSecret(t *testing.T) {
	r := NewRedactor([]string{"paperbot", "ollama"})
	tests := []struct {
		name, in, want string
	}{
		{"the word in a message", "paperbot started", "paperbot started"},
		{"the word in a value", "state database open kind=postgres user=paperbot db=paperbot_test", "state database open kind=postgres user=paperbot db=paperbot_test"},
		{"a host name", "chat model at http://ollama:11434/v1", "chat model at http://ollama:11434/v1"},
		{"url password", "dial postgres://paperbot:paperbot@127.0.0.1:54329/paperbot_test failed",
			"dial postgres://paperbot:" + Redacted + "@127.0.0.1:54329/paperbot_test failed"},
		{"dsn keyword", "host=db user=paperbot password=paperbot dbname=x", "host=db user=paperbot password=" + Redacted + " dbname=x"},
		{"json", `{"user":"paperbot","password":"paperbot"}`, `{"user":"paperbot","password":"` + Redacted + `"}`},
		{"env line", "OPENAI_API_KEY=ollama", "OPENAI_API_KEY=" + Redacted},
		{"bearer", "Authorization: Bearer ollama", "Authorization: Bearer " + Redacted},
		{"a longer value is another value", "password=paperbot2", "password=paperbot2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.String(tt.in); got != tt.want {
				t.Errorf("String(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDistinctive(t *testing.T) {
	for s, want := range map[string]bool{
		"paperbot": false, "ollama": false, "hunter2": false, "password1": false, "changeme": false,
		"hunter2 pass/word": true, "P@ssw0rd": true, "s3cr3t-Key": true, fakeToken: true,
		"sk-proj-AbCdEf0123456789xyz": true, "abcdefghijklmnop": true,
	} {
		if got := distinctive(s); got != want {
			t.Errorf("distinctive(%q) = %v, want %v", s, got, want)
		}
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
