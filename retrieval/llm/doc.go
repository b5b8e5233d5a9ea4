// Package llm writes PaperBot's answers with a language model behind any
// OpenAI-compatible chat API (OpenAI, Ollama, vLLM, LM Studio, llama.cpp).
//
// It builds the prompt (system rules, the retrieved passages fenced off as
// untrusted data, the conversation, the question) within a token budget,
// streams the answer with go-openai, and guards every call with a request
// deadline, a stream idle timeout, bounded retries and a circuit breaker.
// The engine (package answer) checks the model's [n] citations in code.
package llm
