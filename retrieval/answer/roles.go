package answer

import (
	"strings"
	"unicode"

	"paperbot/internal/lazyre"
)

// Role is the rhetorical role of an abstract or body sentence, read from
// generic cue phrases of academic English (never from a paper's topic).
type Role string

// The sentence roles.
const (
	RoleBackground     Role = "background"
	RoleAim            Role = "aim"
	RoleMethod         Role = "method"
	RoleResult         Role = "result"
	RoleConclusion     Role = "conclusion"
	RoleRecommendation Role = "recommendation"
	RoleLimitation     Role = "limitation"
)

// roleCues are tried in order; the first match gives the role. They
// match lower-cased text: case-folding ((?i)) made them several times
// slower to compile and to run.
var roleCues = []struct {
	role Role
	re   *lazyre.Regexp
}{
	{RoleLimitation, lazyre.New(`\b(limitations?|shortcomings?|caveats?|is limited to|are limited to|was limited to|were limited to|future (work|research|studies) (should|could|is|are)|further research is needed|beyond the scope)\b`)},
	{RoleAim, lazyre.New(`\b(this|the present|our|the current) (study|paper|article|research|work|review|chapter) ((therefore|thus|also|here|then) )?(aims?|seeks?|examines?|investigates?|explores?|analy[sz]es|assesses|addresses|focuses|discusses|considers|asks|asked|argues|proposes|presents|describes|reports)\b|\bis (examined|investigated|explored|analy[sz]ed|studied|discussed|assessed) in this (study|paper|article)\b|\b(the )?(aim|purpose|goal|objective) of (this|the) (study|paper|article|research)\b|\bwe (examine|investigate|explore|ask|study|address|propose|present|introduce|describe|report)\b|\bin this (paper|article|study),? (we|i)\b|\b(is|was) based on the hypothesis\b|\bwe (hypothesi[sz]ed?|predicted|expected) that\b|\b(our|the) (main )?(hypothesis|research questions?) (is|was|were|are)\b|\b(this|the|the present|our|the current) (study|paper|article|research|work|review|project|trial|survey|experiment) (has|had) ((one|two|three|four|several) )?((main|specific|broad) )?(aims?|goals?|objectives?|purposes?)\b|\b(our|its) (main |primary |specific |overall )?(aims?|purposes?|goals?|objectives?) (is|was|are|were)\b|\b(main|primary|specific|overall) (aims?|purposes?|goals?|objectives?) of (this|the present|our|the current) (study|paper|article|research|work)\b|\b(aims|purposes|goals|objectives) of (this|the present|our|the current) (study|paper|article|research|work)\b|\bwe (aimed|sought|set out|wanted|intended) to\b|\b(study|paper|trial|project|experiment|survey) (was|is) designed to\b`)},
	{RoleMethod, lazyre.New(`\b(review of (the )?(relevant )?literature|literature review|were (critically )?(analy[sz]ed|collected|surveyed|interviewed|measured|recorded|sampled|coded)|was (critically )?(analy[sz]ed|collected|measured|recorded)|(qualitative|quantitative|mixed)[- ]methods?|case study|semi-structured|questionnaire|survey(ed)? of|interviews? with|we (used|use|collected|measured|trained|conducted|performed|analy[sz]ed|recorded|built|designed|implemented|simulated|compared)|(using|by means of|based on) (a |an |the )?(dataset|data|model|method|simulation|sample|corpus|survey)|methodology|experimental (setup|design)|participants|randomi[sz]ed|regression|statistical analysis|data (were|was) (obtained|drawn|gathered))\b`)},
	{RoleRecommendation, lazyre.New(`\b(should|ought to|must be|need(s)? to be|is recommended|are recommended|we recommend|it is recommended|recommendations?|priority)\b`)},
	{RoleResult, lazyre.New(`\b(results? (show|shows|showed|suggest|suggests|indicate|indicates|reveal|reveals|demonstrate)|findings? (show|shows|suggest|suggests|indicate|reveal)|we (find|found|show|observe|observed|demonstrate)|(was|were|is|are) found (to|that)|shows? that|showed that|revealed|demonstrated|outperform(s|ed)?|improv(es|ed) (by|on)|significant(ly)?|increase[ds]? (by|from)|decrease[ds]? (by|from)|achiev(es|ed)|reach(es|ed) (an? )?(accuracy|rate))\b`)},
	{RoleConclusion, lazyre.New(`\b(in conclusion|we conclude|concludes?|conclusions?|overall|in sum|to sum up|taken together|implications?|will (reshape|change|transform|lead|continue|foster|help)|has the potential|holds (great )?(importance|promise)|this (suggests|implies|means))\b`)},
}

