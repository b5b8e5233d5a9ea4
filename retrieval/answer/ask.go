package answer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

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

	qq := analyzeIn(q, pi.words)
	if e.opt.Pins != nil {
		// A pin answers the question as asked, before any follow-up is
		// resolved against the conversation.
		if text, ok := e.pinFor(ctx, pi, req.GuildID, qq); ok {
			return pinnedAnswer(pi, text), nil
		}
	}
	exclude := pi.resolveFollowUp(&qq, req.History)
	if !qq.followUp && qq.asksAboutPaperOnly() {
		// "What is this paper trying to say?": nothing but the paper is
		// named, so the answer is what the paper is about.
		qq.intent = IntentAbout
	}
	if k := qq.studySetting(pi); k != settingNone && !qq.followUp {
		// "Where was the study done?", "how many participants were
		// there?": the setting the paper states.
		qq.intent, qq.setting = IntentSetting, k
	}
	if p := qq.partOf(); p.kind != partNone && !qq.followUp {
		// "What does Figure 2 show?", "summarise the discussion".
		qq.intent, qq.part = IntentPart, p
	}
	if e.opt.Generator != nil && (qq.lang != "en" || qq.followUp) {
		// One short call turns a question in another language, or a
		// follow-up, into a standalone English retrieval query.
		if rw, ok := e.rewrite(ctx, pi, q, req.History); ok {
			qq.query = rw
			en := analyzeIn(rw, pi.words)
			if qq.intent == IntentFact || !qq.followUp {
				qq.intent, qq.ref, qq.compare = en.intent, en.ref, en.compare
			}
			qq.focus, qq.proper = en.focus, en.proper
		}
	}
	if qq.intent == IntentCite && !qq.followUp {
		// "Give me the BibTeX for reference 15", "cite the Nye book".
		if a := citeWorkAnswer(pi, qq); a != nil {
			return withLanguageNote(a, qq), nil
		}
	}
	if qq.intent == IntentAuthors && !qq.followUp {
		// "Who wrote The Future of Power?": a work of the reference list.
		if a := workAuthorsAnswer(pi, qq); a != nil {
			return withLanguageNote(a, qq), nil
		}
	}
	if qq.intent.isMeta() {
		a := metaAnswer(pi, qq, exclude)
		if e.opt.Generator == nil || qq.intent == IntentTerms {
			// The key terms are a list the glossary builds; a model
			// given the passages would not see it.
			return withLanguageNote(a, qq), nil
		}
		return e.modelAnswer(ctx, pi, req, qq, a, a.Passages)
	}

	if qq.followUp && qq.ask == askReason && qq.intent == IntentFact && e.opt.Generator == nil {
		// "why?" after an answer: the reason the paper gives right after
		// what was said.
		if i, ok := pi.reasonAfter(exclude); ok {
			r := newReply(pi)
			r.quotes([]int{i})
			return withLanguageNote(r.answer(qq), qq), nil
		}
	}
	if qq.intent == IntentWhichSource && len(qq.focus) == 0 && qq.ref == 0 {
		// "What sources did the author use?": the reference list itself.
		return withLanguageNote(sourcesOverview(pi, qq), qq), nil
	}
	fm := focusOf(pi, qq)
	k := req.K
	if k <= 0 {
		k = e.opt.K
	}
	k = min(k, maxK)
	var hits []retrieval.Hit
	if e.ix != nil {
		hits, err = e.search(ctx, p.ID, correctedQuery(qq, fm), max(k, poolSize))
		if err != nil {
			return nil, err
		}
	}
	f := features(pi, qq, fm, hits)
	prob := declineProb(f)
	decline := prob >= declineAt
	if e.opt.Generator != nil {
		// With a model only clearly off-paper questions are declined
		// here: none of the focus is in the paper, or the model is sure.
		decline = prob >= modelDeclineAt || (f.NoFocus == 0 && f.FoundShare == 0 && prob >= declineAt)
	}
	if noneFound(fm) {
		// Nothing the question is about occurs in the paper.
		decline = true
	}
	if decline && !e.opt.neverDecline {
		return declineAnswer(pi, qq, fm, hits[:min(len(hits), k)]), nil
	}
	a := offlineContent(pi, qq, fm, hits, exclude)
	if a == nil {
		a = declineAnswer(pi, qq, fm, hits[:min(len(hits), k)])
	}
	if e.opt.Generator == nil {
		return withLanguageNote(a, qq), nil
	}
	return e.modelAnswer(ctx, pi, req, qq, a, hits[:min(len(hits), k)])
}

