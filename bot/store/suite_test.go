package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"
)

// opener opens the store of the test t; calling it again in the same test
// reopens the same database (a restart).
type opener func(t *testing.T) Store

// testStore is the conformance suite every Store implementation must pass.
func testStore(t *testing.T, open opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open opener)
	}{
		{"ChannelPaper", testChannelPaper},
		{"UploadedPapers", testUploadedPapers},
		{"SubscribePapers", testSubscribePapers},
		{"Quiz", testQuiz},
		{"QuizIdempotent", testQuizIdempotent},
		{"Leaderboard", testLeaderboard},
		{"Feedback", testFeedback},
		{"Pins", testPins},
		{"Citations", testCitations},
		{"Usage", testUsage},
		{"BadInput", testBadInput},
		{"Restart", testRestart},
		{"Migrations", testMigrations},
		{"ConcurrentQuizAnswers", testConcurrentQuiz},
		{"ConcurrentUsage", testConcurrentUsage},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.fn(t, open)
		})
	}
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func testChannelPaper(t *testing.T, open opener) {
	s, ctx := open(t), ctxT(t)
	if p, ok, err := s.ChannelPaper(ctx, "c1"); err != nil || ok || p != "" {
		t.Fatalf("unset channel: %q %v %v", p, ok, err)
	}
	must(t, s.SetChannelPaper(ctx, "c1", "paper-a"))
	must(t, s.SetChannelPaper(ctx, "c1", "paper-b"))
	must(t, s.SetChannelPaper(ctx, "c2", "paper-a"))
	if p, ok, err := s.ChannelPaper(ctx, "c1"); err != nil || !ok || p != "paper-b" {
		t.Fatalf("c1 = %q %v %v, want paper-b", p, ok, err)
	}
}

var paperA = UploadedPaper{ID: "paper-a", FileName: "a.txt", Text: "Title A\n\nAbstract…", UploaderID: "u1",
	UploadedAt: time.Date(2026, 1, 2, 3, 4, 5, 6_000_000, time.UTC)}

func testUploadedPapers(t *testing.T, open opener) {
	s, ctx := open(t), ctxT(t)
	if ps, err := s.UploadedPapers(ctx); err != nil || len(ps) != 0 {
		t.Fatalf("empty store: %v %v", ps, err)
	}
	b := UploadedPaper{ID: "paper-b", FileName: "b.pdf", Text: "B", UploaderID: "u2", UploadedAt: paperA.UploadedAt.Add(time.Hour)}
	must(t, s.SaveUploadedPaper(ctx, b))
	must(t, s.SaveUploadedPaper(ctx, paperA))
	ps, err := s.UploadedPapers(ctx)
	must(t, err)
	if want := []UploadedPaper{paperA, b}; !reflect.DeepEqual(ps, want) {
		t.Fatalf("papers = %+v\nwant %+v", ps, want)
	}
	b.Text = "B v2"
	must(t, s.SaveUploadedPaper(ctx, b)) // re-upload replaces
	must(t, s.DeleteUploadedPaper(ctx, "paper-a"))
	must(t, s.DeleteUploadedPaper(ctx, "never-there"))
	ps, err = s.UploadedPapers(ctx)
	must(t, err)
	if len(ps) != 1 || ps[0].Text != "B v2" {
		t.Fatalf("after replace+delete: %+v", ps)
	}
}

