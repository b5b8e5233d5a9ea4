package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkSQLiteAddUsage measures one durable write transaction (three
// upserts, fsync on commit).
func BenchmarkSQLiteAddUsage(b *testing.B) {
	s, err := OpenSQLite(filepath.Join(b.TempDir(), "state.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if err := s.AddUsage(ctx, "2026-11-27", fmt.Sprint("u", i%50), "g1", 10); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSQLiteRecordQuizAnswer measures the quiz button path.
func BenchmarkSQLiteRecordQuizAnswer(b *testing.B) {
	s, err := OpenSQLite(filepath.Join(b.TempDir(), "state.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.SaveQuizQuestion(ctx, quizQ("q1", "c1")); err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		if _, _, err := s.RecordQuizAnswer(ctx, "q1", fmt.Sprint("u", i), 1); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSQLiteLeaderboard measures /quiz scores over 1,000 answers.
func BenchmarkSQLiteLeaderboard(b *testing.B) {
	s, err := OpenSQLite(filepath.Join(b.TempDir(), "state.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
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
}
