package llm

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	openai "github.com/sashabaranov/go-openai"
)

// errUnavailable marks every failure after which the caller should fall back
// to an offline answer: the API is down, slow, rate-limiting, misconfigured,
// or sent a broken stream. All the errors below wrap it. A generation that
// the caller cancelled (its context) does not wrap it.
var errUnavailable = errors.New("language model unavailable")

// The specific failures. Each wraps errUnavailable.
var (
	// errCircuitOpen: recent calls failed, so the API is not called until a
	// cool-down has passed.
	errCircuitOpen = fmt.Errorf("%w: circuit breaker open", errUnavailable)
	// errIncomplete: the stream ended without a finish reason, so the text
	// is not a complete answer.
	errIncomplete = fmt.Errorf("%w: stream ended without a finish reason", errUnavailable)
	// errIdleTimeout: the server sent nothing for longer than the idle timeout.
	errIdleTimeout = fmt.Errorf("%w: stream idle timeout", errUnavailable)
	// errDeadline: the whole request took longer than the request timeout.
	errDeadline = fmt.Errorf("%w: request deadline exceeded", errUnavailable)
	// errRateLimited: the API answered 429 on every attempt.
	errRateLimited = fmt.Errorf("%w: rate limited", errUnavailable)
	// errServer: the API answered 5xx on every attempt.
	errServer = fmt.Errorf("%w: server error", errUnavailable)
	// errRejected: the API refused the request (4xx other than 429), e.g. a
	// wrong model name or API key. Retrying does not help.
	errRejected = fmt.Errorf("%w: request rejected", errUnavailable)
	// errEmpty: the model finished without writing any text.
	errEmpty = fmt.Errorf("%w: empty answer", errUnavailable)
)

// apiError is a failed generation: the kind (one of the sentinel errors above)
// and the underlying cause. errors.Is matches both.
type apiError struct {
	Kind     error // a sentinel such as errServer
	Status   int   // HTTP status, if the API answered with one
	Attempts int   // HTTP attempts made
	Cause    error
}

func (e *apiError) Error() string {
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
func (e *apiError) Unwrap() []error {
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
	case errors.Is(err, errDeadline):
		return errDeadline, 0, false
	case errors.Is(err, errIdleTimeout):
		return errIdleTimeout, 0, false
	case errors.Is(err, errIncomplete):
		return errIncomplete, 0, true
	case errors.Is(err, errEmpty):
		return errEmpty, 0, false
	case errors.Is(err, context.DeadlineExceeded):
		return errDeadline, 0, false
	}
	status = httpStatus(err)
	switch {
	case status == http.StatusTooManyRequests:
		return errRateLimited, status, true
	case status >= 500:
		return errServer, status, true
	case status >= 400:
		return errRejected, status, false
	}
	// No status: a transport failure (connection refused, reset, a broken
	// frame). Worth another try.
	return errServer, 0, true
}
