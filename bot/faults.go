package bot

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// GatewayError is a gateway close after which reconnecting cannot help:
// the token, the shard settings or the intents must be fixed first. The
// 4004 (authentication failed) error also matches ErrBadToken.
type GatewayError struct {
	Code int // the close code, e.g. 4013
}

// Error says what went wrong and how to fix it, in one line.
func (e *GatewayError) Error() string {
	return fmt.Sprintf("Discord closed the gateway with code %d (%s): %s", e.Code, closeName(e.Code), closeAdvice(e.Code))
}

// Unwrap makes a 4004 close match ErrBadToken.
func (e *GatewayError) Unwrap() error {
	if e.Code == 4004 {
		return ErrBadToken
	}
	return nil
}

// fatalCloseCode reports the gateway close codes that end the bot instead
// of a reconnect: Discord documents them as "do not reconnect".
func fatalCloseCode(code int) bool {
	switch code {
	case 4004, 4010, 4011, 4012, 4013, 4014:
		return true
	}
	return false
}

func closeName(code int) string {
	switch code {
	case 4004:
		return "authentication failed"
	case 4010:
		return "invalid shard"
	case 4011:
		return "sharding required"
	case 4012:
		return "invalid API version"
	case 4013:
		return "invalid intents"
	case 4014:
		return "disallowed intents"
	}
	return "unknown"
}

func closeAdvice(code int) string {
	switch code {
	case 4004:
		return "the bot token is wrong or was reset; set DISCORD_TOKEN to the token from the Developer Portal (Bot → Reset Token)"
	case 4010:
		return "SHARD_ID must be below SHARD_COUNT; check both, or unset SHARD_COUNT to use Discord's recommendation"
	case 4011:
		return "the bot is in too many servers for one connection; run several shards (SHARD_ID/SHARD_COUNT, see docs/deploy.md)"
	case 4012:
		return "this build speaks an API version Discord no longer accepts; update PaperBot"
	case 4013:
		return "the gateway intents are invalid; update PaperBot"
	case 4014:
		return "the bot asks for an intent that is not enabled; enable it in the Developer Portal (Bot → Privileged Gateway Intents)"
	}
	return "reconnecting cannot help"
}

// gatewayFatal returns the GatewayError carried by err, when err is (or
// wraps) a websocket close with a fatal code.
func gatewayFatal(err error) error {
	var ce *websocket.CloseError
	if errors.As(err, &ce) && fatalCloseCode(ce.Code) {
		return &GatewayError{Code: ce.Code}
	}
	return nil
}

// stopWith ends Run with err (the first call wins).
func (b *Bot) stopWith(err error) {
	b.ops.fatalOnce.Do(func() {
		b.ops.fatalErr = err
		close(b.ops.fatal)
	})
}

// Reconnect backoff: the first attempt is immediate, then the wait doubles
// from reconnectMin up to reconnectMax.
const (
	reconnectMin = 500 * time.Millisecond
	reconnectMax = 2 * time.Minute
)

// nextReconnectWait is the wait after a failed reconnect that followed a
// wait of prev: reconnectMin, then doubling up to reconnectMax.
func nextReconnectWait(prev time.Duration) time.Duration {
	return min(max(2*prev, reconnectMin), reconnectMax)
}

// superviseGateway serves until ctx ends or a fatal error stops the bot.
// discordgo's own reconnect loop retries forever, even after a close that
// says "do not reconnect", so it is off (ShouldReconnectOnError): after
// every Disconnect this loop reopens the session (which resumes it) unless
// the close was fatal. It also reports heartbeat ACKs to the health state.
func (b *Bot) superviseGateway(ctx context.Context) error {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	b.pollHeartbeat()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-b.ops.fatal:
			return b.ops.fatalErr
		case <-tick.C:
			b.pollHeartbeat()
		case <-b.ops.disconnected:
			if ctx.Err() != nil {
				return nil
			}
			if code := int(b.ops.closeCode.Load()); code != 0 {
				b.stopWith(&GatewayError{Code: code})
				continue
			}
			b.reconnect(ctx)
		}
	}
}

// reconnect reopens the gateway with backoff until it works, ctx ends or
// the error is fatal (which stops the bot).
func (b *Bot) reconnect(ctx context.Context) {
	wait := time.Duration(0)
	for attempt := 1; ; attempt++ {
		if wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-b.ops.fatal:
				t.Stop()
				return
			case <-t.C:
			}
		}
		err := b.s.Open()
		if err == nil || errors.Is(err, discordgo.ErrWSAlreadyOpen) {
			if attempt > 1 {
				b.log.Info("reconnected to the Discord gateway", "attempts", attempt)
			}
			return
		}
		if fatal := gatewayFatal(err); fatal != nil {
			b.stopWith(fatal)
			return
		}
		if translated := translateAuth(err); errors.Is(translated, ErrBadToken) {
			b.stopWith(translated)
			return
		}
		b.ops.metrics.Error("gateway")
		wait = nextReconnectWait(wait)
		b.log.Warn("gateway reconnect failed; retrying", "attempt", attempt, "wait", wait, "err", redactErr(err))
	}
}

// onConnect marks the gateway connected; every connection after the first
// is a reconnection.
func (b *Bot) onConnect(_ *discordgo.Session, _ *discordgo.Connect) {
	b.ops.health.SetGateway(true)
	if b.ops.connects.Add(1) > 1 {
		b.ops.metrics.Reconnect()
	}
	b.ops.connected.broadcast()
	// The heartbeat ACK is read by the supervisor's ticker: Open emits
	// Connect while it holds the session lock.
}

// onDisconnect marks the gateway down and wakes the supervisor.
func (b *Bot) onDisconnect(_ *discordgo.Session, _ *discordgo.Disconnect) {
	b.ops.health.SetGateway(false)
	select {
	case b.ops.disconnected <- struct{}{}:
	default:
	}
}

// pollHeartbeat copies the session's last heartbeat ACK into the health state.
func (b *Bot) pollHeartbeat() {
	b.s.RLock()
	t := b.s.LastHeartbeatAck
	b.s.RUnlock()
	if !t.IsZero() {
		b.ops.health.HeartbeatAck(t)
	}
}

// opsCounters is the per-bot state of health, metrics and supervision.
type opsCounters struct {
	disconnected chan struct{} // one pending Disconnect, buffered
	closeCode    atomic.Int64  // a fatal close code seen in discordgo's log
	gateway      atomic.Value  // string: this bot's gateway URL, "" if unknown
	connects     atomic.Int64
	connected    signal        // broadcast after each connection is counted
	fatal        chan struct{} // closed by stopWith
	fatalOnce    sync.Once
	fatalErr     error
}

// signal wakes everyone waiting on it each time it is broadcast, so a
// waiter can block until a counter it reads reaches a value.
type signal struct {
	mu sync.Mutex
	ch chan struct{}
}

// wait returns a channel closed by the next broadcast; read the state
// after calling it, then wait on the channel if the state is not there yet.
func (s *signal) wait() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch == nil {
		s.ch = make(chan struct{})
	}
	return s.ch
}

// broadcast wakes every current waiter.
func (s *signal) broadcast() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch != nil {
		close(s.ch)
		s.ch = nil
	}
}
