package answer

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"paperbot/internal/lazyre"
	"paperbot/retrieval"
	"paperbot/retrieval/study"
)

// Limits of an extractive answer, to keep it readable in a chat.
const (
	maxQuotedSentences = 2
	// minSentenceShare is the least share of the focus weight a sentence
	// must hold to be quoted.
	minSentenceShare = 0.5
	// minRelatedShare is the least share a reference offered as further
	// reading must hold.
	minRelatedShare = 0.35
)

// scoredPassage is a retrieved passage with its share of the focus.
type scoredPassage struct {
	i     int // index into pi.passages
	share float64
	score float64 // retrieval score
}

// rankByFocus scores the hits by the idf-weighted share of the found focus
// terms they hold, best first (ties by retrieval order).
func rankByFocus(pi *paperInfo, fm []focusMatch, hits []retrieval.Hit, kinds ...retrieval.Kind) []scoredPassage {
	total := pi.focusTotal(fm)
	var out []scoredPassage
	for _, h := range hits {
		if !slices.Contains(kinds, h.Kind) {
			continue
		}
		i, ok := pi.byID[h.ID]
		if !ok || pi.bare[i] {
			continue
		}
		s := 0.0
		if total > 0 {
			s = focusShare(pi, i, fm) / total
		}
		out = append(out, scoredPassage{i: i, share: s, score: h.Score})
	}
	slices.SortStableFunc(out, func(a, b scoredPassage) int { return cmp.Compare(b.share, a.share) })
	return out
}

// factAnswer answers a question about the paper's content: the sentences
// that hold the question's focus, each with what the author cited for it,
// and references on the topic as further reading. It reports false, adding
// nothing, when no passage holds the focus.
func factAnswer(r *reply, qq question, fm []focusMatch, hits []retrieval.Hit, exclude map[string]bool) bool {
	pi := r.pi
	sent := rankByFocus(pi, fm, hits, retrieval.KindBody, retrieval.KindCaption, retrieval.KindAbstract)
	if qq.intent == IntentDefine {
		// The paper's definition of a term it uses throughout may rank
		// below the retrieval pool: every definition holding the whole
		// focus joins the candidates.
		sent = append(sent, definitionsOf(pi, qq, fm, sent)...)
		// A sentence that defines the term comes first.
		slices.SortStableFunc(sent, func(a, b scoredPassage) int {
			return cmp.Compare(defBonus(pi, qq, b), defBonus(pi, qq, a))
		})
	}
	if qq.ask != askAny {
		// "How many ...", "when ...": among the sentences that hold the
		// focus, those stating a number or a date come first.
		slices.SortStableFunc(sent, func(a, b scoredPassage) int {
			return cmp.Compare(typeBonus(pi, qq.ask, b), typeBonus(pi, qq.ask, a))
		})
	}
	if qq.ask == askNumber {
		// "How many schools": a sentence counting the focus ("24 state
		// primary schools") first.
		slices.SortStableFunc(sent, func(a, b scoredPassage) int {
			return cmp.Compare(countBonus(pi, fm, b), countBonus(pi, fm, a))
		})
	}
	var picked []int
	for _, s := range sent {
		if len(picked) >= maxQuotedSentences {
			break
		}
		if s.share < minSentenceShare || exclude[oneLine(pi.passages[s.i].Text)] {
			continue
		}
		if len(picked) > 0 && s.share < sent[0].share-1e-9 && pi.passages[s.i].Kind == retrieval.KindAbstract {
			continue
		}
		picked = append(picked, s.i)
	}
	if len(picked) > 0 {
		picked = withTopLexical(pi, picked, sent, hits, exclude)
		picked = withTyped(pi, qq.ask, picked, sent, exclude)
	}
	refs := relatedRefs(pi, fm, hits)
	switch {
	case len(picked) > 0 && !asksPlans.MatchString(qq.text) && allNotReported(pi, picked):
		// "What did the coatings achieve?" of a paper that only plans to
		// test them: not covered, and said so with what it does say.
		r.declined = true
		r.line("The paper doesn't report that; it mentions it only as work not done or still to do:")
		r.quotes(picked[:1])
	case len(picked) > 0:
		r.quotes(picked)
		r.offerRelated(refs)
	case len(refs) > 0 && pi.hasBody():
		// The paper's whole text says nothing on it, only titles in its
		// reference list do: that is not the paper covering it.
		refs = refs[:min(len(refs), maxRelated)]
		r.declined = true
		r.line("The paper's own text doesn't cover that, so I won't guess. Related reading in its reference list (titles only, not the author's support for a claim):")
		r.refLines(refs)
		r.related = append(r.related, refs...)
	case len(refs) > 0:
		r.line("The paper's text doesn't say this directly; its reference list has these sources on it:")
		r.refLines(refs[:min(len(refs), maxRelated)])
	default:
		return false
	}
	return true
}

