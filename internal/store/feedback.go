package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

const answerColumns = `a.id, a.guild_id, a.channel_id, a.user_id, a.paper_id, a.question, a.answer,
	a.passages_json, a.citations_json, a.created_ms`

// SaveAnswer stores (or replaces) an answer the bot gave.
func (c *core) SaveAnswer(ctx context.Context, a AnswerRecord) error {
	return c.SaveAnswers(ctx, []AnswerWrite{{Answer: a}})
}

// SaveAnswers stores (or replaces) answers and records the references
// each showed, all in one transaction.
func (c *core) SaveAnswers(ctx context.Context, batch []AnswerWrite) error {
	for _, w := range batch {
		if err := checkAnswerWrite(w); err != nil {
			return err
		}
	}
	if len(batch) == 0 {
		return nil
	}
	err := c.db.tx(ctx, func(q querier) error {
		if err := insertAnswers(ctx, q, batch); err != nil {
			return err
		}
		var refs []citedRow
		for _, w := range batch {
			for _, ref := range w.Shown {
				refs = append(refs, citedRow{w.Answer.ChannelID, w.Answer.PaperID, ref, millis(w.Answer.CreatedAt)})
			}
		}
		return insertCitedRows(ctx, q, refs)
	})
	if err != nil {
		return fmt.Errorf("save answers: %w", err)
	}
	return nil
}

// rowsPerInsert bounds the rows of one multi-row INSERT: few round trips
// per batch, while SQLite's lookup of $N parameters, linear in their
// number, stays cheap (500 rows of 10 made it half the writer's CPU).
const rowsPerInsert = 32

