package answer

import (
	"strconv"
	"strings"
	"unicode"

	"paperbot/internal/lazyre"
	"paperbot/retrieval"
	"paperbot/retrieval/lexicon"
)

// Intent is what a question asks for. Meta intents are answered from the
// paper's structure (abstract roles, sections, metadata), never by word
// overlap; the others are answered from retrieved passages.
type Intent string

// The intents, recognised by generic English question patterns.
const (
	IntentAbout       Intent = "about"       // gist, summary
	IntentArgument    Intent = "argument"    // main argument, thesis
	IntentFindings    Intent = "findings"    // results, findings
	IntentMethod      Intent = "method"      // method, data, approach
	IntentConclusion  Intent = "conclusion"  // conclusion
	IntentRecommend   Intent = "recommend"   // recommendations
	IntentLimitations Intent = "limitations" // limitations, weaknesses
	IntentAuthors     Intent = "authors"     // who wrote it
	IntentVenue       Intent = "venue"       // journal, date, DOI
	IntentCite        Intent = "cite"        // how to cite the paper
	IntentDefine      Intent = "define"      // what is X / define X
	IntentWhichSource Intent = "which-source"
	IntentCoined      Intent = "coined" // who coined / introduced X
	IntentCompare     Intent = "compare"
	IntentRefAbout    Intent = "ref"     // what is [27] about, why cite [12]
	IntentAim         Intent = "aim"     // aim, hypothesis, research question
	IntentFuture      Intent = "future"  // future work, next steps
	IntentFunding     Intent = "funding" // who funded it
	IntentTerms       Intent = "terms"   // key terms to know
	IntentSetting     Intent = "setting" // where, when, how long, with whom the study was done (setting.go)
	IntentPart        Intent = "part"    // a figure, table or section by its label (part.go)
	IntentFact        Intent = "fact"
)

// isMeta reports whether an intent is answered from the paper's structure.
func (i Intent) isMeta() bool {
	switch i {
	case IntentAbout, IntentArgument, IntentFindings, IntentMethod, IntentConclusion, IntentRecommend,
		IntentLimitations, IntentAuthors, IntentVenue, IntentCite, IntentRefAbout, IntentAim, IntentFuture, IntentFunding, IntentTerms, IntentSetting, IntentPart:
		return true
	}
	return false
}

// question is a question as the engine understands it.
type question struct {
	setting  setting  // the part of the study's setting asked for (IntentSetting)
	part     partAsk  // the figure, table or section asked about (IntentPart)
	frame    string   // a question in another language: the English question its words stand for (foreignFrame), or ""
	text     string   // the question as asked (cleaned)
	query    string   // the retrieval query (the question, or resolved against history)
	intent   Intent   // what is asked
	focus    []string // content words of the focus, lower case, as written
	terms    []string // index terms of the focus (retrieval.Terms)
	proper   []string // focus words written with a capital letter mid-sentence
	ref      int      // the reference number asked about ([27]), 0 if none
	compare  [2]string
	lang     string // detected language ("en", "es", ...)
	followUp bool   // resolved against the conversation
	summary  bool   // a summary was asked for (longer answer allowed)
	length   int    // sentences or lines asked for ("in one sentence"); 0 if not said
	role     bool   // the part something plays is asked for ("the role of Russia"; dropRoleFrame)
	// paperWords are the words of the paper asked about (nil: unknown):
	// they are never read as typos of question words.
	paperWords map[string]bool
	ask        askType
}

// intentPattern maps a generic question pattern to an intent; the first
// matching pattern wins, so specific patterns come first.
type intentPattern struct {
	re     *lazyre.Regexp
	intent Intent
}

