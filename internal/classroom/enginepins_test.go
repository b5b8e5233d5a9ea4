package classroom

import (
	"testing"
	"time"

	"paperbot/retrieval/answer"
)

// TestEnginePins: the engine gets a guild's pins on a paper, newest first,
// and nothing from another guild or paper.
func TestEnginePins(t *testing.T) {
	t.Parallel()
	st := openSQLite(t)
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	x := NewPins(st, defaultRefs{}, func() time.Time { return at }, nil)
	ctx := t.Context()
	for _, p := range []struct{ guild, paper, q, a string }{
		{"g1", "paper", "What is soft power?", "Attraction [1]."},
		{"g1", "other", "What is soft power?", "Elsewhere."},
		{"g2", "paper", "What is soft power?", "Another guild."},
	} {
		if _, err := x.Pin(ctx, p.guild, p.paper, p.q, p.a, "teacher"); err != nil {
			t.Fatal(err)
		}
	}
	at = at.Add(time.Minute)
	if _, err := x.Pin(ctx, "g1", "paper", "Who coined it?", "Nye [15].", "teacher"); err != nil {
		t.Fatal(err)
	}
	got, err := EnginePins{Store: st}.PinnedAnswers(ctx, "g1", "paper")
	want := []answer.Pin{{Question: "Who coined it?", Answer: "Nye [15]."}, {Question: "What is soft power?", Answer: "Attraction [1]."}}
	if err != nil || len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("pins = %+v, %v; want %+v", got, err, want)
	}
	if got, err := (EnginePins{}).PinnedAnswers(ctx, "g1", "paper"); err != nil || got != nil {
		t.Fatalf("no store: %+v, %v", got, err)
	}
}