// focusOf matches the question's focus words in the paper. For a question
// not in English only the words shared with the paper count: names,
// numbers, terms, and the paper's words a foreign word is a cognate of
// (cognate.go), which also join the search query, and names, found or
// not; the others are not evidence either way.
func focusOf(pi *paperInfo, qq question) []focusMatch {
	fm := pi.matchFocus(qq.focus)
	if qq.lang == "en" {
		return withoutEffectFrame(qq, fm)
	}
	var kept []focusMatch
	for _, m := range fm {
		if m.found {
			kept = append(kept, m)
			continue
		}
		cs := pi.cognates(m.word)
		for _, c := range cs {
			kept = append(kept, focusMatch{word: c, fixed: c, term: retrieval.Stem(c), found: true, typo: true})
		}
		if len(cs) == 0 && qq.lang != "de" && latinWord(m.word) && slices.Contains(qq.proper, m.word) {
			// A name is spelt alike in the languages of the Latin
			// script: one the paper never mentions counts against the
			// question as in English. (German capitalises every noun,
			// so there a capital marks no name; in other scripts a name
			// is transliterated, "Китая" is China.)
			kept = append(kept, m)
		}
	}
	return kept
}

// poolSize is how many passages are retrieved for an answer.
const poolSize = 20

// search ranks the paper's passages for query, falling back to lexical
// ranking when the question cannot be embedded.
func (e *Engine) search(ctx context.Context, paperID, query string, n int) ([]retrieval.Hit, error) {
	hits, err := e.ix.SearchMode(ctx, paperID, query, n, e.opt.Mode)
	if err != nil && ctx.Err() == nil && e.opt.Mode != retrieval.LexicalOnly {
		// The question could not be embedded (an embeddings API is
		// down): rank lexically rather than fail.
		e.log.Warn("vector search failed; ranking lexically", "paper", paperID, "err", err)
		hits, err = e.ix.SearchMode(ctx, paperID, query, n, retrieval.LexicalOnly)
	}
	if err != nil {
		return nil, fmt.Errorf("search %s: %w", paperID, err)
	}
	return hits, nil
}

// correctedQuery is the retrieval query with typos read as the paper's
// words ("soft pwoer" searches "soft power").
func correctedQuery(qq question, fm []focusMatch) string {
	q := qq.query
	for _, m := range fm {
		if m.typo {
			q += " " + m.fixed
		}
	}
	return q
}

// noneFound reports whether no focus word of the question is in the paper.
func noneFound(fm []focusMatch) bool {
	for _, m := range fm {
		if m.found {
			return false
		}
	}
	return true
}

// offlineContent answers a content question from the retrieved passages;
// nil when nothing in the paper holds the question's focus.
func offlineContent(pi *paperInfo, qq question, fm []focusMatch, hits []retrieval.Hit, exclude map[string]bool) *Answer {
	r := newReply(pi)
	switch qq.intent {
	case IntentWhichSource:
		if !whichSources(r, qq, fm) && !factAnswer(r, qq, fm, hits, exclude) && !bestPassages(r, qq, hits, exclude) {
			return nil
		}
	case IntentCoined:
		if !attributedAnswer(r, fm) && !coinedAnswer(r, qq, fm) && !whichSources(r, qq, fm) && !factAnswer(r, qq, fm, hits, exclude) && !bestPassages(r, qq, hits, exclude) {
			return nil
		}
	case IntentCompare:
		if !compareAnswer(r, qq, hits, exclude) && !factAnswer(r, qq, fm, hits, exclude) && !bestPassages(r, qq, hits, exclude) {
			return nil
		}
	default:
		if !factAnswer(r, qq, fm, hits, exclude) && !bestPassages(r, qq, hits, exclude) {
			return nil
		}
	}
	return r.answer(qq)
}

