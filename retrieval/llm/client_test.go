package llm

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"paperbot/retrieval"
	"paperbot/retrieval/answer"
	"paperbot/retrieval/llm/llmtest"
)

// newTestClient points a Client at the fake with short timeouts.
func newTestClient(t testing.TB, srv *llmtest.Server, mod func(*Options)) *Client {
	t.Helper()
	opt := Options{
		BaseURL:        srv.URL(),
		Model:          "gpt-4o-mini",
		MaxTokens:      300,
		RequestTimeout: 5 * time.Second,
		IdleTimeout:    2 * time.Second,
		RetryBackoff:   time.Millisecond,
		Logger:         slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	if mod != nil {
		mod(&opt)
	}
	return New(opt)
}

func testInput() answer.GenerateInput {
	return answer.GenerateInput{
		PaperTitle: "China's Soft Power in Central Asia",
		Question:   "What is soft power?",
		Passages: []retrieval.Hit{
			{Passage: retrieval.Passage{ID: "p/abstract/1", PaperID: "p", Kind: retrieval.KindAbstract, Seq: 1, Text: "This paper studies China's soft power in Central Asia."}, Score: 0.9},
			{Passage: retrieval.Passage{ID: "p/ref/3", PaperID: "p", Kind: retrieval.KindReference, Ref: 3, Text: "Nye, J. (2004). Soft Power: The Means to Success in World Politics."}, Score: 0.8},
		},
	}
}

// deltaRecorder collects onDelta calls.
type deltaRecorder struct {
	mu     sync.Mutex
	deltas []string
}

func (d *deltaRecorder) on(s string) {
	d.mu.Lock()
	d.deltas = append(d.deltas, s)
	d.mu.Unlock()
}

func (d *deltaRecorder) all() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.deltas...)
}

func TestGenerateStreamsWithUsage(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{
		Chunks: []string{"Soft power", " is attraction", " [3]."},
		Usage:  &llmtest.Usage{PromptTokens: 321, CompletionTokens: 7},
	})
	c := newTestClient(t, srv, nil)
	var rec deltaRecorder
	got, err := c.Generate(context.Background(), testInput(), rec.on)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	want := []string{"Soft power", "Soft power is attraction", "Soft power is attraction [3]."}
	if d := rec.all(); strings.Join(d, "|") != strings.Join(want, "|") {
		t.Errorf("deltas = %q, want %q", d, want)
	}
	if got.Text != "Soft power is attraction [3]." || got.PromptTokens != 321 || got.CompletionTokens != 7 || got.Estimated {
		t.Errorf("Generated = %+v", got)
	}
	reqs := srv.ChatRequests()
	if len(reqs) != 1 {
		t.Fatalf("requests = %d, want 1", len(reqs))
	}
	r := reqs[0]
	if !r.Stream || !r.IncludeUsage || r.Model != "gpt-4o-mini" {
		t.Errorf("request stream=%v include_usage=%v model=%q", r.Stream, r.IncludeUsage, r.Model)
	}
	if r.MaxTokens <= 0 || r.MaxTokens > 300 {
		t.Errorf("max_tokens = %d, want 1..300", r.MaxTokens)
	}
	if n := len(r.Messages); n != 2 || r.Messages[0].Role != "system" || r.Messages[1].Content != "What is soft power?" {
		t.Errorf("messages = %+v", r.Messages)
	}
	if c.breaker.State() != breakerClosed {
		t.Errorf("breaker = %v", c.breaker.State())
	}
}

func TestGenerateHonoursRetryAfterOn429(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Status: 429, RetryAfter: "1"}, llmtest.Response{Chunks: []string{"Yes [3]."}})
	c := newTestClient(t, srv, nil)
	start := time.Now()
	got, err := c.Generate(context.Background(), testInput(), nil)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	if got.Text != "Yes [3]." {
		t.Errorf("text = %q", got.Text)
	}
	reqs := srv.ChatRequests()
	if len(reqs) != 2 {
		t.Fatalf("requests = %d, want 2", len(reqs))
	}
	if gap := reqs[1].At.Sub(reqs[0].At); gap < time.Second || gap > 3*time.Second {
		t.Errorf("retry came %v after the 429, want about the Retry-After of 1s", gap)
	}
	t.Logf("429 → retry after %v (total %v)", reqs[1].At.Sub(reqs[0].At), time.Since(start))
}

func TestGenerateGivesUpOnLongRetryAfter(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Status: 429, RetryAfter: "120"})
	c := newTestClient(t, srv, nil)
	start := time.Now()
	_, err := c.Generate(context.Background(), testInput(), nil)
	if !errors.Is(err, errRateLimited) || !errors.Is(err, errUnavailable) {
		t.Fatalf("err = %v, want errRateLimited", err)
	}
	if time.Since(start) > time.Second {
		t.Errorf("took %v; a Retry-After beyond the deadline should end the call at once", time.Since(start))
	}
}