func testSubscribePapers(t *testing.T, open opener) {
	s, ctx := open(t), ctxT(t)
	got := make(chan string, 10)
	subCtx, cancel := context.WithCancel(ctx)
	must(t, s.SubscribePapers(subCtx, func(id string) { got <- id }))
	must(t, s.SaveUploadedPaper(ctx, paperA))
	must(t, s.DeleteUploadedPaper(ctx, paperA.ID))
	for _, want := range []string{"paper-a", "paper-a"} {
		select {
		case id := <-got:
			if id != want {
				t.Fatalf("notified %q, want %q", id, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("no notification for %q", want)
		}
	}
	cancel()
	// A failed save announces nothing.
	if err := s.SaveUploadedPaper(ctx, UploadedPaper{ID: "empty"}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("empty paper: %v", err)
	}
}

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
}

func answerRec(id string, at time.Time) AnswerRecord {
	return AnswerRecord{ID: id, GuildID: "g1", ChannelID: "c1", UserID: "asker", PaperID: "paper-a", Question: "What is soft power?",
		Answer: "Attraction rather than coercion [3].", Passages: json.RawMessage(`[{"id":"p/ref/3","ref":3}]`),
		Citations: []int{3}, CreatedAt: at}
}

func testFeedback(t *testing.T, open opener) {
	s, ctx := open(t), ctxT(t)
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	a1, a2 := answerRec("a1", t0), answerRec("a2", t0.Add(time.Minute))
	a2.Passages, a2.Citations = nil, nil
	must(t, s.SaveAnswer(ctx, a1))
	must(t, s.SaveAnswer(ctx, a2))
	got, err := s.Answer(ctx, "a1")
	must(t, err)
	if !reflect.DeepEqual(got, a1) {
		t.Fatalf("answer = %+v\nwant %+v", got, a1)
	}
	if _, err := s.Answer(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing answer: %v", err)
	}
	if err := s.RecordFeedback(ctx, Vote{AnswerID: "nope", UserID: "u", Thumb: ThumbDown}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("vote on missing answer: %v", err)
	}
	votes := []Vote{
		{AnswerID: "a1", UserID: "u1", Thumb: ThumbUp, At: t0.Add(1 * time.Hour)},
		{AnswerID: "a1", UserID: "u2", Thumb: ThumbDown, At: t0.Add(2 * time.Hour)},
		{AnswerID: "a1", UserID: "u2", Thumb: ThumbDown, Comment: "wrong reference", At: t0.Add(3 * time.Hour)}, // modal
		{AnswerID: "a2", UserID: "u3", Thumb: ThumbDown, Comment: "too vague", At: t0.Add(4 * time.Hour)},
		{AnswerID: "a2", UserID: "u3", Thumb: ThumbDown, At: t0.Add(5 * time.Hour)}, // re-click keeps comment
		{AnswerID: "a2", UserID: "u4", Thumb: ThumbDown, At: t0.Add(6 * time.Hour)},
		{AnswerID: "a2", UserID: "u4", Thumb: ThumbUp, At: t0.Add(7 * time.Hour)}, // changed mind
	}
	for _, v := range votes {
		must(t, s.RecordFeedback(ctx, v))
	}
	// A flag in another guild is not shown to this guild's instructors.
	a3 := answerRec("a3", t0)
	a3.GuildID, a3.ChannelID = "g2", "c9"
	must(t, s.SaveAnswer(ctx, a3))
	must(t, s.RecordFeedback(ctx, Vote{AnswerID: "a3", UserID: "u9", Thumb: ThumbDown, At: t0.Add(9 * time.Hour)}))
	if all, err := s.RecentFlagged(ctx, "", 10); err != nil || len(all) != 3 || all[0].Answer.ID != "a3" {
		t.Fatalf("all guilds: %+v %v", all, err)
	}
	flags, err := s.RecentFlagged(ctx, "g1", 10)
	must(t, err)
	want := []Flag{
		{Answer: a2, VoterID: "u3", Comment: "too vague", FlaggedAt: t0.Add(5 * time.Hour)},
		{Answer: a1, VoterID: "u2", Comment: "wrong reference", FlaggedAt: t0.Add(3 * time.Hour)},
	}
	want[0].Answer.Citations = []int{}
	if !reflect.DeepEqual(flags, want) {
		t.Fatalf("flagged = %+v\nwant %+v", flags, want)
	}
	if flags, _ := s.RecentFlagged(ctx, "g1", 1); len(flags) != 1 || flags[0].Answer.ID != "a2" {
		t.Fatalf("limit 1: %+v", flags)
	}
}

func testPins(t *testing.T, open opener) {
	s, ctx := open(t), ctxT(t)
	if _, ok, err := s.PinnedAnswer(ctx, "paper-a", "What is soft power?"); ok || err != nil {
		t.Fatalf("no pin yet: %v %v", ok, err)
	}
	at := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	p := Pin{PaperID: "paper-a", Question: "What is soft power?", Answer: "v1", PinnedBy: "prof", PinnedAt: at}
	must(t, s.PinAnswer(ctx, p))
	p.Answer = "Soft power is attraction [3]." // replaces
	must(t, s.PinAnswer(ctx, p))
	got, ok, err := s.PinnedAnswer(ctx, "paper-a", "  what IS soft-power ")
	if err != nil || !ok || !reflect.DeepEqual(got, p) {
		t.Fatalf("pinned = %+v %v %v\nwant %+v", got, ok, err, p)
	}
	if _, ok, _ := s.PinnedAnswer(ctx, "paper-b", p.Question); ok {
		t.Fatal("pin leaked to another paper")
	}
}

func testCitations(t *testing.T, open opener) {
	s, ctx := open(t), ctxT(t)
	must(t, s.RecordCitations(ctx, "c1", "paper-a", []int{15, 3}))
	must(t, s.RecordCitations(ctx, "c1", "paper-a", []int{3, 21, 15}))
	must(t, s.RecordCitations(ctx, "c1", "paper-b", []int{3}))
	must(t, s.RecordCitations(ctx, "c2", "paper-a", []int{1}))
	must(t, s.RecordCitations(ctx, "c1", "paper-a", nil))
	got, err := s.CitedRefs(ctx, "c1")
	must(t, err)
	want := []CitedRef{{"paper-a", 15}, {"paper-a", 3}, {"paper-a", 21}, {"paper-b", 3}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("cited = %+v\nwant %+v", got, want)
	}
	if err := s.RecordCitations(ctx, "c1", "paper-a", []int{4, 0}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("ref 0: %v", err)
	}
	got, _ = s.CitedRefs(ctx, "c1")
	if len(got) != len(want) {
		t.Fatalf("a rejected batch left rows behind: %+v", got) // transaction rolled back
	}
}

func testUsage(t *testing.T, open opener) {
	s, ctx := open(t), ctxT(t)
	day := "2026-11-27"
	must(t, s.AddUsage(ctx, day, "u1", "g1", 100))
	must(t, s.AddUsage(ctx, day, "u1", "g1", 50))
	must(t, s.AddUsage(ctx, day, "u2", "g1", 7))
	must(t, s.AddUsage(ctx, day, "u1", "", 1000)) // a DM: no guild
	must(t, s.AddUsage(ctx, "2026-11-28", "u1", "g1", 9))
	check := func(user, guild string, wu, wg, wa int) {
		t.Helper()
		u, g, a, err := s.Usage(ctx, day, user, guild)
		if err != nil || u != wu || g != wg || a != wa {
			t.Fatalf("Usage(%s,%s) = %d %d %d %v, want %d %d %d", user, guild, u, g, a, err, wu, wg, wa)
		}
	}
	check("u1", "g1", 1150, 157, 1157)
	check("u2", "g1", 7, 157, 1157)
	check("u3", "", 0, 0, 1157)
	check("u3", "g9", 0, 0, 1157)
}

func testBadInput(t *testing.T, open opener) {
	s, ctx := open(t), ctxT(t)
	bad := map[string]error{
		"empty channel":     s.SetChannelPaper(ctx, "", "p"),
		"one choice":        s.SaveQuizQuestion(ctx, QuizQuestion{ID: "q", ChannelID: "c", Question: "?", Choices: []string{"a"}}),
		"correct out":       s.SaveQuizQuestion(ctx, QuizQuestion{ID: "q", ChannelID: "c", Question: "?", Choices: []string{"a", "b"}, Correct: 2}),
		"bad passages":      s.SaveAnswer(ctx, AnswerRecord{ID: "a", ChannelID: "c", Passages: json.RawMessage("{")}),
		"thumb 0":           s.RecordFeedback(ctx, Vote{AnswerID: "a", UserID: "u"}),
		"empty pin":         s.PinAnswer(ctx, Pin{PaperID: "p", Question: "?!", Answer: "x"}),
		"bad day":           s.AddUsage(ctx, "27/11/2026", "u", "g", 1),
		"negative tokens":   s.AddUsage(ctx, "2026-11-27", "u", "g", -1),
		"empty user tokens": s.AddUsage(ctx, "2026-11-27", "", "g", 1),
		"nil subscriber":    s.SubscribePapers(ctx, nil),
	}
	for name, err := range bad {
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", name, err)
		}
	}
	if _, _, _, err := s.Usage(ctx, "yesterday", "u", "g"); !errors.Is(err, ErrInvalid) {
		t.Errorf("Usage bad day: %v", err)
	}
}

