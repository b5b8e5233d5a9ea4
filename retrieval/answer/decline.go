package answer

import (
	"math"
	"slices"

	"paperbot/retrieval"
	"paperbot/retrieval/lexicon"
)

// declineFeatures are what the decline decision looks at. The weights of
// a logistic regression over them are fitted on the tuning split of the
// evaluation set (decline_coef.go, written by `go test -run TestFitDecline
// -fit .`). Refitting is a decision, not a build step, so `go generate`
// leaves this model alone: the committed weights were fitted at commit
// 38332d3 on tune.jsonl; refits since (on tune and tune2, and on all three
// tuning files) were no better leave-one-paper-out and declined fewer
// off-paper questions, and were not kept.
type declineFeatures struct {
	FoundShare    float64 // share of the focus found in the paper (typos corrected), each word weighted by its specificity
	Missing       float64 // focus words not found that are not English dictionary words (names, rare terms), capped at 3
	MissingWord   float64 // specificity summed over focus words not found that are English dictionary words (WordNet), capped at 3
	MissingCommon float64 // genericity summed over those words: everyday words ("place", "long") say little about the topic
	ProperMiss    float64 // 1 when a capitalised focus word (a name) is not in the paper
	BestCoverage  float64 // best share of the query's index terms in one retrieved passage
	FocusCover    float64 // best share of the focus (weighted by specificity and idf) held by one retrieved passage
	FocusText     float64 // the same over the paper's own text only (abstract, body, captions), not its reference list
	BestLexical   float64 // log(1 + best BM25 score) of the retrieved passages
	LexicalZ      float64 // best BM25 score against the paper's own background, in std devs
	NonEnglish    float64 // 1 when the question is not in English
	NoFocus       float64 // 1 when the question has no focus word at all
	MissingThing  float64 // noun share summed over missing dictionary words: a thing the paper lacks ("battery", "school")
	MissingHow    float64 // the rest of their tagged share: missing words that describe or relate ("huge", "pick", "earlier"), which a paraphrase easily replaces
	ThingFound    float64 // share of the focus found, each word weighted by how much it names a thing (noun share) and its idf
	ThingCover    float64 // best share of that weight one retrieved passage (reference entries included) holds: the things asked about, together in one place
	LexicalRatio  float64 // best BM25 score against the most the question's found terms could score (their idf summed)
	Peak          float64 // how far the best BM25 score stands above the mean of the next four, as a share of it
	WindowCover   float64 // best share of the things asked about within a window of three neighbouring passages (reference entries included): near each other
	SourceQ       float64 // 1 when the question asks for sources (which source, who coined): the reference list answers it
	FollowUp      float64 // 1 for a follow-up read with the previous question
}

func (f declineFeatures) vector() []float64 {
	return []float64{f.FoundShare, f.Missing, f.MissingWord, f.MissingCommon, f.ProperMiss, f.BestCoverage, f.FocusCover, f.FocusText, f.BestLexical, f.LexicalZ, f.NonEnglish, f.NoFocus, f.MissingThing, f.MissingHow, f.ThingFound, f.ThingCover, f.LexicalRatio, f.Peak, f.WindowCover, f.SourceQ, f.FollowUp}
}

// featureNames name the entries of vector, for the generated file.
var featureNames = []string{"FoundShare", "Missing", "MissingWord", "MissingCommon", "ProperMiss", "BestCoverage", "FocusCover", "FocusText", "BestLexical", "LexicalZ", "NonEnglish", "NoFocus", "MissingThing", "MissingHow", "ThingFound", "ThingCover", "LexicalRatio", "Peak", "WindowCover", "SourceQ", "FollowUp"}

