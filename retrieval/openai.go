package retrieval

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/philippgille/chromem-go"
	openai "github.com/sashabaranov/go-openai"
)

// EmbedderOptions tune an OpenAIEmbedder. Zero values pick the defaults.
type EmbedderOptions struct {
	// BaseURL is the API base the client talks to, e.g.
	// "https://api.openai.com/v1" or "http://localhost:11434/v1"; it is named
	// in errors and log lines (the go-openai client does not expose it).
	BaseURL string
	// BatchSize is the most texts sent in one request (default 64).
	BatchSize int
	// Timeout bounds each HTTP attempt (default 30 s).
	Timeout time.Duration
	// MaxRetries is how many times a request is retried after a 429, a 5xx,
	// a timeout or a network error (default 3; negative means none).
	MaxRetries int
	// Backoff is the first retry delay, doubled on each retry up to
	// MaxBackoff (defaults 500 ms and 20 s). A Retry-After header, when the
	// client was made by NewOpenAIClient, is honoured up to MaxBackoff.
	Backoff    time.Duration
	MaxBackoff time.Duration
	// Dimensions asks text-embedding-3 models for shorter vectors (0 = the
	// model's own size).
	Dimensions int
	// Logger receives retry warnings; nil means slog.Default().
	Logger *slog.Logger
}

// maxEmbedRunes caps one text sent for embedding, well under the 8,192
// tokens embedding models accept.
const maxEmbedRunes = 8000

// OpenAIEmbedder embeds text through an OpenAI-compatible /embeddings API
// (OpenAI, Ollama, vLLM, LM Studio, ...) with batching, a per-request
// timeout and bounded retries with exponential backoff.
type OpenAIEmbedder struct {
	client *openai.Client
	model  string
	opt    EmbedderOptions
	// sleep waits between retries; tests replace it.
	sleep func(ctx context.Context, d time.Duration) error
}

// NewOpenAIEmbedder returns an embedder for model through client.
func NewOpenAIEmbedder(client *openai.Client, model string, opt EmbedderOptions) *OpenAIEmbedder {
	if opt.BatchSize <= 0 {
		opt.BatchSize = 64
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Second
	}
	if opt.MaxRetries == 0 {
		opt.MaxRetries = 3
	}
	if opt.MaxRetries < 0 {
		opt.MaxRetries = 0
	}
	if opt.Backoff <= 0 {
		opt.Backoff = 500 * time.Millisecond
	}
	if opt.MaxBackoff <= 0 {
		opt.MaxBackoff = 20 * time.Second
	}
	if opt.BaseURL == "" {
		opt.BaseURL = "the embeddings API"
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	return &OpenAIEmbedder{client: client, model: model, opt: opt, sleep: sleepCtx}
}

// NewOpenAIClient returns a go-openai client for an OpenAI-compatible API at
// baseURL whose HTTP transport records Retry-After headers, so that an
// OpenAIEmbedder using it waits as long as the server asks.
func NewOpenAIClient(baseURL, apiKey string) *openai.Client {
	cfg := openai.DefaultConfig(apiKey)
	if baseURL != "" {
		cfg.BaseURL = strings.TrimRight(baseURL, "/")
	}
	cfg.HTTPClient = &http.Client{Transport: RetryAfterTransport(nil)}
	return openai.NewClientWithConfig(cfg)
}

// ID names this embedder for the index file: "openai:<model>", with
// "@<dimensions>" when a dimension was requested.
func (e *OpenAIEmbedder) ID() string {
	if e.opt.Dimensions > 0 {
		return fmt.Sprintf("openai:%s@%d", e.model, e.opt.Dimensions)
	}
	return "openai:" + e.model
}

// Func returns the embedder as a chromem-go embedding function (one text,
// one request).
func (e *OpenAIEmbedder) Func() chromem.EmbeddingFunc {
	return func(ctx context.Context, text string) ([]float32, error) {
		vs, err := e.EmbedBatch(ctx, []string{text})
		if err != nil {
			return nil, err
		}
		return vs[0], nil
	}
}

// EmbedBatch embeds texts, BatchSize per request, and returns one
// L2-normalised vector per text, in order.
func (e *OpenAIEmbedder) EmbedBatch(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, 0, len(texts))
	for start := 0; start < len(texts); start += e.opt.BatchSize {
		end := min(start+e.opt.BatchSize, len(texts))
		vs, err := e.embedWithRetry(ctx, texts[start:end])
		if err != nil {
			return nil, err
		}
		out = append(out, vs...)
	}
	return out, nil
}

