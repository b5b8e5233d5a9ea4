package answer

import (
	"context"
	"strings"
)

// Rewriter turns a question in any language, or a follow-up that leans on
// the conversation, into one standalone English retrieval query. The
// language-model client satisfies it; a Generator without it gets no
// rewrite step.
type Rewriter interface {
	Rewrite(ctx context.Context, question string, history []Turn) (query string, tokens int, err error)
}

// NotCoveredMarker is what the model is told to start a reply with when the
// passages do not answer the question, in whatever language it answers:
// the engine recognises a "not covered" reply by it in any language.
const NotCoveredMarker = "NOT_COVERED"

// rewrite asks the model for a standalone English query (one short call).
// ok is false when there is no rewriter or it failed; the question is then
// searched as asked.
func (e *Engine) rewrite(ctx context.Context, pi *paperInfo, q string, history []Turn) (string, bool) {
	rw, ok := e.opt.Generator.(Rewriter)
	if !ok {
		return "", false
	}
	query, tokens, err := rw.Rewrite(ctx, q, history)
	if tokens > 0 && e.opt.Budget != nil {
		if rerr := e.opt.Budget.Record(context.WithoutCancel(ctx), "", "", tokens); rerr != nil {
			e.log.Error("record token usage", "err", rerr, "tokens", tokens)
		}
	}
	query = strings.TrimSpace(query)
	if err != nil || query == "" {
		if err != nil {
			e.log.Warn("question rewrite failed; searching the question as asked", "paper", pi.paper.ID, "err", err)
		}
		return "", false
	}
	if q, err := cleanQuestion(query); err == nil {
		return q, true
	}
	return "", false
}
