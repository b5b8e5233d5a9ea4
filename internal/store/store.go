// Package store keeps PaperBot's state across restarts and crashes: each
// channel's paper, uploaded papers, quiz questions and answers, answer
// feedback and pinned corrections, cited references and token budgets.
//
// One Store interface has two implementations with the same SQL and the same
// versioned migrations: an embedded SQLite database (modernc.org/sqlite, pure
// Go; the default) and PostgreSQL (pgx/v5) for several processes sharing one
// database, where uploaded papers are announced with LISTEN/NOTIFY.
//
// Lookups where absence is ordinary (a channel with no paper chosen, a
// question with no pinned answer) return ok=false; lookups by an id the
// caller was given return an error wrapping ErrNotFound when it is gone.
// Bad input returns an error wrapping ErrInvalid.
package store

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// ErrNotFound is wrapped by lookups of an id that is not stored.
var ErrNotFound = errors.New("not found")

// ErrInvalid is wrapped by errors about bad input (an empty id, a choice out
// of range, a malformed day, ...).
var ErrInvalid = errors.New("invalid input")

// Store is all the state PaperBot keeps. Consumers should depend on the
// smaller interfaces it is made of.
type Store interface {
	ChannelPapers
	Papers
	Quizzes
	Feedback
	Pins
	Citations
	Usage
	// Close releases the database (and stops paper subscriptions).
	Close() error
}

// ChannelPapers remembers which paper each channel uses.
type ChannelPapers interface {
	// ChannelPaper returns the paper chosen for a channel; ok is false when
	// none was chosen (the channel uses the default paper).
	ChannelPaper(ctx context.Context, channelID string) (paperID string, ok bool, err error)
	// SetChannelPaper chooses a channel's paper.
	SetChannelPaper(ctx context.Context, channelID, paperID string) error
}

// Papers keeps papers that instructors uploaded.
type Papers interface {
	// SaveUploadedPaper stores (or replaces) an uploaded paper and announces
	// its id to every subscriber, in this process and, with PostgreSQL, in
	// every other process sharing the database.
	SaveUploadedPaper(ctx context.Context, p UploadedPaper) error
	// UploadedPapers lists every uploaded paper, oldest first.
	UploadedPapers(ctx context.Context) ([]UploadedPaper, error)
	// DeleteUploadedPaper removes an uploaded paper (no error if absent) and
	// announces its id to subscribers.
	DeleteUploadedPaper(ctx context.Context, id string) error
	// SubscribePapers calls fn with the id of each paper saved or deleted
	// from now on until ctx ends or the store closes; fn looks the id up to
	// tell which. It returns once the subscription is live. fn runs on its
	// own goroutine, one call at a time, and sees this process's own saves
	// too. fn("") means notifications may have been missed (PostgreSQL,
	// after a lost connection): reload the whole list.
	SubscribePapers(ctx context.Context, fn func(paperID string)) error
}

// Quizzes keeps quiz questions, answers and scores.
type Quizzes interface {
	// SaveQuizQuestion stores a question so its buttons work after a restart.
	SaveQuizQuestion(ctx context.Context, q QuizQuestion) error
	// QuizQuestion returns a stored question, or an error wrapping ErrNotFound.
	QuizQuestion(ctx context.Context, id string) (QuizQuestion, error)
	// RecordQuizAnswer records a user's choice (0-based) for a question. Only
	// the first answer counts: later calls change nothing and report
	// already=true, with correct telling whether the first answer was right.
	RecordQuizAnswer(ctx context.Context, questionID, userID string, choice int) (correct, already bool, err error)
	// Leaderboard ranks a channel's users by correct answers (most first,
	// then fewest answered, then user id); limit <= 0 means 10.
	Leaderboard(ctx context.Context, channelID string, limit int) ([]Score, error)
	// ResetQuizScores deletes a channel's answers (its leaderboard starts
	// again) and returns how many there were.
	ResetQuizScores(ctx context.Context, channelID string) (int64, error)
}

// Feedback keeps answers given and the votes on them.
type Feedback interface {
	// SaveAnswer stores an answer so it can be voted on and reviewed.
	SaveAnswer(ctx context.Context, a AnswerRecord) error
	// SaveAnswers stores several answers, and the references each showed,
	// in one transaction (one disk flush): the group commit behind
	// AnswerWriter. A batch with an invalid answer stores nothing.
	SaveAnswers(ctx context.Context, batch []AnswerWrite) error
	// ExpireAnswers forgets answers created before a time: those nobody
	// voted on are deleted; voted ones keep their question and text for
	// review but lose their passages. It returns how many were touched.
	ExpireAnswers(ctx context.Context, before time.Time) (int64, error)
	// Answer returns a stored answer, or an error wrapping ErrNotFound.
	Answer(ctx context.Context, id string) (AnswerRecord, error)
	// RecordFeedback stores a user's vote on an answer, replacing their
	// earlier vote; an empty comment keeps the earlier comment. A vote
	// from another guild than the answer's is refused as ErrNotFound.
	RecordFeedback(ctx context.Context, v Vote) error
	// RecentFlagged lists 👎 votes on answers given in a guild ("" for
	// every guild and DMs alike), with their answers, newest first;
	// limit <= 0 means 10.
	RecentFlagged(ctx context.Context, guildID string, limit int) ([]Flag, error)
}

