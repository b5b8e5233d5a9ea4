package retrieval

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"paperbot/corpus"
)

// fakeEmbeddings is an OpenAI-compatible /v1/embeddings server. Its vectors
// are HashEmbedder vectors of the inputs, so search results are meaningful.
// fail, when set, decides per request (1-based) whether to answer with an
// error status instead.
type fakeEmbeddings struct {
	t        testing.TB
	dim      int
	requests atomic.Int64
	mu       sync.Mutex
	batches  []int
	fail     func(n int64, w http.ResponseWriter) bool
}

func (f *fakeEmbeddings) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := f.requests.Add(1)
	if r.URL.Path != "/v1/embeddings" || r.Method != http.MethodPost {
		http.NotFound(w, r)
		return
	}
	if f.fail != nil && f.fail(n, w) {
		return
	}
	var req struct {
		Input []string `json:"input"`
		Model string   `json:"model"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, `{"error":{"message":"bad json","type":"invalid_request_error"}}`, http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.batches = append(f.batches, len(req.Input))
	f.mu.Unlock()
	type item struct {
		Object    string    `json:"object"`
		Index     int       `json:"index"`
		Embedding []float32 `json:"embedding"`
	}
	resp := struct {
		Object string `json:"object"`
		Data   []item `json:"data"`
		Model  string `json:"model"`
	}{Object: "list", Model: req.Model}
	// Answer in reverse order: clients must sort by index.
	for i := len(req.Input) - 1; i >= 0; i-- {
		v := hashEmbed(req.Input[i], f.dim)
		for j := range v {
			v[j] *= 3 // not normalised: the client must normalise
		}
		resp.Data = append(resp.Data, item{Object: "embedding", Index: i, Embedding: v})
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

func apiError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(`{"error":{"message":"` + msg + `","type":"server_error"}}`))
}

// newFakeEmbedder starts a fake server and an embedder that records its
// retry waits instead of sleeping.
func newFakeEmbedder(t *testing.T, f *fakeEmbeddings, opt EmbedderOptions) (*OpenAIEmbedder, *[]time.Duration) {
	t.Helper()
	f.t = t
	if f.dim == 0 {
		f.dim = 64
	}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	opt.Logger = quietLogger()
	e := NewOpenAIEmbedder(srv.URL+"/v1", "test-key", "test-embed", opt)
	var waits []time.Duration
	var mu sync.Mutex
	e.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		waits = append(waits, d)
		mu.Unlock()
		return ctx.Err()
	}
	return e, &waits
}

func TestOpenAIEmbedderBatchesInOrder(t *testing.T) {
	f := &fakeEmbeddings{}
	e, _ := newFakeEmbedder(t, f, EmbedderOptions{BatchSize: 4})
	texts := []string{"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"}
	vs, err := e.EmbedBatch(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.batches; len(got) != 3 || got[0] != 4 || got[2] != 2 {
		t.Fatalf("batches %v, want [4 4 2]", got)
	}
	for i, v := range vs {
		want := hashEmbed(texts[i], 64)
		if c := cosine(v, want); c < 0.9999 {
			t.Errorf("vector %d is not the one for %q (cosine %.4f)", i, texts[i], c)
		}
	}
	if e.ID() != "openai:test-embed" {
		t.Errorf("ID = %q", e.ID())
	}
}

func TestOpenAIEmbedderRetries(t *testing.T) {
	cases := []struct {
		name      string
		fail      func(n int64, w http.ResponseWriter) bool
		wantErr   bool
		wantReqs  int64
		wantWaits []time.Duration
	}{
		{
			name: "429 honours Retry-After",
			fail: func(n int64, w http.ResponseWriter) bool {
				if n == 1 {
					w.Header().Set("Retry-After", "7")
					apiError(w, 429, "slow down")
					return true
				}
				return false
			},
			wantReqs: 2, wantWaits: []time.Duration{7 * time.Second},
		},
		{
			name: "5xx backs off exponentially",
			fail: func(n int64, w http.ResponseWriter) bool {
				if n <= 2 {
					apiError(w, 502, "bad gateway")
					return true
				}
				return false
			},
			wantReqs: 3, wantWaits: []time.Duration{100 * time.Millisecond, 200 * time.Millisecond},
		},
		{
			name: "gives up after MaxRetries",
			fail: func(n int64, w http.ResponseWriter) bool {
				http.Error(w, "overloaded", http.StatusServiceUnavailable) // not JSON
				return true
			},
			wantErr: true, wantReqs: 4, wantWaits: []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond},
		},
		{
			name: "401 is not retried",
			fail: func(n int64, w http.ResponseWriter) bool {
				apiError(w, 401, "bad key")
				return true
			},
			wantErr: true, wantReqs: 1,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := &fakeEmbeddings{fail: c.fail}
			e, waits := newFakeEmbedder(t, f, EmbedderOptions{Backoff: 100 * time.Millisecond})
			_, err := e.EmbedBatch(context.Background(), []string{"soft power"})
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v, want error %v", err, c.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), e.baseURL) {
				t.Errorf("error %q does not name %s", err, e.baseURL)
			}
			if got := f.requests.Load(); got != c.wantReqs {
				t.Errorf("%d requests, want %d", got, c.wantReqs)
			}
			if len(*waits) != len(c.wantWaits) {
				t.Fatalf("waits %v, want %v", *waits, c.wantWaits)
			}
			for i, want := range c.wantWaits {
				// Backoff has ±20 % jitter; a Retry-After is exact.
				if got := (*waits)[i]; got < want*8/10 || got > want*12/10 {
					t.Errorf("waits %v, want %v (±20 %%)", *waits, c.wantWaits)
				}
			}
		})
	}
}

func TestOpenAIEmbedderTimeoutAndUnreachable(t *testing.T) {
	block := make(chan struct{})
	f := &fakeEmbeddings{fail: func(n int64, w http.ResponseWriter) bool {
		<-block
		return true
	}}
	e, waits := newFakeEmbedder(t, f, EmbedderOptions{Timeout: 50 * time.Millisecond, MaxRetries: 1})
	defer close(block)
	_, err := e.EmbedBatch(context.Background(), []string{"x"})
	if err == nil || !strings.Contains(err.Error(), "no answer within 50ms") || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("timeout error: %v", err)
	}
	if len(*waits) != 1 {
		t.Errorf("waits %v, want one retry", *waits)
	}

	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + "/v1"
	srv.Close()
	e2 := NewOpenAIEmbedder(url, "k", "m", EmbedderOptions{MaxRetries: -1, Logger: quietLogger()})
	_, err = e2.Func()(context.Background(), "hello")
	if err == nil || !strings.Contains(err.Error(), url) {
		t.Fatalf("unreachable API: %v, want an error naming %s", err, url)
	}
}

func TestIndexOverOpenAIEmbedder(t *testing.T) {
	f := &fakeEmbeddings{dim: 256}
	e, _ := newFakeEmbedder(t, f, EmbedderOptions{BatchSize: 16})
	ix, err := Open(context.Background(), Options{Embed: e.Func(), EmbedBatch: e.EmbedBatch, EmbedderID: e.ID(), Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	p := corpus.Default()
	if err := ix.Add(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	n := len(PassagesFor(p))
	if want := int64((n + 15) / 16); f.requests.Load() != want {
		t.Errorf("%d requests to embed %d passages, want %d batches", f.requests.Load(), n, want)
	}
	hits, err := ix.Search(context.Background(), "", "Kyrgyzstan", 3)
	if err != nil {
		t.Fatal(err)
	}
	if hits[0].Ref != 7 || hits[0].Vector <= 0 {
		t.Errorf("top hit %+v, want ref 7", hits[0])
	}
}
