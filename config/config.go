// Package config reads PaperBot's settings from environment variables.
// Only package main uses it; every other package takes plain values.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// DefaultDiscordAPIURL is Discord's v10 REST base.
const DefaultDiscordAPIURL = "https://discord.com/api/v10/"

// Config is every setting PaperBot reads. The README's configuration table
// documents each field's variable; .env.example lists them all.
type Config struct {
	// Discord
	DiscordToken   string // DISCORD_TOKEN
	DiscordGuildID string // DISCORD_GUILD_ID: register commands to one server (instant updates)
	DiscordAPIURL  string // DISCORD_API_URL: REST base, e.g. a nirn-proxy or the test fake
	ShardID        int    // SHARD_ID
	ShardCount     int    // SHARD_COUNT (0 = automatic from /gateway/bot)

	// Language model and embeddings (any OpenAI-compatible server)
	OpenAIBaseURL  string        // OPENAI_BASE_URL
	OpenAIAPIKey   string        // OPENAI_API_KEY (optional for local servers)
	ChatModel      string        // CHAT_MODEL: set to enable model answers
	EmbeddingModel string        // EMBEDDING_MODEL: set to embed through the API
	LLMTimeout     time.Duration // LLM_TIMEOUT: whole-request deadline
	LLMIdleTimeout time.Duration // LLM_IDLE_TIMEOUT: stream silence limit
	MaxTokens      int           // LLM_MAX_TOKENS: cap on answer tokens
	ContextTokens  int           // LLM_CONTEXT_TOKENS: prompt budget

	// Cost control: daily token budgets (0 = unlimited)
	BudgetUserDaily   int // TOKEN_BUDGET_USER_DAILY
	BudgetGuildDaily  int // TOKEN_BUDGET_GUILD_DAILY
	BudgetGlobalDaily int // TOKEN_BUDGET_GLOBAL_DAILY

	// Papers and state
	CorpusDir      string // CORPUS_DIR: a directory of papers (.txt, .pdf)
	DataDir        string // DATA_DIR: index file and SQLite state
	IndexPath      string // INDEX_PATH (default DATA_DIR/index.bin)
	IndexMemoryMB  int    // INDEX_MEMORY_MB: papers kept in memory, least recently used dropped beyond it (0 = no limit)
	DatabaseURL    string // DATABASE_URL: PostgreSQL for several shards
	MaxUploadBytes int64  // MAX_UPLOAD_BYTES for /ingest
	// AnswerRetention (ANSWER_RETENTION) is how long answers' buttons keep
	// working; AnswerFlushEvery (ANSWER_FLUSH_INTERVAL) the longest an
	// answer waits before it is written, which is what a crash can lose.
	AnswerRetention  time.Duration
	AnswerFlushEvery time.Duration

	// Classroom controls
	AllowedChannelIDs    []string      // ALLOWED_CHANNEL_IDS (comma-separated; empty = all)
	AllowedRoleIDs       []string      // ALLOWED_ROLE_IDS (comma-separated; empty = everyone)
	InstructorRoleID     string        // INSTRUCTOR_ROLE_ID (or the Manage Server permission)
	UserCooldown         time.Duration // USER_COOLDOWN, e.g. 10s
	MaxConcurrentAnswers int           // MAX_CONCURRENT_ANSWERS
	MaxQueuedAnswers     int           // MAX_QUEUED_ANSWERS: questions waiting in line beyond those

	// Operations
	OpsAddr   string // OPS_ADDR: /healthz and /metrics, off when empty (e.g. 127.0.0.1:9090)
	LogFormat string // LOG_FORMAT: text or json
	LogLevel  string // LOG_LEVEL: debug, info, warn, error
}

