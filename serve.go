package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"paperbot/bot"
	"paperbot/config"
	"paperbot/internal/ops"
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
	// discordgo and other libraries log through the standard log package:
	// the same redaction applies there.
	log.SetOutput(ops.RedactWriter(stderr, cfg.Secrets()))
	metrics, health := ops.NewMetrics(), ops.NewHealth(true)
	if cfg.OpsAddr != "" {
		go func() {
			if err := ops.Serve(ctx, cfg.OpsAddr, ops.Handler(metrics, health)); err != nil {
				logger.Error("ops endpoint stopped", "err", err)
			}
		}()
		logger.Info("ops endpoint: /healthz and /metrics", "addr", cfg.OpsAddr)
	}

	state, err := openState(ctx, cfg, logger)
	if err != nil {
		fmt.Fprintf(stderr, "paperbot serve: %v\n", ops.NewRedactor(cfg.Secrets()).String(err.Error()))
		return 1
	}
	defer state.Close()
	health.SetStoreCheck(storeCheck(state))
	eng, err := buildEngineWith(ctx, cfg, logger, stateEngineOptions(cfg, state))
	if err != nil {
		fmt.Fprintf(stderr, "paperbot serve: %v\n", err)
		return 1
	}
	health.SetIndexLoaded(true)
	b, err := bot.New(bot.Options{
		Token:           cfg.DiscordToken,
		GuildID:         cfg.DiscordGuildID,
		APIURL:          cfg.DiscordAPIURL,
		AllowedChannels: cfg.AllowedChannelIDs,
		AllowedRoles:    cfg.AllowedRoleIDs,
		Cooldown:        cfg.UserCooldown,
		MaxConcurrent:   cfg.MaxConcurrentAnswers,
		MaxQueue:        cfg.MaxQueuedAnswers,
		Engine:          eng,
		Logger:          logger,
		ShardID:         cfg.ShardID,
		ShardCount:      cfg.ShardCount,
		Metrics:         metrics,
		Health:          health,
		// Classroom: channel papers, uploads (loaded at start, and
		// followed across processes with PostgreSQL), quizzes, feedback.
		Store:            state,
		InstructorRoleID: cfg.InstructorRoleID,
		MaxUploadBytes:   cfg.MaxUploadBytes,
		// Answers' buttons work across restarts for AnswerRetention;
		// answers are written in batches (Run writes the rest on shutdown,
		// before the deferred state.Close).
		AnswerRetention:  cfg.AnswerRetention,
		AnswerFlushEvery: cfg.AnswerFlushEvery,
	})
	if err == nil {
		err = b.Run(ctx)
	}
	var gwErr *bot.GatewayError
	switch {
	case errors.Is(err, bot.ErrBadToken):
		fmt.Fprintln(stderr, "paperbot serve: Discord rejected the bot token. Check DISCORD_TOKEN (Developer Portal → your application → Bot → Reset Token).")
		return 2
	case errors.As(err, &gwErr):
		fmt.Fprintf(stderr, "paperbot serve: %v\n", gwErr)
		return 2
	case err != nil:
		fmt.Fprintf(stderr, "paperbot serve: %v\n", ops.NewRedactor(cfg.Secrets()).String(err.Error()))
		return 1
	}
	fmt.Fprintln(stdout, "paperbot: disconnected from Discord; bye.")
	return 0
}

// serveLogger logs at LOG_LEVEL (info by default) in LOG_FORMAT through
// the ops redaction layer: the configured secrets and credential-shaped
// text (tokens, API keys, URL passwords) are masked, in errors too.
func serveLogger(cfg config.Config, w io.Writer) *slog.Logger {
	return ops.NewLogger(w, cfg.LogFormat, cfg.LogLevel, cfg.Secrets())
}
