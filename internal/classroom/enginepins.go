package classroom

import (
	"context"

	"paperbot/internal/store"
	"paperbot/retrieval/answer"
)

// EnginePins gives the answering engine (answer.Options.Pins) the pins
// kept in a store; the engine matches each question to them by meaning.
type EnginePins struct{ Store store.Pins }

// PinnedAnswers lists the pins of a guild ("" for direct messages) on a
// paper, newest first.
func (p EnginePins) PinnedAnswers(ctx context.Context, guildID, paperID string) ([]answer.Pin, error) {
	if p.Store == nil {
		return nil, nil
	}
	pins, err := p.Store.PinsFor(ctx, guildID, paperID)
	if err != nil {
		return nil, err
	}
	out := make([]answer.Pin, len(pins))
	for i, pin := range pins {
		out[i] = answer.Pin{Question: pin.Question, Answer: pin.Answer}
	}
	return out, nil
}