func TestGenerateRepeated500sOpenTheBreaker(t *testing.T) {
	srv := llmtest.New(t)
	srv.SetDefault(func(llmtest.Request) llmtest.Response { return llmtest.Response{Status: 500} })
	c := newTestClient(t, srv, func(o *Options) {
		o.MaxRetries = 2
		o.breaker = breakerOptions{Failures: 2, Cooldown: 200 * time.Millisecond}
	})
	clk := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	c.breaker.now = clk.now
	for i := range 2 {
		_, err := c.Generate(context.Background(), testInput(), nil)
		var e *apiError
		if !errors.Is(err, errServer) || !errors.Is(err, errUnavailable) || !errors.As(err, &e) {
			t.Fatalf("call %d: err = %v, want errServer", i, err)
		}
		if e.Status != 500 || e.Attempts != 3 {
			t.Errorf("call %d: status %d attempts %d, want 500 and 3", i, e.Status, e.Attempts)
		}
	}
	if n := len(srv.ChatRequests()); n != 6 {
		t.Errorf("requests = %d, want 6 (3 attempts × 2 calls)", n)
	}
	if c.breaker.State() != breakerOpen {
		t.Fatalf("breaker = %v, want open", c.breaker.State())
	}
	if _, err := c.Generate(context.Background(), testInput(), nil); !errors.Is(err, errCircuitOpen) || !errors.Is(err, errUnavailable) {
		t.Fatalf("err = %v, want errCircuitOpen", err)
	}
	if n := len(srv.ChatRequests()); n != 6 {
		t.Errorf("an open breaker still called the API: %d requests", n)
	}

	clk.t = clk.t.Add(250 * time.Millisecond) // the cool-down passes
	if c.breaker.State() != breakerHalfOpen {
		t.Fatalf("after the cool-down breaker = %v, want half-open", c.breaker.State())
	}
	srv.SetDefault(llmtest.DefaultResponder)
	if _, err := c.Generate(context.Background(), testInput(), nil); err != nil {
		t.Fatalf("trial call: %v", err)
	}
	if c.breaker.State() != breakerClosed {
		t.Errorf("after a good trial breaker = %v, want closed", c.breaker.State())
	}
}

func TestGenerateStreamCutMidAnswerIsIncomplete(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Chunks: []string{"Soft power", " is", " attr"}, StopAfter: 2})
	c := newTestClient(t, srv, nil)
	var rec deltaRecorder
	got, err := c.Generate(context.Background(), testInput(), rec.on)
	if !errors.Is(err, errIncomplete) || !errors.Is(err, errUnavailable) {
		t.Fatalf("err = %v, want errIncomplete", err)
	}
	if got.Text != "Soft power is" || !got.Estimated || got.CompletionTokens == 0 {
		t.Errorf("partial = %+v, want the streamed text with estimated usage", got)
	}
	if n := len(srv.ChatRequests()); n != 1 {
		t.Errorf("requests = %d: must not retry once text was streamed", n)
	}
}

func TestGenerateRetriesStreamCutBeforeAnyText(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{StopAfter: -1}, llmtest.Response{Chunks: []string{"Fine [3]."}})
	c := newTestClient(t, srv, nil)
	got, err := c.Generate(context.Background(), testInput(), nil)
	if err != nil || got.Text != "Fine [3]." {
		t.Fatalf("Generate = %+v, %v", got, err)
	}
	if n := len(srv.ChatRequests()); n != 2 {
		t.Errorf("requests = %d, want 2", n)
	}
}

func TestGenerateSilentStreamHitsIdleTimeout(t *testing.T) {
	for _, tc := range []struct {
		name string
		resp llmtest.Response
	}{
		{"after a token", llmtest.Response{Chunks: []string{"Soft", " power"}, StallAfter: 1}},
		{"before headers", llmtest.Response{Chunks: []string{"x"}, Delay: time.Minute}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := llmtest.New(t)
			srv.Enqueue(tc.resp)
			c := newTestClient(t, srv, func(o *Options) { o.IdleTimeout = 150 * time.Millisecond })
			start := time.Now()
			_, err := c.Generate(context.Background(), testInput(), nil)
			took := time.Since(start)
			if !errors.Is(err, errIdleTimeout) || !errors.Is(err, errUnavailable) {
				t.Fatalf("err = %v, want errIdleTimeout", err)
			}
			if took < 150*time.Millisecond || took > time.Second {
				t.Errorf("took %v, want just over the 150ms idle timeout", took)
			}
			if n := len(srv.ChatRequests()); n != 1 {
				t.Errorf("requests = %d, want 1 (a stalled server is not retried)", n)
			}
		})
	}
}

