package classroom

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"paperbot/corpus"
	"paperbot/internal/store"
	"paperbot/retrieval/answer"
)

// MaxPinRunes caps a pinned answer (Discord's text input holds 4,000).
const MaxPinRunes = 1800

// RefLister lists a paper's references (query "" for all); the answering
// engine is one.
type RefLister interface {
	Refs(paperID, query string) ([]corpus.Reference, error)
}

// Pins keeps instructors' corrected answers: the same question about the
// same paper, in the same guild, then gets the pinned text.
type Pins struct {
	st   store.Pins
	refs RefLister
	now  func() time.Time
	log  *slog.Logger
}

// NewPins keeps pins in st and checks their citations against refs; now
// is the clock (nil: time.Now), log gets what cannot be checked (nil:
// slog.Default()).
func NewPins(st store.Pins, refs RefLister, now func() time.Time, log *slog.Logger) *Pins {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.Default()
	}
	return &Pins{st: st, refs: refs, now: now, log: log}
}

// Pin stores text as the answer to question about paperID in guildID,
// replacing an earlier pin of the same question. What is wrong with the
// pin itself (empty, too long, no words to match on, citing a reference
// the paper does not have) is an answer.UserError saying so; nothing is
// stored then.
func (x *Pins) Pin(ctx context.Context, guildID, paperID, question, text, by string) (store.Pin, error) {
	question, text = strings.TrimSpace(question), strings.TrimSpace(text)
	switch {
	case question == "" || text == "":
		return store.Pin{}, &answer.UserError{Msg: "Give both the question and the corrected answer."}
	case len([]rune(question)) > answer.MaxQuestionRunes:
		return store.Pin{}, &answer.UserError{Msg: fmt.Sprintf("The question is too long (at most %d characters).", answer.MaxQuestionRunes)}
	case len([]rune(text)) > MaxPinRunes:
		return store.Pin{}, &answer.UserError{Msg: fmt.Sprintf("The answer is too long (at most %d characters).", MaxPinRunes)}
	case store.NormalizeQuestion(question) == "":
		return store.Pin{}, &answer.UserError{Msg: "That question has no words to match on."}
	}
	if err := x.unknownRefs(paperID, text); err != nil {
		return store.Pin{}, err
	}
	p := store.Pin{GuildID: guildID, PaperID: paperID, Question: question, Answer: text, PinnedBy: by, PinnedAt: x.now()}
	if err := x.st.PinAnswer(ctx, p); err != nil {
		return store.Pin{}, err
	}
	return p, nil
}

// UnknownRefsError refuses a pin citing references its paper does not
// have (answers drop unknown citations, so the pin would lose them
// silently).
type UnknownRefsError struct {
	PaperID string
	// Unknown are the cited numbers the paper does not have.
	Unknown []int
	// Refs is how many references the paper has, numbered First to Last.
	Refs, First, Last int
}

func (e *UnknownRefsError) Error() string { return e.PaperID + " " + e.Detail() }

// Detail says which citations are unknown and which numbers exist: "has no
// reference [99] (it has 29 references, [1]–[29])".
func (e *UnknownRefsError) Detail() string {
	var bad []string
	for _, n := range e.Unknown {
		bad = append(bad, fmt.Sprintf("[%d]", n))
	}
	exist := "it has no numbered references, so cite none"
	if e.Refs > 0 {
		exist = fmt.Sprintf("it has %s, [%d]–[%d]", plural(e.Refs, "reference"), e.First, e.Last)
	}
	return fmt.Sprintf("has no reference %s (%s)", strings.Join(bad, ", "), exist)
}

// unknownRefs checks a pinned answer's citations against its paper's
// references: nil when all exist, or when the references cannot be listed
// (logged).
func (x *Pins) unknownRefs(paperID, text string) error {
	refs, err := x.refs.Refs(paperID, "")
	if err != nil {
		x.log.Warn("pin refs", "paper", paperID, "err", err)
		return nil
	}
	valid := map[int]bool{}
	for _, ref := range refs {
		valid[ref.N] = true
	}
	_, _, removed := answer.CheckCitations(text, valid)
	if len(removed) == 0 {
		return nil
	}
	e := &UnknownRefsError{PaperID: paperID, Unknown: removed, Refs: len(refs)}
	if len(refs) > 0 {
		e.First, e.Last = refs[0].N, refs[len(refs)-1].N
	}
	return e
}

// plural is "1 reference", "2 references".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
