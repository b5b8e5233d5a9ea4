package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"
)

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
		{AnswerID: "a1", GuildID: "g1", UserID: "u1", Thumb: ThumbUp, At: t0.Add(1 * time.Hour)},
		{AnswerID: "a1", GuildID: "g1", UserID: "u2", Thumb: ThumbDown, At: t0.Add(2 * time.Hour)},
		{AnswerID: "a1", GuildID: "g1", UserID: "u2", Thumb: ThumbDown, Comment: "wrong reference", At: t0.Add(3 * time.Hour)}, // modal
		{AnswerID: "a2", GuildID: "g1", UserID: "u3", Thumb: ThumbDown, Comment: "too vague", At: t0.Add(4 * time.Hour)},
		{AnswerID: "a2", GuildID: "g1", UserID: "u3", Thumb: ThumbDown, At: t0.Add(5 * time.Hour)}, // re-click keeps comment
		{AnswerID: "a2", GuildID: "g1", UserID: "u4", Thumb: ThumbDown, At: t0.Add(6 * time.Hour)},
		{AnswerID: "a2", GuildID: "g1", UserID: "u4", Thumb: ThumbUp, At: t0.Add(7 * time.Hour)}, // changed mind
	}
	for _, v := range votes {
		must(t, s.RecordFeedback(ctx, v))
	}
	// A flag in another guild is not shown to this guild's instructors.
	a3 := answerRec("a3", t0)
	a3.GuildID, a3.ChannelID = "g2", "c9"
	must(t, s.SaveAnswer(ctx, a3))
	// A vote cast in another guild than the answer's is refused.
	if err := s.RecordFeedback(ctx, Vote{AnswerID: "a3", GuildID: "g1", UserID: "u9", Thumb: ThumbDown, At: t0.Add(8 * time.Hour)}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("vote from another guild: %v", err)
	}
	must(t, s.RecordFeedback(ctx, Vote{AnswerID: "a3", GuildID: "g2", UserID: "u9", Thumb: ThumbDown, At: t0.Add(9 * time.Hour)}))
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
	if _, ok, err := s.PinnedAnswer(ctx, "g1", "paper-a", "What is soft power?"); ok || err != nil {
		t.Fatalf("no pin yet: %v %v", ok, err)
	}
	at := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	p := Pin{GuildID: "g1", PaperID: "paper-a", Question: "What is soft power?", Answer: "v1", PinnedBy: "prof", PinnedAt: at}
	must(t, s.PinAnswer(ctx, p))
	p.Answer = "Soft power is attraction [3]." // replaces
	must(t, s.PinAnswer(ctx, p))
	got, ok, err := s.PinnedAnswer(ctx, "g1", "paper-a", "  what IS soft-power ")
	if err != nil || !ok || !reflect.DeepEqual(got, p) {
		t.Fatalf("pinned = %+v %v %v\nwant %+v", got, ok, err, p)
	}
	if _, ok, _ := s.PinnedAnswer(ctx, "g1", "paper-b", p.Question); ok {
		t.Fatal("pin leaked to another paper")
	}
	for _, guild := range []string{"g2", ""} {
		if _, ok, _ := s.PinnedAnswer(ctx, guild, "paper-a", p.Question); ok {
			t.Fatalf("pin of guild g1 leaked to guild %q", guild)
		}
	}
	// The same question pinned in another guild is a separate pin.
	other := p
	other.GuildID, other.Answer = "g2", "Another class's answer [4]."
	must(t, s.PinAnswer(ctx, other))
	if got, ok, _ := s.PinnedAnswer(ctx, "g1", "paper-a", p.Question); !ok || got.Answer != p.Answer {
		t.Fatalf("guild g1's pin after g2 pinned: %+v %v", got, ok)
	}
	if got, ok, _ := s.PinnedAnswer(ctx, "g2", "paper-a", p.Question); !ok || got.Answer != other.Answer {
		t.Fatalf("guild g2's pin: %+v %v", got, ok)
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

func testFlaggedOnlyRefs(t *testing.T, open opener) {
	s, ctx := open(t), ctxT(t)
	at := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	save := func(id, channel string, cites ...int) {
		t.Helper()
		must(t, s.SaveAnswers(ctx, []AnswerWrite{{Answer: AnswerRecord{ID: id, GuildID: "g1", ChannelID: channel, UserID: "u1",
			PaperID: "paper-a", Question: "q " + id, Answer: "a", Citations: cites, CreatedAt: at}, Shown: cites}}))
		at = at.Add(time.Minute)
	}
	down := func(id string) {
		t.Helper()
		must(t, s.RecordFeedback(ctx, Vote{AnswerID: id, GuildID: "g1", UserID: "u2", Thumb: ThumbDown, At: at}))
	}
	save("good", "c1", 2, 5)
	save("bad", "c1", 5, 7, 9, 11)
	save("bad-elsewhere", "c2", 3)
	save("up", "c1", 12)
	down("bad")
	down("bad-elsewhere")
	must(t, s.RecordFeedback(ctx, Vote{AnswerID: "up", GuildID: "g1", UserID: "u2", Thumb: ThumbUp, At: at}))
	must(t, s.RecordCitations(ctx, "c1", "paper-a", []int{9})) // cited on purpose with /cite
	got, err := s.FlaggedOnlyRefs(ctx, "c1")
	must(t, err)
	if want := []CitedRef{{"paper-a", 7}, {"paper-a", 11}}; !reflect.DeepEqual(got, want) {
		t.Fatalf("flagged-only = %+v, want %+v", got, want)
	}
	if got, _ := s.FlaggedOnlyRefs(ctx, "c9"); len(got) != 0 {
		t.Fatalf("empty channel: %+v", got)
	}
}
