package classroom

import (
	"errors"
	"strings"
	"testing"
	"time"

	"paperbot/corpus"
	"paperbot/retrieval/answer"
)

// defaultRefs lists the default paper's references.
type defaultRefs struct{}

func (defaultRefs) Refs(string, string) ([]corpus.Reference, error) {
	return corpus.Default().References, nil
}

func TestPins(t *testing.T) {
	t.Parallel()
	st := openSQLite(t)
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	x := NewPins(st, defaultRefs{}, func() time.Time { return at }, nil)
	ctx := t.Context()
	p, err := x.Pin(ctx, "g1", "paper", "  What is soft power? ", " Attraction, per [1]. ", "teacher")
	if err != nil || p.Question != "What is soft power?" || p.Answer != "Attraction, per [1]." || !p.PinnedAt.Equal(at) {
		t.Fatalf("pin = %+v, %v", p, err)
	}
	got, ok, err := st.PinnedAnswer(ctx, "g1", "paper", "what is SOFT power")
	if err != nil || !ok || got.Answer != p.Answer || got.PinnedBy != "teacher" {
		t.Fatalf("pinned answer = %+v, %v, %v", got, ok, err)
	}
	for _, tc := range []struct{ q, a, want string }{
		{"", "x", "Give both"},
		{"Why?", strings.Repeat("a", MaxPinRunes+1), "The answer is too long"},
		{strings.Repeat("q", answer.MaxQuestionRunes+1), "x", "The question is too long"},
		{"?!", "x", "no words to match on"},
	} {
		_, err := x.Pin(ctx, "g1", "paper", tc.q, tc.a, "teacher")
		if msg, ok := answer.IsUserError(err); !ok || !strings.Contains(msg, tc.want) {
			t.Errorf("pin %q: %v, want a user error with %q", tc.q, err, tc.want)
		}
	}
	refs := corpus.Default().References
	_, err = x.Pin(ctx, "g1", "paper", "Which?", "See [2] and [999].", "teacher")
	var unknown *UnknownRefsError
	if !errors.As(err, &unknown) || len(unknown.Unknown) != 1 || unknown.Unknown[0] != 999 ||
		unknown.Refs != len(refs) || unknown.First != refs[0].N || unknown.Last != refs[len(refs)-1].N {
		t.Fatalf("pin citing [999]: %#v", err)
	}
	if _, ok, _ := st.PinnedAnswer(ctx, "g1", "paper", "Which?"); ok {
		t.Error("a refused pin was stored")
	}
}