// features computes the decline features of a question over its hits.
func features(pi *paperInfo, qq question, fm []focusMatch, hits []retrieval.Hit) declineFeatures {
	var f declineFeatures
	found, total := 0.0, 0.0
	for _, m := range fm {
		w := specificity(m.word)
		total += w
		if m.found {
			found += w
		}
	}
	if len(fm) == 0 {
		f.NoFocus = 1
		f.FoundShare = 0
	} else {
		f.FoundShare = found / total
	}
	for _, m := range fm {
		if m.found {
			continue
		}
		if lexicon.Known(retrieval.Stem(m.word)) && !slices.Contains(qq.proper, m.word) {
			g := genericity(m.word)
			f.MissingWord += 1 - g
			f.MissingCommon += g
			ns := thingness(m.word)
			f.MissingThing += ns
			f.MissingHow += 1 - ns
		} else {
			f.Missing++
		}
	}
	f.MissingCommon = math.Min(3, f.MissingCommon)
	f.MissingThing, f.MissingHow = math.Min(3, f.MissingThing), math.Min(3, f.MissingHow)
	f.Missing, f.MissingWord = math.Min(3, f.Missing), math.Min(3, f.MissingWord)
	for _, p := range qq.proper {
		for _, m := range fm {
			if m.word == p && !m.found {
				f.ProperMiss = 1
			}
		}
	}
	best := 0.0
	for _, h := range hits {
		f.BestCoverage = math.Max(f.BestCoverage, h.Coverage)
		best = math.Max(best, h.Lexical)
	}
	f.BestLexical = math.Log1p(best)
	f.FocusCover, f.FocusText = focusCover(pi, fm, hits)
	mu, sd := pi.background()
	f.LexicalZ = (f.BestLexical - mu) / sd
	if qq.lang != "en" {
		f.NonEnglish = 1
	}
	if qq.intent == IntentWhichSource || qq.intent == IntentCoined {
		f.SourceQ = 1
	}
	if qq.followUp {
		f.FollowUp = 1
	}
	f.ThingFound, f.ThingCover, f.WindowCover = thingCover(pi, fm, hits, qq.intent == IntentCompare)
	f.LexicalRatio, f.Peak = lexicalShape(pi, fm, hits)
	return f
}

// thingWeights weigh each focus word by how much it names a thing and by
// its idf in the paper (a missing word weighs as the paper's rarest).
func thingWeights(pi *paperInfo, fm []focusMatch) ([]float64, float64) {
	ws := make([]float64, len(fm))
	var total float64
	for j, m := range fm {
		term := m.term
		if !m.found {
			term = retrieval.Stem(m.word)
		}
		ws[j] = (0.1 + thingness(m.word)) * pi.idf(term)
		total += ws[j]
	}
	return ws, total
}

// thingCover is the share of the focus's things found in the paper, and
// the best share of them one retrieved passage holds (reference entries
// included: on an abstract-only paper the reference list holds most of
// what the paper covers), and the best share a window of three
// neighbouring passages of one kind holds: a near
// miss often has every word somewhere in the paper but never the things
// it asks about together. A comparison asks about two places, so its
// window is the best two.
func thingCover(pi *paperInfo, fm []focusMatch, hits []retrieval.Hit, compare bool) (found, best, window float64) {
	ws, total := thingWeights(pi, fm)
	if total == 0 || len(fm) > 64 {
		return 0, 0, 0
	}
	for j, m := range fm {
		if m.found {
			found += ws[j]
		}
	}
	weight := func(mask uint64) float64 {
		var s float64
		for j := range fm {
			if mask&(1<<j) != 0 {
				s += ws[j]
			}
		}
		return s
	}
	var windows []uint64
	for _, h := range hits {
		i, ok := pi.byID[h.ID]
		if !ok {
			continue
		}
		var in, near uint64
		for j, m := range fm {
			if !m.found {
				continue
			}
			if hasTerm(pi.pterms[i], m.term) {
				in |= 1 << j
				continue
			}
			for _, k := range []int{i - 1, i + 1} {
				if k >= 0 && k < len(pi.pterms) && pi.passages[k].Kind == h.Kind && hasTerm(pi.pterms[k], m.term) {
					near |= 1 << j
					break
				}
			}
		}
		best = math.Max(best, weight(in))
		windows = append(windows, in|near)
	}
	for a, wa := range windows {
		window = math.Max(window, weight(wa))
		if !compare {
			continue
		}
		for _, wb := range windows[a+1:] {
			window = math.Max(window, weight(wa|wb))
		}
	}
	return found / total, best / total, window / total
}

// lexicalShape reads the best BM25 score against the question itself: the
// share of the most its found terms could score (each term's idf times
// BM25's saturation k1+1), and how far it stands above the next hits.
func lexicalShape(pi *paperInfo, fm []focusMatch, hits []retrieval.Hit) (ratio, peak float64) {
	var most float64
	seen := map[string]bool{}
	for _, m := range fm {
		if m.found && !seen[m.term] {
			seen[m.term] = true
			most += 2.2 * pi.idf(m.term)
		}
	}
	var ls []float64
	for _, h := range hits {
		ls = append(ls, h.Lexical)
	}
	slices.Sort(ls)
	slices.Reverse(ls)
	if len(ls) == 0 || ls[0] <= 0 {
		return 0, 0
	}
	if most > 0 {
		ratio = math.Min(2, ls[0]/most)
	}
	var rest float64
	n := 0
	for _, l := range ls[1:min(len(ls), 5)] {
		rest += l
		n++
	}
	if n > 0 {
		peak = (ls[0] - rest/float64(n)) / ls[0]
	}
	return ratio, peak
}

