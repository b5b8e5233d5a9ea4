package llmtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"strings"
	"testing"

	openai "github.com/sashabaranov/go-openai"
)

func post(t *testing.T, url, body string) *http.Response {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func TestStreamWireFormat(t *testing.T) {
	s := New(t)
	s.Enqueue(Response{Chunks: []string{"Hi", " [1]"}, Usage: &Usage{PromptTokens: 10, CompletionTokens: 2}})
	resp := post(t, s.URL()+"/chat/completions",
		`{"model":"m","stream":true,"stream_options":{"include_usage":true},"max_tokens":50,"messages":[{"role":"user","content":"q"}]}`)
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type = %q", ct)
	}
	body, _ := io.ReadAll(resp.Body)
	events := strings.Split(strings.TrimSuffix(string(body), "\n\n"), "\n\n")
	if len(events) != 6 {
		t.Fatalf("got %d events, want role, 2 content, finish, usage, DONE:\n%s", len(events), body)
	}
	for i, e := range events {
		if !strings.HasPrefix(e, "data: ") || strings.Contains(e, "\n") {
			t.Errorf("event %d not a single data line: %q", i, e)
		}
	}
	if events[5] != "data: [DONE]" {
		t.Errorf("last event = %q", events[5])
	}
	var chunks []map[string]any
	for _, e := range events[:5] {
		var m map[string]any
		if err := json.Unmarshal([]byte(strings.TrimPrefix(e, "data: ")), &m); err != nil {
			t.Fatalf("bad JSON %q: %v", e, err)
		}
		if m["object"] != "chat.completion.chunk" {
			t.Errorf("object = %v", m["object"])
		}
		chunks = append(chunks, m)
	}
	choice := func(i int) map[string]any { return chunks[i]["choices"].([]any)[0].(map[string]any) }
	if d := choice(0)["delta"].(map[string]any); d["role"] != "assistant" || d["content"] != "" {
		t.Errorf("role chunk delta = %v", d)
	}
	if d := choice(1)["delta"].(map[string]any); d["content"] != "Hi" || choice(1)["finish_reason"] != nil {
		t.Errorf("content chunk = %v", choice(1))
	}
	if u, ok := chunks[1]["usage"]; !ok || u != nil {
		t.Errorf("content chunk usage = %v (present %v), want null", u, ok)
	}
	if choice(3)["finish_reason"] != "stop" {
		t.Errorf("finish chunk = %v", choice(3))
	}
	if c := chunks[4]["choices"].([]any); len(c) != 0 {
		t.Errorf("usage chunk choices = %v, want []", c)
	}
	if u := chunks[4]["usage"].(map[string]any); u["prompt_tokens"] != 10.0 || u["completion_tokens"] != 2.0 || u["total_tokens"] != 12.0 {
		t.Errorf("usage = %v", u)
	}
	r := s.ChatRequests()
	if len(r) != 1 || r[0].MaxTokens != 50 || !r[0].IncludeUsage || !r[0].Stream || r[0].Messages[0].Content != "q" {
		t.Errorf("recorded %+v", r)
	}
}

func TestStreamWithoutUsageOption(t *testing.T) {
	s := New(t)
	resp := post(t, s.URL()+"/chat/completions", `{"model":"m","stream":true,"messages":[{"role":"user","content":"q"}]}`)
	body, _ := io.ReadAll(resp.Body)
	if bytes.Contains(body, []byte(`"usage"`)) {
		t.Errorf("usage sent without stream_options.include_usage:\n%s", body)
	}
}

