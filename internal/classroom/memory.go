package classroom

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"

	"paperbot/internal/store"
)

// Memory keeps a front end's classroom state in memory, for as long as the
// process runs: the terminal chat's quizzes and cited references. It
// follows the store's contract for the parts it implements (store.Quizzes,
// store.Citations): only a user's first answer counts, the leaderboard
// ranks the same way, bad input wraps store.ErrInvalid and unknown ids
// store.ErrNotFound. Safe for concurrent use.
type Memory struct {
	mu        sync.Mutex
	questions map[string]store.QuizQuestion
	answers   map[answerKey]memAnswer
	cited     map[string][]store.CitedRef // by channel, first-cited order
}

type answerKey struct{ question, user string }

type memAnswer struct {
	channel string
	correct bool
}

var (
	_ store.Quizzes   = (*Memory)(nil)
	_ store.Citations = (*Memory)(nil)
)

// NewMemory is an empty in-memory state.
func NewMemory() *Memory {
	return &Memory{
		questions: map[string]store.QuizQuestion{},
		answers:   map[answerKey]memAnswer{},
		cited:     map[string][]store.CitedRef{},
	}
}

// SaveQuizQuestion stores (or replaces) a question.
func (m *Memory) SaveQuizQuestion(_ context.Context, q store.QuizQuestion) error {
	switch {
	case q.ID == "" || q.ChannelID == "" || q.Question == "":
		return fmt.Errorf("%w: quiz question needs an id, a channel and a question", store.ErrInvalid)
	case len(q.Choices) < 2:
		return fmt.Errorf("%w: quiz question %q has %d choices, needs at least 2", store.ErrInvalid, q.ID, len(q.Choices))
	case q.Correct < 0 || q.Correct >= len(q.Choices):
		return fmt.Errorf("%w: quiz question %q: correct choice %d is not one of its %d choices", store.ErrInvalid, q.ID, q.Correct, len(q.Choices))
	}
	q.Choices, q.Refs = slices.Clone(q.Choices), slices.Clone(q.Refs)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.questions[q.ID] = q
	return nil
}

// QuizQuestion returns a stored question.
func (m *Memory) QuizQuestion(_ context.Context, id string) (store.QuizQuestion, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	q, ok := m.questions[id]
	if !ok {
		return store.QuizQuestion{}, fmt.Errorf("quiz question %q: %w", id, store.ErrNotFound)
	}
	q.Choices, q.Refs = slices.Clone(q.Choices), slices.Clone(q.Refs)
	return q, nil
}

// RecordQuizAnswer records a user's first answer to a question.
func (m *Memory) RecordQuizAnswer(_ context.Context, questionID, userID string, choice int) (correct, already bool, err error) {
	if questionID == "" || userID == "" {
		return false, false, fmt.Errorf("%w: question id and user id are needed", store.ErrInvalid)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	q, ok := m.questions[questionID]
	if !ok {
		return false, false, fmt.Errorf("record quiz answer to %q: %w", questionID, store.ErrNotFound)
	}
	if choice < 0 || choice >= len(q.Choices) {
		return false, false, fmt.Errorf("%w: choice %d is not one of the %d choices", store.ErrInvalid, choice, len(q.Choices))
	}
	key := answerKey{questionID, userID}
	if first, ok := m.answers[key]; ok {
		return first.correct, true, nil
	}
	m.answers[key] = memAnswer{channel: q.ChannelID, correct: choice == q.Correct}
	return choice == q.Correct, false, nil
}

// Leaderboard ranks a channel's users: most correct first, then fewest
// answered, then user id; limit <= 0 means 10, at most 100.
func (m *Memory) Leaderboard(_ context.Context, channelID string, limit int) ([]store.Score, error) {
	m.mu.Lock()
	byUser := map[string]*store.Score{}
	for k, a := range m.answers {
		if a.channel != channelID {
			continue
		}
		s := byUser[k.user]
		if s == nil {
			s = &store.Score{UserID: k.user}
			byUser[k.user] = s
		}
		s.Answered++
		if a.correct {
			s.Correct++
		}
	}
	m.mu.Unlock()
	out := make([]store.Score, 0, len(byUser))
	for _, s := range byUser {
		out = append(out, *s)
	}
	slices.SortFunc(out, func(a, b store.Score) int {
		return cmp.Or(cmp.Compare(b.Correct, a.Correct), cmp.Compare(a.Answered, b.Answered), cmp.Compare(a.UserID, b.UserID))
	})
	switch {
	case limit <= 0:
		limit = 10
	case limit > 100:
		limit = 100
	}
	return out[:min(limit, len(out))], nil
}

// ResetQuizScores forgets a channel's answers and says how many there were.
func (m *Memory) ResetQuizScores(_ context.Context, channelID string) (int64, error) {
	if channelID == "" {
		return 0, fmt.Errorf("%w: channel id is empty", store.ErrInvalid)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var n int64
	for k, a := range m.answers {
		if a.channel == channelID {
			delete(m.answers, k)
			n++
		}
	}
	return n, nil
}

// RecordCitations notes references of a paper cited in a channel.
func (m *Memory) RecordCitations(_ context.Context, channelID, paperID string, refs []int) error {
	if channelID == "" || paperID == "" {
		return fmt.Errorf("%w: channel id and paper id are needed", store.ErrInvalid)
	}
	for _, n := range refs {
		if n < 1 {
			return fmt.Errorf("%w: reference number %d", store.ErrInvalid, n)
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, n := range refs {
		c := store.CitedRef{PaperID: paperID, Ref: n}
		if !slices.Contains(m.cited[channelID], c) {
			m.cited[channelID] = append(m.cited[channelID], c)
		}
	}
	return nil
}

// CitedRefs lists a channel's cited references in first-cited order.
func (m *Memory) CitedRefs(_ context.Context, channelID string) ([]store.CitedRef, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.cited[channelID]), nil
}

// FlaggedOnlyRefs is empty: Memory keeps no answers or votes, so no
// reference was shown only in a flagged answer.
func (m *Memory) FlaggedOnlyRefs(context.Context, string) ([]store.CitedRef, error) {
	return nil, nil
}
