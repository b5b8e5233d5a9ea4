package ops

import (
	"context"
	"encoding"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"sync"
)

// NewRedactingHandler wraps inner so that no secret reaches it: the message
// and every attribute value, in groups and in WithAttrs, are redacted.
// Errors, Stringers, LogValuers and other values are redacted through their
// text form, so a token inside a library's error message is removed too.
func NewRedactingHandler(inner slog.Handler, secrets []string) slog.Handler {
	return &redactingHandler{inner: inner, r: NewRedactor(secrets)}
}

type redactingHandler struct {
	inner slog.Handler
	r     *Redactor
}

func (h *redactingHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.inner.Enabled(ctx, l)
}

func (h *redactingHandler) Handle(ctx context.Context, rec slog.Record) error {
	out := slog.NewRecord(rec.Time, rec.Level, h.r.String(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.inner.Handle(ctx, out)
}

func (h *redactingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		clean[i] = h.attr(a)
	}
	return &redactingHandler{inner: h.inner.WithAttrs(clean), r: h.r}
}

func (h *redactingHandler) WithGroup(name string) slog.Handler {
	return &redactingHandler{inner: h.inner.WithGroup(h.r.String(name)), r: h.r}
}

// credentialAttr matches attribute keys whose value is a credential
// whatever it looks like: "password", "db_password", "api_key", "token".
var credentialAttr = regexp.MustCompile(`(?i)^(?:.*[_.-])?(?:pass(?:word)?|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?token)$`)

// attr returns a with its key and value redacted, recursively.
func (h *redactingHandler) attr(a slog.Attr) slog.Attr {
	a.Key = h.r.String(a.Key)
	v := a.Value.Resolve()
	if credentialAttr.MatchString(a.Key) && v.Kind() != slog.KindGroup && v.String() != "" {
		a.Value = slog.StringValue(Redacted) // password=…, api_key=…: a credential by its name
		return a
	}
	switch v.Kind() {
	case slog.KindString:
		a.Value = slog.StringValue(h.r.String(v.String()))
	case slog.KindGroup:
		group := v.Group()
		clean := make([]slog.Attr, len(group))
		for i, g := range group {
			clean[i] = h.attr(g)
		}
		a.Value = slog.GroupValue(clean...)
	case slog.KindAny:
		a.Value = h.any(v.Any())
	default: // numbers, bools, times, durations hold no secrets
		a.Value = v
	}
	return a
}

// any redacts an arbitrary value. Errors and Stringers become their
// redacted text; other values are kept as they are unless one of the forms
// a handler could print (fmt, JSON, text) holds a secret, in which case the
// redacted fmt form replaces them.
func (h *redactingHandler) any(v any) slog.Value {
	switch x := v.(type) {
	case nil:
		return slog.AnyValue(nil)
	case error:
		return slog.StringValue(h.r.String(x.Error()))
	case fmt.Stringer:
		return slog.StringValue(h.r.String(x.String()))
	case []byte:
		return slog.StringValue(h.r.String(string(x)))
	}
	text := fmt.Sprintf("%+v", v)
	forms := []string{text}
	if b, err := json.Marshal(v); err == nil {
		forms = append(forms, string(b))
	}
	if tm, ok := v.(encoding.TextMarshaler); ok {
		if b, err := tm.MarshalText(); err == nil {
			forms = append(forms, string(b))
		}
	}
	for _, f := range forms {
		if h.r.Contains(f) {
			return slog.StringValue(h.r.String(text))
		}
	}
	return slog.AnyValue(v)
}

// NewLogger returns a logger writing to w through the redaction layer.
// format is "json" or anything else for text; level is debug, info, warn or
// error (case-insensitive; an unknown level means info).
func NewLogger(w io.Writer, format, level string, secrets []string) *slog.Logger {
	opts := &slog.HandlerOptions{Level: ParseLevel(level)}
	var inner slog.Handler
	if strings.EqualFold(strings.TrimSpace(format), "json") {
		inner = slog.NewJSONHandler(w, opts)
	} else {
		inner = slog.NewTextHandler(w, opts)
	}
	return slog.New(NewRedactingHandler(inner, secrets))
}

// ParseLevel reads a log level name: debug, info, warn/warning or error,
// in any case. Anything else is info.
func ParseLevel(s string) slog.Level {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "debug":
		return slog.LevelDebug
	case "warn", "warning":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	}
	return slog.LevelInfo
}

// RedactWriter returns a writer that redacts each Write before passing it
// on to w. Give it to log.SetOutput so that libraries logging through the
// standard log package (discordgo does) cannot leak a token: log.Logger
// writes each message, newline included, in a single Write call.
func RedactWriter(w io.Writer, secrets []string) io.Writer {
	return &redactWriter{w: w, r: NewRedactor(secrets)}
}

type redactWriter struct {
	mu sync.Mutex
	w  io.Writer
	r  *Redactor
}

// Write redacts p and writes it whole. It reports len(p) on success, so
// callers never see the length change that redaction causes.
func (rw *redactWriter) Write(p []byte) (int, error) {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if _, err := io.WriteString(rw.w, rw.r.String(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
