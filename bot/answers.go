package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"paperbot/internal/store"
	"paperbot/retrieval"
	"paperbot/retrieval/answer"
)

// How answers are kept for their buttons ("Show evidence", "Cite sources",
// 👍/👎). Without a store: in memory only (answerCache), for AnswerTTL.
// With a store: in memory as the fast path, and in the database through a
// store.AnswerWriter, which writes them in batches after the answer is
// posted (no disk flush on the answer path). The buttons then work after a
// restart for AnswerRetention (30 days by default); after that they say so.
// A crash loses at most the last AnswerFlushEvery (1 s) of answers.

// cacheTTL is how long answers stay in memory: AnswerTTL, but never longer
// than they are kept in the store.
func cacheTTL(opt Options) time.Duration {
	if opt.Store != nil {
		return min(opt.AnswerTTL, opt.AnswerRetention)
	}
	return opt.AnswerTTL
}

// answerLookup is what findAnswer found.
type answerLookup int

const (
	answerFound     answerLookup = iota
	answerGone                   // never stored, dropped or deleted
	answerExpired                // older than the retention
	answerStoreDown              // the store could not be read
)

// keepAnswer keeps an answer for its buttons and returns its id, and the
// id for the 👍/👎 buttons ("" when the answer is not stored, so votes
// could not be recorded). The references it showed are recorded for
// /export in the same batch.
func (b *Bot) keepAnswer(guildID, channelID, userID, question string, ans *answer.Answer) (id, feedbackID string) {
	sa := storedAnswer{paperID: ans.PaperID, question: question, userID: userID, ans: ans}
	if b.answers == nil {
		return b.cache.put(sa), ""
	}
	sa.id, sa.at = store.NewID(), time.Now()
	id = b.cache.put(sa)
	// The bibliography export lists what students were shown: the
	// citations and the references offered as further reading.
	shown := append(append([]int(nil), ans.Citations...), ans.Related...)
	rec := store.AnswerRecord{
		ID: id, GuildID: guildID, ChannelID: channelID, UserID: userID, PaperID: ans.PaperID,
		Question: question, Answer: ans.Text, Passages: passagesJSON(ans), Citations: ans.Citations, CreatedAt: sa.at,
	}
	if err := b.answers.Add(store.AnswerWrite{Answer: rec, Shown: shown}); err != nil {
		b.log.Warn("keep answer for its buttons", "err", err)
		return id, ""
	}
	return id, id
}

// findAnswer finds an answer for its buttons: in memory, else in the
// store (then cached again with its original age).
func (b *Bot) findAnswer(id string) (*storedAnswer, answerLookup) {
	if sa, ok := b.cache.get(id); ok {
		return sa, answerFound
	}
	if b.answers == nil {
		return nil, answerGone
	}
	ctx, cancel := b.storeCtx()
	defer cancel()
	rec, err := b.answers.Answer(ctx, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, answerGone
	case err != nil:
		b.log.Error("answer for its buttons", "err", err)
		return nil, answerStoreDown
	case time.Since(rec.CreatedAt) > b.opt.AnswerRetention || len(rec.Passages) == 0:
		// An expired answer that was voted on is kept without passages.
		return nil, answerExpired
	}
	ans := &answer.Answer{PaperID: rec.PaperID, Text: rec.Answer, Citations: rec.Citations}
	if len(rec.Passages) > 0 {
		var hits []retrieval.Hit
		if err := json.Unmarshal(rec.Passages, &hits); err != nil {
			b.log.Error("decode stored passages", "answer", id, "err", err)
			return nil, answerGone
		}
		ans.Passages = hits
	}
	sa := storedAnswer{id: rec.ID, paperID: rec.PaperID, question: rec.Question, userID: rec.UserID, ans: ans, at: rec.CreatedAt}
	b.cache.put(sa)
	return &sa, answerFound
}

// answerMissing tells the user why a button's answer cannot be used;
// what is the thing the button shows ("evidence", "sources").
func (b *Bot) answerMissing(r *reply, found answerLookup, what string) {
	switch found {
	case answerExpired:
		r.fail(fmt.Sprintf("This answer is older than %s, so its %s is no longer kept — ask again.", retentionText(b.opt.AnswerRetention), what))
	case answerStoreDown:
		r.fail(msgStoreProblem)
	default:
		r.fail(fmt.Sprintf("I no longer have this answer, so I can't show its %s. Ask the question again.", what))
	}
}

// retentionText is a retention in words: "30 days", "12 hours".
func retentionText(d time.Duration) string {
	if days := d / (24 * time.Hour); days >= 1 && d%(24*time.Hour) == 0 {
		if days == 1 {
			return "a day"
		}
		return fmt.Sprintf("%d days", days)
	}
	return d.String()
}

// answersWritten writes the answers still queued, for what must see them
// in the database (a vote, the bibliography export).
func (b *Bot) answersWritten(ctx context.Context) error {
	if b.answers == nil {
		return nil
	}
	return b.answers.Flush(ctx)
}

// closeAnswers writes every queued answer at shutdown.
func (b *Bot) closeAnswers() {
	if b.answers == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	if err := b.answers.Close(ctx); err != nil {
		b.log.Error("shutdown: answers not written", "err", err)
	}
}