// abstractLabelRe finds the label of a structured abstract's part
// ("Methods:", "Results.") at the start of a sentence.
var abstractLabelRe = lazyre.New(`(?i)^\s*(background|introduction|context|objectives?|aims?|purpose|goals?|methods?|materials and methods|methodology|design|approach|results?|findings|discussion|conclusions?|interpretation|implications|significance)\s*[:.]\s*`)

// labelRole is the role a structured abstract's label gives the
// sentences of its part; ok is false for no label.
func labelRole(text string) (role Role, bare, ok bool) {
	m := abstractLabelRe.FindStringSubmatch(text)
	if m == nil {
		return "", false, false
	}
	bare = strings.TrimSpace(text[len(m[0]):]) == ""
	switch l := strings.ToLower(m[1]); {
	case strings.HasPrefix(l, "method"), strings.HasPrefix(l, "material"), l == "design", l == "approach":
		return RoleMethod, bare, true
	case strings.HasPrefix(l, "result"), l == "findings":
		return RoleResult, bare, true
	case strings.HasPrefix(l, "conclusion"), l == "interpretation", l == "implications", l == "significance", l == "discussion":
		return RoleConclusion, bare, true
	case strings.HasPrefix(l, "objective"), strings.HasPrefix(l, "aim"), l == "purpose", strings.HasPrefix(l, "goal"):
		return RoleAim, bare, true
	}
	return RoleBackground, bare, true
}

// signpostRe finds sentences that only announce the structure of the
// text ("This section is divided into three sub-sections."): they answer
// nothing.
var signpostRe = lazyre.New(`(?i)^(this|the (following|next|present)) (section|chapter|part)\b|\b(is|are) (divided|organi[sz]ed|structured) into\b|^the (first|second|third|last|final) (part|section|sub-?section)s? (describes?|presents?|reports?|deals?)\b`)

// isSignpost reports whether a sentence only announces the text's structure.
func isSignpost(text string) bool { return signpostRe.MatchString(text) }

// isDebris reports whether a passage is no sentence but the labels of a
// figure or the cells of a table that the text layer gave as a line
// ("24 26 28 30 22 Days (Intercept) 230 240 250"): fewer than half its
// tokens are words of two letters or more.
func isDebris(text string) bool {
	toks := strings.Fields(text)
	if len(toks) < 4 {
		return false
	}
	words := 0
	for _, t := range toks {
		letters := 0
		for _, c := range t {
			if unicode.IsLetter(c) {
				letters++
			}
		}
		if letters >= 2 && letters*2 >= len([]rune(t)) {
			words++
		}
	}
	return words*2 < len(toks)
}

// overcomeRe finds limitations a (lower-cased) sentence says are overcome
// or avoided.
var overcomeRe = lazyre.New(`\b(overcomes?|overcame|overcoming|addresses|addressed|avoids?|avoided|solves?|solved|removes?|removed|circumvents?)\b[^.;]{0,40}\blimitations?\b`)

// sentenceRole classifies one abstract sentence; position is its 0-based
// index in the abstract and n the number of sentences there. A cue phrase
// (roleCues) decides when one matches; otherwise the learned model
// (rolemodel.go) does, where the rule before it went by position alone.
// A structured abstract's own labels outrank both (labelRole, applied by
// the caller).
func sentenceRole(text string, position, n int) Role {
	if rs := cueRoles(strings.ToLower(text), true); len(rs) > 0 {
		return rs[0]
	}
	r := learnedRole(text, position, n)
	if r == RoleAim {
		// An abstract's aim outranks the introduction's statement of it
		// in answers (pickByRole), and an aim the abstract only implies
		// ("We tested whether older pupils can close this gap") answered
		// worse than the introduction's on the tuning questions: an aim
		// must be stated in so many words ("this study examines", "we
		// ask"). Otherwise the sentence is background, which no answer
		// quotes, as before the model.
		return RoleBackground
	}
	return r
}