func TestGenerateRequestDeadline(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Chunks: strings.Split("a b c d e f g h i j", " "), ChunkDelay: 80 * time.Millisecond})
	c := newTestClient(t, srv, func(o *Options) { o.RequestTimeout = 300 * time.Millisecond })
	start := time.Now()
	_, err := c.Generate(context.Background(), testInput(), nil)
	if !errors.Is(err, errDeadline) || !errors.Is(err, errUnavailable) {
		t.Fatalf("err = %v, want errDeadline", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("took %v, want about the 300ms deadline", took)
	}
}

func TestGenerateWithoutUsageEstimates(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Chunks: []string{"Soft power is attraction [3]."}, OmitUsage: true})
	c := newTestClient(t, srv, nil)
	got, err := c.Generate(context.Background(), testInput(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Estimated || got.PromptTokens < 100 || got.CompletionTokens < 3 {
		t.Errorf("Generated = %+v, want estimated usage", got)
	}
}

func TestGenerateCallerCancelIsNotAnOutage(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Chunks: []string{"one", " two", " three"}, StallAfter: 1})
	c := newTestClient(t, srv, func(o *Options) { o.breaker = breakerOptions{Failures: 1} })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got, err := c.Generate(ctx, testInput(), func(string) { cancel() }) // a Stop button
	if !errors.Is(err, context.Canceled) || errors.Is(err, errUnavailable) {
		t.Fatalf("err = %v, want context.Canceled only", err)
	}
	if got.Text != "one" {
		t.Errorf("partial text = %q", got.Text)
	}
	if c.breaker.State() != breakerClosed {
		t.Errorf("breaker = %v: a cancelled call must not count as a failure", c.breaker.State())
	}
}

func TestGenerateRejectedIsNotRetried(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Status: 404})
	c := newTestClient(t, srv, nil)
	_, err := c.Generate(context.Background(), testInput(), nil)
	if !errors.Is(err, errRejected) {
		t.Fatalf("err = %v, want errRejected", err)
	}
	if n := len(srv.ChatRequests()); n != 1 {
		t.Errorf("requests = %d, want 1", n)
	}
}

func TestGenerateEmptyAnswer(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Chunks: []string{"  "}})
	c := newTestClient(t, srv, nil)
	if _, err := c.Generate(context.Background(), testInput(), nil); !errors.Is(err, errEmpty) {
		t.Fatalf("err = %v, want errEmpty", err)
	}
}

func TestGenerateNoModel(t *testing.T) {
	srv := llmtest.New(t)
	c := newTestClient(t, srv, func(o *Options) { o.Model = "" })
	if _, err := c.Generate(context.Background(), testInput(), nil); !errors.Is(err, errRejected) {
		t.Fatalf("err = %v, want errRejected", err)
	}
}

func TestGenerateUnreachableServer(t *testing.T) {
	srv := llmtest.New(t)
	url := srv.URL()
	srv.Close()
	c := newTestClient(t, srv, func(o *Options) { o.BaseURL = url; o.MaxRetries = 1 })
	_, err := c.Generate(context.Background(), testInput(), nil)
	if !errors.Is(err, errUnavailable) {
		t.Fatalf("err = %v, want errUnavailable", err)
	}
}

func TestGenerateConcurrentStreams(t *testing.T) {
	srv := llmtest.New(t)
	srv.SetDefault(func(llmtest.Request) llmtest.Response {
		return llmtest.Response{Chunks: []string{"Soft", " power", " [3]."}, ChunkDelay: 5 * time.Millisecond}
	})
	c := newTestClient(t, srv, nil)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Go(func() {
			var rec deltaRecorder
			got, err := c.Generate(context.Background(), testInput(), rec.on)
			if err == nil && (got.Text != "Soft power [3]." || len(rec.all()) != 3) {
				err = errors.New("wrong text or deltas: " + got.Text)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if n := len(srv.ChatRequests()); n != 20 {
		t.Errorf("requests = %d, want 20", n)
	}
}

func TestGenerateCancelDuringBackoff(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Status: 503})
	c := newTestClient(t, srv, func(o *Options) { o.RetryBackoff = 2 * time.Second; o.breaker = breakerOptions{Failures: 1} })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(100*time.Millisecond, cancel) // Stop pressed while waiting
	start := time.Now()
	_, err := c.Generate(ctx, testInput(), nil)
	if !errors.Is(err, context.Canceled) || errors.Is(err, errUnavailable) {
		t.Fatalf("err = %v, want the caller's cancellation", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("took %v: backoff must stop when the caller gives up", took)
	}
	if c.breaker.State() != breakerClosed {
		t.Errorf("breaker = %v", c.breaker.State())
	}
}
