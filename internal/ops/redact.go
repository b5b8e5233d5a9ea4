package ops

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
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
//
// A secret that cannot turn up in ordinary text by chance (a bot token, an
// API key, a long or mixed password: see distinctive) is replaced wherever
// it appears. A secret that could (a database password that is a word such
// as "paperbot", an API key such as "ollama") is replaced only where it
// stands as a credential: a URL's password, after "password=", "api_key:",
// "Bearer " and the like. Replacing every occurrence of a common word would
// garble unrelated log lines ("[REDACTED] started") and, by doing so, give
// the secret away.
type Redactor struct {
	replacer *strings.Replacer // distinctive secrets, anywhere; nil when none
	weak     *regexp.Regexp    // the other secrets, in credential positions; nil when none
}

// credentialKey matches the names after which a value is a credential, in
// key=value, key: value and JSON forms, and the Authorization schemes.
const credentialKey = `(?i)(?:(?:\b(?:bot|bearer|basic)\s+)|(?:pass(?:word)?|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?token|authorization)["']?\s*[:=]\s*["']?|://[^/\s:@]*:)`

// NewRedactor returns a Redactor for the given secret values. Empty and
// blank values are ignored; each secret's URL-escaped forms are redacted too.
func NewRedactor(secrets []string) *Redactor {
	seen := map[string]bool{}
	var strong, weak []string
	add := func(s string, distinct bool) {
		if strings.TrimSpace(s) == "" || seen[s] {
			return
		}
		seen[s] = true
		if distinct {
			strong = append(strong, s)
		} else {
			weak = append(weak, s)
		}
	}
	for _, s := range secrets {
		s = strings.TrimSpace(s)
		d := distinctive(s)
		add(s, d)
		add(url.QueryEscape(s), d)
		add(url.PathEscape(s), d)
	}
	// Longest first, so a secret that contains another is replaced whole.
	byLength := func(list []string) {
		sort.SliceStable(list, func(i, j int) bool { return len(list[i]) > len(list[j]) })
	}
	byLength(strong)
	byLength(weak)
	r := &Redactor{}
	if len(strong) > 0 {
		pairs := make([]string, 0, 2*len(strong))
		for _, s := range strong {
			pairs = append(pairs, s, Redacted)
		}
		r.replacer = strings.NewReplacer(pairs...)
	}
	if len(weak) > 0 {
		alts := make([]string, len(weak))
		for i, s := range weak {
			alts[i] = regexp.QuoteMeta(s)
		}
		// The secret must end where the value ends: "paperbot" is not
		// redacted out of "paperbot_test".
		r.weak = regexp.MustCompile(`(` + credentialKey + `)(?:` + strings.Join(alts, "|") + `)([^\w-]|$)`)
	}
	return r
}

// distinctive reports whether a secret is unlikely to appear in text by
// chance: at least 16 characters, or at least 8 mixing three kinds of
// character (lower case, upper case, digits, others).
func distinctive(s string) bool {
	n := utf8.RuneCountInString(s)
	if n >= 16 {
		return true
	}
	var lower, upper, digit, other int
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			lower = 1
		case unicode.IsUpper(r):
			upper = 1
		case unicode.IsDigit(r):
			digit = 1
		default:
			other = 1
		}
	}
	return n >= 8 && lower+upper+digit+other >= 3
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
	if r != nil && r.weak != nil {
		s = r.weak.ReplaceAllString(s, "${1}"+Redacted+"${2}")
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