// Load reads the configuration through getenv (os.Getenv in production).
// Every malformed value is reported, all at once.
func Load(getenv func(string) string) (Config, error) {
	p := parser{getenv: getenv}
	dataDir := p.str("DATA_DIR", ".paperbot")
	c := Config{
		DiscordToken:   strings.TrimSpace(getenv("DISCORD_TOKEN")),
		DiscordGuildID: p.str("DISCORD_GUILD_ID", ""),
		DiscordAPIURL:  p.str("DISCORD_API_URL", DefaultDiscordAPIURL),
		ShardID:        p.int("SHARD_ID", 0),
		ShardCount:     p.int("SHARD_COUNT", 0),

		OpenAIBaseURL:  p.str("OPENAI_BASE_URL", ""),
		OpenAIAPIKey:   strings.TrimSpace(getenv("OPENAI_API_KEY")),
		ChatModel:      p.str("CHAT_MODEL", ""),
		EmbeddingModel: p.str("EMBEDDING_MODEL", ""),
		LLMTimeout:     p.dur("LLM_TIMEOUT", 60*time.Second),
		LLMIdleTimeout: p.dur("LLM_IDLE_TIMEOUT", 20*time.Second),
		MaxTokens:      p.int("LLM_MAX_TOKENS", 600),
		ContextTokens:  p.int("LLM_CONTEXT_TOKENS", 6000),

		BudgetUserDaily:   p.int("TOKEN_BUDGET_USER_DAILY", 20000),
		BudgetGuildDaily:  p.int("TOKEN_BUDGET_GUILD_DAILY", 200000),
		BudgetGlobalDaily: p.int("TOKEN_BUDGET_GLOBAL_DAILY", 1000000),

		CorpusDir:      p.str("CORPUS_DIR", ""),
		DataDir:        dataDir,
		IndexPath:      p.str("INDEX_PATH", filepath.Join(dataDir, "index.bin")),
		IndexMemoryMB:  p.int("INDEX_MEMORY_MB", 256),
		DatabaseURL:    strings.TrimSpace(getenv("DATABASE_URL")),
		MaxUploadBytes: int64(p.int("MAX_UPLOAD_BYTES", 10<<20)),

		AnswerRetention:  p.dur("ANSWER_RETENTION", 30*24*time.Hour),
		AnswerFlushEvery: p.dur("ANSWER_FLUSH_INTERVAL", time.Second),

		AllowedChannelIDs:    p.list("ALLOWED_CHANNEL_IDS"),
		AllowedRoleIDs:       p.list("ALLOWED_ROLE_IDS"),
		InstructorRoleID:     p.str("INSTRUCTOR_ROLE_ID", ""),
		UserCooldown:         p.dur("USER_COOLDOWN", 10*time.Second),
		MaxConcurrentAnswers: p.int("MAX_CONCURRENT_ANSWERS", 8),
		MaxQueuedAnswers:     p.int("MAX_QUEUED_ANSWERS", 500),

		OpsAddr:   p.str("OPS_ADDR", ""),
		LogFormat: p.str("LOG_FORMAT", "text"),
		LogLevel:  p.str("LOG_LEVEL", "info"),
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		p.fail("LOG_FORMAT", c.LogFormat, "text or json")
	}
	if c.ShardCount > 0 && (c.ShardID < 0 || c.ShardID >= c.ShardCount) {
		p.fail("SHARD_ID", strconv.Itoa(c.ShardID), fmt.Sprintf("a number from 0 to %d (SHARD_COUNT-1)", c.ShardCount-1))
	}
	if !strings.HasSuffix(c.DiscordAPIURL, "/") {
		c.DiscordAPIURL += "/"
	}
	return c, errors.Join(p.errs...)
}

// ModelEnabled reports whether answers are written by a language model.
func (c Config) ModelEnabled() bool {
	return c.ChatModel != "" && c.OpenAIBaseURL != "" || c.ChatModel != "" && c.OpenAIAPIKey != ""
}

// EmbeddingsEnabled reports whether passages are embedded through the API.
func (c Config) EmbeddingsEnabled() bool {
	return c.EmbeddingModel != "" && (c.OpenAIBaseURL != "" || c.OpenAIAPIKey != "")
}

// Secrets returns the configured secret values, for the log redaction layer.
func (c Config) Secrets() []string {
	var s []string
	for _, v := range []string{c.DiscordToken, c.OpenAIAPIKey, passwordOf(c.DatabaseURL)} {
		if len(v) >= 4 {
			s = append(s, v)
		}
	}
	return s
}

type parser struct {
	getenv func(string) string
	errs   []error
}

func (p *parser) fail(key, val, want string) {
	p.errs = append(p.errs, fmt.Errorf("%s=%q is not valid: want %s", key, val, want))
}

func (p *parser) str(key, def string) string {
	if v := strings.TrimSpace(p.getenv(key)); v != "" {
		return v
	}
	return def
}

func (p *parser) int(key string, def int) int {
	v := strings.TrimSpace(p.getenv(key))
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		p.fail(key, v, "a whole number ≥ 0")
		return def
	}
	return n
}

func (p *parser) dur(key string, def time.Duration) time.Duration {
	v := strings.TrimSpace(p.getenv(key))
	if v == "" {
		return def
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 { // bare seconds
		return time.Duration(n) * time.Second
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		p.fail(key, v, "a duration such as 10s or 2m")
		return def
	}
	return d
}

func (p *parser) list(key string) []string {
	return strings.FieldsFunc(p.getenv(key), func(r rune) bool { return r == ',' || r == ' ' })
}

// passwordOf returns the password of a database URL, if any (decoded,
// as the driver sends it).
func passwordOf(dbURL string) string {
	u, err := url.Parse(dbURL)
	if err != nil || u.User == nil {
		return ""
	}
	pw, _ := u.User.Password()
	return pw
}
