package llmtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// The wire shapes, written by hand so null fields appear as OpenAI sends them.
type (
	wireDelta struct {
		Role    string  `json:"role,omitempty"`
		Content *string `json:"content,omitempty"`
	}
	wireChunkChoice struct {
		Index        int       `json:"index"`
		Delta        wireDelta `json:"delta"`
		Logprobs     *struct{} `json:"logprobs"`
		FinishReason *string   `json:"finish_reason"`
	}
	wireUsage struct {
		PromptTokens     int `json:"prompt_tokens"`
		CompletionTokens int `json:"completion_tokens"`
		TotalTokens      int `json:"total_tokens"`
	}
	wireChunk struct {
		ID                string            `json:"id"`
		Object            string            `json:"object"`
		Created           int64             `json:"created"`
		Model             string            `json:"model"`
		SystemFingerprint *string           `json:"system_fingerprint"`
		Choices           []wireChunkChoice `json:"choices"`
		Usage             *wireUsage        `json:"usage,omitempty"`
		withUsageNull     bool
	}
)

// MarshalJSON writes "usage": null on ordinary chunks when the client asked
// for usage, as OpenAI does.
func (c wireChunk) MarshalJSON() ([]byte, error) {
	type plain wireChunk
	if c.Usage != nil || !c.withUsageNull {
		return json.Marshal(plain(c))
	}
	b, err := json.Marshal(plain(c))
	if err != nil {
		return nil, err
	}
	return append(b[:len(b)-1], []byte(`,"usage":null}`)...), nil
}

func (s *Server) handleChat(w http.ResponseWriter, r *http.Request) {
	var req openai.ChatCompletionRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "invalid JSON body: "+err.Error(), "")
		return
	}
	rec := Request{
		Path: r.URL.Path, Header: r.Header.Clone(), At: time.Now(),
		Model: req.Model, Messages: req.Messages,
		MaxTokens:           req.MaxTokens, //lint:ignore SA1019 the fake records what clients send
		MaxCompletionTokens: req.MaxCompletionTokens,
		Stream:              req.Stream, IncludeUsage: req.StreamOptions != nil && req.StreamOptions.IncludeUsage,
	}
	resp := s.record(rec)
	if !s.wait(r, resp.Delay) {
		return
	}
	if resp.Status != 0 && resp.Status != http.StatusOK {
		writeError(w, resp.Status, fmt.Sprintf("scripted error %d", resp.Status), resp.RetryAfter)
		return
	}
	if resp.FinishReason == "" {
		resp.FinishReason = "stop"
	}
	usage := wireUsage{PromptTokens: promptTokens(req.Messages), CompletionTokens: max(len(strings.Join(resp.Chunks, ""))/4, 1)}
	if resp.Usage != nil {
		usage = wireUsage{PromptTokens: resp.Usage.PromptTokens, CompletionTokens: resp.Usage.CompletionTokens}
	}
	usage.TotalTokens = usage.PromptTokens + usage.CompletionTokens
	if req.Stream {
		s.stream(w, r, req.Model, rec.IncludeUsage, resp, usage)
		return
	}
	if resp.StallAfter != 0 {
		s.stall(r)
		return
	}
	s.complete(w, req.Model, resp, usage)
}

// stream writes the SSE stream.
func (s *Server) stream(w http.ResponseWriter, r *http.Request, model string, includeUsage bool, resp Response, usage wireUsage) {
	flusher, _ := w.(http.Flusher)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	base := wireChunk{ID: "chatcmpl-fake", Object: "chat.completion.chunk", Created: time.Now().Unix(), Model: model, withUsageNull: includeUsage}
	send := func(c wireChunk) bool {
		b, err := json.Marshal(c)
		if err != nil {
			s.t.Errorf("llmtest: marshal chunk: %v", err)
			return false
		}
		if _, err := fmt.Fprintf(w, "data: %s\n\n", b); err != nil {
			return false
		}
		if flusher != nil {
			flusher.Flush()
		}
		return true
	}
	choice := func(d wireDelta, finish *string) []wireChunkChoice {
		return []wireChunkChoice{{Index: 0, Delta: d, FinishReason: finish}}
	}
	empty := ""
	role := base
	role.Choices = choice(wireDelta{Role: "assistant", Content: &empty}, nil)
	if !send(role) {
		return
	}
	if resp.StopAfter < 0 {
		return
	}
	if resp.StallAfter < 0 {
		s.stall(r)
		return
	}
	for i, text := range resp.Chunks {
		if !s.wait(r, resp.ChunkDelay) {
			return
		}
		c := base
		c.Choices = choice(wireDelta{Content: &text}, nil)
		at := time.Now() // before the write: the client cannot see the chunk earlier
		if !send(c) {
			return
		}
		if resp.Sent != nil {
			resp.Sent(i, at)
		}
		if resp.StopAfter > 0 && i+1 >= resp.StopAfter {
			return
		}
		if resp.StallAfter > 0 && i+1 >= resp.StallAfter {
			s.stall(r)
			return
		}
	}
	fin := base
	fin.Choices = choice(wireDelta{}, &resp.FinishReason)
	if !send(fin) {
		return
	}
	if includeUsage && !resp.OmitUsage {
		u := base
		u.Choices = []wireChunkChoice{}
		u.Usage = &usage
		if !send(u) {
			return
		}
	}
	fmt.Fprint(w, "data: [DONE]\n\n")
	if flusher != nil {
		flusher.Flush()
	}
}

// complete writes a non-streaming chat completion.
func (s *Server) complete(w http.ResponseWriter, model string, resp Response, usage wireUsage) {
	body := map[string]any{
		"id": "chatcmpl-fake", "object": "chat.completion", "created": time.Now().Unix(), "model": model,
		"choices": []map[string]any{{
			"index":         0,
			"message":       map[string]any{"role": "assistant", "content": strings.Join(resp.Chunks, "")},
			"logprobs":      nil,
			"finish_reason": resp.FinishReason,
		}},
		"system_fingerprint": nil,
	}
	if !resp.OmitUsage {
		body["usage"] = usage
	}
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(body); err != nil {
		s.t.Logf("llmtest: write completion: %v", err)
	}
}

// writeError answers with an OpenAI-style error body.
func writeError(w http.ResponseWriter, status int, msg, retryAfter string) {
	typ := "server_error"
	switch {
	case status == http.StatusTooManyRequests:
		typ = "rate_limit_exceeded"
	case status < 500:
		typ = "invalid_request_error"
	}
	if retryAfter != "" {
		w.Header().Set("Retry-After", retryAfter)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"error": map[string]any{"message": msg, "type": typ, "param": nil, "code": strconv.Itoa(status)},
	})
}

// wait sleeps for d; false if the client hung up or the server closed.
func (s *Server) wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return r.Context().Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	case <-s.stop:
		return false
	}
}

// stall blocks until the client hangs up or the server closes.
func (s *Server) stall(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-s.stop:
	}
}

// promptTokens approximates a prompt's tokens as characters ÷ 4.
func promptTokens(msgs []openai.ChatCompletionMessage) int {
	n := 0
	for _, m := range msgs {
		n += len(m.Content)/4 + 4
	}
	return n
}
