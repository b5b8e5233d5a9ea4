package llm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"paperbot/internal/httpx"
	"paperbot/retrieval/answer"
)

// attemptResult is what one HTTP attempt produced, even when it failed.
type attemptResult struct {
	text       strings.Builder
	usage      *openai.Usage
	finish     openai.FinishReason
	streamed   bool          // some text reached onDelta
	retryAfter time.Duration // the server's Retry-After hint, if any
}

// generated converts the result to the engine's type, estimating the usage
// when the server sent no usage report.
func (r *attemptResult) generated(model string, promptTokens int) answer.Generated {
	g := answer.Generated{Text: strings.TrimSpace(r.text.String())}
	switch {
	case r.usage != nil:
		g.PromptTokens, g.CompletionTokens = r.usage.PromptTokens, r.usage.CompletionTokens
	case r.streamed || r.finish != "":
		g.PromptTokens = promptTokens
		g.CompletionTokens = estimateTokens(model, r.text.String())
		g.Estimated = true
	}
	return g
}

// attempt makes one streaming request. The stream is cancelled when it stays
// silent for the idle timeout (while waiting for headers or the next chunk).
func (c *Client) attempt(ctx context.Context, req openai.ChatCompletionRequest, onDelta func(string)) (*attemptResult, error) {
	res := &attemptResult{}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	ctx, hint := httpx.WithHint(ctx) // go-openai's errors drop the headers

	idle := time.AfterFunc(c.opt.IdleTimeout, func() { cancel(errIdleTimeout) })
	defer idle.Stop()

	stream, err := c.api.CreateChatCompletionStream(ctx, req)
	if err != nil {
		res.retryAfter = hint.After()
		return res, c.attemptErr(ctx, fmt.Errorf("open stream: %w", err))
	}
	defer stream.Close()

	for {
		idle.Reset(c.opt.IdleTimeout)
		chunk, err := stream.Recv()
		idle.Stop() // onDelta's time is not the server's silence
		if errors.Is(err, io.EOF) {
			if res.finish == "" {
				return res, fmt.Errorf("%w (after %d bytes)", errIncomplete, res.text.Len())
			}
			break
		}
		if err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) && ctx.Err() == nil {
				return res, fmt.Errorf("%w: %w", errIncomplete, err)
			}
			return res, c.attemptErr(ctx, fmt.Errorf("read stream: %w", err))
		}
		if chunk.Usage != nil {
			res.usage = chunk.Usage
		}
		for _, ch := range chunk.Choices {
			if ch.Index != 0 {
				continue
			}
			if ch.Delta.Content != "" {
				res.text.WriteString(ch.Delta.Content)
				res.streamed = true
				if onDelta != nil {
					onDelta(res.text.String())
				}
			}
			if ch.FinishReason != "" && ch.FinishReason != "null" {
				res.finish = ch.FinishReason
			}
		}
	}
	if strings.TrimSpace(res.text.String()) == "" {
		return res, fmt.Errorf("%w (finish_reason %q)", errEmpty, res.finish)
	}
	return res, nil
}

// attemptErr explains an attempt's failure when it came from the idle timer
// or the request deadline rather than from the server.
func (c *Client) attemptErr(ctx context.Context, err error) error {
	switch cause := context.Cause(ctx); {
	case errors.Is(cause, errIdleTimeout):
		return fmt.Errorf("%w: no data for %s", errIdleTimeout, c.opt.IdleTimeout)
	case errors.Is(cause, errDeadline):
		return fmt.Errorf("%w: %w", errDeadline, err)
	}
	return err
}
