package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"paperbot/internal/ops"
	"paperbot/retrieval/answer"
)

// opsState is a bot's health and metrics wiring (both may be nil: every
// method of ops.Metrics and ops.Health is safe on nil) and the gateway
// supervisor's state.
type opsState struct {
	metrics *ops.Metrics
	health  *ops.Health
	opsCounters
}

// observe wires health, metrics and fault handling into a new bot: the
// gateway handlers, the REST watcher (401 stops the bot; 429s and 5xx are
// counted; the watcher sits inside the retry, so each attempt counts).
// discordgo's reconnect loop is off (newSession): superviseGateway reconnects.
func (b *Bot) observe() {
	b.ops.metrics = b.opt.Metrics
	b.ops.health = b.opt.Health
	b.ops.disconnected = make(chan struct{}, 1)
	b.ops.fatal = make(chan struct{})
	b.gate.limited = b.ops.metrics.RateLimited
	b.s.AddHandler(b.onConnect)
	b.s.AddHandler(b.onDisconnect)
	b.rest.Base = &watchTransport{base: b.rest.Base, b: b}
}

// watchTransport sees every REST response (inside the 429 retry, so each
// 429 counts): a 401 for the bot token stops the bot; 429s count as
// rate-limit hits; 5xx and transport failures count as errors.
type watchTransport struct {
	base http.RoundTripper
	b    *Bot
}

// RoundTrip implements http.RoundTripper.
func (t *watchTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.base
	if base == nil {
		base = http.DefaultTransport
	}
	resp, err := base.RoundTrip(req)
	m := t.b.ops.metrics
	switch {
	case err != nil:
		if !errors.Is(err, context.Canceled) {
			m.Error("discord_rest")
		}
	case resp.StatusCode == http.StatusTooManyRequests:
		m.RateLimited()
	case resp.StatusCode >= 500:
		m.Error("discord_rest")
	case resp.StatusCode == http.StatusUnauthorized:
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(body))
		if tokenRejected(req, body) {
			m.Error("discord_auth")
			t.b.stopWith(fmt.Errorf("%w (HTTP 401 from %s %s)", ErrBadToken, req.Method, redact(routeOf(req))))
		}
	}
	return resp, err
}

// tokenRejected tells a rejected bot token from an expired interaction
// token: both are 401, but an interaction or webhook route answers an
// expired token with code 50027 and never needs the bot token.
func tokenRejected(req *http.Request, body []byte) bool {
	var e struct {
		Code int `json:"code"`
	}
	_ = json.Unmarshal(body, &e)
	if e.Code == 50027 {
		return false
	}
	p := req.URL.Path
	if strings.Contains(p, "/webhooks/") || strings.Contains(p, "/interactions/") {
		return e.Code == 0
	}
	return true
}

// routeOf is the request path after the API version, for messages.
func routeOf(req *http.Request) string {
	p := req.URL.Path
	if i := strings.Index(p, "/api/"); i >= 0 {
		p = p[i+len("/api/"):]
		if j := strings.IndexByte(p, '/'); j >= 0 && strings.HasPrefix(p, "v") {
			p = p[j:]
		}
	}
	return p
}

// ask runs the engine for one question from source (ops.SourceSlash or
// ops.SourceMention) and records its latency, abstention, model tokens and
// errors.
func (b *Bot) ask(ctx context.Context, source string, req answer.Request) (*answer.Answer, error) {
	start := time.Now()
	ans, err := b.opt.Engine.Ask(ctx, req)
	m := b.ops.metrics
	switch {
	case err == nil:
		m.ObserveAnswer(source, time.Since(start), ans.Abstained)
		// The engine reports one total; it is counted as completion tokens
		// until answer.Answer splits prompt and completion.
		m.AddTokens(0, ans.Usage)
	case errors.Is(err, context.Canceled):
	default:
		if _, user := answer.IsUserError(err); user {
			m.Error("refused")
		} else {
			m.Error("answer")
		}
	}
	return ans, err
}

// countPanic counts one recovered panic.
func (b *Bot) countPanic() { b.ops.metrics.Error("panic") }