var intentPatterns = []intentPattern{
	{lazyre.New(`\bhow (do|should|can|would) (i|we|you|one) (cite|reference)\b|\b(cite|citation for|reference) (this|the) (paper|article|study)\b|\b(bibtex|apa|mla|ieee|chicago) (citation|reference|format|style|entry)\b|\bcitation of (this|the) (paper|article)|^\s*(please |can you |could you )?(cite|give me (the |a )?(citation|bibtex|apa|mla|ieee)|format) \w|\b(the )?(bibtex|apa|mla|ieee) (for|of)\b`), IntentCite},
	{lazyre.New(`\bwho (wrote|authored|is the author|are the authors|did the research)\b|\bwho (is|are) (the )?(author|writer)s?\b|\b(authors?|writers?) of (this|the) (paper|article|study)\b|\bwho (conducted|carried out|published|did|ran|led) (this|the) (study|paper|research|work|experiment|trial|survey)\b|\bwho'?s? (is )?(the )?(\w+ )?(author|writer)s?\b|\b(first|lead|senior|last|corresponding) author\b|\bwhat (is|are) the authors?'?s? (name|affiliation)|\btitle\b`), IntentAuthors},
	{lazyre.New(`\b(volume|issue|page numbers|pages)\b.*\b(it|paper|article|this)\b|\bwhat'?s the (volume|issue)\b|\b(which|what) (journal|venue|conference|publisher)\b|\bwhere (was|is) (it|this|the paper|the article|the study) published\b|\bwhen was (it|this|the paper|the article|the study) (published|written|released)\b|\b(doi|publication date|year of publication)\b|\bwhat year\b.*\b(published|paper|article)\b|\bpublished (in|when)\b`), IntentVenue},
	{lazyre.New(`\b(who|what|which \w+) (funded|financed|sponsored|paid for|supported) (it|this|the (study|paper|research|work|project))\b|\bfunding\b|\bfunders?\b|\b(grants?|sponsors?) (for|of|behind) (this|the|it)\b`), IntentFunding},
	{lazyre.New(`\bwhen (did|was|were) (it|this|the paper|the article|the study|the research) (come out|came out|appear|appeared|released|written|published|out)\b|\bwhat year (was|did) (it|this|the paper|the article)\b|\bwhen (did|do) (the )?(authors?|they|researchers?) (publish|release|write)\b|\bhow (old|recent) is (it|this|the paper|the article|the study)\b`), IntentVenue},
	{lazyre.New(`\bfuture (work|research|studies|versions?|releases?|directions?|plans?|development|updates?)\b|\bnext steps?\b|\bwhat('s| is| are) (planned|next)\b|\bwhat (do|does|will) (the authors?|they|it) plan\b|\bplanned for\b|\bwhat (do|does|did|would) (the authors?|they|the researchers?) (want|plan|hope|intend) to (do|study|look at|research|investigate|test|try) next\b|\bwhat (further|more|other) (research|work|studies) (do|does|did|would) (the authors?|they|the paper|it) (want|call for|suggest|propose|recommend)\b`), IntentFuture},
	{lazyre.New(`\b(limitation|weakness|shortcoming|drawback|caveat)s?\b|\bweak(est)? (points?|spots?|sides?|parts?|links?)( (of|in) (the|this|their|its) (argument|paper|study|article|analysis|research))?\b|\bwhat (are|is) (missing|left out)\b|\b(criticis|criticiz|critique)\w*\b[^?]*\b(study|paper|article|research|it|this|method|methods)\b|\b(flaws?|problems?) (with|in|of) (the|this|their) (study|paper|article|research|method|methods|design)\b`), IntentLimitations},
	{lazyre.New(`\b(recommend|recommendation|suggestion|advice|policy implication)s?\b|\bwhat (should|must) .* do\b|\bwhat does (the author|the paper|it) (suggest|propose|advise)\b`), IntentRecommend},
	{lazyre.New(`\b(method|methods|methodology|methodological|approach|research design|data sources?)\b.*\b(use|used|uses|author|paper|study|take|taken|follow|employ)|\bhow (was|is|did) (the )?(study|research|paper|analysis|author|authors|it) (done|conducted|carried out|do|research|go about)|\bwhat (data|method|methods|methodology|approach) (did|does|was|were)\b|\bwhat (kind|type|sort) of (study|research|analysis|paper|article|trial|experiment|design|evidence)\b|\bhow did (the )?(author|authors|they|researchers?) (study|research|investigate|analy[sz]e)\b|\bhow did (the )?(authors?|they|researchers?) (do|run|conduct|carry out|set up|design) (the|this|their) (study|research|experiment|trial|survey|analysis)\b|\bhow (was|were) (the|this) (experiment|study|trial|survey)s? (set up|designed|run|done|conducted)\b|\bwhat (evidence|data) (do|does|did) (they|the authors?|the paper|the study|it|this paper|this study) (give|use|present|provide|offer|rely on|draw on|have)\s*[?.!]*$|\bwhat (is|was|are|were) (the|their|its|this (paper|study|article)'s|the (paper|study|article|authors?)'s|the authors') ((main|basic|overall|general|research|study|experimental) )?(method|methods|methodology|approach|research design|study design|design)( (of|in|behind) (this|the) (paper|study|article|research))?( \w+ly)?\s*[?.!]*$`), IntentMethod},
	{lazyre.New(`\b(main|key|major|central|principal|most important) (finding|result|outcome|takeaway|insight)s?\b|\bwhat (did|does|do) (the )?(paper|study|author|authors|research|it|they|we|researchers) (find|found|show|discover|reveal)\b|^(what|which) (are|were|is|was) (the )?(main |key |major )?(findings|results|outcomes?)\b|\bfindings\b|\bresults of (the|this) (study|paper|research|analysis)\b|\b(explain|describe|summari[sz]e|tell me about|go over) (the|their|its) (main |key )?results\b|\btake-?aways?\b|\b(key|main|important) (numbers|figures|statistics)\b|\bresults in numbers\b`), IntentFindings},
	{lazyre.New(`\b(conclusion|conclude|concluding|final verdict|bottom line)s?\b|\bwhy (does|do|is|are) (this|the|these) (study|paper|research|article|work|findings|results)( \w+)? (matter|important|significant|relevant)\b|\bwhat is the (significance|importance|relevance) of (this|the) (study|paper|research|article|work|findings)\b|\bso what\s*[?.!]*$`), IntentConclusion},
	{lazyre.New(`\b(main|central|core|key|overall) (argument|claim|point|thesis|idea|message|contribution)\b|\bwhat (is|does) (the paper|the author|it|this paper)('s)? (argue|arguing|claim|claiming|contend)\b|\bthesis\b`), IntentArgument},
	{lazyre.New(`\b(hypothes[ie]s|research questions?)\b|\bwhat (is|was|were) (the|its|their) (aims?|goals?|purpose|objectives?)\b|\b(aims?|goals?|purpose|objectives?) of (this|the) (paper|article|study|research)\b|\bwhat (did|do|does) (they|the authors?|the study|the paper|it) (want|set out|try|aim) to\b|\bwhat questions? (does|did) (it|the paper|the study|they)\b|\bwhat questions? (were|was|are|is) (they|the authors?|the researchers?|the study|the paper) (trying|try|wanting|hoping|setting out|aiming) to answer\b|\bwhat (problem|problems|gap|gaps|issue|issues|question|questions)( in (the )?(literature|research|field))? (does|did|do) (it|this|the|this paper|the paper|this study|the study|the authors?|they|this research|the research)( \w+)? (address|addresses|fill|fills|tackle|tackles|solve|solves|try to (address|fill|tackle|solve|answer)|answer)\b`), IntentAim},
	{lazyre.New(`\b(summar(y|ise|ize)|tl;?dr|gist|overview|abstract|synopsis|eli5)\b|^\s*explain (it |this |this paper |the paper )?(like|as if) (i'?m|i am) (five|5|a (kid|child))\b|\bwhat('s| is) (this|the) (paper|article|study|text|reading)( all)? about\b|\bwhat (is|was) (it|this) about\b|\bwhat (this|the) (paper|article|study|text|reading) (is|was) (all )?(about|talking about|saying)\b|\bwhat (this|the) (paper|article|study) (says|discusses|covers|argues)\b|\bwhat (does|did) (this|the) (paper|article|study) (cover|discuss|deal with|talk about|look at|examine|investigate)\s*\??$|\bexplain (this|the) (paper|article|study)\b|\b(topic|subject|purpose|aim|goal|objective|research question)s? of (this|the) (paper|article|study)\b|\b(hypothes[ie]s|research questions?)\b|\bwhat questions does\b|\bwhat (is|was) (the|its) (aim|goal|purpose|objective)\b`), IntentAbout},
	{lazyre.New(`\b(key|main|important|technical|core|basic) (terms|concepts|vocabulary|jargon)( (of|in|from|used in) (this|the) (paper|study|article|reading))?( (i|we) (should|need to|must) (know|learn|understand))?\s*[?.!]*$|\bglossary\b|\bjargon\b|\bterms (i|we) (should|need to|must) (know|learn)\b`), IntentTerms},
	{lazyre.New(`\bwho (first )?(coined|introduced|came up with|invented|developed|proposed|originated|created|defined|made|built|designed)\b|\b(coined|originated|introduced) (the )?(term|concept|idea|notion)\b|\bwhere does the (term|concept|idea|notion) .* come from\b|\borigin of (the )?(term|concept|idea|notion)\b`), IntentCoined},
	{lazyre.New(`\b(compare|comparison|contrast|differ|difference|differences|similarit(y|ies)|versus|vs\.?)\b|\b(different|differs?) (from|to|than)\b`), IntentCompare},
	{lazyre.New(`\b(which|what) (are|were) (the|its|their) (main |key |most important |major )?(sources|references|works cited)\b|\bhow many (references|sources|citations|works)\b|\b(which|what) (\w+ )?(sources?|refs?|references?|works?|articles?|citations?|papers?|studies|books?|authors?|publications?)\b|\b(sources?|refs?|references?) (on|about|for|that|discussing|covering|dealing)\b|\bwhat (do|does|did) (they|the authors?|the paper|it) cite (for|on|about|when)\b|\bwhere (can|could|should) i (read|find|learn) more\b|\bwho (writes|wrote|has written) (about|on)\b|\bwhat does the paper cite (on|about|for)\b`), IntentWhichSource},
	{lazyre.New(`^(what|who) (is|are|was|were) (a |an |the )?[^?]{1,60}\??$|^(define|definition of|meaning of|what does .* mean|what is meant by)\b|\b(what )?(does|do|is|are) .{1,40} stand(s)? for\b|\bstand(s)? for\??$|\bwhat does the (term|word|phrase) .* mean\b`), IntentDefine},
}