// bestPassages answers with the best-ranked sentences of the paper's own
// text when none holds enough of the focus: the decline model judged the
// question covered, and the retrieval ranking (which also knows synonyms
// and stems) is the best evidence left. It reports false when no
// sentence was retrieved.
func bestPassages(r *reply, qq question, hits []retrieval.Hit, exclude map[string]bool) bool {
	pi := r.pi
	var cand []scoredPassage
	for _, h := range hits {
		if h.Kind != retrieval.KindBody && h.Kind != retrieval.KindAbstract && h.Kind != retrieval.KindCaption {
			continue
		}
		i, ok := pi.byID[h.ID]
		if !ok || pi.bare[i] || exclude[oneLine(pi.passages[i].Text)] {
			continue
		}
		cand = append(cand, scoredPassage{i: i, share: minSentenceShare, score: h.Score})
	}
	if len(cand) == 0 {
		return false
	}
	if qq.ask != askAny {
		slices.SortStableFunc(cand, func(a, b scoredPassage) int {
			return cmp.Compare(typeBonus(pi, qq.ask, b), typeBonus(pi, qq.ask, a))
		})
	}
	var picked []int
	for _, c := range cand[:min(len(cand), maxQuotedSentences)] {
		picked = append(picked, c.i)
	}
	r.quotes(picked)
	return true
}

// typeBonus is 1 for a sentence holding the focus that states what the
// question's answer type asks for.
func typeBonus(pi *paperInfo, t askType, s scoredPassage) float64 {
	if s.share >= minSentenceShare && answersType(t, withoutCiteGroups(pi.passages[s.i])) {
		return 1
	}
	return 0
}

// defBonus is 2 for a sentence that spells out an abbreviation asked
// about ("level of traffic stress (LTS)"), 1 for one that reads as a
// definition.
func defBonus(pi *paperInfo, qq question, s scoredPassage) float64 {
	if s.share < minSentenceShare {
		return 0
	}
	text := pi.passages[s.i].Text
	for _, w := range qq.focus {
		if len(w) >= 2 && len(w) <= 8 && strings.Contains(text, "("+strings.ToUpper(w)+")") {
			return 2
		}
	}
	if presentsTerm(text, qq.focus) || namesTerm(text, qq.focus) {
		// "We present VESPA, software capable of …", "a version, often
		// called safe AWD, uses …".
		return 1.5
	}
	if study.IsDefinition(text) {
		if definesTerm(text, qq.focus) {
			// "The soiling ratio is defined as …": the term itself,
			// defined where the sentence opens.
			return 1.5
		}
		return 1
	}
	return 0
}