// focusCover is the best share of the question's focus one retrieved
// passage holds, each word weighted by specificity and idf (a word the
// paper lacks weighs as its rarest), over all passages and over the
// paper's own text only.
func focusCover(pi *paperInfo, fm []focusMatch, hits []retrieval.Hit) (all, text float64) {
	var total float64
	ws := make([]float64, len(fm))
	for j, m := range fm {
		term := m.term
		if !m.found {
			term = retrieval.Stem(m.word)
		}
		ws[j] = specificity(m.word) * pi.idf(term)
		if !m.found {
			// A missing word weighs as much as it names a thing: a
			// missing "huge" or "pick" is a paraphrase more often than
			// a missing topic.
			ws[j] *= thingness(m.word)
		}
		total += ws[j]
	}
	if total == 0 {
		return 0, 0
	}
	for _, h := range hits {
		i, ok := pi.byID[h.ID]
		if !ok {
			continue
		}
		var s float64
		for j, m := range fm {
			if m.found && hasTerm(pi.pterms[i], m.term) {
				s += ws[j]
			}
		}
		s /= total
		all = math.Max(all, s)
		if h.Kind != retrieval.KindReference {
			text = math.Max(text, s)
		}
	}
	return all, text
}

// thingness is how much w names a thing rather than describing or
// relating things, in [0, 1]: its noun share in WordNet's tagged corpus,
// and 1 for a word running text never tags (a name or a topic term).
func thingness(w string) float64 {
	st := retrieval.Stem(w)
	if lexicon.Frequency(st) == 0 {
		return 1
	}
	return lexicon.NounShare(st)
}

// commonScale is the tag count in WordNet's corpus of running English at
// which a word counts as fully generic (its log is the scale of
// genericity).
const commonScale = 200

// genericity is how much of an everyday English word w is, in [0, 1]: the
// log of its frequency in running text (lexicon.Frequency) against
// commonScale. Names and topic terms are near 0; "place", "long", "back"
// near 1. It is data, not a word list: a missing generic word says little
// about whether the paper covers the question.
func genericity(w string) float64 {
	n := lexicon.Frequency(retrieval.Stem(w))
	return math.Min(1, math.Log1p(float64(n))/math.Log1p(commonScale))
}

// specificity is the weight of a focus word in the share found: generic
// words weigh less, never nothing.
func specificity(w string) float64 {
	return 1.1 - genericity(w)
}

// background is the mean and standard deviation of log(1 + BM25) of the
// paper's own passages matched against single terms of the paper: the
// scale a question's retrieval score is read against, so that one
// threshold serves a 29-passage abstract and a 600-passage paper.
func (pi *paperInfo) background() (float64, float64) {
	pi.bgOnce.Do(func() {
		// The expected BM25 of one matching term grows with its idf; the
		// typical question matches two or three terms of middling idf.
		var xs []float64
		for t, df := range pi.df {
			if df == 0 || len(t) < 3 {
				continue
			}
			xs = append(xs, math.Log1p(2*pi.idf(t)))
		}
		if len(xs) == 0 {
			pi.bgMu, pi.bgSD = 1, 1
			return
		}
		var s, s2 float64
		for _, x := range xs {
			s += x
			s2 += x * x
		}
		n := float64(len(xs))
		pi.bgMu = s / n
		pi.bgSD = math.Max(math.Sqrt(math.Max(s2/n-pi.bgMu*pi.bgMu, 0)), 0.1)
	})
	return pi.bgMu, pi.bgSD
}

// declineProb is the fitted probability that the paper does not cover the
// question.
func declineProb(f declineFeatures) float64 {
	z := declineBias
	for i, x := range f.vector() {
		if i < len(declineWeights) { // a feature added since the last fit weighs nothing
			z += declineWeights[i] * x
		}
	}
	return 1 / (1 + math.Exp(-z))
}

// modelDeclineAt is the decline threshold with a language model: only
// clearly off-paper questions are declined before the model sees the
// passages. Offline the fitted declineAt (decline_coef.go) applies.
const modelDeclineAt = 0.9
