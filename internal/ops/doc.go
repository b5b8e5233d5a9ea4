// Package ops is PaperBot's operations layer: secret-redacting logs
// (log/slog and the standard log package), Prometheus metrics on a private
// registry, and a small HTTP endpoint serving /healthz and /metrics.
//
// It knows only the standard library and prometheus/client_golang, so both
// package main and the Discord bot can use it.
package ops
