package llm

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	openai "github.com/sashabaranov/go-openai"
)

// ErrUnavailable marks every failure after which the caller should fall back
// to an offline answer: the API is down, slow, rate-limiting, misconfigured,
// or sent a broken stream. All the errors below wrap it. A generation that
// the caller cancelled (its context) does not wrap it.
var ErrUnavailable = errors.New("language model unavailable")

// The specific failures. Each wraps ErrUnavailable.
var (
	// ErrCircuitOpen: recent calls failed, so the API is not called until a
	// cool-down has passed.
	ErrCircuitOpen = fmt.Errorf("%w: circuit breaker open", ErrUnavailable)
	// ErrIncomplete: the stream ended without a finish reason, so the text
	// is not a complete answer.
	ErrIncomplete = fmt.Errorf("%w: stream ended without a finish reason", ErrUnavailable)
	// ErrIdleTimeout: the server sent nothing for longer than the idle timeout.
	ErrIdleTimeout = fmt.Errorf("%w: stream idle timeout", ErrUnavailable)
	// ErrDeadline: the whole request took longer than the request timeout.
	ErrDeadline = fmt.Errorf("%w: request deadline exceeded", ErrUnavailable)
	// ErrRateLimited: the API answered 429 on every attempt.
	ErrRateLimited = fmt.Errorf("%w: rate limited", ErrUnavailable)
	// ErrServer: the API answered 5xx on every attempt.
	ErrServer = fmt.Errorf("%w: server error", ErrUnavailable)
	// ErrRejected: the API refused the request (4xx other than 429), e.g. a
	// wrong model name or API key. Retrying does not help.
	ErrRejected = fmt.Errorf("%w: request rejected", ErrUnavailable)
	// ErrEmpty: the model finished without writing any text.
	ErrEmpty = fmt.Errorf("%w: empty answer", ErrUnavailable)
)

// Error is a failed generation: the kind (one of the sentinel errors above)
// and the underlying cause. errors.Is matches both.
type Error struct {
	Kind     error // a sentinel such as ErrServer
	Status   int   // HTTP status, if the API answered with one
	Attempts int   // HTTP attempts made
	Cause    error
}

func (e *Error) Error() string {
	msg := e.Kind.Error()
	if e.Status != 0 {
		msg += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" after %d attempts", e.Attempts)
	}
	if e.Cause != nil {
		msg += ": " + e.Cause.Error()
	}
	return msg
}

// Unwrap lets errors.Is and errors.As see both the kind and the cause.
func (e *Error) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Cause}
}

// httpStatus returns the HTTP status carried by a go-openai error, or 0.
func httpStatus(err error) int {
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		return apiErr.HTTPStatusCode
	}
	var reqErr *openai.RequestError
	if errors.As(err, &reqErr) {
		return reqErr.HTTPStatusCode
	}
	return 0
}

// classify names the kind of a failed attempt and whether another attempt
// could succeed. Cancellation by the caller is not classified here.
//
//lint:ignore ST1008 kind is a classification of err, not a failure of classify.
func classify(err error) (kind error, status int, retryable bool) {
	switch {
	case errors.Is(err, ErrDeadline):
		return ErrDeadline, 0, false
	case errors.Is(err, ErrIdleTimeout):
		return ErrIdleTimeout, 0, false
	case errors.Is(err, ErrIncomplete):
		return ErrIncomplete, 0, true
	case errors.Is(err, ErrEmpty):
		return ErrEmpty, 0, false
	case errors.Is(err, context.DeadlineExceeded):
		return ErrDeadline, 0, false
	}
	status = httpStatus(err)
	switch {
	case status == http.StatusTooManyRequests:
		return ErrRateLimited, status, true
	case status >= 500:
		return ErrServer, status, true
	case status >= 400:
		return ErrRejected, status, false
	}
	// No status: a transport failure (connection refused, reset, a broken
	// frame). Worth another try.
	return ErrServer, 0, true
}
