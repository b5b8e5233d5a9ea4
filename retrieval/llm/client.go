package llm

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"paperbot/internal/httpx"
	"paperbot/retrieval/answer"
)

// Defaults for zero Options fields.
const (
	defaultRequestTimeout = 60 * time.Second
	defaultIdleTimeout    = 20 * time.Second
	defaultMaxRetries     = 2
	defaultRetryBackoff   = 500 * time.Millisecond
	defaultMaxRetryWait   = 20 * time.Second
)

// Options configures a Client. Only Model is required; zero values take
// defaults.
type Options struct {
	// BaseURL of the OpenAI-compatible API, e.g. "http://localhost:11434/v1"
	// for Ollama; "" means OpenAI's.
	BaseURL string
	// APIKey is optional for local servers.
	APIKey string
	// Model is the chat model name, e.g. "gpt-4o-mini" or "llama3.1".
	Model string
	// MaxTokens caps the answer (max_tokens); 0 means 512.
	MaxTokens int
	// ContextTokens is the model's context window; 0 means 8192.
	ContextTokens int
	// RequestTimeout bounds one whole Generate call, retries included; 0
	// means 60 s.
	RequestTimeout time.Duration
	// IdleTimeout bounds every silence: waiting for the response headers and
	// for each next chunk of the stream; 0 means 20 s.
	IdleTimeout time.Duration
	// MaxRetries is how many extra attempts follow a 429, 5xx or transport
	// failure (only while nothing has been streamed); 0 means
	// 2, negative means none.
	MaxRetries int
	// RetryBackoff is the first wait between attempts when the server gave
	// no Retry-After; it doubles each time. 0 means 500 ms.
	RetryBackoff time.Duration
	// MaxRetryWait is the longest Retry-After honoured; a longer hint ends
	// the call at once. 0 means 20 s.
	MaxRetryWait time.Duration
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// HTTPClient defaults to a plain http.Client. Do not set its Timeout: it
	// would cut long streams; the timeouts above cover that.
	HTTPClient *http.Client
	// breaker configures the circuit breaker (tests set it; zero values
	// take the defaults).
	breaker breakerOptions
}

// Client generates answers through an OpenAI-compatible chat API. It is safe
// for concurrent use.
type Client struct {
	api     *openai.Client
	opt     Options
	budget  tokenBudget
	log     *slog.Logger
	breaker *circuitBreaker
}

