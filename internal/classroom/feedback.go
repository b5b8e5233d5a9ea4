package classroom

import (
	"context"
	"fmt"
	"time"

	"paperbot/internal/store"
)

// FeedbackStore is what Feedback keeps its state in (store.Feedback's
// votes and reads).
type FeedbackStore interface {
	Answer(ctx context.Context, id string) (store.AnswerRecord, error)
	RecordFeedback(ctx context.Context, v store.Vote) error
	RecentFlagged(ctx context.Context, guildID string, limit int) ([]store.Flag, error)
}

// Feedback records students' 👍/👎 on answers and lists the flagged ones
// for instructors to review. Votes are per guild ("" for direct
// messages): a vote or a lookup from another guild than the answer's finds
// nothing.
type Feedback struct {
	st  FeedbackStore
	now func() time.Time
}

// NewFeedback keeps votes in st; now is the clock (nil: time.Now).
func NewFeedback(st FeedbackStore, now func() time.Time) *Feedback {
	if now == nil {
		now = time.Now
	}
	return &Feedback{st: st, now: now}
}

// Vote records userID's vote on a stored answer, replacing their earlier
// one; a comment (only with a 👎) says what was wrong, and an empty one
// keeps the earlier comment. An error wraps store.ErrNotFound when the
// answer is gone or from another guild.
func (f *Feedback) Vote(ctx context.Context, answerID, guildID, userID string, thumb store.Thumb, comment string) error {
	return f.st.RecordFeedback(ctx, store.Vote{AnswerID: answerID, GuildID: guildID, UserID: userID, Thumb: thumb, Comment: comment, At: f.now()})
}

// Flagged lists a guild's answers marked 👎, newest first, at most limit.
func (f *Feedback) Flagged(ctx context.Context, guildID string, limit int) ([]store.Flag, error) {
	return f.st.RecentFlagged(ctx, guildID, limit)
}

// Answer is a stored answer given in guildID; an error wrapping
// store.ErrNotFound when it is gone or was given in another guild.
func (f *Feedback) Answer(ctx context.Context, answerID, guildID string) (store.AnswerRecord, error) {
	rec, err := f.st.Answer(ctx, answerID)
	if err != nil {
		return store.AnswerRecord{}, err
	}
	if rec.GuildID != guildID {
		return store.AnswerRecord{}, fmt.Errorf("answer %q in guild %q: %w", answerID, guildID, store.ErrNotFound)
	}
	return rec, nil
}
