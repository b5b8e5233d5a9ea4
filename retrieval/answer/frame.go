package answer

import (
	"slices"
	"strings"

	"paperbot/internal/lazyre"
	"paperbot/retrieval"
	"paperbot/retrieval/lexicon"
)

// What in a question frames it rather than naming its topic: the study
// named as the frame of an amount question, the words of a comparison,
// and the cues the intent model's readings of some meta questions need.

// studyPhraseRe finds the study itself named as the frame of a question
// ("how many hauls were in the trial", "how old were the kids in this
// study").
var studyPhraseRe = lazyre.New(`\b(?:in|of|during|from|for|across|by) (?:the|this|their|that|our|his|her) (study|trial|survey|experiment|research|paper|article|analysis|project|sample|dataset)\b`)

// dropStudyFrame drops from the focus the study named as the frame of a
// question asking for an amount, when the focus names something else
// besides ("how many hauls were in the trial"); "what went wrong in the
// trial" keeps it.
func (qq *question) dropStudyFrame(low string) {
	for _, m := range studyPhraseRe.FindAllStringSubmatch(low, -1) {
		if len(qq.focus) < 2 {
			return
		}
		i := slices.Index(qq.focus, m[1])
		if i < 0 {
			continue
		}
		if qq.ask == askNumber || qq.ask == askDuration {
			qq.focus = slices.Delete(qq.focus, i, i+1)
			qq.refreshTerms()
		}
	}
}

// refreshTerms sets the index terms of the focus after the focus changed.
func (qq *question) refreshTerms() {
	qq.terms = nil
	for _, w := range qq.focus {
		qq.terms = append(qq.terms, retrieval.Terms(w)...)
	}
}

// roleFrameRe finds a question asking for the part something plays
// rather than for the thing itself: "the role of Russia", "Russia's
// role", "what role does trade play", "the importance of education".
var roleFrameRe = lazyre.New(`\b(?:role|roles|importance|significance|relevance)\s+(?:of|for)\b|['’]s\s+(?:role|roles|importance|significance|relevance)\b|\b(?:role|roles|part)\b.*\bplay(?:s|ed|ing)?\b`)

// roleFrameWords are the words of those frames.
var roleFrameWords = wordSet(`role roles importance significance relevance part play plays played playing`)

