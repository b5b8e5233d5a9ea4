package ops

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// Redacted replaces every secret the redaction layer removes.
const Redacted = "[REDACTED]"

// patterns catch credentials whose exact value the process was not told
// about: tokens inside library errors, keys pasted into a question, a
// password in a database URL. Each replacement keeps the harmless prefix
// (the scheme word, the user name) so a log line stays readable.
var patterns = []struct {
	re   *regexp.Regexp
	repl string
}{
	// Authorization header values: "Bot <token>", "Bearer <token>".
	{regexp.MustCompile(`(?i)\b(Bot|Bearer)(\s+)[A-Za-z0-9._~+/=-]{8,}`), "${1}${2}" + Redacted},
	// Discord bot token shape: base64 user id . timestamp . HMAC.
	{regexp.MustCompile(`[\w-]{24,}\.[\w-]{6}\.[\w-]{27,}`), Redacted},
	// OpenAI-style API keys: sk-..., sk-proj-...
	{regexp.MustCompile(`\bsk-[A-Za-z0-9_-]{8,}`), Redacted},
	// A password in a URL: scheme://user:password@host.
	{regexp.MustCompile(`(://[^/\s:@]*):[^/\s@]+@`), "${1}:" + Redacted + "@"},
	// Interaction and webhook tokens in Discord URLs and errors:
	// /webhooks/<id>/<token>, /interactions/<id>/<token>.
	{regexp.MustCompile(`(/(?:webhooks|interactions)/\d+/)[A-Za-z0-9_.\-]+`), "${1}" + Redacted},
	// Credentials in a query string: ?token=..., &api_key=...
	{regexp.MustCompile(`(?i)([?&](?:token|access_token|api_key|apikey|key|password|secret)=)[^&\s"']+`), "${1}" + Redacted},
}

// Redactor removes known secret values and credential-shaped text from
// strings. It is safe for concurrent use.
type Redactor struct {
	replacer *strings.Replacer // nil when there are no exact secrets
	secrets  []string          // longest first
}

// NewRedactor returns a Redactor for the given secret values. Empty and
// blank values are ignored; each secret's URL-escaped forms are redacted too.
func NewRedactor(secrets []string) *Redactor {
	seen := map[string]bool{}
	var list []string
	add := func(s string) {
		if strings.TrimSpace(s) == "" || seen[s] {
			return
		}
		seen[s] = true
		list = append(list, s)
	}
	for _, s := range secrets {
		s = strings.TrimSpace(s)
		add(s)
		add(url.QueryEscape(s))
		add(url.PathEscape(s))
	}
	// Longest first, so a secret that contains another is replaced whole.
	sort.SliceStable(list, func(i, j int) bool { return len(list[i]) > len(list[j]) })
	r := &Redactor{secrets: list}
	if len(list) > 0 {
		pairs := make([]string, 0, 2*len(list))
		for _, s := range list {
			pairs = append(pairs, s, Redacted)
		}
		r.replacer = strings.NewReplacer(pairs...)
	}
	return r
}

// String returns s with every secret and credential-shaped substring
// replaced by [REDACTED]. A nil Redactor still applies the patterns.
func (r *Redactor) String(s string) string {
	if s == "" {
		return s
	}
	if r != nil && r.replacer != nil {
		s = r.replacer.Replace(s)
	}
	for _, p := range patterns {
		s = p.re.ReplaceAllString(s, p.repl)
	}
	return s
}

// Redact returns s with credential-shaped text replaced (the patterns
// only, no exact secrets): for text from libraries and users, where the
// process's own secrets are redacted by its logger.
func Redact(s string) string { return (*Redactor)(nil).String(s) }

// Contains reports whether s holds anything the Redactor would remove.
func (r *Redactor) Contains(s string) bool {
	return r.String(s) != s
}
