package bot

import (
	"fmt"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/internal/httpx"
	"paperbot/internal/ops"
)

// Bounds of the 429 retry: at most maxRateRetries retries per request, and
// none when Discord asks to wait longer than maxRetryWait.
const (
	maxRateRetries = 3
	maxRetryWait   = 15 * time.Second
)

// restIdleConns is how many connections to Discord's REST API are kept open
// for reuse: enough for the answers in progress, their edits and the
// interaction callbacks of a busy minute without a new TLS handshake each.
const restIdleConns = 64

// intents are the gateway intents the bot asks for: guilds, guild messages
// and direct messages. Not the privileged MESSAGE_CONTENT: messages that
// mention the bot carry their content anyway.
const intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages

// newSession builds the discordgo session. Session.Debug stays off (it
// would log request headers, including the token); discordgo's logger is
// routed to slog with tokens redacted (discordlog.go). Every REST request
// goes through one httpx.Transport: it retargets discordgo's URLs at
// opt.APIURL (no package-level endpoint is changed), applies Discord's
// rate-limit buckets and global limit before sending (interaction callbacks
// exempt from the global limit and never delayed past their deadline), and
// retries 429s a bounded number of times. discordgo's own retry loop has no
// bound, so ShouldRetryOnRateLimit is off; its own limiter never waits,
// because the transport hands it answers without rate-limit headers.
func newSession(opt Options) (*discordgo.Session, *httpx.Transport, error) {
	s, err := discordgo.New("Bot " + opt.Token)
	if err != nil {
		return nil, nil, fmt.Errorf("discord session: %w", err)
	}
	rw, err := apiRewrite(opt.APIURL)
	if err != nil {
		return nil, nil, err
	}
	s.Debug = false
	s.LogLevel = discordgo.LogWarning
	s.Identify.Intents = intents
	s.ShouldRetryOnRateLimit = false
	s.MaxRestRetries = 3
	// superviseGateway reconnects (faults.go): discordgo's loop would retry
	// forever, even after a close that says "do not reconnect".
	s.ShouldReconnectOnError = false
	client := &http.Client{Timeout: 20 * time.Second}
	if opt.HTTPClient != nil {
		c := *opt.HTTPClient
		client = &c
	}
	base := client.Transport
	if base == nil {
		base = httpx.NewBase(restIdleConns)
	}
	tr := httpx.New(httpx.Options{
		Base:       base,
		MaxRetries: maxRateRetries,
		MaxWait:    maxRetryWait,
		Rewrite:    rw,
		Discord:    true,
		Logger:     opt.Logger,
	})
	client.Transport = tr
	s.Client = client
	return s, tr, nil
}

// redact hides interaction and webhook tokens (and anything else
// credential-shaped) in s: the one redactor, ops.Redactor.
func redact(s string) string { return ops.Redact(s) }

// redactErr is err's text with tokens hidden, for logs.
func redactErr(err error) string {
	if err == nil {
		return ""
	}
	return redact(err.Error())
}