// relatedRefs are the retrieved references holding the focus (at least
// half its weight), best first.
func relatedRefs(pi *paperInfo, fm []focusMatch, hits []retrieval.Hit) []int {
	var out []int
	ranked := rankByFocus(pi, fm, hits, retrieval.KindReference)
	if len(ranked) == 0 || ranked[0].share < minRelatedShare {
		return nil
	}
	for _, s := range ranked {
		if s.share < ranked[0].share*0.75 {
			break
		}
		if n, ok := pi.citable(pi.passages[s.i].Ref); ok && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// compareAnswer answers "compare X and Y" with what the paper says on
// both together when one of its sentences holds both sides (a direct
// comparison), otherwise with what it says on each. A trailing criterion
// ("…, which needed more current") counts for both sides; a "more/less"
// criterion prefers sentences stating numbers. It reports false, adding
// nothing, when neither side is in the paper's text on its own.
func compareAnswer(r *reply, qq question, hits []retrieval.Hit, exclude map[string]bool) bool {
	pi := r.pi
	var fms [2][]focusMatch
	var crit []string
	sides := qq.compare
	for k := range sides {
		if side, c, ok := strings.Cut(sides[k], ","); ok {
			sides[k] = side
			cq := question{lang: qq.lang}
			cq.setFocus(c)
			crit = append(crit, cq.focus...)
		}
	}
	ask := qq.ask
	if ask == askAny && comparativeRe.MatchString(qq.text) {
		ask = askNumber
	}
	for k, side := range sides {
		sq := question{lang: qq.lang}
		sq.setFocus(side)
		fms[k] = pi.matchFocus(sq.focus)
	}
	var sideRef [2]int
	for k, side := range sides {
		sideRef[k], _ = sideReference(pi, side, qq.text)
	}
	if sideRef[0] != 0 && sideRef[1] != 0 && sideRef[0] != sideRef[1] {
		// Two works of the reference list compared: each side is the
		// entry itself.
		for k, side := range sides {
			r.useRef(sideRef[k])
			r.line("On " + strings.TrimSpace(side) + ": " + refLine(pi.refs[sideRef[k]]))
		}
		return true
	}
	if joint := bothSides(pi, fms, hits, exclude, ask); len(joint) > 0 {
		r.quotes(joint)
		var related []int
		for _, fm := range fms {
			related = append(related, relatedRefs(pi, fm, hits)...)
		}
		r.offerRelated(related)
		return true
	}
	// Each side on its own: its best sentence, or what the reference
	// list has on it.
	var picks [2]int
	var refs [2][]int
	anyQuote := false
	for k := range sides {
		fm := append(fms[k], pi.matchFocus(crit)...)
		sent := rankByFocus(pi, fm, hits, retrieval.KindBody, retrieval.KindCaption, retrieval.KindAbstract)
		if ask != askAny {
			slices.SortStableFunc(sent, func(a, b scoredPassage) int {
				return cmp.Compare(typeBonus(pi, ask, b), typeBonus(pi, ask, a))
			})
		}
		picks[k] = -1
		for _, s := range sent {
			if s.share >= minSentenceShare && !exclude[oneLine(pi.passages[s.i].Text)] {
				picks[k], anyQuote = s.i, true
				break
			}
		}
		refs[k] = relatedRefs(pi, fm, hits)
	}
	if !anyQuote {
		// Neither side alone is in the text: the question as a whole
		// ("flat panels vs steeper ones") may still be.
		return false
	}
	var related []int
	for k, side := range sides {
		label := "On " + strings.TrimSpace(side) + ": "
		switch {
		case picks[k] >= 0:
			r.line(label + r.quote(picks[k]))
		case len(refs[k]) > 0:
			r.line(label + "the text says nothing directly; see the references below.")
		default:
			r.line(label + "the paper says nothing.")
		}
		related = append(related, refs[k]...)
	}
	r.offerRelated(related)
	return true
}

// comparativeRe finds a comparison asking which side has more or less.
var comparativeRe = lazyre.New(`(?i)\b(more|less|fewer|higher|lower|better|worse|bigger|smaller|larger|faster|slower|most|least)\b`)

// bothSides are up to two retrieved sentences that hold at least half of
// each side's focus, best first (a sentence answering the comparison's
// answer type first).
func bothSides(pi *paperInfo, fms [2][]focusMatch, hits []retrieval.Hit, exclude map[string]bool, ask askType) []int {
	a := rankByFocus(pi, fms[0], hits, retrieval.KindBody, retrieval.KindCaption, retrieval.KindAbstract)
	b := rankByFocus(pi, fms[1], hits, retrieval.KindBody, retrieval.KindCaption, retrieval.KindAbstract)
	shareB := map[int]float64{}
	for _, s := range b {
		shareB[s.i] = s.share
	}
	var cand []scoredPassage
	for _, s := range a {
		sb := shareB[s.i]
		if s.share >= minSentenceShare && sb >= minSentenceShare && !exclude[oneLine(pi.passages[s.i].Text)] {
			cand = append(cand, scoredPassage{i: s.i, share: min(s.share, sb), score: s.score})
		}
	}
	slices.SortStableFunc(cand, func(x, y scoredPassage) int { return cmp.Compare(y.share, x.share) })
	if ask != askAny {
		slices.SortStableFunc(cand, func(x, y scoredPassage) int {
			return cmp.Compare(typeBonus(pi, ask, y), typeBonus(pi, ask, x))
		})
	}
	var out []int
	for _, c := range cand[:min(len(cand), maxQuotedSentences)] {
		out = append(out, c.i)
	}
	return out
}

// declineAnswer says the paper doesn't cover the question and, when part
// of the focus is in the paper, what it has nearby.
func declineAnswer(pi *paperInfo, qq question, fm []focusMatch, hits []retrieval.Hit) *Answer {
	r := newReply(pi)
	var missing, found []string
	for _, m := range fm {
		if m.found {
			if len(found) == 0 || found[len(found)-1] != m.fixed {
				found = append(found, m.fixed)
			}
		} else {
			missing = append(missing, m.word)
		}
	}
	note := offlineLanguageNote(qq.lang)
	if note != "" {
		r.line(note)
	}
	refs := relatedRefs(pi, fm, hits)
	switch {
	case len(missing) > 0 && len(found) > 0 && len(refs) > 0:
		parts := make([]string, 0, min(len(refs), maxRelated))
		for _, n := range refs[:min(len(refs), maxRelated)] {
			parts = append(parts, fmt.Sprintf("[%d]", n))
			r.useRef(n)
		}
		r.line(fmt.Sprintf("The paper doesn't mention %s, so I won't guess. On %s it cites %s.",
			quoteWords(missing), strings.Join(found, " "), strings.Join(parts, ", ")))
	case len(missing) > 0:
		r.line(fmt.Sprintf("The paper “%s” doesn't mention %s, so I won't guess. Try /refs with a keyword to browse the reference list, or /paper for the abstract.",
			titleOf(pi.paper), quoteWords(missing)))
	default:
		r.line(fmt.Sprintf("The paper “%s” and its references don't cover that, so I won't guess. Try /refs with a keyword to browse the reference list, or /paper for the abstract.", titleOf(pi.paper)))
	}
	r.related = append(r.related, refs...)
	a := r.answer(qq)
	a.Abstained = true
	a.Passages = nonNilHits(hits)
	return a
}

// quoteWords renders words as “a”, “b” and “c”, at most three.
func quoteWords(ws []string) string {
	ws = ws[:min(len(ws), 3)]
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = "“" + w + "”"
	}
	return joinAnd(q)
}

// quoteBudget is the most words the quoted sentences of an answer may
// hold, leaving room for the framing within MaxAnswerWords.
const quoteBudget = MaxAnswerWords - 20

// withTopLexical makes sure the paper sentence the plain lexical ranking
// puts first (highest BM25 among the retrieved sentences) is among the
// quoted ones: the focus share reorders sentences that hold the same
// focus words, and the one that also holds the question's other words
// must not be lost. It takes the place of the last pick when both are
// full, and a pick that would overrun quoteBudget is dropped. As for the
// focus picks, an abstract sentence holding less of the focus than the
// best is not added (the abstract is offered whole elsewhere).
func withTopLexical(pi *paperInfo, picked []int, sent []scoredPassage, hits []retrieval.Hit, exclude map[string]bool) []int {
	top, best := -1, 0.0
	for _, h := range hits {
		if h.Kind != retrieval.KindBody && h.Kind != retrieval.KindAbstract && h.Kind != retrieval.KindCaption {
			continue
		}
		i, ok := pi.byID[h.ID]
		if !ok || pi.bare[i] || exclude[oneLine(pi.passages[i].Text)] {
			continue
		}
		if h.Lexical > best {
			top, best = i, h.Lexical
		}
	}
	if top >= 0 && !slices.Contains(picked, top) && len(picked) < maxQuotedSentences {
		weaker := false
		for _, s := range sent {
			if s.i == top {
				weaker = pi.passages[top].Kind == retrieval.KindAbstract && s.share < sent[0].share-1e-9
			}
		}
		if !weaker {
			picked = append(picked, top)
		}
	}
	return withinBudget(pi, picked)
}

// withinBudget keeps the picks, in order, while their words fit
// quoteBudget (the first is always kept).
func withinBudget(pi *paperInfo, picked []int) []int {
	n := 0
	out := picked[:0:0]
	for _, i := range picked {
		w := len(strings.Fields(pi.passages[i].Text))
		if len(out) > 0 && n+w > quoteBudget {
			continue
		}
		n += w
		out = append(out, i)
	}
	return out
}

// countBonus is 1 for a sentence holding the focus in which a number
// stands at most three words before a found focus word: it counts what
// the question counts.
func countBonus(pi *paperInfo, fm []focusMatch, s scoredPassage) float64 {
	if s.share < minSentenceShare {
		return 0
	}
	toks := strings.Fields(citationNoiseRe.ReplaceAllString(pi.passages[s.i].Text, " "))
	for k, tok := range toks {
		w := strings.ToLower(strings.Trim(tok, ".,;:()[]“”\"'"))
		st := retrieval.Stem(w)
		for _, m := range fm {
			if !m.found || m.term != st {
				continue
			}
			for d := 1; d <= 3 && k-d >= 0; d++ {
				prev := strings.Trim(toks[k-d], ".,;:()[]“”\"'")
				if digitRe.MatchString(prev) || numberWordRe.MatchString(prev) {
					return 1
				}
			}
		}
	}
	return 0
}

// withTyped makes sure an answer to a question asking for a number, a
// time, a length of time or a frequency quotes a sentence stating one:
// when no pick does, the retrieved sentence holding most of the focus
// that states one comes first (the best pick stays second). A sentence
// with less than half the focus still names what was asked ("how long
// do they sleep on weekends?" is answered by "On free days students
// slept a mean of 9 hours 5 minutes"), and a sentence with no figure
// does not answer "how long" at all.
func withTyped(pi *paperInfo, t askType, picked []int, sent []scoredPassage, exclude map[string]bool) []int {
	if t == askAny || t == askReason {
		return picked
	}
	for _, i := range picked {
		if answersType(t, withoutCiteGroups(pi.passages[i])) {
			return picked
		}
	}
	for _, s := range sent {
		if s.share <= 0 || exclude[oneLine(pi.passages[s.i].Text)] || !answersType(t, withoutCiteGroups(pi.passages[s.i])) {
			continue
		}
		return withinBudget(pi, []int{s.i, picked[0]})
	}
	return picked
}