// fillerRe finds English filler phrases of spoken questions.
var fillerRe = lazyre.New(`(?i)\b(in the first place|at all|in (numbers|figures)|in general|by the way|in particular|for instance|of course|in short|in brief|in a nutshell|more or less|kind of|sort of|in (simple|plain|simpler|easy|everyday) (terms|words|english|language)|in lay(man|person)'?s terms|simply put|like (i'?m|i am) (five|5)|in (one|a|two|three|four|five|a few|\d{1,2}) (short )?(sentences?|lines?|words|paragraphs?|bullet points|points)|(as |in )?bullet[- ]?points?|bullets|bulleted( list)?|for (a |an )?(\d{1,2}|five|ten|twelve)[- ]years?[- ]old|for (a |my )?(kid|child|beginner|layman|layperson|newbie|notes))\b`)

// answerSizeRe finds the size of a summary asked for in front of it ("a
// 3 sentence summary", "two-line overview"): only the summary names what
// is asked.
var answerSizeRe = lazyre.New(`(?i)\b(?:one|two|three|four|five|\d{1,2})[- ](?:sentence|line|paragraph|word|point)s?[- ](summary|overview|answer|version|explanation|description|rundown|recap)\b`)

// contractionRe and areContractionRe find a question word contracted with
// "is" or "are" ("what's", "whats", "who're"), spelt out before the
// patterns are matched.
var (
	contractionRe    = lazyre.New(`(?i)\b(what|who|where|how|when|why)(?:['’]s|s)\b`)
	areContractionRe = lazyre.New(`(?i)\b(what|who|where|how|when|why)['’]re\b`)
)