// testRestart writes every kind of state, closes the store, reopens it and
// checks nothing was lost.
func testRestart(t *testing.T, open opener) {
	ctx := ctxT(t)
	s := open(t)
	must(t, s.SetChannelPaper(ctx, "c1", "paper-a"))
	must(t, s.SaveUploadedPaper(ctx, paperA))
	must(t, s.SaveQuizQuestion(ctx, quizQ("q1", "c1")))
	_, _, err := s.RecordQuizAnswer(ctx, "q1", "u1", 1)
	must(t, err)
	must(t, s.SaveAnswer(ctx, answerRec("a1", time.Now())))
	must(t, s.RecordFeedback(ctx, Vote{AnswerID: "a1", UserID: "u2", Thumb: ThumbDown, Comment: "wrong"}))
	must(t, s.PinAnswer(ctx, Pin{PaperID: "paper-a", Question: "What is soft power?", Answer: "pinned"}))
	must(t, s.RecordCitations(ctx, "c1", "paper-a", []int{5, 2}))
	must(t, s.AddUsage(ctx, "2026-11-27", "u1", "g1", 42))
	must(t, s.Close())

	s = open(t)
	if p, ok, err := s.ChannelPaper(ctx, "c1"); err != nil || !ok || p != "paper-a" {
		t.Errorf("channel paper after restart: %q %v %v", p, ok, err)
	}
	if ps, err := s.UploadedPapers(ctx); err != nil || len(ps) != 1 || !reflect.DeepEqual(ps[0], paperA) {
		t.Errorf("papers after restart: %+v %v", ps, err)
	}
	if q, err := s.QuizQuestion(ctx, "q1"); err != nil || q.Correct != 1 {
		t.Errorf("quiz question after restart: %+v %v", q, err)
	}
	if c, already, err := s.RecordQuizAnswer(ctx, "q1", "u1", 0); err != nil || !c || !already {
		t.Errorf("answer after restart: correct=%v already=%v %v", c, already, err)
	}
	if lb, err := s.Leaderboard(ctx, "c1", 5); err != nil || !reflect.DeepEqual(lb, []Score{{"u1", 1, 1}}) {
		t.Errorf("leaderboard after restart: %+v %v", lb, err)
	}
	if fl, err := s.RecentFlagged(ctx, "g1", 5); err != nil || len(fl) != 1 || fl[0].Comment != "wrong" {
		t.Errorf("flagged after restart: %+v %v", fl, err)
	}
	if p, ok, err := s.PinnedAnswer(ctx, "paper-a", "what is soft power"); err != nil || !ok || p.Answer != "pinned" {
		t.Errorf("pin after restart: %+v %v %v", p, ok, err)
	}
	if cr, err := s.CitedRefs(ctx, "c1"); err != nil || !reflect.DeepEqual(cr, []CitedRef{{"paper-a", 5}, {"paper-a", 2}}) {
		t.Errorf("citations after restart: %+v %v", cr, err)
	}
	if u, g, a, err := s.Usage(ctx, "2026-11-27", "u1", "g1"); err != nil || u != 42 || g != 42 || a != 42 {
		t.Errorf("usage after restart: %d %d %d %v", u, g, a, err)
	}
}

