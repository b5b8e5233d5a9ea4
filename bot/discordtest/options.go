package discordtest

import (
	"io"
	"log/slog"
	"time"

	"paperbot/internal/discord"
)

// Option configures a Server.
type Option func(*config)

type config struct {
	addr              string
	appID             string
	botName           string
	token             string
	heartbeat         time.Duration
	ackDeadline       time.Duration
	tokenTTL          time.Duration
	settle            time.Duration
	shards            int
	guilds            []string
	disallowedIntents int
	echo              bool
	logger            *slog.Logger
}

func defaultConfig() config {
	return config{
		appID:       DefaultAppID,
		botName:     DefaultBotName,
		heartbeat:   time.Second,
		ackDeadline: discord.AckDeadline,
		tokenTTL:    15 * time.Minute,
		settle:      100 * time.Millisecond,
		shards:      1,
		guilds:      []string{DefaultGuildID},
		logger:      slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
}

// WithAddr listens on addr (default "127.0.0.1:0", a free port).
func WithAddr(addr string) Option { return func(c *config) { c.addr = addr } }

// WithAppID sets the application id, which is also the bot user's id.
func WithAppID(id string) Option { return func(c *config) { c.appID = id } }

// WithBotName sets the bot user's name (default "PaperBot").
func WithBotName(name string) Option { return func(c *config) { c.botName = name } }

// WithToken makes the fake accept only this bot token ("Bot " prefix
// optional). By default any non-empty "Bot ..." token is accepted.
func WithToken(token string) Option { return func(c *config) { c.token = token } }

// WithHeartbeatInterval sets the interval sent in HELLO (default 1 s).
func WithHeartbeatInterval(d time.Duration) Option { return func(c *config) { c.heartbeat = d } }

// WithAckDeadline sets how long an interaction may wait for its first
// response (default 3 s, as on Discord).
func WithAckDeadline(d time.Duration) Option { return func(c *config) { c.ackDeadline = d } }

// WithTokenTTL sets how long an interaction token stays valid (default 15 min).
func WithTokenTTL(d time.Duration) Option { return func(c *config) { c.tokenTTL = d } }

// WithSettle sets how long WaitFinal waits for quiet after the first final
// response before it returns (default 100 ms), so streamed edits settle.
func WithSettle(d time.Duration) Option { return func(c *config) { c.settle = d } }

// WithShards sets the shard count /gateway/bot recommends (default 1).
// Guild events then go to the session whose shard owns the guild.
func WithShards(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.shards = n
		}
	}
}

// WithGuilds sets the guilds announced in READY and GUILD_CREATE
// (default DefaultGuildID).
func WithGuilds(ids ...string) Option { return func(c *config) { c.guilds = ids } }

// WithDisallowedIntents makes IDENTIFY fail with close code 4014 when it
// asks for any of these intent bits (for example 1<<15, message content).
func WithDisallowedIntents(mask int) Option { return func(c *config) { c.disallowedIntents = mask } }

// WithEcho makes the fake dispatch MESSAGE_CREATE for every non-ephemeral
// message the bot creates, as Discord does, so tests can check that the bot
// ignores its own messages. Off by default.
func WithEcho() Option { return func(c *config) { c.echo = true } }

// WithLogger logs the fake's notable events (violations, gateway traffic).
func WithLogger(l *slog.Logger) Option {
	return func(c *config) {
		if l != nil {
			c.logger = l
		}
	}
}
