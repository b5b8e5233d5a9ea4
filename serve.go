package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"paperbot/bot"
	"paperbot/config"
)

// runServe connects to Discord and serves until SIGINT or SIGTERM.
func runServe(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, args, stdout, stderr, getenv)
}

// serve is runServe with the shutdown signal as ctx. Exit status: 0 after a
// clean shutdown, 2 for bad configuration or a missing/rejected token, 1 for
// other failures.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: paperbot serve\n\nConnects to Discord with DISCORD_TOKEN; see .env.example for every setting.")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "paperbot serve: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "paperbot: configuration: %v\n", err)
		return 2
	}
	if cfg.DiscordToken == "" {
		fmt.Fprintln(stderr, "paperbot serve: DISCORD_TOKEN is not set. Create a bot at https://discord.com/developers/applications, copy its token, and set DISCORD_TOKEN.")
		return 2
	}
	logger := serveLogger(cfg, stderr)

	eng, closeEngine, err := buildEngine(ctx, cfg, logger)
	if err != nil {
		fmt.Fprintf(stderr, "paperbot serve: %v\n", err)
		return 1
	}
	if closeEngine != nil {
		defer closeEngine()
	}
	b, err := bot.New(bot.Options{
		Token:           cfg.DiscordToken,
		GuildID:         cfg.DiscordGuildID,
		APIURL:          cfg.DiscordAPIURL,
		AllowedChannels: cfg.AllowedChannelIDs,
		AllowedRoles:    cfg.AllowedRoleIDs,
		Cooldown:        cfg.UserCooldown,
		MaxConcurrent:   cfg.MaxConcurrentAnswers,
		Engine:          eng,
		Logger:          logger,
	})
	if err == nil {
		err = b.Run(ctx)
	}
	switch {
	case errors.Is(err, bot.ErrBadToken):
		fmt.Fprintln(stderr, "paperbot serve: Discord rejected the bot token. Check DISCORD_TOKEN (Developer Portal → your application → Bot → Reset Token).")
		return 2
	case err != nil:
		fmt.Fprintf(stderr, "paperbot serve: %v\n", redactSecrets(err.Error(), cfg.Secrets()))
		return 1
	}
	fmt.Fprintln(stdout, "paperbot: disconnected from Discord; bye.")
	return 0
}

// serveLogger logs at LOG_LEVEL (info by default) in LOG_FORMAT, with the
// configured secrets masked.
func serveLogger(cfg config.Config, w io.Writer) *slog.Logger {
	level := slog.LevelInfo
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	hopt := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(w, hopt)
	if cfg.LogFormat == "json" {
		h = slog.NewJSONHandler(w, hopt)
	}
	return slog.New(&secretHandler{Handler: h, secrets: cfg.Secrets()})
}

// secretHandler masks secret values in log messages and string attributes.
type secretHandler struct {
	slog.Handler
	secrets []string
}

func (h *secretHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, redactSecrets(r.Message, h.secrets), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.clean(a))
		return true
	})
	return h.Handler.Handle(ctx, out)
}

func (h *secretHandler) clean(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, redactSecrets(v.String(), h.secrets))
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, redactSecrets(err.Error(), h.secrets))
		}
	}
	return a
}

func (h *secretHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	cleaned := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		cleaned[i] = h.clean(a)
	}
	return &secretHandler{Handler: h.Handler.WithAttrs(cleaned), secrets: h.secrets}
}

func (h *secretHandler) WithGroup(name string) slog.Handler {
	return &secretHandler{Handler: h.Handler.WithGroup(name), secrets: h.secrets}
}

func redactSecrets(s string, secrets []string) string {
	for _, sec := range secrets {
		if sec != "" {
			s = strings.ReplaceAll(s, sec, "[REDACTED]")
		}
	}
	return s
}
