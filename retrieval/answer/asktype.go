package answer

import (
	"strings"

	"paperbot/internal/lazyre"
)

// askType is the kind of answer a question wants, read from its question
// phrase: a quantity ("how many", "how long", "what percent") or a time
// ("when", "what year") or a reason ("why"). The degree word of the phrase ("long", "big") is
// framing, not the topic; the answer type prefers sentences that state a
// number or a date.
type askType int

const (
	askAny askType = iota
	askNumber
	askTime
	askReason
	askDuration  // "how long did it take"
	askFrequency // "how often"
)

// degreeWords follow "how" in a question asking for an amount: generic
// English question phrasing.
var degreeWords = wordSet(`many much long big large small often old far high low fast quickly soon frequently
tall wide heavy strong well`)

// amountWords ask for an amount wherever they stand.
var amountWords = wordSet(`percent percentage proportion share fraction number amount rate`)

var (
	reasonAskRe    = lazyre.New(`(?i)^\s*(and |but |so )?(why|how come)\b|\bwhat (is|was|were|are) the reasons?\b|\bwhat (caused|explains)\b`)
	durationAskRe  = lazyre.New(`(?i)\bhow long\b|\b(what|which) (duration|length of time|time span)\b`)
	frequencyAskRe = lazyre.New(`(?i)\bhow (often|frequently)\b`)
	timeAskRe      = lazyre.New(`(?i)^\s*when\b|\b(what|which) (year|month|date|day)\b|\bhow long ago\b`)
	numberAskRe    = lazyre.New(`(?i)\bhow (many|much|long|big|large|small|often|old|far|high|low|fast|frequently|tall|wide|heavy)\b|\b(what|which) (percent|percentage|proportion|share|fraction|number|amount|rate|size)\b`)
)

// askTypeOf reads the answer type of an English question.
func askTypeOf(q string) askType { return firstAsk(englishAsks, q) }

// askRule is a question phrase and the answer type it asks for.
type askRule struct {
	re *lazyre.Regexp
	t  askType
}

// englishAsks are the English question phrases, in the order they are
// tried.
var englishAsks = []askRule{
	{reasonAskRe, askReason}, {timeAskRe, askTime}, {durationAskRe, askDuration},
	{frequencyAskRe, askFrequency}, {numberAskRe, askNumber},
}

// firstAsk is the answer type of the first rule whose phrase q holds.
func firstAsk(rules []askRule, q string) askType {
	for _, r := range rules {
		if r.re.MatchString(q) {
			return r.t
		}
	}
	return askAny
}

// measureAskRe finds a quantity named by its measure ("mesh size of the
// panel?", "what did a cleaning cost"): a fact question naming one asks
// for a number.
var (
	measureAskRe = lazyre.New(`(?i)\b(size|length|width|height|depth|weight|cost|costs|price|temperature|speed|distance|diameter|thickness|voltage|dose|dosage|concentration|capacity|budget|salary|wage|population)\b`)
	// otherWhRe opens a question asking for something other than an
	// amount ("where do the effect size benchmarks come from").
	otherWhRe = lazyre.New(`^\s*(so |and |but )?(where|who|whom|whose|why|when)\b`)
)

// isDegreeFrame reports whether the word at position i of the lower-cased
// tokens is the degree word of a "how many/long/big ..." phrase or an
// amount word of "what percent/proportion ...".
func isDegreeFrame(toks []string, i int) bool {
	if i == 0 {
		return false
	}
	prev := toks[i-1]
	return (prev == "how" && degreeWords[toks[i]]) || ((prev == "what" || prev == "which") && amountWords[toks[i]])
}

var (
	// citationNoiseRe removes what is not a stated quantity: numbered
	// citations, author-year citations, figure and table labels, and the
	// number of an item of a list ("1. What is a city?").
	citationNoiseRe = lazyre.New(`\[[\d,\s–-]+\]|\([^()]*\b(1[89]|20)\d\d[a-z]?\)|\b(Fig(ure)?|Table|Eq|Section)\.?\s*\d+|^\s*\d{1,2}[.)]\s+\p{Lu}`)
	digitRe         = lazyre.New(`\d`)
	numberWordRe    = lazyre.New(`(?i)\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|half|quarter|twice|dozen)\b`)
	reasonRe        = lazyre.New(`(?i)\b(because|due to|owing to|as a result|since|so that|in order to|so as to|reasons?|explains?|explained|caused by|leads? to|led to|therefore|hence|thus|matches|consistent with|suggests?)\b|^\s*to [a-z]+\b`)
	durationRe      = lazyre.New(`(?i)\b(\d+([.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a few|several)[\s-]*(ms|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?|years?)\b`)
	frequencyRe     = lazyre.New(`(?i)\b(once|twice|\w+ times)\s+(a|per|each|every)\s+\w+|\b(daily|weekly|monthly|yearly|annually|every \w+)\b`)
	dateRe          = lazyre.New(`(?i)\b(1[89]|20)\d\d\b|\b(january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|autumn|fall|winter)\b`)
)

// answersType reports whether a sentence states what the answer type asks
// for: a number outside citations and labels, or a date.
func answersType(t askType, text string) bool {
	clean := citationNoiseRe.ReplaceAllString(text, " ")
	switch t {
	case askNumber:
		return digitRe.MatchString(clean) || numberWordRe.MatchString(clean)
	case askTime:
		return dateRe.MatchString(clean)
	case askReason:
		return reasonRe.MatchString(text)
	case askDuration:
		return durationRe.MatchString(clean)
	case askFrequency:
		return frequencyRe.MatchString(clean)
	}
	return false
}

// lowerTokens are the lower-cased word tokens of q.
func lowerTokens(q string) []string {
	toks := tokens(q)
	for i, t := range toks {
		toks[i] = strings.ToLower(t)
	}
	return toks
}

// Question words of the other languages the detector reads, by the answer
// type they ask for (closed word classes of each language, not topics).
var (
	foreignReasonRe = lazyre.New(`(?i)(^|[^\p{L}])(por ?qu[ée]|pourquoi|warum|weshalb|wieso|perch[ée]|porqu[eê]|waarom|почему|зачем|чому)([^\p{L}]|$)`)
	foreignTimeRe   = lazyre.New(`(?i)(^|[^\p{L}])(cu[áa]ndo|quand|wann|quando|wanneer|когда|коли)([^\p{L}]|$)|(en|in|em) qu[ée] (año|ano)|en quelle ann[ée]e|in welchem jahr|в каком году`)
	foreignNumberRe = lazyre.New(`(?i)(^|[^\p{L}])(cu[áa]nt[oa]s?|combien|wie (viele?|gro(ß|ss)|lange?|hoch|stark|oft)|quant[oiae]s?|hoeveel|сколько|скільки|насколько)([^\p{L}]|$)`)
	foreignAsks     = []askRule{{foreignReasonRe, askReason}, {foreignTimeRe, askTime}, {foreignNumberRe, askNumber}}
)

// foreignAskTypeOf reads the answer type of a question in another
// language from its question words: "¿cuántos …?" asks for a number as
// "how many" does.
func foreignAskTypeOf(q string) askType { return firstAsk(foreignAsks, q) }