// testMigrations reopens the store several times: migrations apply once.
func testMigrations(t *testing.T, open opener) {
	ctx := ctxT(t)
	ms, err := migrations(sqliteDialect)
	must(t, err)
	for i := 0; i < 3; i++ {
		s := open(t)
		v, err := schemaVersion(ctx, coreOf(t, s).db)
		must(t, err)
		if v != len(ms) {
			t.Fatalf("open %d: schema version %d, want %d", i, v, len(ms))
		}
		var n int
		must(t, coreOf(t, s).db.queryRow(ctx, `SELECT CAST(COUNT(*) AS INTEGER) FROM schema_version`, nil, &n))
		if n != len(ms) {
			t.Fatalf("open %d: %d schema_version rows, want %d", i, n, len(ms))
		}
		must(t, s.Close())
	}
}

func coreOf(t *testing.T, s Store) *core {
	switch s := s.(type) {
	case *SQLite:
		return &s.core
	case *Postgres:
		return &s.core
	}
	t.Fatalf("unknown store %T", s)
	return nil
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

// testConcurrentUsage: 8 users in 2 guilds add tokens in parallel; no
// update is lost.
func testConcurrentUsage(t *testing.T, open opener) {
	s, ctx := open(t), ctxT(t)
	const users, adds = 8, 10
	day := "2026-11-27"
	var wg sync.WaitGroup
	errs := make(chan error, users*adds)
	for u := 0; u < users; u++ {
		for i := 0; i < adds; i++ {
			wg.Add(1)
			go func(user, guild string) {
				defer wg.Done()
				if err := s.AddUsage(ctx, day, user, guild, 3); err != nil {
					errs <- err
				}
			}(fmt.Sprint("u", u), fmt.Sprint("g", u%2))
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	u, g, a, err := s.Usage(ctx, day, "u3", "g1")
	must(t, err)
	if u != adds*3 || g != users/2*adds*3 || a != users*adds*3 {
		t.Fatalf("usage = %d %d %d, want %d %d %d", u, g, a, adds*3, users/2*adds*3, users*adds*3)
	}
}
