package llm

import (
	"context"
	"errors"
	"fmt"
	"strings"

	openai "github.com/sashabaranov/go-openai"

	"paperbot/retrieval/answer"
)

// rewriteRules ask for one standalone English search query.
const rewriteRules = `Rewrite the student's last question about a research paper as one standalone English search query, resolving words like "it", "that", "why?" or "the second source" from the conversation. Reply with the query only: one line, no quotes, no explanation.`

// rewriteMaxTokens caps the rewrite's answer: a query is short.
const rewriteMaxTokens = 64

// Rewrite turns a question (any language, or a follow-up) into a
// standalone English retrieval query with one short, non-streamed call. It
// satisfies answer.Rewriter. tokens is what the call spent.
func (c *Client) Rewrite(ctx context.Context, question string, history []answer.Turn) (string, int, error) {
	if c.opt.Model == "" {
		return "", 0, &apiError{Kind: errRejected, Cause: errors.New("no chat model configured")}
	}
	if err := c.breaker.Allow(); err != nil {
		return "", 0, err
	}
	var conv strings.Builder
	for _, t := range normalizeHistory(history) {
		fmt.Fprintf(&conv, "%s: %s\n", t.Role, oneLine(defang(t.Content)))
	}
	fmt.Fprintf(&conv, "user (last question): %s", oneLine(defang(question)))
	msgs := []openai.ChatCompletionMessage{
		{Role: openai.ChatMessageRoleSystem, Content: rewriteRules},
		{Role: openai.ChatMessageRoleUser, Content: conv.String()},
	}
	req := openai.ChatCompletionRequest{Model: c.opt.Model, Messages: msgs, Stream: true,
		StreamOptions: &openai.StreamOptions{IncludeUsage: true}}
	if reasoningModel(c.opt.Model) {
		req.MaxCompletionTokens = rewriteMaxTokens
	} else {
		//lint:ignore SA1019 max_tokens is what Ollama, vLLM, LM Studio and llama.cpp read.
		req.MaxTokens = rewriteMaxTokens
	}
	prompt := countMessages(c.opt.Model, msgs)
	reqCtx, cancel := context.WithTimeoutCause(ctx, c.opt.RequestTimeout, errDeadline)
	defer cancel()
	res, err := c.attempt(reqCtx, req, nil)
	gen := res.generated(c.opt.Model, prompt)
	tokens := gen.PromptTokens + gen.CompletionTokens
	if err != nil {
		c.breaker.Done(false)
		return "", tokens, fmt.Errorf("rewrite question: %w", err)
	}
	c.breaker.Done(true)
	q, _, _ := strings.Cut(strings.TrimSpace(gen.Text), "\n")
	return strings.Trim(strings.TrimSpace(q), `"'“”`), tokens, nil
}