// dropRoleFrame drops the words of a role frame from the focus when the
// focus names something besides ("Russia" of "what is the role of
// Russia"), and reports whether it did: such a question asks what the
// paper says about that thing, not for a definition.
func (qq *question) dropRoleFrame(low string) bool {
	if !roleFrameRe.MatchString(low) {
		return false
	}
	var kept []string
	for _, w := range qq.focus {
		if !roleFrameWords[w] {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 || len(kept) == len(qq.focus) {
		return false
	}
	qq.focus = kept
	qq.refreshTerms()
	return true
}

// yesNoRe opens a yes-or-no question ("did it help …", "does X work",
// "so phones are bad …?").
var yesNoRe = lazyre.New(`^\s*(?:so |and |but |ok |okay )?(?:did|does|do|was|were|is|are|can|could|will|would|has|have)\b|^\s*so \w+(?: \w+)? (?:is|are|was|were|do|does|did)\b`)

// effectVerbs ask whether something had an effect at all, or a good or
// bad one ("did it help comprehension?", "does the panel work?", "so
// phones are bad for sleep?"): in a yes-or-no question they
// frame the question, and the paper may say it with other words ("it
// did not improve comprehension").
var effectVerbs = wordSet(`help helps helped work works worked affect affects affected change changes changed matter matters
mattered boost boosts boosted hurt hurts harm harms harmed make makes made
bad harmful helpful useful effective beneficial dangerous healthy unhealthy`)

// withoutEffectFrame drops from a yes-or-no question's focus the effect
// verbs the paper does not itself use, when the focus names something it does:
// "did it help comprehension?" is asked of what the paper says about
// comprehension.
func withoutEffectFrame(qq question, fm []focusMatch) []focusMatch {
	if !yesNoRe.MatchString(strings.ToLower(qq.text)) {
		return fm
	}
	var kept []focusMatch
	found := false
	for _, m := range fm {
		if effectVerbs[m.word] && (!m.found || m.term != retrieval.Stem(m.word)) {
			// Not in the paper, or only a synonym of it is ("help" read
			// as the "assist" of "teaching assistant").
			continue
		}
		found = found || m.found
		kept = append(kept, m)
	}
	if !found || len(kept) == len(fm) {
		return fm
	}
	return kept
}

// comparisonWords are the words that carry a comparison rather than a
// topic: irregular comparatives and the words standing for the things
// compared ("the rest", "steeper ones").
var comparisonWords = wordSet(`better best worse worst more most less least fewer further farther ones rest others different difference differences differ differs similar similarity same`)

// dropComparatives drops from the focus the words that only compare: the
// comparisonWords and regular comparatives and superlatives of English
// adjectives ("higher", "steeper", "safest", "easier").
func (qq *question) dropComparatives() {
	kept := qq.focus[:0]
	for _, w := range qq.focus {
		if !comparisonWords[w] && !isComparative(w) {
			kept = append(kept, w)
		}
	}
	qq.focus = kept
	qq.refreshTerms()
	var proper []string
	for _, w := range qq.proper {
		if slices.Contains(qq.focus, w) {
			proper = append(proper, w)
		}
	}
	qq.proper = proper
}

// isComparative reports whether w is the comparative or superlative of an
// English adjective: w is not mostly a noun itself, and w less "er"/"est"
// (or "r"/"st" after e, a doubled consonant, y for i) is a word running
// English uses mostly as other than a noun.
func isComparative(w string) bool {
	if st := retrieval.Stem(w); lexicon.Frequency(st) > 0 && lexicon.NounShare(st) >= 0.5 {
		return false // a noun of its own: "computer", "interest"
	}
	var bases []string
	for _, suf := range []string{"er", "est"} {
		b, ok := strings.CutSuffix(w, suf)
		if !ok || len(b) < 2 {
			continue
		}
		bases = append(bases, b, b+"e")
		if n := len(b); n >= 3 && b[n-1] == b[n-2] {
			bases = append(bases, b[:n-1])
		}
		if strings.HasSuffix(b, "i") {
			bases = append(bases, b[:len(b)-1]+"y")
		}
	}
	for _, b := range bases {
		st := retrieval.Stem(b)
		if st != retrieval.Stem(w) && lexicon.Frequency(st) > 0 && lexicon.NounShare(st) < 0.5 {
			// (The stemmer folds a derivation such as "computer" onto its
			// base; a comparative keeps a stem of its own.)
			return true
		}
	}
	return false
}

// venueCueRe finds a word of publication in a question: the model's
// reading of one as a venue question needs one ("which cleaning plan came
// out best" asks no date).
var venueCueRe = lazyre.New(`\b(publish\w*|publication|journal|venue|conference|proceedings|publisher|doi|volume|issue|pages?|year|when|date|dated|released?|how old|how recent)\b|\b(it|this|paper|article|study) (came|come|comes) out\b`)

// studyParts are what a paper's limitations are limitations of.
var studyParts = wordSet(`study paper article research work method methods methodology approach analysis analyses design data
dataset sample sampling evidence argument arguments findings results conclusion conclusions model models author authors experiment
experiments survey trial measurement measurements this it its their`)

// namesOtherThanStudy reports whether the focus names something besides
// the study and its parts, capitalised in the question (a name: "China").
func (qq *question) namesOtherThanStudy() bool {
	for _, w := range qq.proper {
		if !studyParts[w] {
			return true
		}
	}
	return false
}

// authorsCueRe finds a question about who wrote the paper: the model's
// reading of one as such needs one ("is the author biased?" asks no name).
var authorsCueRe = lazyre.New(`\b(who|whom|whose|wrote|written|write|writers?|names?|affiliat\w*|institutions?|universit(y|ies)|credentials|background|where (are|is) (the )?authors?( from)?)\b`)
