package classroom

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"paperbot/corpus"
	"paperbot/internal/store"
	"paperbot/retrieval/study"
)

// DefaultQuizCount is how many questions a quiz asks when the user does
// not say.
const DefaultQuizCount = 3

// ErrQuizCount means a quiz was asked for with too few or too many
// questions (1 to study.MaxQuizCount).
var ErrQuizCount = fmt.Errorf("a quiz has 1 to %d questions", study.MaxQuizCount)

// ErrBadChoice means an answer names no choice of its question.
var ErrBadChoice = errors.New("no such choice")

// Quizzes runs quizzes: questions are stored before they are shown, so an
// answer given later (after a restart, for the bot) is still scored; only
// each user's first answer to a question counts.
type Quizzes struct {
	st  store.Quizzes
	now func() time.Time
}

// NewQuizzes keeps quizzes in st; now is the clock (nil: time.Now).
func NewQuizzes(st store.Quizzes, now func() time.Time) *Quizzes {
	if now == nil {
		now = time.Now
	}
	return &Quizzes{st: st, now: now}
}

// Quiz is a quiz as stored: its id and its questions in order, question n
// stored under QuestionID(ID, n).
type Quiz struct {
	ID        string
	Questions []store.QuizQuestion
	// Explanations are the answer keys' explanations (not stored), one per
	// question.
	Explanations []string
}

// CheckQuizCount refuses a quiz size outside 1 to study.MaxQuizCount.
func CheckQuizCount(count int) error {
	if count < 1 || count > study.MaxQuizCount {
		return ErrQuizCount
	}
	return nil
}

// BuildQuiz builds count questions on p (about topic when it is not
// empty), seeded so the same seed gives the same quiz. It can take a while
// on a large paper: the bot runs it in an answer slot. study.ErrNoQuiz when
// the paper gives too little to ask about.
func BuildQuiz(p *corpus.Paper, count int, topic string, seed uint64) ([]study.Question, error) {
	if err := CheckQuizCount(count); err != nil {
		return nil, err
	}
	return study.Quiz(p, count, topic, seed)
}

// Save stores built questions as a new quiz of a channel on paper paperID.
func (z *Quizzes) Save(ctx context.Context, channelID, paperID string, qs []study.Question) (Quiz, error) {
	quiz := Quiz{ID: store.NewID()}
	at := z.now()
	for i, q := range qs {
		sq := store.QuizQuestion{
			ID: QuestionID(quiz.ID, i+1), ChannelID: channelID, PaperID: paperID, Question: q.Prompt,
			Choices: q.Choices, Correct: q.Answer, Refs: q.Refs, CreatedAt: at,
		}
		if err := z.st.SaveQuizQuestion(ctx, sq); err != nil {
			return Quiz{}, fmt.Errorf("save quiz: %w", err)
		}
		quiz.Questions = append(quiz.Questions, sq)
		quiz.Explanations = append(quiz.Explanations, q.Explanation)
	}
	return quiz, nil
}

// Start builds and stores a quiz in one step (BuildQuiz, then Save).
func (z *Quizzes) Start(ctx context.Context, channelID string, p *corpus.Paper, count int, topic string, seed uint64) (Quiz, error) {
	qs, err := BuildQuiz(p, count, topic, seed)
	if err != nil {
		return Quiz{}, err
	}
	return z.Save(ctx, channelID, p.ID, qs)
}

// Question is question n (1-based) of a stored quiz; an error wrapping
// store.ErrNotFound when it is gone.
func (z *Quizzes) Question(ctx context.Context, quizID string, n int) (store.QuizQuestion, error) {
	return z.st.QuizQuestion(ctx, QuestionID(quizID, n))
}

// Verdict is the outcome of an answer.
type Verdict struct {
	Question store.QuizQuestion
	Choice   int
	// Correct tells whether the answer counted was right: this one, or
	// when Already is set the user's first one.
	Correct bool
	Already bool
}

// Answer records userID's choice (0-based) for a stored question and says
// whether it was right. Errors wrap store.ErrNotFound (the question is
// gone) or ErrBadChoice (no such choice), or are the store's.
func (z *Quizzes) Answer(ctx context.Context, questionID, userID string, choice int) (Verdict, error) {
	q, err := z.st.QuizQuestion(ctx, questionID)
	if err != nil {
		return Verdict{}, err
	}
	if choice < 0 || choice >= len(q.Choices) {
		return Verdict{}, fmt.Errorf("answer %d to %q: %w", choice, questionID, ErrBadChoice)
	}
	correct, already, err := z.st.RecordQuizAnswer(ctx, questionID, userID, choice)
	if err != nil {
		return Verdict{}, err
	}
	return Verdict{Question: q, Choice: choice, Correct: correct, Already: already}, nil
}

// Scores is a channel's leaderboard, best first, at most limit users.
func (z *Quizzes) Scores(ctx context.Context, channelID string, limit int) ([]store.Score, error) {
	return z.st.Leaderboard(ctx, channelID, limit)
}

// Reset clears a channel's answers, so its leaderboard starts again, and
// says how many there were.
func (z *Quizzes) Reset(ctx context.Context, channelID string) (int64, error) {
	return z.st.ResetQuizScores(ctx, channelID)
}

// QuestionID is the stored id of question n (1-based) of a quiz.
func QuestionID(quizID string, n int) string { return quizID + "." + strconv.Itoa(n) }

// SplitQuestionID reads "<quiz id>.<n>"; ok is false for the ids of
// quizzes stored before questions were numbered.
func SplitQuestionID(id string) (quizID string, n int, ok bool) {
	quizID, num, found := strings.Cut(id, ".")
	if !found {
		return "", 0, false
	}
	n, err := strconv.Atoi(num)
	return quizID, n, err == nil && n > 0
}
