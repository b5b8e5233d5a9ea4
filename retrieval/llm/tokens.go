package llm

import (
	"strings"
	"sync"
	"unicode/utf8"

	openai "github.com/sashabaranov/go-openai"
	"github.com/tiktoken-go/tokenizer"
)

// Per-message overhead of the chat format (role and separators), as in
// OpenAI's own token-counting recipe, and the reply primer.
const (
	tokensPerMessage = 4
	tokensReplyPrime = 3
)

// codecs caches one tokenizer per model name; nil means "unknown model".
var codecs sync.Map // string -> tokenizer.Codec (or nil)

func codecFor(model string) tokenizer.Codec {
	key := strings.ToLower(strings.TrimSpace(model))
	if c, ok := codecs.Load(key); ok {
		if c == nil {
			return nil
		}
		return c.(tokenizer.Codec)
	}
	name := key
	if i := strings.LastIndexByte(name, '/'); i >= 0 { // "openai/gpt-4o"
		name = name[i+1:]
	}
	c, err := tokenizer.ForModel(tokenizer.Model(name))
	if err != nil {
		codecs.Store(key, nil)
		return nil
	}
	codecs.Store(key, c)
	return c
}

// estimateTokens counts text's tokens with the model's tiktoken codec, or as
// characters ÷ 4 (rounded up) for models tiktoken does not know (Llama,
// Qwen, Mistral, ...).
func estimateTokens(model, text string) int {
	if text == "" {
		return 0
	}
	if c := codecFor(model); c != nil {
		if n, err := c.Count(text); err == nil {
			return n
		}
	}
	return (utf8.RuneCountInString(text) + 3) / 4
}

// countMessages estimates the prompt tokens of a chat request.
func countMessages(model string, msgs []openai.ChatCompletionMessage) int {
	n := tokensReplyPrime
	for _, m := range msgs {
		n += tokensPerMessage + estimateTokens(model, m.Content)
	}
	return n
}