// expandContractions spells out "what's" as "what is" and "who're" as
// "who are", for the patterns and the intent model alike.
func expandContractions(q string) string {
	q = contractionRe.ReplaceAllString(q, "$1 is")
	return areContractionRe.ReplaceAllString(q, "$1 are")
}

// lengthRe finds the length a question asks its answer to have: "in one
// sentence", "in 2 lines".
var lengthRe = lazyre.New(`\bin (one|a|two|three|four|five|[1-9]) (short )?(sentences?|lines?)\b`)

// askedLength is the number of sentences or lines a question asks for; 0
// when it asks for none.
func askedLength(low string) int {
	m := lengthRe.FindStringSubmatch(low)
	if m == nil {
		return 0
	}
	if n, err := strconv.Atoi(m[1]); err == nil {
		return n
	}
	return map[string]int{"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5}[m[1]]
}

// questionPatterns are the expressions every question is read with
// (analyzeKnowing): about five milliseconds of compiling in a new
// process, which each new engine starts on another goroutine
// (lazyre.Warm) so that it runs while the first paper is read and a
// one-shot "paperbot ask" waits less for its answer.
func questionPatterns() []*lazyre.Regexp {
	rs := []*lazyre.Regexp{fillerRe, answerSizeRe, contractionRe, areContractionRe, lengthRe, summaryWordRe, standForRe, refAskRe, sideTailRe, compareRe, measureAskRe, otherWhRe, authorsCueRe, venueCueRe}
	for _, p := range intentPatterns {
		rs = append(rs, p.re)
	}
	return rs
}

// summaryWordRe marks an about-question that asks for a summary.
var summaryWordRe = lazyre.New(`\bsummar`)

// standForRe is the "stand for" of a question about an abbreviation.
var standForRe = lazyre.New(`(?i)\bstands? for\b`)

// refAskRe finds a reference number asked about: "[27]", "reference 27", "source 12".
var refAskRe = lazyre.New(`\[(\d{1,4})\]|\b(?:ref|reference|source|citation|entry|item|number|no\.?)\s*#?\s*(\d{1,4})\b`)

// sideTailRe is a comparison word closing the first side of "how is X
// different from Y".
var sideTailRe = lazyre.New(`\s+(different|differs?|differently|similar|alike)$`)

// compareRe splits "compare X and Y", "difference between X and Y", "X vs Y".
var compareRe = lazyre.New(`(?:compare|contrast|between|differ(?:ence)?s? (?:between|of)?|how (?:do|does|did|is|are|was|were))\s+(.+?)\s+(?:and|with|to|versus|vs\.?|or|from|than)\s+(.+?)(?:\s+(?:differ|compare|relate|contrast|in the paper|in this paper)\b.*)?[?.!]*$|^(.+?)\s+(?:versus|vs\.?)\s+(.+?)[?.!]*$`)

// frameWords frame a question without naming its topic: English question
// words, words about papers, citing and explaining. They are never focus
// terms.
var frameWords = wordSet(`
a about according actually again all also am an and any anything are as at author authors be been being
briefly but by can cite cited cites citing claim claims come comes compare concept could define
defined definition describe described describes detail details did discuss discussed discusses discussion do does
done doing else example examples explain explained explains first for from give good has have how i idea in
info information introduce introduced is it its kind know let list main me mean meaning means mention mentioned mentions
more most much my name named names notion of on or origin originally paper papers please point points put really reference
referenced references related say says said show shows simple so some source sources study talk talks tell term terms than
that the their them there these they thing things think this those to topic understand up us use used uses using was we
were what whats when where which who whom whose why will with word words work works would write wrote you your coined
meant basically exactly roughly simply
pls plz thx thanks ty lol idk tbh btw ur
came invented developed proposed created made built designed versus vs difference differences between contrast similar similarity similarities
article articles text reading literature book books journal write writes written discusses covering cover covers dealing deal
deals look looks find found say stated state states argue argues argument arguments
summarize summarise summary overview gist hypothesis hypotheses aim aims purpose goal goals objective objectives question questions
try trying answer title volume issue pages findings finding results result method methods methodology conclusion conclusions
limitation limitations recommendation recommendations main key happen happens happened occur occurs occurred
ref refs specifically particularly exactly precisely
`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// analyze reads a cleaned question: its intent, focus words, a reference
// number asked about, the two sides of a comparison, and its language.
// The intent comes from the patterns and the learned model, combined as
// fitted (intentMode, intentMinProb).
func analyze(q string) question {
	return analyzeWith(q, learnedIntent, intentMode, intentMinProb)
}

// analyzeIn is analyze for a question asked of a paper whose words are
// paperWords: a word the paper itself uses is never taken for a misspelt
// question word ("awd" of a paper on AWD irrigation is not "and").
func analyzeIn(q string, paperWords map[string]bool) question {
	return analyzeKnowing(q, learnedIntent, intentMode, intentMinProb, paperWords)
}

// analyzeWith is analyze with the model and its combination given.
func analyzeWith(q string, m *intentModel, mode string, minProb float64) question {
	return analyzeKnowing(q, m, mode, minProb, nil)
}

// analyzeKnowing is analyzeWith for a paper whose words are paperWords
// (nil: none known).
func analyzeKnowing(q string, m *intentModel, mode string, minProb float64, paperWords map[string]bool) question {
	qq := question{text: q, query: q, lang: detectLanguage(q), paperWords: paperWords}
	if qq.lang == "en" {
		q = fixCueTypos(q, paperWords)
	} else if f := foreignFrame(q); f != "" {
		// Offline, a question in another language reaches the structural
		// answer its question word asks for.
		q, qq.frame = f, f
	}
	low := strings.ToLower(strings.NewReplacer("’", "'", "‘", "'").Replace(q))
	// "what's", "whats", "what're": the patterns read the full forms.
	low = expandContractions(low)
	qq.intent = IntentFact
	var frame map[string]bool // the words of the matched question phrase
	for _, p := range intentPatterns {
		if locs := p.re.FindAllStringIndex(low, -1); locs != nil {
			qq.intent = p.intent
			if qq.intent.isMeta() {
				frame = map[string]bool{}
				for _, loc := range locs {
					for _, w := range tokens(low[loc[0]:loc[1]]) {
						frame[w] = true
					}
				}
			}
			break
		}
	}
	if qq.lang == "en" && mode != modePatterns {
		mi, p := m.predict(q)
		if in, ok := combineIntent(mode, minProb, qq.intent, mi, p); ok && in != qq.intent && (in != IntentVenue || venueCueRe.MatchString(low)) && (in != IntentAuthors || authorsCueRe.MatchString(low)) {
			// The words that speak for the model's intent are its
			// frame, as a pattern's are.
			qq.intent, frame = in, m.frame(q, in)
		}
	}
	if m := refAskRe.FindStringSubmatch(low); m != nil {
		n, _ := strconv.Atoi(m[1] + m[2])
		if n > 0 {
			qq.ref = n
			if qq.intent != IntentCite {
				qq.intent = IntentRefAbout
			}
		}
	}
	if qq.intent == IntentCompare {
		if m := compareRe.FindStringSubmatch(low); m != nil {
			a, b := m[1]+m[3], m[2]+m[4]
			// "how is X different from Y": the comparison word is not
			// part of the side.
			a = sideTailRe.ReplaceAllString(strings.TrimSpace(a), "")
			qq.compare = [2]string{strings.TrimSpace(a), strings.TrimSpace(b)}
		}
		if qq.compare[0] == "" || qq.compare[1] == "" {
			qq.intent = IntentFact
		}
	}
	if qq.lang == "en" {
		qq.ask = askTypeOf(low)
		if qq.ask == askAny && qq.intent == IntentFact && measureAskRe.MatchString(low) && !otherWhRe.MatchString(low) {
			qq.ask = askNumber
		}
	} else {
		qq.ask = foreignAskTypeOf(low)
	}
	qq.summary = qq.intent == IntentAbout && summaryWordRe.MatchString(low)
	qq.length = askedLength(low)
	// English filler phrases ("in the first place", "by the way") name
	// no topic.
	q = fillerRe.ReplaceAllString(answerSizeRe.ReplaceAllString(q, "$1"), " ")
	if qq.intent == IntentDefine {
		// "What does LTS stand for?": "stand for" asks for a definition.
		q = standForRe.ReplaceAllString(q, " ")
	}
	qq.setFocus(q)
	if frame != nil {
		// The words of the question phrase ("research question", "come
		// out") are framing, not a topic.
		kept := qq.focus[:0]
		for _, w := range qq.focus {
			if !frame[w] {
				kept = append(kept, w)
			}
		}
		qq.focus = kept
		var proper []string
		for _, w := range qq.proper {
			if !frame[w] {
				proper = append(proper, w)
			}
		}
		qq.proper = proper
		qq.refreshTerms()
	}
	qq.dropStudyFrame(low)
	if qq.role = qq.dropRoleFrame(low); qq.role && qq.intent == IntentDefine {
		// "What is the role of Russia?" asks what the paper says of
		// Russia's part, not what Russia is.
		qq.intent = IntentFact
	}
	if qq.intent == IntentCompare {
		// "safe vs severe, which is better?": the comparison's own words
		// ("better", "higher", "steeper ones") name no topic.
		qq.dropComparatives()
	}
	if qq.intent == IntentDefine && len(qq.focus) == 0 {
		qq.intent = IntentFact
	}
	if qq.intent == IntentAbout || qq.intent == IntentFindings || qq.intent == IntentFuture {
		// "A quick summary", "the main findings in short": words that
		// only describe the answer rather than naming a topic leave the
		// question about the paper.
		qq.dropDescribing()
	}
	if qq.intent == IntentLimitations && qq.namesOtherThanStudy() {
		// "What are the challenges China faces?": the limits of a topic
		// the paper discusses, not of the paper.
		qq.intent = IntentFact
	}
	if (qq.intent == IntentAbout || qq.intent == IntentFindings || qq.intent == IntentFuture) && len(qq.focus) > 0 {
		// "Give me an overview of X", "what did they find about X": a
		// question about X, answered (or declined) by what the paper
		// says on X.
		qq.intent = IntentFact
	}
	return qq
}

// dropDescribing clears the focus when every word of it describes
// rather than names a thing: English words tagged mostly with other
// senses than nouns in WordNet's corpus of running text
// (lexicon.NounShare below one half). A focus naming anything (a noun,
// or a name or term running text never tags) is kept whole.
func (qq *question) dropDescribing() {
	for _, w := range qq.focus {
		st := retrieval.Stem(w)
		if lexicon.Frequency(st) == 0 || lexicon.NounShare(st) >= 0.5 {
			return
		}
	}
	qq.focus, qq.terms, qq.proper = nil, nil, nil
}

// setFocus extracts the focus words of the question: content words that
// are neither stop words nor question framing.
func (qq *question) setFocus(q string) {
	qq.focus, qq.terms, qq.proper = nil, nil, nil
	seen := map[string]bool{}
	first := true
	low := lowerTokens(q)
	for i, tok := range tokens(q) {
		w := low[i]
		isFirst := first
		first = false
		if len([]rune(w)) < 2 || retrieval.IsStopWord(w) || retrieval.IsStopForm(w) || frameWords[w] || isNumber(w) || isDegreeFrame(low, i) {
			continue
		}
		if qq.lang != "en" && retrieval.IsForeignStopWord(qq.lang, w) {
			// "die", "de", "en": the question's own function words.
			continue
		}
		if qq.lang == "en" && !isAcronym(tok) && !qq.paperWords[w] && typoOfFrame(w) {
			continue
		}
		if seen[w] {
			continue
		}
		seen[w] = true
		qq.focus = append(qq.focus, w)
		qq.terms = append(qq.terms, retrieval.Terms(w)...)
		if r := []rune(tok); !isFirst && unicode.IsUpper(r[0]) {
			qq.proper = append(qq.proper, w)
		}
	}
}

// paperNounList names the paper itself; paperNouns is it as a set, and
// thePaperRe (followup.go) reads it after a determiner.
const paperNounList = "paper article study text reading"

var paperNouns = wordSet(paperNounList)

// asksAboutPaperOnly reports whether an English content question names the
// paper and nothing else: no focus word, no reference, no comparison.
func (qq *question) asksAboutPaperOnly() bool {
	if qq.lang != "en" || qq.intent != IntentFact || len(qq.focus) > 0 || qq.ref > 0 {
		return false
	}
	for _, w := range lowerTokens(qq.text) {
		if paperNouns[w] {
			return true
		}
	}
	return false
}

// isAcronym reports whether a token is written in capitals ("LTS",
// "EMG"): an abbreviation, never a misspelt word.
func isAcronym(tok string) bool {
	n := 0
	for _, r := range tok {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}

// isEnglishWord reports whether w is a word WordNet lists ("cities",
// "sort", "bring"): such a word is read as written, never as a misspelling
// of another.
func isEnglishWord(w string) bool {
	return lexicon.Known(retrieval.Stem(w))
}

// tokens splits text into words (letters, digits, apostrophes inside words
// are split off as the index does).
func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// misspeltQuestionWords are the commonest function words of English questions,
// the words a hurried student misspells most.
var misspeltQuestionWords = []string{"the", "what", "which", "does", "about", "this", "that", "there", "their", "where", "when", "with", "how", "who", "why", "many", "much"}

// typoOfFrame reports whether w is one edit away from a frame or stop word
// ("waht", "teh"), so it is not taken for a topic.
func typoOfFrame(w string) bool {
	if len(w) == 2 {
		// "hw", "wy": a three-letter question word with a letter left
		// out. Other two-letter words may be topics ("ai", "uk").
		for _, f := range misspeltQuestionWords {
			if len(f) == 3 && f[0] == w[0] && editDistance1(w, f) {
				return true
			}
		}
		return false
	}
	if len(w) < 3 {
		return false
	}
	if isEnglishWord(w) {
		// A word running English never uses that is a question word
		// with a letter left out ("wat") is that word misspelt.
		if lexicon.Frequency(retrieval.Stem(w)) > 0 {
			return false
		}
		for _, f := range misspeltQuestionWords {
			if len(f) == len(w)+1 && editDistance1(w, f) {
				return true
			}
		}
		return false
	}
	if len(w) > 6 {
		// A long word is a frame word misspelt ("invnted") only one edit
		// from a long frame word.
		for f := range frameWords {
			if len(f) > 6 && editDistance1(w, f) {
				return true
			}
		}
		return false
	}
	for f := range frameWords {
		if len(f) >= 3 && editDistance1(w, f) {
			return true
		}
	}
	for _, f := range misspeltQuestionWords {
		if editDistance1(w, f) {
			return true
		}
	}
	return false
}
