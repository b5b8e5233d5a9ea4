package retrieval

import (
	"cmp"
	"context"
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

	"paperbot/internal/httpx"
)

// EmbedderOptions tune an OpenAIEmbedder. Zero values pick the defaults.
type EmbedderOptions struct {
	// BatchSize is the most texts sent in one request (default 64).
	BatchSize int
	// Timeout bounds each HTTP attempt (default 30 s).
	Timeout time.Duration
	// MaxRetries is how many times a request is retried after a 429, a 5xx,
	// a timeout or a network error (default 3; negative means none).
	MaxRetries int
	// Backoff is the first retry delay, doubled (with jitter) on each retry
	// up to MaxBackoff (defaults 500 ms and 20 s). A Retry-After header is
	// honoured; one longer than MaxBackoff ends the retries.
	Backoff    time.Duration
	MaxBackoff time.Duration
	// Dimensions asks text-embedding-3 models for shorter vectors (0 = the
	// model's own size).
	Dimensions int
	// Logger receives retry warnings; nil means slog.Default().
	Logger *slog.Logger
	// Transport sends each attempt (nil: a pooled http.Transport).
	Transport http.RoundTripper
}

// maxEmbedRunes caps one text sent for embedding, well under the 8,192
// tokens embedding models accept.
const maxEmbedRunes = 8000

// OpenAIEmbedder embeds text through an OpenAI-compatible /embeddings API
// (OpenAI, Ollama, vLLM, LM Studio, ...) with batching. Its HTTP transport
// (internal/httpx) bounds each attempt and retries 429s, 5xx answers,
// timeouts and network errors with exponential backoff or the server's
// Retry-After, over pooled connections.
type OpenAIEmbedder struct {
	client  *openai.Client
	model   string
	baseURL string // named in errors and log lines
	opt     EmbedderOptions
	// sleep waits between retries; tests replace it.
	sleep func(ctx context.Context, d time.Duration) error
}

// DefaultOpenAIBaseURL is OpenAI's API base.
const DefaultOpenAIBaseURL = "https://api.openai.com/v1"

// NewOpenAIEmbedder returns an embedder for model at the OpenAI-compatible
// API at baseURL (e.g. "http://localhost:11434/v1" for Ollama; ""
// means DefaultOpenAIBaseURL). It does not contact the API.
func NewOpenAIEmbedder(baseURL, apiKey, model string, opt EmbedderOptions) *OpenAIEmbedder {
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
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	baseURL = strings.TrimRight(cmp.Or(baseURL, DefaultOpenAIBaseURL), "/")
	e := &OpenAIEmbedder{model: model, baseURL: baseURL, opt: opt, sleep: httpx.Sleep}
	cfg := openai.DefaultConfig(apiKey)
	cfg.BaseURL = baseURL
	cfg.HTTPClient = &http.Client{Transport: httpx.New(httpx.Options{
		Base:           opt.Transport,
		MaxRetries:     opt.MaxRetries,
		MaxWait:        opt.MaxBackoff,
		Backoff:        opt.Backoff,
		Retry:          httpx.RetryTransient,
		AttemptTimeout: opt.Timeout,
		Logger:         opt.Logger.With("embeddings", baseURL, "model", model),
		Sleep:          func(ctx context.Context, d time.Duration) error { return e.sleep(ctx, d) },
	})}
	e.client = openai.NewClientWithConfig(cfg)
	return e
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
		vs, err := e.embed(ctx, texts[start:end])
		if err != nil {
			return nil, err
		}
		out = append(out, vs...)
	}
	return out, nil
}

// embed sends one batch (the transport retries transient failures).
func (e *OpenAIEmbedder) embed(ctx context.Context, texts []string) ([][]float32, error) {
	input := make([]string, len(texts))
	for i, t := range texts {
		input[i] = cleanEmbedInput(t)
	}
	resp, err := e.client.CreateEmbeddings(ctx, openai.EmbeddingRequestStrings{
		Input:      input,
		Model:      openai.EmbeddingModel(e.model),
		Dimensions: e.opt.Dimensions,
	})
	if err != nil {
		return nil, fmt.Errorf("embeddings at %s (model %q): %w", e.baseURL, e.model, err)
	}
	out, err := embeddingVectors(resp.Data, len(input))
	if err != nil {
		return nil, fmt.Errorf("embeddings at %s (model %q): %w", e.baseURL, e.model, err)
	}
	return out, nil
}

// embeddingVectors checks and orders an embeddings answer for n inputs.
func embeddingVectors(data []openai.Embedding, n int) ([][]float32, error) {
	if len(data) != n {
		return nil, fmt.Errorf("got %d embeddings for %d texts", len(data), n)
	}
	data = slices.Clone(data)
	slices.SortFunc(data, func(a, b openai.Embedding) int { return a.Index - b.Index })
	out := make([][]float32, len(data))
	for i, d := range data {
		if d.Index != i {
			return nil, fmt.Errorf("embedding indexes are not 0..%d", n-1)
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
