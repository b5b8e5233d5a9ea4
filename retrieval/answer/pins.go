package answer

import (
	"context"
	"regexp"
	"slices"
	"unicode/utf8"

	"paperbot/retrieval"
	"paperbot/retrieval/lexicon"
)

// Pin is an instructor's pinned answer: the question as it was pinned and
// the answer every question meaning the same then gets.
type Pin struct {
	Question string
	Answer   string
}

// Pins lists the answers instructors pinned for a paper in the guild the
// question comes from ("" for direct messages and the CLI), newest first.
type Pins interface {
	PinnedAnswers(ctx context.Context, guildID, paperID string) ([]Pin, error)
}

// pinMatchAt is the least pinSimilarity at which a pinned answer answers a
// question. It is chosen by TestPinPairs on testdata/pins/pairs.jsonl, not
// set by hand: midway between the lowest score at which no pair labelled
// "another question" matches and the score below it (precision first: a
// wrong pin gives a student a wrong answer, a missed one only the
// ordinary answer).
const pinMatchAt = 0.53

// pinFor returns the pinned answer to q (analysed as qq): the most similar
// pin at or above pinMatchAt, the newest on a tie.
func (e *Engine) pinFor(ctx context.Context, pi *paperInfo, guildID string, qq question) (string, bool) {
	pins, err := e.opt.Pins.PinnedAnswers(ctx, guildID, pi.paper.ID)
	if err != nil {
		e.log.Warn("pinned answer lookup failed", "paper", pi.paper.ID, "err", err)
		return "", false
	}
	if len(pins) == 0 {
		return "", false
	}
	asked := readPin(pi, qq)
	best, text := 0.0, ""
	for _, p := range pins {
		if s := pinSimilarity(asked, pi.pinned(p.Question)); s >= pinMatchAt && s > best {
			best, text = s, p.Answer
		}
	}
	return text, best > 0
}

// pinQuestion is a question as the pin matcher reads it.
type pinQuestion struct {
	qq    question
	words []pinWord
}

func readPin(pi *paperInfo, qq question) pinQuestion {
	return pinQuestion{qq: qq, words: pinWords(pi, qq)}
}

// maxPinsRead bounds the pinned questions a paper keeps read (pins
// replaced or removed leave theirs behind until it is reached).
const maxPinsRead = 2000

// pinned reads a pinned question against the paper once: every question
// asked is compared with every pin.
func (pi *paperInfo) pinned(q string) pinQuestion {
	pi.pinsMu.Lock()
	pq, ok := pi.pins[q]
	pi.pinsMu.Unlock()
	if ok {
		return pq
	}
	pq = readPin(pi, analyzeIn(q, pi.words))
	pi.pinsMu.Lock()
	if pi.pins == nil || len(pi.pins) >= maxPinsRead {
		pi.pins = map[string]pinQuestion{}
	}
	pi.pins[q] = pq
	pi.pinsMu.Unlock()
	return pq
}

// pinSimilarity says how far question a asks what b asks, from 0 to 1,
// with the engine's own reading of questions (analyze). It is 0 when they
// ask for different things: another intent (a definition and a fact
// count as one), another kind of answer (a time, a number, a reason),
// another reference, a negation on one side only, or a focus word on each
// side that the other lacks (a swapped topic). Otherwise it is the Jaccard
// similarity of their focus words, where two words are the same when they
// share a stem (retrieval.Stem) or the paper's word they are read as (typo
// correction, synonyms the paper uses), are WordNet synonyms, or one is a
// misspelling of the other. Two questions with no focus words at all
// ("what are the limitations?") are the same question when their intents
// are, or, for content questions, when they are the same words.
func pinSimilarity(pa, pb pinQuestion) float64 {
	a, b := pa.qq, pb.qq
	if !sameIntent(a.intent, b.intent) || a.ask != b.ask || a.ref != b.ref || a.role != b.role || negated(a.text) != negated(b.text) {
		return 0
	}
	wa, wb := pa.words, pb.words
	if len(wa) == 0 && len(wb) == 0 {
		// A question about the paper ("what are the limitations?") is
		// its intent; a content question with no topic ("why is
		// that?") is only itself.
		if a.intent.isMeta() || slices.Equal(lowerTokens(a.text), lowerTokens(b.text)) {
			return 1
		}
		return 0
	}
	used := make([]bool, len(wb))
	same := 0
	for _, x := range wa {
		for j, y := range wb {
			if !used[j] && x.same(y) {
				used[j] = true
				same++
				break
			}
		}
	}
	onlyA, onlyB := len(wa)-same, len(wb)-same
	if onlyA > 0 && onlyB > 0 {
		// A word on each side that the other lacks is a swapped topic
		// ("fish counts" for "bird counts"): another question, however
		// much else the two share.
		return 0
	}
	// One side only adds or leaves out words ("the cooperative's hives").
	return float64(same) / float64(same+onlyA+onlyB)
}

// pinWord is one focus word of a question with the terms it is read as.
type pinWord struct {
	word  string
	terms []string // its stem, and the paper's term it was read as
}

func pinWords(pi *paperInfo, qq question) []pinWord {
	var out []pinWord
	seen := map[string]bool{}
	for _, m := range pi.matchFocus(qq.focus) {
		st := retrieval.Stem(m.word)
		if seen[st] {
			continue
		}
		seen[st] = true
		w := pinWord{word: m.word, terms: []string{st}}
		if m.found && m.term != "" && m.term != st {
			w.terms = append(w.terms, m.term)
		}
		out = append(out, w)
	}
	return out
}

// same reports whether two focus words name the same thing.
func (x pinWord) same(y pinWord) bool {
	for _, s := range x.terms {
		if slices.Contains(y.terms, s) {
			return true
		}
		for _, t := range y.terms {
			if slices.Contains(lexicon.Synonyms(s), t) || slices.Contains(lexicon.Synonyms(t), s) {
				return true
			}
		}
	}
	return misspelling(x.word, y.word)
}

// misspelling reports whether one of two words is a typo of the other:
// within one edit (two for words of eight letters or more), at least four
// letters long, and not both words of English ("open" and "oven" differ).
func misspelling(a, b string) bool {
	n := min(utf8.RuneCountInString(a), utf8.RuneCountInString(b))
	if n < 4 || isNumber(a) || isNumber(b) || (isEnglishWord(a) && isEnglishWord(b)) {
		return false
	}
	limit := 1
	if n >= 8 {
		limit = 2
	}
	return retrieval.EditDistance(a, b, limit) <= limit
}

// sameIntent reports whether two intents ask for the same kind of answer:
// a definition ("what is the role of X?") and a fact ("what role does X
// play?") are both answered from what the paper says about their focus.
func sameIntent(a, b Intent) bool {
	content := func(i Intent) bool { return i == IntentFact || i == IntentDefine }
	return a == b || content(a) && content(b)
}

// negationRe finds a negation in a question (generic English).
var negationRe = regexp.MustCompile(`(?i)\b(not|no|never|nor|without|neither)\b|n['’]t\b`)

// negated reports whether a question is negated: "what did it not
// receive?" asks the opposite of "what did it receive?".
func negated(q string) bool { return negationRe.MatchString(q) }