// withLanguageNote puts the offline language note before an answer to a
// question that is not in English.
func withLanguageNote(a *Answer, qq question) *Answer {
	if note := offlineLanguageNote(qq.lang); note != "" && !a.Abstained {
		a.Text = note + "\n" + a.Text
	}
	return a
}

// modelAnswer writes the answer with the language model, checking budget
// before and citations after, and falls back to the offline answer.
func (e *Engine) modelAnswer(ctx context.Context, pi *paperInfo, req Request, qq question, offline *Answer, hits []retrieval.Hit) (*Answer, error) {
	hits = mergeHits(offline.Passages, hits)
	if e.opt.Budget != nil {
		if err := e.opt.Budget.Allow(ctx, req.UserID, req.GuildID); err != nil {
			a := withLanguageNote(offline, qq)
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
	in := GenerateInput{PaperTitle: pi.paper.Title, Question: qq.text, History: req.History, Passages: hits}
	gen, err := e.opt.Generator.Generate(ctx, in, onDelta)
	if used := gen.PromptTokens + gen.CompletionTokens; used > 0 && e.opt.Budget != nil {
		// Tokens spent count even when the stream later failed.
		if rerr := e.opt.Budget.Record(context.WithoutCancel(ctx), req.UserID, req.GuildID, used); rerr != nil {
			e.log.Error("record token usage", "err", rerr, "tokens", used)
		}
	}
	if err != nil {
		if errors.Is(context.Cause(ctx), ErrStopped) {
			a := e.checkedModelAnswer(pi, qq, gen, valid, hits)
			// Unfinished, not unverified: the citations it has are checked.
			a.Stopped, a.Unverified = true, false
			return a, nil
		}
		if cerr := ctx.Err(); cerr != nil {
			return nil, fmt.Errorf("generate: %w", cerr)
		}
		e.log.Warn("language model failed; answering offline", "err", err)
		a := withLanguageNote(offline, qq)
		a.Mode, a.Note = ModeFallback, NoteModelUnavailable
		return a, nil
	}

	return e.checkedModelAnswer(pi, qq, gen, valid, hits), nil
}

// checkedModelAnswer is the answer the model wrote (gen), its citations
// checked against valid and its passages hits.
func (e *Engine) checkedModelAnswer(pi *paperInfo, qq question, gen Generated, valid map[int]bool, hits []retrieval.Hit) *Answer {
	text, kept, removed := CheckCitations(remapContinuations(pi, replaceLabels(gen.Text)), valid)
	if len(removed) > 0 {
		e.log.Warn("removed citations the passages do not support", "paper", pi.paper.ID, "removed", removed)
	}
	abstained := isModelAbstention(text)
	if abstained {
		text = strings.TrimSpace(strings.Replace(text, NotCoveredMarker, "", 1))
	}
	return &Answer{
		Related:    []int{},
		Intent:     string(qq.intent),
		Language:   qq.lang,
		PaperID:    pi.paper.ID,
		Text:       text,
		Citations:  nonNil(kept),
		Abstained:  abstained,
		Passages:   nonNilHits(hits),
		Mode:       ModeModel,
		Unverified: !abstained && len(kept) == 0,
		Usage:      gen.PromptTokens + gen.CompletionTokens,
	}
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
// references of the paper that were among the passages, as entries or as
// what a body sentence cites.
func validCitations(pi *paperInfo, hits []retrieval.Hit) map[int]bool {
	valid := map[int]bool{}
	for _, h := range hits {
		switch h.Kind {
		case retrieval.KindReference:
			if n, ok := pi.citable(h.Ref); ok {
				valid[n] = true
			}
		case retrieval.KindBody, retrieval.KindCaption:
			for _, c := range h.Cites {
				if n, ok := pi.citable(c); ok {
					valid[n] = true
				}
			}
		}
	}
	return valid
}

// mergeHits is a followed by the hits of b not in a.
func mergeHits(a, b []retrieval.Hit) []retrieval.Hit {
	seen := map[string]bool{}
	out := make([]retrieval.Hit, 0, len(a)+len(b))
	for _, hs := range [][]retrieval.Hit{a, b} {
		for _, h := range hs {
			if !seen[h.ID] {
				seen[h.ID] = true
				out = append(out, h)
			}
		}
	}
	return out
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

// latinWord reports whether w is written in the Latin script.
func latinWord(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}
