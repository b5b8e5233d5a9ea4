package classroom

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"paperbot/internal/store"
)

func openSQLite(t *testing.T) *store.SQLite {
	t.Helper()
	st, err := store.OpenSQLite(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

func TestFeedback(t *testing.T) {
	t.Parallel()
	st := openSQLite(t)
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	f := NewFeedback(st, func() time.Time { return at })
	ctx := t.Context()
	if err := st.SaveAnswer(ctx, store.AnswerRecord{ID: "a1", GuildID: "g1", ChannelID: "c1", UserID: "u0", PaperID: "p",
		Question: "What is soft power?", Answer: "Attraction [1].", CreatedAt: at}); err != nil {
		t.Fatal(err)
	}
	if err := f.Vote(ctx, "a1", "g1", "u1", store.ThumbUp, ""); err != nil {
		t.Fatal(err)
	}
	if flags, err := f.Flagged(ctx, "g1", 10); err != nil || len(flags) != 0 {
		t.Fatalf("flagged after 👍: %+v, %v", flags, err)
	}
	if err := f.Vote(ctx, "a1", "g1", "u2", store.ThumbDown, "wrong reference"); err != nil {
		t.Fatal(err)
	}
	flags, err := f.Flagged(ctx, "g1", 10)
	if err != nil || len(flags) != 1 || flags[0].VoterID != "u2" || flags[0].Comment != "wrong reference" ||
		flags[0].Answer.ID != "a1" || !flags[0].FlaggedAt.Equal(at) {
		t.Fatalf("flagged = %+v, %v", flags, err)
	}
	if err := f.Vote(ctx, "a1", "g2", "u3", store.ThumbDown, ""); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("vote from another guild: %v, want ErrNotFound", err)
	}
	if err := f.Vote(ctx, "gone", "g1", "u3", store.ThumbUp, ""); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("vote on an unknown answer: %v, want ErrNotFound", err)
	}
	if rec, err := f.Answer(ctx, "a1", "g1"); err != nil || rec.Question != "What is soft power?" {
		t.Errorf("answer = %+v, %v", rec, err)
	}
	if _, err := f.Answer(ctx, "a1", "g2"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("answer from another guild: %v, want ErrNotFound", err)
	}
}
