package store

import (
	"context"
	"errors"
	"reflect"
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
		{"FlaggedOnlyRefs", testFlaggedOnlyRefs},
		{"SaveAnswers", testSaveAnswers},
		{"ExpireAnswers", testExpireAnswers},
		{"AnswerWriterRestart", testAnswerWriterRestart},
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
	// A PDF is kept byte for byte, NUL and invalid UTF-8 included.
	b := UploadedPaper{ID: "paper-b", FileName: "b.pdf", PDF: []byte("%PDF-1.4\n\x00\xff\xfe binary"), UploaderID: "u2", UploadedAt: paperA.UploadedAt.Add(time.Hour)}
	must(t, s.SaveUploadedPaper(ctx, b))
	must(t, s.SaveUploadedPaper(ctx, paperA))
	ps, err := s.UploadedPapers(ctx)
	must(t, err)
	if want := []UploadedPaper{paperA, b}; !reflect.DeepEqual(ps, want) {
		t.Fatalf("papers = %+v\nwant %+v", ps, want)
	}
	b.Text, b.PDF = "B v2", nil
	must(t, s.SaveUploadedPaper(ctx, b)) // re-upload replaces
	for _, bad := range []UploadedPaper{{ID: "x", Text: "t", PDF: []byte("p")}, {ID: "x", Text: pdfMarker + "AAAA"}} {
		if err := s.SaveUploadedPaper(ctx, bad); !errors.Is(err, ErrInvalid) {
			t.Fatalf("save %+v: %v", bad, err)
		}
	}
	must(t, s.DeleteUploadedPaper(ctx, "paper-a"))
	must(t, s.DeleteUploadedPaper(ctx, "never-there"))
	ps, err = s.UploadedPapers(ctx)
	must(t, err)
	if len(ps) != 1 || ps[0].Text != "B v2" || ps[0].PDF != nil {
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
	must(t, s.RecordFeedback(ctx, Vote{AnswerID: "a1", GuildID: "g1", UserID: "u2", Thumb: ThumbDown, Comment: "wrong"}))
	must(t, s.PinAnswer(ctx, Pin{GuildID: "g1", PaperID: "paper-a", Question: "What is soft power?", Answer: "pinned"}))
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
	if p, ok, err := s.PinnedAnswer(ctx, "g1", "paper-a", "what is soft power"); err != nil || !ok || p.Answer != "pinned" {
		t.Errorf("pin after restart: %+v %v %v", p, ok, err)
	}
	if ps, err := s.PinsFor(ctx, "g1", "paper-a"); err != nil || len(ps) != 1 || ps[0].Answer != "pinned" {
		t.Errorf("pins listed after restart: %+v %v", ps, err)
	}
	if ps, err := s.PinsFor(ctx, "g2", "paper-a"); err != nil || len(ps) != 0 {
		t.Errorf("another guild's pins: %+v %v", ps, err)
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
