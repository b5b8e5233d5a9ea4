package answer

import (
	"context"
	"errors"
	"fmt"

	"paperbot/retrieval"
)

// Ask answers one question. Bad input (a blank or overlong question, an
// unknown paper) is a *UserError; other errors are internal. Weak evidence
// gives an abstention, not a guess. With a Generator the answer is written
// by the language model and its citations are checked; when the model fails
// or the budget is used up, the offline answer comes back with a Note.
// If ctx is cancelled (a "Stop" button), Ask returns ctx's error.
func (e *Engine) Ask(ctx context.Context, req Request) (*Answer, error) {
	q, err := cleanQuestion(req.Question)
	if err != nil {
		return nil, err
	}
	p, err := e.Paper(req.PaperID)
	if err != nil {
		return nil, err
	}
	pi := e.info(p)

	if e.opt.Pins != nil {
		text, ok, err := e.opt.Pins.PinnedAnswer(ctx, req.GuildID, p.ID, q)
		switch {
		case err != nil:
			e.log.Warn("pinned answer lookup failed", "paper", p.ID, "err", err)
		case ok:
			return pinnedAnswer(pi, text), nil
		}
	}

	k := req.K
	if k <= 0 {
		k = e.opt.K
	}
	k = min(k, maxK)
	var hits []retrieval.Hit
	if e.ix != nil {
		// Retrieve a wider pool than k and keep the k passages that hold
		// most of the question: a rare word ("Russia") outweighs the
		// paper's everyday words ("China", "Central Asia") that dominate
		// the fused ranking.
		pool := max(k, poolSize)
		hits, err = e.ix.SearchMode(ctx, p.ID, q, pool, e.opt.Mode)
		if err != nil && ctx.Err() == nil && e.opt.Mode != retrieval.LexicalOnly {
			// The question could not be embedded (an embeddings API is
			// down): rank lexically rather than fail.
			e.log.Warn("vector search failed; ranking lexically", "paper", p.ID, "err", err)
			hits, err = e.ix.SearchMode(ctx, p.ID, q, pool, retrieval.LexicalOnly)
		}
		if err != nil {
			return nil, fmt.Errorf("search %s: %w", p.ID, err)
		}
		hits = rerank(pi, q, hits, k)
	}
	ev := weigh(pi, q, hits)
	if ev.abstain {
		return abstention(pi, hits), nil
	}
	if e.opt.Generator == nil {
		return offlineAnswer(pi, ev, hits), nil
	}
	return e.modelAnswer(ctx, pi, req, q, ev, hits)
}

// modelAnswer writes the answer with the language model, checking budget
// before and citations after, and falls back to the offline answer.
func (e *Engine) modelAnswer(ctx context.Context, pi *paperInfo, req Request, q string, ev evidence, hits []retrieval.Hit) (*Answer, error) {
	if e.opt.Budget != nil {
		if err := e.opt.Budget.Allow(ctx, req.UserID, req.GuildID); err != nil {
			a := offlineAnswer(pi, ev, hits)
			a.Mode, a.Note = ModeFallback, NoteOverBudget
			if !errors.Is(err, ErrOverBudget) {
				// Not spent, only unknown: say so, not "used up".
				e.log.Error("budget check failed; answering offline", "err", err)
				a.Note = NoteBudgetUnavailable
			}
			return a, nil
		}
	}

	valid := validCitations(pi, hits)
	var onDelta func(string)
	if req.OnDelta != nil {
		onDelta = func(soFar string) {
			clean, _, _ := CheckCitations(remapContinuations(pi, replaceLabels(soFar)), valid)
			req.OnDelta(clean)
		}
	}
	in := GenerateInput{PaperTitle: pi.paper.Title, Question: q, History: req.History, Passages: hits}
	gen, err := e.opt.Generator.Generate(ctx, in, onDelta)
	if used := gen.PromptTokens + gen.CompletionTokens; used > 0 && e.opt.Budget != nil {
		// Tokens spent count even when the stream later failed.
		if rerr := e.opt.Budget.Record(context.WithoutCancel(ctx), req.UserID, req.GuildID, used); rerr != nil {
			e.log.Error("record token usage", "err", rerr, "tokens", used)
		}
	}
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return nil, fmt.Errorf("generate: %w", cerr)
		}
		e.log.Warn("language model failed; answering offline", "err", err)
		a := offlineAnswer(pi, ev, hits)
		a.Mode, a.Note = ModeFallback, NoteModelUnavailable
		return a, nil
	}

	text, kept, removed := CheckCitations(remapContinuations(pi, replaceLabels(gen.Text)), valid)
	if len(removed) > 0 {
		e.log.Warn("removed citations the passages do not support", "paper", pi.paper.ID, "removed", removed)
	}
	abstained := isModelAbstention(text)
	return &Answer{
		PaperID:    pi.paper.ID,
		Text:       text,
		Citations:  nonNil(kept),
		Abstained:  abstained,
		Passages:   nonNilHits(hits),
		Mode:       ModeModel,
		Unverified: !abstained && len(kept) == 0,
		Usage:      gen.PromptTokens + gen.CompletionTokens,
	}, nil
}

// The visible notes of fallback answers.
const (
	NoteModelUnavailable = "The language model is unavailable; here is what the paper says."
	NoteOverBudget       = "Today's question budget is used up; here is what the paper says."
	// NoteBudgetUnavailable is shown when the budget could not be checked
	// (the database is unreachable): the model is not used, but nothing
	// claims the budget is spent.
	NoteBudgetUnavailable = "I can't reach my database to check today's question budget, so here is what the paper says."
)

// validCitations are the reference numbers a reply may cite: real
// references of the paper that were among the retrieved passages.
func validCitations(pi *paperInfo, hits []retrieval.Hit) map[int]bool {
	valid := map[int]bool{}
	for _, h := range hits {
		if h.Kind != retrieval.KindReference {
			continue
		}
		if n, ok := pi.citable(h.Ref); ok {
			valid[n] = true
		}
	}
	return valid
}

// pinnedAnswer returns an instructor's pinned text; its citations must
// still be real references of the paper.
func pinnedAnswer(pi *paperInfo, text string) *Answer {
	valid := map[int]bool{}
	for n := range pi.refs {
		if c, ok := pi.citable(n); ok && c == n {
			valid[n] = true
		}
	}
	clean, kept, _ := CheckCitations(remapContinuations(pi, text), valid)
	return &Answer{
		PaperID:   pi.paper.ID,
		Text:      clean,
		Citations: nonNil(kept),
		Passages:  []retrieval.Hit{},
		Mode:      ModePinned,
	}
}

func nonNil(xs []int) []int {
	if xs == nil {
		return []int{}
	}
	return xs
}

func nonNilHits(hs []retrieval.Hit) []retrieval.Hit {
	if hs == nil {
		return []retrieval.Hit{}
	}
	return hs
}
