package classroom

import (
	"errors"
	"testing"

	"paperbot/internal/store"
)

// TestStateContract holds Memory and the SQLite store to the same rules
// for what the service relies on: the leaderboard order, bad input, and
// citations kept once each in first-cited order.
func TestStateContract(t *testing.T) {
	eachState(t, func(t *testing.T, st state) {
		ctx := ctxT(t)
		for _, id := range []string{"q1", "q2", "q3"} {
			if err := st.SaveQuizQuestion(ctx, store.QuizQuestion{ID: id, ChannelID: "c", Question: "?", Choices: []string{"a", "b"}, Correct: 0}); err != nil {
				t.Fatal(err)
			}
		}
		// zed: 2 of 3; amy: 1 of 1; bea: 1 of 2; cal: 1 of 1 (ties by id).
		for _, a := range []struct {
			q, u   string
			choice int
		}{{"q1", "zed", 0}, {"q2", "zed", 0}, {"q3", "zed", 1}, {"q1", "amy", 0}, {"q1", "bea", 1}, {"q2", "bea", 0}, {"q3", "cal", 0}} {
			if _, _, err := st.RecordQuizAnswer(ctx, a.q, a.u, a.choice); err != nil {
				t.Fatal(err)
			}
		}
		scores, err := st.Leaderboard(ctx, "c", 3)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.Score{{UserID: "zed", Correct: 2, Answered: 3}, {UserID: "amy", Correct: 1, Answered: 1}, {UserID: "cal", Correct: 1, Answered: 1}}
		if len(scores) != len(want) {
			t.Fatalf("leaderboard = %+v, want %+v", scores, want)
		}
		for i := range want {
			if scores[i] != want[i] {
				t.Fatalf("leaderboard = %+v, want %+v", scores, want)
			}
		}
		for name, err := range map[string]error{
			"one choice":   st.SaveQuizQuestion(ctx, store.QuizQuestion{ID: "x", ChannelID: "c", Question: "?", Choices: []string{"a"}}),
			"bad correct":  st.SaveQuizQuestion(ctx, store.QuizQuestion{ID: "x", ChannelID: "c", Question: "?", Choices: []string{"a", "b"}, Correct: 2}),
			"no channel":   st.SaveQuizQuestion(ctx, store.QuizQuestion{ID: "x", Question: "?", Choices: []string{"a", "b"}}),
			"bad choice":   second(st.RecordQuizAnswer(ctx, "q1", "dan", 5)),
			"ref 0":        st.RecordCitations(ctx, "c", "p", []int{0}),
			"no paper id":  st.RecordCitations(ctx, "c", "", []int{1}),
			"reset no one": third(st.ResetQuizScores(ctx, "")),
		} {
			if !errors.Is(err, store.ErrInvalid) {
				t.Errorf("%s: %v, want ErrInvalid", name, err)
			}
		}
		if _, _, err := st.RecordQuizAnswer(ctx, "gone", "dan", 0); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("answer to an unknown question: %v, want ErrNotFound", err)
		}
		for _, refs := range [][]int{{4, 2}, {2, 7}} {
			if err := st.RecordCitations(ctx, "c", "p", refs); err != nil {
				t.Fatal(err)
			}
		}
		cited, err := st.CitedRefs(ctx, "c")
		if err != nil || len(cited) != 3 || cited[0].Ref != 4 || cited[1].Ref != 2 || cited[2].Ref != 7 {
			t.Errorf("cited = %+v, %v; want 4, 2, 7", cited, err)
		}
	})
}

func second(_, _ bool, err error) error { return err }
func third(_ int64, err error) error    { return err }
