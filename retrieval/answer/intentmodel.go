package answer

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"paperbot/retrieval"
)

//go:generate go test -run TestFitIntent -fitintent -count=1 .

// The learned side of question understanding: a multinomial logistic
// regression over the words of the question, read with the one text
// analyser (retrieval.Words, retrieval.Stem). It recognises paraphrases of
// meta questions that the patterns of intent.go miss ("who's behind this
// paper", "where did this come out"). Its weights (intent_coef.go) are
// fitted on testdata/intent/train.jsonl by `go generate` (or `go test
// -run TestFitIntent -fitintent .`); how it combines with the patterns
// (intentMode, intentMinProb) was chosen there by cross-validation. As for
// a pattern's intent, an about, findings or future question that names a
// topic is answered as a content question (analyzeWith).

// intentLabels are the classes of the model, in the order of its weights.
// IntentFact stands for an ordinary question about the paper's content.
var intentLabels = []Intent{
	IntentAbout, IntentArgument, IntentFindings, IntentMethod, IntentConclusion, IntentRecommend,
	IntentLimitations, IntentAuthors, IntentVenue, IntentCite, IntentAim, IntentFuture, IntentFunding,
	IntentRefAbout, IntentDefine, IntentWhichSource, IntentCoined, IntentCompare, IntentFact,
}

// How the patterns and the model combine.
const (
	modePatterns   = "patterns" // the patterns alone
	modeModel      = "model"    // the model alone
	modeFallback   = "fallback" // the model when no pattern matches
	modeWeak       = "weak"     // the model when no pattern, or only the open "what is X" pattern, matches
	modeOverride   = "override" // the model whenever it is sure enough
	metaOnly       = "-meta"    // suffix: the model only ever gives meta intents
	questionWordsQ = "what who whom whose when where why how which is are was were do does did can could should would"
)

var questionWords = wordSet(questionWordsQ)

// paperWords refer to the paper or its authors rather than to a topic.
var paperWords = wordSet("paper article study research author authors researchers writer writers they them it this text reading work")

// howQuantity are the words after "how" that ask for an amount.
var howQuantity = wordSet("many much long often old big large far")

// intentFeatures are the features of a lower-cased question: stems of its
// words and of adjacent pairs, its first two words, its question word,
// whether it refers to the paper, names something with a capital, or is
// short.
func intentFeatures(q string) []string {
	q = expandContractions(q)
	ws := retrieval.Words(q)
	st := make([]string, len(ws))
	for i, w := range ws {
		st[i] = retrieval.Stem(w)
	}
	fs := make([]string, 0, 2*len(st)+6)
	for i, s := range st {
		fs = append(fs, "u:"+s)
		if i+1 < len(st) {
			fs = append(fs, "b:"+s+"_"+st[i+1])
		}
	}
	switch {
	case len(st) >= 2:
		fs = append(fs, "f:"+st[0]+"_"+st[1])
	case len(st) == 1:
		fs = append(fs, "f:"+st[0])
	}
	for i, w := range ws {
		if questionWords[w] {
			qw := "q:" + w
			if w == "how" && i+1 < len(ws) && howQuantity[ws[i+1]] {
				qw += "_" + ws[i+1]
			}
			fs = append(fs, qw)
			break
		}
	}
	for _, w := range ws {
		if paperWords[w] {
			fs = append(fs, "p:paper")
			break
		}
	}
	if hasNameWord(q) {
		fs = append(fs, "p:name")
	}
	if len(ws) <= 3 {
		fs = append(fs, "p:short")
	}
	return fs
}

// hasNameWord reports whether a word after the first is written with a
// capital letter (a name, an acronym): the question names a topic.
func hasNameWord(q string) bool {
	for i, f := range strings.Fields(q) {
		if r := []rune(f); i > 0 && unicode.IsUpper(r[0]) && f != "I" {
			return true
		}
	}
	return false
}

// intentModel is a fitted multinomial logistic regression: a bias and a
// weight per feature for each of intentLabels.
type intentModel struct {
	bias    []float64
	weights map[string][]float64
}

// predict returns the most probable intent of a question (as written, not
// lower-cased: capitals are a feature) and its probability.
func (m *intentModel) predict(q string) (Intent, float64) {
	z := append([]float64(nil), m.bias...)
	for _, f := range intentFeatures(q) {
		if w, ok := m.weights[f]; ok {
			for k := range z {
				z[k] += w[k]
			}
		}
	}
	best, sum := 0, 0.0
	for k := range z {
		if z[k] > z[best] {
			best = k
		}
	}
	for k := range z {
		sum += math.Exp(z[k] - z[best])
	}
	return intentLabels[best], 1 / sum
}

// learnedIntent is the fitted model of intent_coef.go.
var learnedIntent = &intentModel{bias: intentBias, weights: intentWeights}

// combineIntent decides the intent from the patterns' answer (pattern,
// IntentFact when none matched) and the model's, as mode says. It reports
// whether the model decided.
func combineIntent(mode string, minProb float64, pattern Intent, model Intent, p float64) (Intent, bool) {
	if model == IntentRefAbout {
		// A question about one reference is recognised by its number
		// (refAskRe), not by its words.
		return pattern, false
	}
	if m, ok := strings.CutSuffix(mode, metaOnly); ok {
		if !model.isMeta() {
			return pattern, false
		}
		mode = m
	}
	switch mode {
	case modeModel:
		return model, true
	case modeFallback:
		if pattern == IntentFact && p >= minProb {
			return model, true
		}
	case modeWeak:
		if (pattern == IntentFact || pattern == IntentDefine) && p >= minProb {
			return model, true
		}
	case modeOverride:
		if p >= minProb {
			return model, true
		}
	}
	return pattern, false
}

// frame returns the lower-cased words of q whose own weight speaks for
// intent in: the model's question phrase ("takeaway" for findings), which
// names no topic.
func (m *intentModel) frame(q string, in Intent) map[string]bool {
	k := slices.Index(intentLabels, in)
	fr := map[string]bool{}
	for _, w := range retrieval.Words(expandContractions(q)) {
		if ws, ok := m.weights["u:"+retrieval.Stem(w)]; ok && ws[k] > 0 {
			fr[w] = true
		}
	}
	return fr
}