func TestErrorResponse(t *testing.T) {
	s := New(t)
	s.Enqueue(Response{Status: 429, RetryAfter: "3"})
	resp := post(t, s.URL()+"/chat/completions", `{"model":"m","messages":[]}`)
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "3" {
		t.Errorf("status %d Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	// go-openai parses the body into an APIError.
	s.Enqueue(Response{Status: 503})
	c := openai.NewClientWithConfig(config(s))
	_, err := c.CreateChatCompletion(context.Background(), openai.ChatCompletionRequest{Model: "m", Messages: []openai.ChatCompletionMessage{{Role: "user", Content: "q"}}})
	var apiErr *openai.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != 503 {
		t.Errorf("err = %v", err)
	}
	if resp := post(t, s.URL()+"/chat/completions", `{not json`); resp.StatusCode != 400 {
		t.Errorf("bad JSON: status %d", resp.StatusCode)
	}
}

func config(s *Server) openai.ClientConfig {
	cfg := openai.DefaultConfig("")
	cfg.BaseURL = s.URL()
	return cfg
}

func TestNonStreamingCompletion(t *testing.T) {
	s := New(t)
	s.Enqueue(Response{Chunks: []string{"Soft ", "power."}, FinishReason: "length"})
	c := openai.NewClientWithConfig(config(s))
	resp, err := c.CreateChatCompletion(context.Background(), openai.ChatCompletionRequest{
		Model: "m", Messages: []openai.ChatCompletionMessage{{Role: "user", Content: "What is soft power?"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Choices[0].Message.Content != "Soft power." || resp.Choices[0].FinishReason != "length" || resp.Usage.TotalTokens == 0 {
		t.Errorf("resp = %+v", resp)
	}
}

func TestGoOpenAIStreamAgainstFake(t *testing.T) {
	s := New(t)
	c := openai.NewClientWithConfig(config(s))
	stream, err := c.CreateChatCompletionStream(context.Background(), openai.ChatCompletionRequest{
		Model: "m", Messages: []openai.ChatCompletionMessage{{Role: "user", Content: "q"}},
		StreamOptions: &openai.StreamOptions{IncludeUsage: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Close()
	var text strings.Builder
	var finish openai.FinishReason
	var usage *openai.Usage
	for {
		ch, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range ch.Choices {
			text.WriteString(c.Delta.Content)
			if c.FinishReason != "" {
				finish = c.FinishReason
			}
		}
		if ch.Usage != nil {
			usage = ch.Usage
		}
	}
	if text.String() != "The paper says so [1]." || finish != "stop" || usage == nil || usage.CompletionTokens == 0 {
		t.Errorf("text %q finish %q usage %+v", text.String(), finish, usage)
	}
}

func TestEmbeddings(t *testing.T) {
	s := New(t)
	c := openai.NewClientWithConfig(config(s))
	resp, err := c.CreateEmbeddings(context.Background(), openai.EmbeddingRequest{
		Input: []string{"soft power in Central Asia", "soft power in Central Asia", "railway gauge standards"},
		Model: "fake-embed", Dimensions: 32,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Data) != 3 || len(resp.Data[0].Embedding) != 32 {
		t.Fatalf("data = %d vectors of %d", len(resp.Data), len(resp.Data[0].Embedding))
	}
	same, _ := resp.Data[0].DotProduct(&resp.Data[1])
	other, _ := resp.Data[0].DotProduct(&resp.Data[2])
	if math.Abs(float64(same)-1) > 1e-5 || other > 0.5 {
		t.Errorf("cosine same = %v, other = %v", same, other)
	}
	// chromem-go's OpenAI-compatible embedder sends a single string input.
	resp2 := post(t, s.URL()+"/embeddings", `{"input":"soft power","model":"x"}`)
	var body struct {
		Data []struct{ Embedding []float32 } `json:"data"`
	}
	if err := json.NewDecoder(resp2.Body).Decode(&body); err != nil || len(body.Data) != 1 || len(body.Data[0].Embedding) != 64 {
		t.Errorf("string input: %v %+v", err, body)
	}
	if len(s.ChatRequests()) != 0 || len(s.Requests()) != 2 {
		t.Errorf("requests recorded: %+v", s.Requests())
	}
	s.EnqueueEmbeddings(Response{Status: 500})
	if _, err := c.CreateEmbeddings(context.Background(), openai.EmbeddingRequest{Input: "x", Model: "m"}); err == nil {
		t.Error("scripted 500 not returned")
	}
	if resp := post(t, s.URL()+"/embeddings", `{"input":42}`); resp.StatusCode != 400 {
		t.Errorf("bad input: status %d", resp.StatusCode)
	}
}

func TestEmbedDeterministic(t *testing.T) {
	a, b := Embed("Soft power!", 16), Embed("soft POWER", 16)
	for i := range a {
		if a[i] != b[i] {
			t.Fatal("case and punctuation should not matter")
		}
	}
	for _, x := range Embed("", 8) {
		if x != 0 {
			t.Fatal("empty text should give a zero vector")
		}
	}
}
