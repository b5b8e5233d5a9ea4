package main

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"paperbot/internal/store"
	"paperbot/retrieval/answer"
)

func TestTokenBudgetSurvivesRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	day := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	open := func() (*store.SQLite, *tokenBudget) {
		s, err := store.OpenSQLite(path)
		if err != nil {
			t.Fatal(err)
		}
		return s, &tokenBudget{usage: s, userCap: 100, guildCap: 150, total: 1000, now: func() time.Time { return day }}
	}
	s, b := open()
	if err := b.Allow(ctx, "u1", "g1"); err != nil {
		t.Fatalf("fresh budget refused: %v", err)
	}
	if err := b.Record(ctx, "u1", "g1", 100); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, b = open()
	defer s.Close()
	if err := b.Allow(ctx, "u1", "g1"); !errors.Is(err, answer.ErrOverBudget) {
		t.Fatalf("user over budget after restart: err = %v", err)
	}
	if err := b.Allow(ctx, "u2", "g1"); err != nil {
		t.Fatalf("another user refused: %v", err)
	}
	b.Record(ctx, "u2", "g1", 60)
	if err := b.Allow(ctx, "u3", "g1"); !errors.Is(err, answer.ErrOverBudget) {
		t.Fatalf("server over budget: err = %v", err)
	}
	if err := b.Allow(ctx, "u3", "g2"); err != nil {
		t.Fatalf("other server refused: %v", err)
	}
	b.now = func() time.Time { return day.Add(24 * time.Hour) }
	if err := b.Allow(ctx, "u1", "g1"); err != nil {
		t.Fatalf("next day still refused: %v", err)
	}
}