// New returns a Client. It does not contact the API.
func New(opt Options) *Client {
	if opt.RequestTimeout <= 0 {
		opt.RequestTimeout = defaultRequestTimeout
	}
	if opt.IdleTimeout <= 0 {
		opt.IdleTimeout = defaultIdleTimeout
	}
	if opt.MaxRetries == 0 {
		opt.MaxRetries = defaultMaxRetries
	}
	opt.MaxRetries = max(opt.MaxRetries, 0)
	if opt.RetryBackoff <= 0 {
		opt.RetryBackoff = defaultRetryBackoff
	}
	if opt.MaxRetryWait <= 0 {
		opt.MaxRetryWait = defaultMaxRetryWait
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	// The shared transport records each answer's Retry-After for the retry
	// loop below and pools connections; it retries nothing itself (a retry
	// here depends on whether any text was streamed).
	hc := &http.Client{}
	if opt.HTTPClient != nil {
		c := *opt.HTTPClient
		hc = &c
	}
	hc.Transport = httpx.New(httpx.Options{Base: hc.Transport, Logger: opt.Logger})
	cfg := openai.DefaultConfig(opt.APIKey)
	if opt.BaseURL != "" {
		cfg.BaseURL = strings.TrimRight(opt.BaseURL, "/")
	}
	cfg.HTTPClient = hc
	return &Client{
		api:     openai.NewClientWithConfig(cfg),
		opt:     opt,
		budget:  tokenBudget{Model: opt.Model, ContextTokens: opt.ContextTokens, MaxTokens: opt.MaxTokens}.withDefaults(),
		log:     opt.Logger.With("component", "llm", "model", opt.Model),
		breaker: newBreaker(opt.breaker),
	}
}

// chatRequest renders the chat request Generate sends for in: the prompt from
// buildMessages, max_tokens capped to what the context window leaves, and
// streaming with a usage report. It also returns the estimated prompt tokens.
func (c *Client) chatRequest(in answer.GenerateInput) (openai.ChatCompletionRequest, int) {
	msgs := buildMessages(in, c.budget)
	prompt := countMessages(c.opt.Model, msgs)
	req := openai.ChatCompletionRequest{
		Model:         c.opt.Model,
		Messages:      msgs,
		Stream:        true,
		StreamOptions: &openai.StreamOptions{IncludeUsage: true},
	}
	if reasoningModel(c.opt.Model) {
		req.MaxCompletionTokens = c.budget.answerTokens(prompt)
	} else {
		//lint:ignore SA1019 max_tokens is what Ollama, vLLM, LM Studio and llama.cpp read.
		req.MaxTokens = c.budget.answerTokens(prompt)
	}
	return req, prompt
}

// reasoningModel reports OpenAI models that reject max_tokens.
func reasoningModel(model string) bool {
	for _, p := range []string{"o1", "o3", "o4", "gpt-5", "gpt-6"} {
		if strings.HasPrefix(model, p) {
			return true
		}
	}
	return false
}

// Generate streams an answer for in. onDelta, if not nil, is called with the
// text so far each time more arrives; keep it quick (the stream waits for it,
// though the idle timeout does not count that time).
//
// Failed attempts are retried (429, 5xx, transport errors; Retry-After is
// honoured) only while nothing has been streamed. On failure the error wraps
// errUnavailable (and a specific kind such as errIncomplete or
// errCircuitOpen) unless ctx itself was cancelled, in which case it wraps
// ctx's error. Either way the returned Generated holds any partial text and
// its token counts, for budget accounting.
func (c *Client) Generate(ctx context.Context, in answer.GenerateInput, onDelta func(textSoFar string)) (answer.Generated, error) {
	if c.opt.Model == "" {
		return answer.Generated{}, &apiError{Kind: errRejected, Cause: errors.New("no chat model configured")}
	}
	if err := ctx.Err(); err != nil {
		return answer.Generated{}, fmt.Errorf("generate: %w", err)
	}
	if err := c.breaker.Allow(); err != nil {
		return answer.Generated{}, err
	}
	req, promptTokens := c.chatRequest(in)

	reqCtx, cancel := context.WithTimeoutCause(ctx, c.opt.RequestTimeout, errDeadline)
	defer cancel()

	for attempt := 0; ; attempt++ {
		start := time.Now()
		res, err := c.attempt(reqCtx, req, onDelta)
		gen := res.generated(c.opt.Model, promptTokens)
		if err == nil {
			c.breaker.Done(true)
			if res.finish != openai.FinishReasonStop {
				c.log.Info("model answer finished", "finish_reason", res.finish, "completion_tokens", gen.CompletionTokens)
			}
			return gen, nil
		}
		if ctx.Err() != nil { // the caller gave up (e.g. a Stop button)
			c.breaker.Release()
			return gen, fmt.Errorf("generate: %w", context.Cause(ctx))
		}
		if errors.Is(context.Cause(reqCtx), errDeadline) {
			err = fmt.Errorf("%w: %w", errDeadline, err)
		}
		kind, status, retryable := classify(err)
		wait := res.retryAfter
		if wait <= 0 {
			wait = httpx.Backoff(attempt, c.opt.RetryBackoff, 16*c.opt.RetryBackoff)
		}
		deadline, _ := reqCtx.Deadline()
		giveUp := !retryable || res.streamed || attempt >= c.opt.MaxRetries ||
			wait > c.opt.MaxRetryWait || time.Now().Add(wait).After(deadline)
		if giveUp {
			if kind == errEmpty {
				c.breaker.Done(true) // the API works; the model said nothing
			} else {
				c.breaker.Done(false)
			}
			e := &apiError{Kind: kind, Status: status, Attempts: attempt + 1, Cause: err}
			c.log.Warn("model generation failed", "err", e, "streamed", res.streamed, "breaker", c.breaker.State().String())
			return gen, e
		}
		c.log.Info("model attempt failed; retrying", "attempt", attempt+1, "status", status,
			"err", err, "took", time.Since(start), "wait", wait)
		if err := httpx.Sleep(reqCtx, wait); err != nil {
			if ctx.Err() != nil {
				c.breaker.Release()
				return gen, fmt.Errorf("generate: %w", context.Cause(ctx))
			}
			c.breaker.Done(false)
			return gen, &apiError{Kind: errDeadline, Status: status, Attempts: attempt + 1, Cause: err}
		}
	}
}
