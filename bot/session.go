package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Bounds of the 429 retry: at most maxRateRetries retries per request, and
// none when Discord asks to wait longer than maxRetryWait.
const (
	maxRateRetries = 3
	maxRetryWait   = 15 * time.Second
)

// intents are the gateway intents the bot asks for: guilds, guild messages
// and direct messages. Not the privileged MESSAGE_CONTENT: messages that
// mention the bot carry their content anyway.
const intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages

// newSession builds the discordgo session. Session.Debug stays off (it
// would log request headers, including the token); discordgo's logger is
// routed to slog with tokens redacted; 429s are retried by retryTransport,
// a bounded number of times, honouring retry_after (discordgo's own retry
// loop has no bound, so ShouldRetryOnRateLimit is off).
func newSession(opt Options) (*discordgo.Session, error) {
	s, err := discordgo.New("Bot " + opt.Token)
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	s.Debug = false
	s.LogLevel = discordgo.LogWarning
	s.Identify.Intents = intents
	s.ShouldRetryOnRateLimit = false
	s.MaxRestRetries = 3
	s.ShouldReconnectOnError = true
	client := &http.Client{Timeout: 20 * time.Second}
	if opt.HTTPClient != nil {
		c := *opt.HTTPClient
		client = &c
	}
	client.Transport = &retryTransport{base: client.Transport, log: opt.Logger}
	s.Client = client
	setDiscordgoLogger(opt.Logger)
	return s, nil
}

// discordgoLog is where discordgo's package-level logger writes.
var discordgoLog atomic.Pointer[slog.Logger]

// setDiscordgoLogger routes discordgo's log lines to l, with interaction
// and webhook tokens redacted.
func setDiscordgoLogger(l *slog.Logger) {
	discordgoLog.Store(l)
	discordgo.Logger = func(msgL, caller int, format string, a ...interface{}) {
		noteGatewayLog(a)
		lg := discordgoLog.Load()
		if lg == nil {
			return
		}
		msg := redact(fmt.Sprintf(format, a...))
		switch msgL {
		case discordgo.LogError:
			lg.Error("discordgo: " + msg)
		case discordgo.LogWarning:
			lg.Warn("discordgo: " + msg)
		case discordgo.LogInformational:
			lg.Info("discordgo: " + msg)
		default:
			lg.Debug("discordgo: " + msg)
		}
	}
}

// tokenRE finds interaction and webhook tokens in URLs and error texts.
var tokenRE = regexp.MustCompile(`(/(?:webhooks|interactions)/\d+/)[A-Za-z0-9_.\-]+`)

// redact hides interaction and webhook tokens in s.
func redact(s string) string {
	return tokenRE.ReplaceAllString(s, "${1}<token>")
}

// redactErr is err's text with tokens hidden, for logs.
func redactErr(err error) string {
	if err == nil {
		return ""
	}
	return redact(err.Error())
}

// retryTransport retries requests answered 429, up to maxRateRetries times,
// after the wait Discord asks for (retry_after in the body, or the
// Retry-After header). Longer waits, or a cancelled request, return the 429
// to discordgo, which reports a *discordgo.RateLimitError.
type retryTransport struct {
	base http.RoundTripper
	log  *slog.Logger
}

// RoundTrip implements http.RoundTripper.
func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.base
	if base == nil {
		base = http.DefaultTransport
	}
	for attempt := 0; ; attempt++ {
		resp, err := base.RoundTrip(req)
		if err != nil || resp.StatusCode != http.StatusTooManyRequests || attempt >= maxRateRetries {
			return resp, err
		}
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		wait := retryAfter(resp.Header, body)
		if wait > maxRetryWait || (req.Body != nil && req.GetBody == nil) {
			resp.Body = io.NopCloser(bytes.NewReader(body))
			return resp, nil
		}
		if t.log != nil {
			t.log.Info("rate limited by Discord; retrying", "route", redact(req.URL.Path), "retry_after", wait, "attempt", attempt+1)
		}
		if err := sleepCtx(req.Context(), wait); err != nil {
			return nil, err
		}
		if req.GetBody != nil {
			b, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			req = req.Clone(req.Context())
			req.Body = b
		}
	}
}

// retryAfter reads how long Discord asks to wait, with a small floor.
func retryAfter(h http.Header, body []byte) time.Duration {
	var rl struct {
		RetryAfter float64 `json:"retry_after"`
	}
	d := time.Duration(0)
	if json.Unmarshal(body, &rl) == nil && rl.RetryAfter > 0 {
		d = time.Duration(rl.RetryAfter * float64(time.Second))
	} else if v, err := strconv.ParseFloat(h.Get("Retry-After"), 64); err == nil && v > 0 {
		d = time.Duration(v * float64(time.Second))
	}
	return max(d, 5*time.Millisecond)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