// bodyRole classifies a body sentence by its cue phrases alone: the model
// is fitted on abstracts, and a body sentence has no place in one.
func bodyRole(text string) Role { return cueRole(text, 1, 3) }

// cueRole classifies one sentence by the hand-written cue phrases and,
// when none matches, by its position (as sentenceRole's arguments): the
// rule the learned model replaced, kept for body sentences and as the
// baseline the model is measured against.
func cueRole(text string, position, n int) Role {
	if rs := cueRoles(strings.ToLower(text), true); len(rs) > 0 {
		return rs[0]
	}
	switch {
	case position == 0:
		return RoleBackground
	case n > 3 && position >= n-2:
		return RoleConclusion
	case position*3 < n:
		return RoleBackground
	}
	// A plain claim in the middle or end of an abstract is what it reports.
	return RoleResult
}

// SectionKind is what a body section is for, from its heading.
type SectionKind string

// The section kinds; "" is any other section.
const (
	SectionIntro       SectionKind = "introduction"
	SectionBackground  SectionKind = "background"
	SectionMethod      SectionKind = "method"
	SectionResults     SectionKind = "results"
	SectionDiscussion  SectionKind = "discussion"
	SectionConclusion  SectionKind = "conclusion"
	SectionLimitations SectionKind = "limitations"
	SectionRecommend   SectionKind = "recommendations"
)

var sectionCues = []struct {
	kind SectionKind
	re   *lazyre.Regexp
}{
	{SectionLimitations, lazyre.New(`(?i)\blimitations?\b`)},
	{SectionRecommend, lazyre.New(`(?i)\b(recommendations?|policy implications?|suggestions)\b`)},
	{SectionConclusion, lazyre.New(`(?i)\b(conclusions?|concluding|summary|final remarks|outlook)\b`)},
	{SectionMethod, lazyre.New(`(?i)\b(methods?|methodology|materials|experimental|experiments? setup|setup|procedure|data( collection| and)?|study design|research design|approach|participants|apparatus|model|implementation)\b`)},
	{SectionResults, lazyre.New(`(?i)\b(results?|findings|evaluation|experiments?|performance|measurements?|analysis)\b`)},
	{SectionDiscussion, lazyre.New(`(?i)\bdiscussion\b`)},
	{SectionIntro, lazyre.New(`(?i)\bintroduction\b`)},
	{SectionBackground, lazyre.New(`(?i)\b(background|related work|literature review|theory|theoretical|previous work|state of the art)\b`)},
}

// sectionKind reads a heading ("3.2 Experimental setup") as a section kind.
func sectionKind(heading string) SectionKind {
	h := strings.TrimSpace(heading)
	if h == "" {
		return ""
	}
	for _, c := range sectionCues {
		if c.re.MatchString(h) {
			return c.kind
		}
	}
	return ""
}

// intentRoles says which abstract roles and section kinds answer a meta
// intent, best first.
func intentRoles(i Intent) ([]Role, []SectionKind) {
	switch i {
	case IntentMethod:
		return []Role{RoleMethod}, []SectionKind{SectionMethod}
	case IntentFindings:
		return []Role{RoleResult, RoleConclusion}, []SectionKind{SectionResults, SectionDiscussion, SectionConclusion}
	case IntentConclusion:
		return []Role{RoleConclusion, RoleResult}, []SectionKind{SectionConclusion, SectionDiscussion}
	case IntentRecommend:
		// A conclusion's opening sentences are no recommendation: without a
		// section of its own, sentences that recommend in so many words
		// come first (pickByRole), the conclusion only after (roleAnswer).
		return []Role{RoleRecommendation}, []SectionKind{SectionRecommend}
	case IntentLimitations:
		return []Role{RoleLimitation}, []SectionKind{SectionLimitations}
	case IntentArgument:
		return []Role{RoleAim, RoleConclusion, RoleResult}, []SectionKind{SectionConclusion}
	case IntentAim:
		return []Role{RoleAim}, nil
	}
	return []Role{RoleAim, RoleMethod, RoleResult, RoleConclusion}, nil
}