// embedWithRetry sends one batch, retrying transient failures.
func (e *OpenAIEmbedder) embedWithRetry(ctx context.Context, texts []string) ([][]float32, error) {
	input := make([]string, len(texts))
	for i, t := range texts {
		input[i] = cleanEmbedInput(t)
	}
	var lastErr error
	for attempt := 0; ; attempt++ {
		hint := &retryHint{}
		vs, err := e.embedOnce(withRetryHint(ctx, hint), input)
		if err == nil {
			return vs, nil
		}
		lastErr = err
		if ctx.Err() != nil || !retryable(err) || attempt >= e.opt.MaxRetries {
			break
		}
		wait := e.delay(attempt, hint.get())
		e.opt.Logger.Warn("embeddings request failed; retrying",
			"url", e.opt.BaseURL, "model", e.model, "attempt", attempt+1, "wait", wait, "err", err)
		if err := e.sleep(ctx, wait); err != nil {
			lastErr = err
			break
		}
	}
	return nil, fmt.Errorf("embeddings at %s (model %q): %w", e.opt.BaseURL, e.model, lastErr)
}

// embedOnce makes one request with the per-attempt timeout.
func (e *OpenAIEmbedder) embedOnce(ctx context.Context, input []string) ([][]float32, error) {
	ctx, cancel := context.WithTimeout(ctx, e.opt.Timeout)
	defer cancel()
	resp, err := e.client.CreateEmbeddings(ctx, openai.EmbeddingRequestStrings{
		Input:      input,
		Model:      openai.EmbeddingModel(e.model),
		Dimensions: e.opt.Dimensions,
	})
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("no answer within %s: %w", e.opt.Timeout, err)
		}
		return nil, err
	}
	if len(resp.Data) != len(input) {
		return nil, fmt.Errorf("got %d embeddings for %d texts", len(resp.Data), len(input))
	}
	data := slices.Clone(resp.Data)
	slices.SortFunc(data, func(a, b openai.Embedding) int { return a.Index - b.Index })
	out := make([][]float32, len(data))
	for i, d := range data {
		if d.Index != i {
			return nil, fmt.Errorf("embedding indexes are not 0..%d", len(input)-1)
		}
		v, ok := normalized(d.Embedding)
		if !ok {
			return nil, fmt.Errorf("embedding %d is empty, zero or not finite", i)
		}
		if i > 0 && len(v) != len(out[0]) {
			return nil, fmt.Errorf("embeddings of different lengths (%d and %d)", len(out[0]), len(v))
		}
		out[i] = v
	}
	return out, nil
}

// delay is the wait before retry number attempt+1: the server's Retry-After
// when given, else exponential backoff; never above MaxBackoff.
func (e *OpenAIEmbedder) delay(attempt int, retryAfter time.Duration) time.Duration {
	if retryAfter > 0 {
		return min(retryAfter, e.opt.MaxBackoff)
	}
	d := e.opt.Backoff << attempt
	if d <= 0 || d > e.opt.MaxBackoff {
		d = e.opt.MaxBackoff
	}
	return d
}

// retryable reports whether an embeddings error is worth another attempt:
// rate limits, server errors, timeouts and network failures, but not bad
// requests, bad keys or unknown models.
func retryable(err error) bool {
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		return retryableStatus(apiErr.HTTPStatusCode)
	}
	var reqErr *openai.RequestError
	if errors.As(err, &reqErr) {
		return retryableStatus(reqErr.HTTPStatusCode)
	}
	if errors.Is(err, context.Canceled) {
		return false
	}
	// Timeouts, refused connections, resets, malformed responses.
	return true
}

func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests || code == http.StatusRequestTimeout || code >= 500
}

// cleanEmbedInput makes a text acceptable to embeddings APIs: newlines as
// spaces, not blank, not too long.
func cleanEmbedInput(t string) string {
	t = strings.Join(strings.Fields(t), " ")
	if t == "" {
		return "-"
	}
	if utf8.RuneCountInString(t) > maxEmbedRunes {
		t = string([]rune(t)[:maxEmbedRunes])
	}
	return t
}

// normalized returns v scaled to unit length, or false if it cannot be.
func normalized(v []float32) ([]float32, bool) {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if len(v) == 0 || s == 0 || math.IsNaN(s) || math.IsInf(s, 0) {
		return nil, false
	}
	inv := 1 / math.Sqrt(s)
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = float32(float64(x) * inv)
	}
	return out, true
}

// sleepCtx waits for d or until ctx is done.
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
