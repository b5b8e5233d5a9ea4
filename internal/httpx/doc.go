// Package httpx is the one retrying HTTP transport of PaperBot, shared by
// the Discord REST client, the chat-model client and the embeddings client:
// one Retry-After parser ([RetryAfter]), one backoff ([Backoff]), one
// context-aware sleep ([Sleep]) and one [http.RoundTripper] ([Transport])
// that retries, rewrites request URLs to another base (a fake Discord, a
// REST proxy) and, for Discord, keeps per-route rate-limit buckets and the
// global limit.
//
// Discord's rules, as the transport applies them:
//   - per-route buckets (X-RateLimit-Bucket, -Remaining, -Reset-After) are
//     honoured before a request is sent, not only after a 429;
//   - a global 429 delays every later request except interaction callbacks
//     (POST /interactions/{id}/{token}/callback), which Discord exempts;
//   - an interaction callback is never delayed past [CallbackBudget] after
//     the interaction's creation (read from its snowflake id): a wait that
//     would pass it fails at once with [ErrDeadline] and a log line;
//   - the rate-limit headers are consumed here and removed from the answer,
//     so discordgo's own per-session limiter (which applies its global lock
//     to callbacks too) never waits.
package httpx
