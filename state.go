package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"paperbot/config"
	"paperbot/internal/classroom"
	"paperbot/internal/store"
	"paperbot/retrieval/answer"
)

// openState opens the state database: PostgreSQL when DATABASE_URL is set
// (several processes share it), else SQLite at DATA_DIR/state.db.
func openState(ctx context.Context, cfg config.Config, logger *slog.Logger) (store.Store, error) {
	path := filepath.Join(cfg.DataDir, "state.db")
	st, err := store.Open(ctx, cfg.DatabaseURL, path, store.WithLogger(logger))
	if err != nil {
		if cfg.DatabaseURL != "" {
			return nil, fmt.Errorf("open the state database (DATABASE_URL): %w", err)
		}
		return nil, fmt.Errorf("open the state database %s (set DATA_DIR to a writable directory): %w", path, err)
	}
	kind := "sqlite"
	if cfg.DatabaseURL != "" {
		kind = "postgres"
	}
	logger.Info("state database open", "kind", kind)
	return st, nil
}

// stateEngineOptions are the engine options that live in the state
// database: instructors' pinned answers take precedence, and the daily
// token budgets count usage there.
func stateEngineOptions(cfg config.Config, st store.Store) answer.Options {
	return answer.Options{
		Pins: classroom.EnginePins{Store: st},
		Budget: &tokenBudget{usage: st, userCap: cfg.BudgetUserDaily, guildCap: cfg.BudgetGuildDaily,
			total: cfg.BudgetGlobalDaily, now: time.Now},
	}
}

// storeCheck is /healthz's check of the state database: the lookup every
// question makes first (which paper a channel uses), so "healthy" means
// questions can be answered with the right paper.
func storeCheck(st store.ChannelPapers) func(context.Context) error {
	return func(ctx context.Context) error {
		if _, _, err := st.ChannelPaper(ctx, "0"); err != nil {
			return fmt.Errorf("state database check: %w", err)
		}
		return nil
	}
}
