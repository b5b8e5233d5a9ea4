package classroom

import (
	"errors"
	"strings"
	"testing"
	"time"

	"paperbot/corpus"
	"paperbot/internal/store"
	"paperbot/retrieval/study"
)

func TestQuizStartAnswerScores(t *testing.T) {
	eachState(t, func(t *testing.T, st state) {
		at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		z := NewQuizzes(st, func() time.Time { return at })
		p := corpus.Default()
		quiz, err := z.Start(ctxT(t), "c1", p, 3, "", 7)
		if err != nil {
			t.Fatal(err)
		}
		if len(quiz.Questions) != 3 || len(quiz.Explanations) != 3 {
			t.Fatalf("quiz has %d questions, %d explanations", len(quiz.Questions), len(quiz.Explanations))
		}
		for i, q := range quiz.Questions {
			if q.ID != QuestionID(quiz.ID, i+1) || q.ChannelID != "c1" || q.PaperID != p.ID || !q.CreatedAt.Equal(at) {
				t.Errorf("question %d: %+v", i+1, q)
			}
		}
		// Stored: question 2 reads back as it was shown.
		q2, err := z.Question(ctxT(t), quiz.ID, 2)
		if err != nil || q2.Question != quiz.Questions[1].Question || q2.Correct != quiz.Questions[1].Correct {
			t.Fatalf("question 2 = %+v, %v", q2, err)
		}
		q1 := quiz.Questions[0]
		wrong := (q1.Correct + 1) % len(q1.Choices)
		v, err := z.Answer(ctxT(t), q1.ID, "ann", q1.Correct)
		if err != nil || !v.Correct || v.Already || v.Choice != q1.Correct {
			t.Fatalf("right answer: %+v, %v", v, err)
		}
		// Only the first answer counts.
		v, err = z.Answer(ctxT(t), q1.ID, "ann", wrong)
		if err != nil || !v.Correct || !v.Already {
			t.Fatalf("second answer: %+v, %v", v, err)
		}
		v, err = z.Answer(ctxT(t), q1.ID, "bob", wrong)
		if err != nil || v.Correct || v.Already {
			t.Fatalf("wrong answer: %+v, %v", v, err)
		}
		if _, err := z.Answer(ctxT(t), q1.ID, "bob", len(q1.Choices)); !errors.Is(err, ErrBadChoice) {
			t.Errorf("answer out of range: %v, want ErrBadChoice", err)
		}
		if _, err := z.Answer(ctxT(t), "nope.1", "bob", 0); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown question: %v, want ErrNotFound", err)
		}
		scores, err := z.Scores(ctxT(t), "c1", 10)
		want := []store.Score{{UserID: "ann", Correct: 1, Answered: 1}, {UserID: "bob", Correct: 0, Answered: 1}}
		if err != nil || len(scores) != 2 || scores[0] != want[0] || scores[1] != want[1] {
			t.Fatalf("scores = %+v, %v; want %+v", scores, err, want)
		}
		csv, n, err := z.ScoresCSV(ctxT(t), "c1")
		if err != nil || n != 2 || string(csv) != "rank,user_id,correct,answered\n1,ann,1,1\n2,bob,0,1\n" {
			t.Fatalf("csv (%d students, %v):\n%s", n, err, csv)
		}
		if other, err := z.Scores(ctxT(t), "c2", 10); err != nil || len(other) != 0 {
			t.Errorf("another channel's scores = %+v, %v", other, err)
		}
		cleared, err := z.Reset(ctxT(t), "c1")
		if err != nil || cleared != 2 {
			t.Fatalf("reset cleared %d, %v; want 2", cleared, err)
		}
		if csv, n, err := z.ScoresCSV(ctxT(t), "c1"); err != nil || n != 0 || csv != nil {
			t.Errorf("csv after reset: %q, %d, %v", csv, n, err)
		}
		// After a reset an old question counts afresh.
		if v, err := z.Answer(ctxT(t), q1.ID, "ann", wrong); err != nil || v.Already || v.Correct {
			t.Errorf("answer after reset: %+v, %v", v, err)
		}
	})
}

func TestQuizCountsAndTopics(t *testing.T) {
	p := corpus.Default()
	for _, n := range []int{0, -1, study.MaxQuizCount + 1} {
		if _, err := BuildQuiz(p, n, "", 1); !errors.Is(err, ErrQuizCount) {
			t.Errorf("BuildQuiz(%d) = %v, want ErrQuizCount", n, err)
		}
	}
	if _, err := BuildQuiz(p, 2, "zzqqxx", 1); !errors.Is(err, study.ErrNoQuiz) {
		t.Errorf("quiz on an absent topic: %v, want study.ErrNoQuiz", err)
	}
	a, errA := BuildQuiz(p, 3, "", 42)
	b, errB := BuildQuiz(p, 3, "", 42)
	if errA != nil || errB != nil || len(a) != 3 || a[0].Prompt != b[0].Prompt {
		t.Errorf("the same seed gave different quizzes (%v, %v)", errA, errB)
	}
}

func TestQuestionIDs(t *testing.T) {
	id := QuestionID("abc", 4)
	if quiz, n, ok := SplitQuestionID(id); !ok || quiz != "abc" || n != 4 {
		t.Errorf("SplitQuestionID(%q) = %q, %d, %v", id, quiz, n, ok)
	}
	for _, bad := range []string{"abc", "abc.0", "abc.x", ""} {
		if _, _, ok := SplitQuestionID(bad); ok {
			t.Errorf("SplitQuestionID(%q) ok", bad)
		}
	}
	if !strings.HasPrefix(QuestionID("q", 1), "q.") {
		t.Error("question ids start with the quiz id")
	}
}
