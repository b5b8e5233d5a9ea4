// Package answer is PaperBot's one answering engine: a question in, plain
// data out (answer text, cited reference numbers, passages used, whether it
// abstained). The Discord bot and the terminal are thin adapters over it.
//
// How it decides:
//
//   - Understanding (intent.go, followup.go, lang.go): the question's intent
//     (about, method, findings, limitations, authors, cite, which sources,
//     who coined, compare, "what is [27] about", fact ...), its focus words,
//     its language, and what a follow-up refers to in the conversation.
//   - Meta questions are answered from the paper's structure (meta.go):
//     abstract sentence roles, body sections, metadata; never by overlap.
//   - Content questions quote the sentences holding the focus; a body
//     sentence cites exactly its own Cites, and references that only share
//     the topic are "further reading" (Answer.Related), never support.
//   - Declining (decline.go): a logistic model over focus words found or
//     not, a missing name, retrieval scores against the paper's background
//     and the language, fitted on the tuning split (decline_coef.go, go
//     generate). With a model only clearly off-paper questions are declined
//     before it; its "not covered" starts with NotCoveredMarker.
//   - Citations: every [n] in any reply is a real reference of the paper
//     that was among the retrieved passages (CheckCitations); others are
//     removed and logged. A continuation entry (seed [28] is only the URL of
//     [27]) is never cited itself: a citation of it is rewritten to the
//     entry it continues, which retrieval already folds it into.
//   - Model answers: the prompt's [A1]/[M1] labels become "(abstract)" and
//     "(paper details)"; an answer that is not an abstention and keeps no
//     valid citation is marked Unverified. A failed model or a spent budget
//     gives the offline answer with a Note (ModeFallback).
package answer

import (
	"errors"

	"paperbot/retrieval"
)

// MaxQuestionRunes caps a question's length; longer questions are refused
// before any embedding work.
const MaxQuestionRunes = 1000

// Mode says how an answer was produced.
type Mode string

// The answer modes.
const (
	ModeOffline  Mode = "offline"  // extractive, no language model
	ModeModel    Mode = "model"    // written by the language model
	ModeFallback Mode = "fallback" // model failed or over budget: extractive with a note
	ModePinned   Mode = "pinned"   // an instructor's pinned correction
)

// Turn is one earlier message of a conversation (a Discord reply chain).
type Turn struct {
	Role string `json:"role"` // "user" or "assistant"
	Text string `json:"text"`
}

// Request is one question.
type Request struct {
	PaperID  string // "" means the default paper
	Question string
	History  []Turn // oldest first
	K        int    // passages to retrieve; 0 means the default
	UserID   string // for budgets; may be ""
	GuildID  string // for budgets; may be ""
	// OnDelta, when set, receives the answer text so far as a model streams it.
	OnDelta func(textSoFar string)
}

// Answer is the engine's reply, as plain data.
type Answer struct {
	PaperID   string `json:"paper_id"`
	Text      string `json:"answer"`
	Citations []int  `json:"citations"` // reference numbers cited in Text, in order of first use
	// Related are the cited numbers offered only as further reading on the
	// topic, not as the author's support for a claim (a subset of Citations).
	Related []int `json:"related"`
	// Intent is what the question was understood to ask ("about",
	// "method", "which-source", "fact", ...).
	Intent string `json:"intent"`
	// Language is the question's detected language ("en", "es", ...).
	Language  string          `json:"language"`
	Abstained bool            `json:"abstained"`
	Passages  []retrieval.Hit `json:"passages"` // best first
	Mode      Mode            `json:"mode"`
	// Note is a visible remark such as "the language model is unavailable;
	// here is what the paper says". Empty when there is nothing to say.
	Note string `json:"note,omitempty"`
	// Unverified is true when a model answer that is not an abstention has
	// no valid citation.
	Unverified bool `json:"unverified,omitempty"`
	// Usage is the model tokens spent (0 offline).
	Usage int `json:"usage,omitempty"`
	// Stopped is true when the student stopped the model while it wrote
	// (see ErrStopped): Text is what it had written, its citations checked
	// like any answer's, and Passages are those it was given.
	Stopped bool `json:"stopped,omitempty"`
}

// ErrStopped is the cause a front end gives an answer's context when the
// student stops it while the model writes (Discord's Stop button,
// context.WithCancelCause). Ask then returns what was written so far as
// an Answer with Stopped set, instead of an error.
var ErrStopped = errors.New("answer stopped by the student")

// UserError is an error whose message is written for a student and can be
// shown as is. Other errors are internal: log them, show a generic message.
type UserError struct{ Msg string }

func (e *UserError) Error() string { return e.Msg }

// IsUserError reports whether err carries a message meant for the user, and returns it.
func IsUserError(err error) (string, bool) {
	var ue *UserError
	if errors.As(err, &ue) {
		return ue.Msg, true
	}
	return "", false
}

// GenerateInput is what a language model is given for one answer.
type GenerateInput struct {
	PaperTitle string
	Question   string
	History    []Turn
	// Passages are the retrieved passages, best first. Abstract passages are
	// labelled [A1], [A2], ... in the prompt; references by their number [n].
	Passages []retrieval.Hit
}

// Generated is a language model's finished answer.
type Generated struct {
	Text             string
	PromptTokens     int
	CompletionTokens int
	// Estimated is true when the server sent no usage report and the token
	// counts were estimated locally.
	Estimated bool
}