// Pins keeps instructors' corrected answers, per guild: a pin changes
// answers only in the guild where it was made.
type Pins interface {
	// PinAnswer stores a corrected answer for (guild, paper, question),
	// keyed by NormalizeQuestion(question), replacing any earlier pin.
	PinAnswer(ctx context.Context, p Pin) error
	// PinnedAnswer returns the pin for a guild ("" for direct messages), a
	// paper and a question as asked; ok is false when there is none.
	PinnedAnswer(ctx context.Context, guildID, paperID, question string) (p Pin, ok bool, err error)
	// PinsFor lists a guild's pins on a paper, newest first, for matching
	// a question by meaning (the answering engine does that).
	PinsFor(ctx context.Context, guildID, paperID string) ([]Pin, error)
}

// Citations keeps the references cited in each channel or thread.
type Citations interface {
	// RecordCitations notes references of a paper cited in a channel.
	RecordCitations(ctx context.Context, channelID, paperID string, refs []int) error
	// CitedRefs lists a channel's cited references in first-cited order,
	// each once.
	CitedRefs(ctx context.Context, channelID string) ([]CitedRef, error)
	// FlaggedOnlyRefs lists the channel's references shown only in
	// answers marked 👎 (never cited with /cite, nor by another answer of
	// the channel still stored), for /export to leave out.
	FlaggedOnlyRefs(ctx context.Context, channelID string) ([]CitedRef, error)
}

// Usage keeps model token use per day for budgets.
type Usage interface {
	// AddUsage adds tokens to a day's totals for the user, the guild (skipped
	// when guildID is "") and everyone. day is "2006-01-02" (see Day).
	AddUsage(ctx context.Context, day, userID, guildID string, tokens int) error
	// Usage returns a day's totals for the user, the guild and everyone.
	Usage(ctx context.Context, day, userID, guildID string) (userTokens, guildTokens, globalTokens int, err error)
}

// UploadedPaper is a paper an instructor uploaded, kept as uploaded so
// every process can parse and index it: a text file as its text, a PDF as
// its bytes (set exactly one of Text and PDF). The PDF is kept rather than
// its reading so that a restart reads it with the same reader as the
// library directory does (corpus.ParsePDF).
type UploadedPaper struct {
	ID         string
	FileName   string
	Text       string
	PDF        []byte
	UploaderID string
	UploadedAt time.Time
}

// QuizQuestion is one multiple-choice question posted in a channel.
type QuizQuestion struct {
	ID        string
	ChannelID string
	PaperID   string
	Question  string
	Choices   []string
	// Correct is the index of the right choice.
	Correct int
	// Refs are the reference numbers that the answer key cites.
	Refs      []int
	CreatedAt time.Time
}

// Score is one user's quiz result in a channel.
type Score struct {
	UserID   string
	Correct  int
	Answered int
}

// AnswerRecord is one answer the bot gave.
type AnswerRecord struct {
	ID string
	// GuildID is "" for a direct message.
	GuildID   string
	ChannelID string
	UserID    string
	PaperID   string
	Question  string
	Answer    string
	// Passages is the retrieved evidence as JSON (kept opaque here).
	Passages  json.RawMessage
	Citations []int
	CreatedAt time.Time
}

// AnswerWrite is an answer to save together with the references it showed
// (recorded as RecordCitations would, for the answer's channel and paper).
type AnswerWrite struct {
	Answer AnswerRecord
	Shown  []int
}

// Thumb is a vote's direction.
type Thumb int

// The two votes.
const (
	ThumbUp   Thumb = 1
	ThumbDown Thumb = -1
)

// Vote is one user's 👍/👎 on an answer, with an optional comment.
type Vote struct {
	AnswerID string
	// GuildID is where the vote was cast ("" for a direct message); it
	// must be the answer's guild.
	GuildID string
	UserID  string
	Thumb   Thumb
	Comment string
	At      time.Time
}

// Flag is a 👎 vote together with the answer it is about.
type Flag struct {
	Answer    AnswerRecord
	VoterID   string
	Comment   string
	FlaggedAt time.Time
}

// Pin is an instructor's corrected answer to a question about a paper.
type Pin struct {
	// GuildID is the guild the pin applies in ("" for direct messages).
	GuildID string
	PaperID string
	// Question is the question as the instructor pinned it.
	Question string
	Answer   string
	PinnedBy string
	PinnedAt time.Time
}

// CitedRef is one reference cited in a channel.
type CitedRef struct {
	PaperID string
	Ref     int
}
