package ops

import (
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Question sources, the values of the "source" label.
const (
	SourceSlash    = "slash"
	SourceMention  = "mention"
	SourceTerminal = "terminal"
	SourceOther    = "other"
)

// Metrics are PaperBot's Prometheus metrics on a private registry (plus the
// Go runtime and process collectors). Every method is safe on a nil
// *Metrics, which records nothing, so tests and the terminal need none.
type Metrics struct {
	reg         *prometheus.Registry
	questions   *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	abstentions *prometheus.CounterVec
	tokens      *prometheus.CounterVec
	errors      *prometheus.CounterVec
	rateLimited prometheus.Counter
	reconnects  prometheus.Counter
}

// NewMetrics registers PaperBot's metrics on a new private registry.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "paperbot_questions_total",
			Help: "Questions answered, by source (slash, mention, terminal).",
		}, []string{"source"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "paperbot_answer_seconds",
			Help:    "Time from a question to its answer, by source.",
			Buckets: []float64{0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60},
		}, []string{"source"}),
		abstentions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "paperbot_abstentions_total",
			Help: "Questions the paper does not cover (the bot abstained), by source.",
		}, []string{"source"}),
		tokens: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "paperbot_model_tokens_total",
			Help: "Language-model tokens spent, by kind (prompt, completion).",
		}, []string{"kind"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "paperbot_errors_total",
			Help: "Errors, by kind.",
		}, []string{"kind"}),
		rateLimited: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "paperbot_rate_limit_hits_total",
			Help: "Rate limits hit: Discord 429 responses and refused cooldown or budget requests.",
		}),
		reconnects: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "paperbot_gateway_reconnects_total",
			Help: "Discord gateway reconnections.",
		}),
	}
	m.reg.MustRegister(
		m.questions, m.latency, m.abstentions, m.tokens, m.errors, m.rateLimited, m.reconnects,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	// Start every source and token kind at zero, so rate() works from the first scrape.
	for _, s := range []string{SourceSlash, SourceMention, SourceTerminal} {
		m.questions.WithLabelValues(s)
		m.abstentions.WithLabelValues(s)
	}
	m.tokens.WithLabelValues("prompt")
	m.tokens.WithLabelValues("completion")
	return m
}

// Registry returns the private registry, for tests and extra collectors.
func (m *Metrics) Registry() *prometheus.Registry {
	if m == nil {
		return nil
	}
	return m.reg
}

// Handler serves the metrics in the Prometheus text format. A nil *Metrics
// serves an empty registry.
func (m *Metrics) Handler() http.Handler {
	reg := prometheus.NewRegistry()
	if m != nil {
		reg = m.reg
	}
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
}

// ObserveAnswer records one answered question: its source (slash, mention,
// terminal; anything else counts as "other"), its latency and whether the
// bot abstained.
func (m *Metrics) ObserveAnswer(source string, d time.Duration, abstained bool) {
	if m == nil {
		return
	}
	source = sourceLabel(source)
	m.questions.WithLabelValues(source).Inc()
	m.latency.WithLabelValues(source).Observe(d.Seconds())
	if abstained {
		m.abstentions.WithLabelValues(source).Inc()
	}
}

// AddTokens records language-model tokens spent. Negative counts are ignored.
func (m *Metrics) AddTokens(prompt, completion int) {
	if m == nil {
		return
	}
	if prompt > 0 {
		m.tokens.WithLabelValues("prompt").Add(float64(prompt))
	}
	if completion > 0 {
		m.tokens.WithLabelValues("completion").Add(float64(completion))
	}
}

// Error counts one error of the given kind, such as "model", "discord_rest"
// or "panic". Use a small fixed set of kinds: each one is a time series.
func (m *Metrics) Error(kind string) {
	if m == nil {
		return
	}
	m.errors.WithLabelValues(kindLabel(kind)).Inc()
}

// RateLimited counts one rate-limit hit.
func (m *Metrics) RateLimited() {
	if m == nil {
		return
	}
	m.rateLimited.Inc()
}

// Reconnect counts one gateway reconnection.
func (m *Metrics) Reconnect() {
	if m == nil {
		return
	}
	m.reconnects.Inc()
}

func sourceLabel(s string) string {
	switch s {
	case SourceSlash, SourceMention, SourceTerminal:
		return s
	}
	return SourceOther
}

// kindLabel keeps error kinds short and printable so a stray error message
// used as a kind cannot blow up the label set with odd text.
func kindLabel(k string) string {
	k = strings.ToLower(strings.TrimSpace(k))
	if k == "" {
		return "unknown"
	}
	var b strings.Builder
	for _, r := range k {
		if b.Len() >= 32 {
			break
		}
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}
