package main

import (
	"context"
	"fmt"
	"time"

	"paperbot/internal/store"
	"paperbot/retrieval/answer"
)

// tokenBudget enforces the daily model-token budgets of the configuration
// over the store's usage counts, so they survive restarts and are shared by
// every shard on one database. A cap of 0 means unlimited.
type tokenBudget struct {
	usage                    store.Usage
	userCap, guildCap, total int
	now                      func() time.Time
}

func (b *tokenBudget) day() string { return store.Day(b.now()) }

// Allow reports whether the user may spend model tokens now.
func (b *tokenBudget) Allow(ctx context.Context, userID, guildID string) error {
	u, g, all, err := b.usage.Usage(ctx, b.day(), userID, guildID)
	if err != nil {
		return fmt.Errorf("read token usage: %w", err)
	}
	switch {
	case b.userCap > 0 && u >= b.userCap:
		return fmt.Errorf("user %s used %d of %d tokens today: %w", userID, u, b.userCap, answer.ErrOverBudget)
	case b.guildCap > 0 && guildID != "" && g >= b.guildCap:
		return fmt.Errorf("server %s used %d of %d tokens today: %w", guildID, g, b.guildCap, answer.ErrOverBudget)
	case b.total > 0 && all >= b.total:
		return fmt.Errorf("%d of %d tokens used today in all: %w", all, b.total, answer.ErrOverBudget)
	}
	return nil
}

// Record adds tokens to today's counts.
func (b *tokenBudget) Record(ctx context.Context, userID, guildID string, tokens int) error {
	if tokens <= 0 {
		return nil
	}
	if err := b.usage.AddUsage(ctx, b.day(), userID, guildID, tokens); err != nil {
		return fmt.Errorf("record token usage: %w", err)
	}
	return nil
}