// insertAnswers upserts a batch's answers with multi-row INSERTs (a few
// round trips per batch, not one per answer). An id repeated in the batch
// keeps its last version, as one-by-one upserts would.
func insertAnswers(ctx context.Context, q querier, batch []AnswerWrite) error {
	last := make(map[string]int, len(batch))
	for i, w := range batch {
		last[w.Answer.ID] = i
	}
	var sb strings.Builder
	var args []any
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		_, err := q.exec(ctx, `INSERT INTO answers
				(id, guild_id, channel_id, user_id, paper_id, question, answer, passages_json, citations_json, created_ms)
			VALUES `+sb.String()+`
			ON CONFLICT (id) DO UPDATE SET guild_id = excluded.guild_id, channel_id = excluded.channel_id, user_id = excluded.user_id,
				paper_id = excluded.paper_id, question = excluded.question, answer = excluded.answer,
				passages_json = excluded.passages_json, citations_json = excluded.citations_json,
				created_ms = excluded.created_ms`, args...)
		sb.Reset()
		args = args[:0]
		return err
	}
	for i, w := range batch {
		if last[w.Answer.ID] != i {
			continue
		}
		a := w.Answer
		cites, _ := json.Marshal(nonNilInts(a.Citations))
		if len(args) > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(placeholders(len(args), 10))
		args = append(args, a.ID, a.GuildID, a.ChannelID, a.UserID, a.PaperID, a.Question, a.Answer,
			string(a.Passages), string(cites), millis(a.CreatedAt))
		if len(args) >= rowsPerInsert*10 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// placeholders is one VALUES row: "($n+1, ..., $n+k)".
func placeholders(n, k int) string {
	var sb strings.Builder
	sb.WriteByte('(')
	for i := 1; i <= k; i++ {
		if i > 1 {
			sb.WriteString(", ")
		}
		sb.WriteByte('$')
		sb.WriteString(strconv.Itoa(n + i))
	}
	sb.WriteByte(')')
	return sb.String()
}

// checkAnswerWrite is SaveAnswers' input check, also made by
// AnswerWriter.Add so that a bad answer never reaches (and fails) a batch.
func checkAnswerWrite(w AnswerWrite) error {
	a := w.Answer
	if err := need("answer id", a.ID, "channel id", a.ChannelID); err != nil {
		return err
	}
	if len(a.Passages) > 0 && !json.Valid(a.Passages) {
		return fmt.Errorf("%w: answer %q: passages are not valid JSON", ErrInvalid, a.ID)
	}
	if len(w.Shown) > 0 {
		if err := need("paper id", a.PaperID); err != nil {
			return err
		}
		if err := checkRefs(w.Shown); err != nil {
			return err
		}
	}
	return nil
}

// ExpireAnswers deletes answers created before a time that nobody voted
// on, and drops the passages of the voted ones (kept for /review).
func (c *core) ExpireAnswers(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := c.db.tx(ctx, func(q querier) error {
		del, err := q.exec(ctx, `DELETE FROM answers WHERE created_ms < $1
			AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.answer_id = answers.id)`, before.UnixMilli())
		if err != nil {
			return err
		}
		kept, err := q.exec(ctx, `UPDATE answers SET passages_json = '' WHERE created_ms < $1 AND passages_json <> ''`,
			before.UnixMilli())
		n = del + kept
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("expire answers: %w", err)
	}
	return n, nil
}

// Answer returns a stored answer.
func (c *core) Answer(ctx context.Context, id string) (AnswerRecord, error) {
	var a AnswerRecord
	var passages, cites string
	var ms int64
	err := c.db.queryRow(ctx, `SELECT `+answerColumns+` FROM answers a WHERE a.id = $1`, []any{id},
		&a.ID, &a.GuildID, &a.ChannelID, &a.UserID, &a.PaperID, &a.Question, &a.Answer, &passages, &cites, &ms)
	if err == errNoRows {
		err = ErrNotFound
	}
	if err == nil {
		err = decodeAnswer(&a, passages, cites, ms)
	}
	if err != nil {
		return AnswerRecord{}, fmt.Errorf("answer %q: %w", id, err)
	}
	return a, nil
}

func decodeAnswer(a *AnswerRecord, passages, cites string, ms int64) error {
	if passages != "" {
		a.Passages = json.RawMessage(passages)
	}
	a.CreatedAt = fromMillis(ms)
	if err := json.Unmarshal([]byte(cites), &a.Citations); err != nil {
		return fmt.Errorf("decode citations: %w", err)
	}
	return nil
}

// RecordFeedback stores a user's vote on an answer.
func (c *core) RecordFeedback(ctx context.Context, v Vote) error {
	if err := need("answer id", v.AnswerID, "user id", v.UserID); err != nil {
		return err
	}
	if v.Thumb != ThumbUp && v.Thumb != ThumbDown {
		return fmt.Errorf("%w: vote must be up (1) or down (-1), not %d", ErrInvalid, v.Thumb)
	}
	err := c.db.tx(ctx, func(q querier) error {
		var guild string
		err := q.queryRow(ctx, `SELECT guild_id FROM answers WHERE id = $1`, []any{v.AnswerID}, &guild)
		if err == errNoRows || (err == nil && guild != v.GuildID) {
			return fmt.Errorf("answer: %w", ErrNotFound)
		}
		if err != nil {
			return err
		}
		_, err = q.exec(ctx, `INSERT INTO feedback (answer_id, user_id, vote, comment, voted_ms)
			VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = excluded.vote,
				comment = CASE WHEN excluded.comment = '' THEN feedback.comment ELSE excluded.comment END,
				voted_ms = excluded.voted_ms`,
			v.AnswerID, v.UserID, int(v.Thumb), v.Comment, millis(v.At))
		return err
	})
	if err != nil {
		return fmt.Errorf("record feedback on %q: %w", v.AnswerID, err)
	}
	return nil
}

// RecentFlagged lists a guild's 👎 votes with their answers, newest first.
func (c *core) RecentFlagged(ctx context.Context, guildID string, limit int) ([]Flag, error) {
	rs, err := c.db.query(ctx, `SELECT `+answerColumns+`, f.user_id, f.comment, f.voted_ms
		FROM feedback f JOIN answers a ON a.id = f.answer_id
		WHERE f.vote = $1 AND ($2 = '' OR a.guild_id = $2)
		ORDER BY f.voted_ms DESC, a.id, f.user_id LIMIT $3`,
		int(ThumbDown), guildID, clampLimit(limit))
	out, err := collect(rs, err, func(r rows) (Flag, error) {
		var f Flag
		var passages, cites string
		var ms, flagged int64
		a := &f.Answer
		if err := r.Scan(&a.ID, &a.GuildID, &a.ChannelID, &a.UserID, &a.PaperID, &a.Question, &a.Answer,
			&passages, &cites, &ms, &f.VoterID, &f.Comment, &flagged); err != nil {
			return f, err
		}
		f.FlaggedAt = fromMillis(flagged)
		return f, decodeAnswer(a, passages, cites, ms)
	})
	if err != nil {
		return nil, fmt.Errorf("recent flagged answers: %w", err)
	}
	return out, nil
}

// PinAnswer stores a corrected answer for a paper's question.
func (c *core) PinAnswer(ctx context.Context, p Pin) error {
	if err := need("paper id", p.PaperID, "answer", p.Answer); err != nil {
		return err
	}
	key := NormalizeQuestion(p.Question)
	if key == "" {
		return fmt.Errorf("%w: the question to pin has no words", ErrInvalid)
	}
	_, err := c.db.exec(ctx, `INSERT INTO pinned_answers (guild_id, paper_id, question_key, question, answer, pinned_by, pinned_ms)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (guild_id, paper_id, question_key) DO UPDATE SET question = excluded.question,
			answer = excluded.answer, pinned_by = excluded.pinned_by, pinned_ms = excluded.pinned_ms`,
		p.GuildID, p.PaperID, key, p.Question, p.Answer, p.PinnedBy, millis(p.PinnedAt))
	if err != nil {
		return fmt.Errorf("pin answer: %w", err)
	}
	return nil
}

// PinnedAnswer returns the pin for a guild, a paper and a question as asked.
func (c *core) PinnedAnswer(ctx context.Context, guildID, paperID, question string) (Pin, bool, error) {
	p := Pin{GuildID: guildID, PaperID: paperID}
	var ms int64
	err := c.db.queryRow(ctx, `SELECT question, answer, pinned_by, pinned_ms FROM pinned_answers
		WHERE guild_id = $1 AND paper_id = $2 AND question_key = $3`, []any{guildID, paperID, NormalizeQuestion(question)},
		&p.Question, &p.Answer, &p.PinnedBy, &ms)
	switch {
	case err == errNoRows:
		return Pin{}, false, nil
	case err != nil:
		return Pin{}, false, fmt.Errorf("pinned answer: %w", err)
	}
	p.PinnedAt = fromMillis(ms)
	return p, true, nil
}
