package store

import (
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"
)

func quizQ(id, channel string) QuizQuestion {
	return QuizQuestion{ID: id, ChannelID: channel, PaperID: "paper-a", Question: "Which reference reports on the Xi'an summit?",
		Choices: []string{"[3]", "[15]", "[21]", "[7]"}, Correct: 1, Refs: []int{15},
		CreatedAt: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)}
}

func testQuiz(t *testing.T, open opener) {
	s, ctx := open(t), ctxT(t)
	q := quizQ("q1", "c1")
	must(t, s.SaveQuizQuestion(ctx, q))
	got, err := s.QuizQuestion(ctx, "q1")
	must(t, err)
	if !reflect.DeepEqual(got, q) {
		t.Fatalf("question = %+v\nwant %+v", got, q)
	}
	if _, err := s.QuizQuestion(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing question: %v", err)
	}
	if _, _, err := s.RecordQuizAnswer(ctx, "nope", "u1", 0); !errors.Is(err, ErrNotFound) {
		t.Fatalf("answer to missing question: %v", err)
	}
	if _, _, err := s.RecordQuizAnswer(ctx, "q1", "u1", 4); !errors.Is(err, ErrInvalid) {
		t.Fatalf("choice out of range: %v", err)
	}
	correct, already, err := s.RecordQuizAnswer(ctx, "q1", "u1", 1)
	if err != nil || !correct || already {
		t.Fatalf("first answer: %v %v %v", correct, already, err)
	}
	correct, already, err = s.RecordQuizAnswer(ctx, "q1", "u2", 0)
	if err != nil || correct || already {
		t.Fatalf("wrong answer: %v %v %v", correct, already, err)
	}
}

func testQuizIdempotent(t *testing.T, open opener) {
	s, ctx := open(t), ctxT(t)
	must(t, s.SaveQuizQuestion(ctx, quizQ("q1", "c1")))
	if c, a, err := s.RecordQuizAnswer(ctx, "q1", "u1", 0); err != nil || c || a {
		t.Fatalf("first (wrong) answer: %v %v %v", c, a, err)
	}
	// Clicking again, even the right button, changes nothing.
	for i := 0; i < 3; i++ {
		if c, a, err := s.RecordQuizAnswer(ctx, "q1", "u1", 1); err != nil || c || !a {
			t.Fatalf("repeat %d: correct=%v already=%v err=%v, want false true", i, c, a, err)
		}
	}
	lb, err := s.Leaderboard(ctx, "c1", 0)
	must(t, err)
	if want := []Score{{UserID: "u1", Correct: 0, Answered: 1}}; !reflect.DeepEqual(lb, want) {
		t.Fatalf("leaderboard = %+v, want %+v", lb, want)
	}
}

func testLeaderboard(t *testing.T, open opener) {
	s, ctx := open(t), ctxT(t)
	for i := 1; i <= 3; i++ {
		must(t, s.SaveQuizQuestion(ctx, quizQ(fmt.Sprint("q", i), "c1")))
	}
	must(t, s.SaveQuizQuestion(ctx, quizQ("other", "c2")))
	answers := []struct {
		q, u   string
		choice int
	}{
		{"q1", "alice", 1}, {"q2", "alice", 1}, {"q3", "alice", 0},
		{"q1", "bob", 1}, {"q2", "bob", 1},
		{"q1", "carol", 0},
		{"q1", "dave", 1},
		{"other", "erin", 1},
	}
	for _, a := range answers {
		_, _, err := s.RecordQuizAnswer(ctx, a.q, a.u, a.choice)
		must(t, err)
	}
	lb, err := s.Leaderboard(ctx, "c1", 10)
	must(t, err)
	want := []Score{{"bob", 2, 2}, {"alice", 2, 3}, {"dave", 1, 1}, {"carol", 0, 1}}
	if !reflect.DeepEqual(lb, want) {
		t.Fatalf("leaderboard = %+v\nwant %+v", lb, want)
	}
	lb, err = s.Leaderboard(ctx, "c1", 2)
	must(t, err)
	if !reflect.DeepEqual(lb, want[:2]) {
		t.Fatalf("top 2 = %+v", lb)
	}
	if lb, err := s.Leaderboard(ctx, "empty", 5); err != nil || len(lb) != 0 {
		t.Fatalf("empty channel: %+v %v", lb, err)
	}
	n, err := s.ResetQuizScores(ctx, "c1")
	if err != nil || n != 7 {
		t.Fatalf("reset c1: %d %v, want 7 answers", n, err)
	}
	if lb, err := s.Leaderboard(ctx, "c1", 10); err != nil || len(lb) != 0 {
		t.Fatalf("after reset: %+v %v", lb, err)
	}
	if lb, err := s.Leaderboard(ctx, "c2", 10); err != nil || len(lb) != 1 {
		t.Fatalf("reset of c1 touched c2: %+v %v", lb, err)
	}
	if c, a, err := s.RecordQuizAnswer(ctx, "q1", "alice", 1); err != nil || !c || a {
		t.Fatalf("answer after reset counts afresh: correct=%v already=%v %v", c, a, err)
	}
}

// testConcurrentQuiz: 10 users click 3 buttons each on 4 questions at once;
// each user's first click per question counts exactly once.
func testConcurrentQuiz(t *testing.T, open opener) {
	s, ctx := open(t), ctxT(t)
	const users, questions, clicks = 10, 4, 3
	for q := 0; q < questions; q++ {
		must(t, s.SaveQuizQuestion(ctx, quizQ(fmt.Sprint("q", q), "c1")))
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	firsts := map[string]int{}
	errs := make(chan error, users*questions*clicks)
	for u := 0; u < users; u++ {
		for q := 0; q < questions; q++ {
			for c := 0; c < clicks; c++ {
				wg.Add(1)
				go func(user, qid string) {
					defer wg.Done()
					_, already, err := s.RecordQuizAnswer(ctx, qid, user, 1)
					if err != nil {
						errs <- err
						return
					}
					if !already {
						mu.Lock()
						firsts[user+"/"+qid]++
						mu.Unlock()
					}
				}(fmt.Sprint("u", u), fmt.Sprint("q", q))
			}
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if len(firsts) != users*questions {
		t.Fatalf("%d first answers, want %d", len(firsts), users*questions)
	}
	for k, n := range firsts {
		if n != 1 {
			t.Fatalf("%s counted %d times", k, n)
		}
	}
	lb, err := s.Leaderboard(ctx, "c1", 100)
	must(t, err)
	if len(lb) != users {
		t.Fatalf("leaderboard has %d users, want %d", len(lb), users)
	}
	for _, sc := range lb {
		if sc.Correct != questions || sc.Answered != questions {
			t.Fatalf("score %+v, want %d/%d", sc, questions, questions)
		}
	}
}
