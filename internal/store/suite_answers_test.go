package store

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"
)

// testSaveAnswers: a batch is one transaction with its cited references.
func testSaveAnswers(t *testing.T, open opener) {
	s, ctx := open(t), ctxT(t)
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	a1, a2, a3 := answerRec("b1", t0), answerRec("b2", t0.Add(time.Second)), answerRec("b3", t0.Add(2*time.Second))
	a3.ChannelID = "c2"
	must(t, s.SaveAnswers(ctx, []AnswerWrite{{Answer: a1, Shown: []int{3, 7}}, {Answer: a2, Shown: []int{7, 1}}, {Answer: a3, Shown: []int{2}}}))
	for _, want := range []AnswerRecord{a1, a2, a3} {
		got, err := s.Answer(ctx, want.ID)
		must(t, err)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("answer = %+v\nwant %+v", got, want)
		}
	}
	cr, err := s.CitedRefs(ctx, "c1")
	must(t, err)
	if want := []CitedRef{{"paper-a", 3}, {"paper-a", 7}, {"paper-a", 1}}; !reflect.DeepEqual(cr, want) {
		t.Fatalf("cited = %+v, want %+v", cr, want)
	}
	// One bad answer and nothing of the batch is stored.
	bad := answerRec("b5", t0)
	bad.ChannelID = ""
	if err := s.SaveAnswers(ctx, []AnswerWrite{{Answer: answerRec("b4", t0)}, {Answer: bad}}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("bad batch: %v", err)
	}
	if err := s.SaveAnswers(ctx, []AnswerWrite{{Answer: answerRec("b4", t0), Shown: []int{0}}}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("ref 0: %v", err)
	}
	if _, err := s.Answer(ctx, "b4"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("b4 stored by a refused batch: %v", err)
	}
	must(t, s.SaveAnswers(ctx, nil))

	// More rows than one INSERT takes; an id repeated keeps its last version.
	var big []AnswerWrite
	for i := range rowsPerInsert + 20 {
		a := answerRec(fmt.Sprint("big", i), t0)
		a.ChannelID = "c3"
		big = append(big, AnswerWrite{Answer: a, Shown: []int{i + 1}})
	}
	again := answerRec("big0", t0)
	again.Answer, again.ChannelID = "second version", "c3"
	big = append(big, AnswerWrite{Answer: again})
	must(t, s.SaveAnswers(ctx, big))
	if got, err := s.Answer(ctx, "big0"); err != nil || got.Answer != "second version" {
		t.Fatalf("repeated id: %+v %v", got, err)
	}
	if got, err := s.Answer(ctx, fmt.Sprint("big", rowsPerInsert+19)); err != nil {
		t.Fatalf("last of a big batch: %+v %v", got, err)
	}
	if cr, err := s.CitedRefs(ctx, "c3"); err != nil || len(cr) != rowsPerInsert+20 || cr[0].Ref != 1 || cr[len(cr)-1].Ref != rowsPerInsert+20 {
		t.Fatalf("cited refs of a big batch: %d %v", len(cr), err)
	}
}

// testExpireAnswers: past the retention an answer nobody voted on goes; a
// voted one stays for /review without its passages.
func testExpireAnswers(t *testing.T, open opener) {
	s, ctx := open(t), ctxT(t)
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	voted, quiet, fresh := answerRec("e1", t0), answerRec("e2", t0), answerRec("e3", t0.Add(48*time.Hour))
	for _, a := range []AnswerRecord{voted, quiet, fresh} {
		must(t, s.SaveAnswer(ctx, a))
	}
	must(t, s.RecordFeedback(ctx, Vote{AnswerID: "e1", GuildID: "g1", UserID: "u1", Thumb: ThumbDown, Comment: "no", At: t0}))
	n, err := s.ExpireAnswers(ctx, t0.Add(24*time.Hour))
	must(t, err)
	if n != 2 {
		t.Fatalf("expired %d answers, want 2", n)
	}
	if _, err := s.Answer(ctx, "e2"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unvoted old answer kept: %v", err)
	}
	got, err := s.Answer(ctx, "e1")
	must(t, err)
	voted.Passages = nil
	if !reflect.DeepEqual(got, voted) {
		t.Fatalf("voted answer = %+v\nwant %+v", got, voted)
	}
	if fl, err := s.RecentFlagged(ctx, "g1", 5); err != nil || len(fl) != 1 || fl[0].Answer.ID != "e1" {
		t.Fatalf("flagged after expiry: %+v %v", fl, err)
	}
	if got, err := s.Answer(ctx, "e3"); err != nil || !reflect.DeepEqual(got, fresh) {
		t.Fatalf("fresh answer: %+v %v", got, err)
	}
	if n, err := s.ExpireAnswers(ctx, t0.Add(24*time.Hour)); err != nil || n != 0 {
		t.Fatalf("second expiry: %d %v", n, err)
	}
}

// testAnswerWriterRestart: answers queued in an AnswerWriter are readable
// at once, and after Close they are in the database for the next process.
func testAnswerWriterRestart(t *testing.T, open opener) {
	ctx := ctxT(t)
	s := open(t)
	w := NewAnswerWriter(s, WriterOptions{FlushEvery: time.Hour, Retention: -1})
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, id := range []string{"w1", "w2", "w3"} {
		must(t, w.Add(AnswerWrite{Answer: answerRec(id, t0), Shown: []int{3}}))
	}
	if a, err := w.Answer(ctx, "w2"); err != nil || a.ID != "w2" {
		t.Fatalf("queued answer: %+v %v", a, err)
	}
	if _, err := s.Answer(ctx, "w2"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("written before its batch was due: %v", err)
	}
	must(t, w.Close(ctx))
	if err := w.Add(AnswerWrite{Answer: answerRec("w4", t0)}); !errors.Is(err, ErrClosed) {
		t.Fatalf("add after close: %v", err)
	}
	must(t, s.Close())

	s = open(t)
	for _, id := range []string{"w1", "w2", "w3"} {
		if a, err := s.Answer(ctx, id); err != nil || a.Answer != answerRec(id, t0).Answer {
			t.Fatalf("%s after restart: %+v %v", id, a, err)
		}
	}
	if cr, err := s.CitedRefs(ctx, "c1"); err != nil || !reflect.DeepEqual(cr, []CitedRef{{"paper-a", 3}}) {
		t.Fatalf("cited after restart: %+v %v", cr, err)
	}
}
