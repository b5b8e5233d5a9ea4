package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"paperbot/internal/testutil/pgtest"
)

// benchStores runs fn against SQLite (a temp file) and, when
// PAPERBOT_TEST_DATABASE_URL is set, PostgreSQL (a fresh schema).
func benchStores(b *testing.B, fn func(b *testing.B, s Store)) {
	b.Run("sqlite", func(b *testing.B) {
		s, err := OpenSQLite(filepath.Join(b.TempDir(), "state.db"))
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		fn(b, s)
	})
	b.Run("postgres", func(b *testing.B) {
		base := os.Getenv("PAPERBOT_TEST_DATABASE_URL")
		if base == "" {
			b.Skip("PAPERBOT_TEST_DATABASE_URL is not set")
		}
		s, err := OpenPostgres(context.Background(), pgtest.Schema(b, base))
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		fn(b, s)
	})
}

// BenchmarkAddUsage measures one durable write transaction (three upserts).
func BenchmarkAddUsage(b *testing.B) {
	benchStores(b, func(b *testing.B, s Store) {
		ctx := context.Background()
		for i := 0; b.Loop(); i++ {
			if err := s.AddUsage(ctx, "2026-11-27", fmt.Sprint("u", i%50), "g1", 10); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRecordQuizAnswer measures the quiz button path.
func BenchmarkRecordQuizAnswer(b *testing.B) {
	benchStores(b, func(b *testing.B, s Store) {
		ctx := context.Background()
		if err := s.SaveQuizQuestion(ctx, quizQ("q1", "c1")); err != nil {
			b.Fatal(err)
		}
		for i := 0; b.Loop(); i++ {
			if _, _, err := s.RecordQuizAnswer(ctx, "q1", fmt.Sprint("u", i), 1); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkLeaderboard measures /quiz scores over 1,000 answers.
func BenchmarkLeaderboard(b *testing.B) {
	benchStores(b, func(b *testing.B, s Store) {
		ctx := context.Background()
		for q := 0; q < 10; q++ {
			if err := s.SaveQuizQuestion(ctx, quizQ(fmt.Sprint("q", q), "c1")); err != nil {
				b.Fatal(err)
			}
			for u := 0; u < 100; u++ {
				if _, _, err := s.RecordQuizAnswer(ctx, fmt.Sprint("q", q), fmt.Sprint("u", u), u%4); err != nil {
					b.Fatal(err)
				}
			}
		}
		for b.Loop() {
			if _, err := s.Leaderboard(ctx, "c1", 10); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkChannelPaper measures the lookup every question makes.
func BenchmarkChannelPaper(b *testing.B) {
	benchStores(b, func(b *testing.B, s Store) {
		ctx := context.Background()
		if err := s.SetChannelPaper(ctx, "c1", "paper-a"); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, _, err := s.ChannelPaper(ctx, "c1"); err != nil {
				b.Fatal(err)
			}
		}
	})
}
