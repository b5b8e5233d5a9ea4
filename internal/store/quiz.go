package store

import (
	"context"
	"encoding/json"
	"fmt"
)

// SaveQuizQuestion stores (or replaces) a quiz question.
func (c *core) SaveQuizQuestion(ctx context.Context, q QuizQuestion) error {
	if err := need("question id", q.ID, "channel id", q.ChannelID, "question", q.Question); err != nil {
		return err
	}
	if len(q.Choices) < 2 {
		return fmt.Errorf("%w: quiz question %q has %d choices, needs at least 2", ErrInvalid, q.ID, len(q.Choices))
	}
	if q.Correct < 0 || q.Correct >= len(q.Choices) {
		return fmt.Errorf("%w: quiz question %q: correct choice %d is not one of its %d choices",
			ErrInvalid, q.ID, q.Correct, len(q.Choices))
	}
	choices, _ := json.Marshal(q.Choices) // []string and []int always marshal
	refs, _ := json.Marshal(nonNilInts(q.Refs))
	_, err := c.db.exec(ctx, `INSERT INTO quiz_questions
			(id, channel_id, paper_id, question, choices_json, correct, refs_json, created_ms)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (id) DO UPDATE SET channel_id = excluded.channel_id, paper_id = excluded.paper_id,
			question = excluded.question, choices_json = excluded.choices_json, correct = excluded.correct,
			refs_json = excluded.refs_json, created_ms = excluded.created_ms`,
		q.ID, q.ChannelID, q.PaperID, q.Question, string(choices), q.Correct, string(refs), millis(q.CreatedAt))
	if err != nil {
		return fmt.Errorf("save quiz question %q: %w", q.ID, err)
	}
	return nil
}

// QuizQuestion returns a stored question.
func (c *core) QuizQuestion(ctx context.Context, id string) (QuizQuestion, error) {
	q, err := quizQuestion(ctx, c.db, id)
	if err != nil {
		return QuizQuestion{}, fmt.Errorf("quiz question %q: %w", id, err)
	}
	return q, nil
}

func quizQuestion(ctx context.Context, db querier, id string) (QuizQuestion, error) {
	q := QuizQuestion{ID: id}
	var choices, refs string
	var ms int64
	err := db.queryRow(ctx, `SELECT channel_id, paper_id, question, choices_json, correct, refs_json, created_ms
		FROM quiz_questions WHERE id = $1`, []any{id},
		&q.ChannelID, &q.PaperID, &q.Question, &choices, &q.Correct, &refs, &ms)
	if err == errNoRows {
		return QuizQuestion{}, ErrNotFound
	}
	if err != nil {
		return QuizQuestion{}, err
	}
	q.CreatedAt = fromMillis(ms)
	if err := json.Unmarshal([]byte(choices), &q.Choices); err != nil {
		return QuizQuestion{}, fmt.Errorf("decode choices: %w", err)
	}
	if err := json.Unmarshal([]byte(refs), &q.Refs); err != nil {
		return QuizQuestion{}, fmt.Errorf("decode refs: %w", err)
	}
	return q, nil
}

// RecordQuizAnswer records a user's first answer to a question.
func (c *core) RecordQuizAnswer(ctx context.Context, questionID, userID string, choice int) (correct, already bool, err error) {
	if err := need("question id", questionID, "user id", userID); err != nil {
		return false, false, err
	}
	err = c.db.tx(ctx, func(tx querier) error {
		q, err := quizQuestion(ctx, tx, questionID)
		if err != nil {
			return err
		}
		if choice < 0 || choice >= len(q.Choices) {
			return fmt.Errorf("%w: choice %d is not one of the %d choices", ErrInvalid, choice, len(q.Choices))
		}
		correct = choice == q.Correct
		n, err := tx.exec(ctx, `INSERT INTO quiz_answers (question_id, user_id, channel_id, choice, correct, answered_ms)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (question_id, user_id) DO NOTHING`,
			questionID, userID, q.ChannelID, choice, boolInt(correct), millis(timeNow()))
		if err != nil || n == 1 {
			return err
		}
		already = true
		var first int
		err = tx.queryRow(ctx, `SELECT correct FROM quiz_answers WHERE question_id = $1 AND user_id = $2`,
			[]any{questionID, userID}, &first)
		correct = first == 1
		return err
	})
	if err != nil {
		return false, false, fmt.Errorf("record quiz answer to %q: %w", questionID, err)
	}
	return correct, already, nil
}

// Leaderboard ranks a channel's users by correct answers.
func (c *core) Leaderboard(ctx context.Context, channelID string, limit int) ([]Score, error) {
	rs, err := c.db.query(ctx, `SELECT user_id, CAST(SUM(correct) AS BIGINT), COUNT(*)
		FROM quiz_answers WHERE channel_id = $1
		GROUP BY user_id ORDER BY 2 DESC, 3 ASC, user_id LIMIT $2`, channelID, clampLimit(limit))
	out, err := collect(rs, err, func(r rows) (Score, error) {
		var s Score
		err := r.Scan(&s.UserID, &s.Correct, &s.Answered)
		return s, err
	})
	if err != nil {
		return nil, fmt.Errorf("leaderboard: %w", err)
	}
	return out, nil
}

// ResetQuizScores deletes a channel's quiz answers, so its leaderboard
// starts again; it returns how many answers were deleted. Questions stay,
// but answering an old question again counts afresh.
func (c *core) ResetQuizScores(ctx context.Context, channelID string) (int64, error) {
	if err := need("channel id", channelID); err != nil {
		return 0, err
	}
	n, err := c.db.exec(ctx, `DELETE FROM quiz_answers WHERE channel_id = $1`, channelID)
	if err != nil {
		return 0, fmt.Errorf("reset quiz scores of %q: %w", channelID, err)
	}
	return n, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func nonNilInts(v []int) []int {
	if v == nil {
		return []int{}
	}
	return v
}

// clampLimit maps limit <= 0 to 10 and caps it at 100.
func clampLimit(limit int) int {
	switch {
	case limit <= 0:
		return 10
	case limit > 100:
		return 100
	}
	return limit
}
