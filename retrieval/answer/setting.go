package answer

import (
	"strings"

	"paperbot/internal/lazyre"
	"paperbot/retrieval"
)

// "Where was the study done?", "when was it conducted?", "how long did it
// last?", "what was the sample size?" ask for the setting of the study
// itself, which papers state in their method ("The trial was conducted at
// the X Research Station from January to May 2023"), seldom in the
// question's words. They are answered from the paper's structure, like the
// other questions about the paper: the sentences of the method (abstract
// role or method section) that state the place, date, duration or count
// asked for, then other sentences of the paper's own text that do.

// setting is the part of a study's setting a question asks for.
type setting int

const (
	settingNone setting = iota
	settingPlace
	settingTime
	settingDuration
	settingSample
	settingAge
)

var (
	// whereRe opens a question asking for a place, whenRe one asking for
	// a date, durationAsk one asking for a length of time and sampleAsk
	// one asking for a count or the size of the sample.
	whereRe     = lazyre.New(`^\s*(so |and |but |ok |okay )?(where\b|in (what|which) (country|countries|city|cities|region|regions|place|places|area|areas|location|locations|town|towns|state|states|province|provinces|village|villages|setting|settings|site|sites|hospitals?|schools?)\b|(what|which) (country|countries|city|cities|region|regions|location|locations|place|places|site|sites|setting|settings|town|towns|state|states|province|provinces|village|villages|area|areas)\b)`)
	whenRe      = lazyre.New(`^\s*(so |and |but |ok |okay )?(when\b|in (what|which) (year|years|month|months|season|seasons|period)\b|(what|which) (year|years|period|dates?|months?|season|seasons|time period)\b)`)
	durationAsk = lazyre.New(`^\s*(so |and |but |ok |okay )?(how long\b|(what|how long) (was|is) the (duration|length|time ?span|period)\b|for how long\b|over what (period|time)\b)`)
	ageAsk      = lazyre.New(`^\s*(so |and |but |ok |okay )?(how old\b|(what|which) (was|were|is|are) the (mean |average |median )?ages?\b|(what|which) ages?\b|at what age\b)`)
	sampleAsk   = lazyre.New(`^\s*(so |and |but |ok |okay )?(how (many|big|large)\b|(what|how big|how large) (was|is) the (sample|sample size|number of participants)\b|what['’]?s the (sample|sample size|number of participants)\b|(what|which) sample\b)`)
	// placeRe finds a named place after a preposition of place ("at the
	// Tamworth Field Station", "in Lower Saxony", "across Kenya").
	placeRe = lazyre.New(`\b(?:(?:at|in|near|across|around|throughout|within|from) (?:the |a |an )?(?:(?:north|south|east|west|central|rural|urban|northern|southern|eastern|western) )?|(?:city|town|village|district|region|province|state|county|municipality|island|country|valley|basin) of )(\p{Lu}[\p{L}'’-]{2,})((?: \p{Lu}[\p{L}'’-]*)*)(?: (\p{Ll}+))?`)
	// notPlaceHead are words that, following a capitalised name, make it
	// the name of a thing: "the Selectome database", "VESPA Phase 5".
	notPlaceHead = wordSet(`database databases software package toolbox model models algorithm program programme pipeline method methods
test scale index equation distribution approach framework system reference version language library server platform format code
analysis analyses function coordinates effect effects law criterion criteria protocol questionnaire inventory phase`)
	// notPlaceRe are capitalised words that follow "in" and name no
	// place: references to the text, months, days.
	notPlaceRe = lazyre.New(`^(Table|Tables|Fig|Figs|Figure|Figures|Section|Sections|Eq|Eqs|Equation|Appendix|Supplementary|Chapter|Box|Panel|Part|Step|Phase|Stage|Experiment|Study|Model|Group|Year|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|English|Spanish|French|German|Chinese|Russian|Arabic|Python|R|MATLAB|Excel|Stata|SPSS|SAS)\b`)
)

// studyFrame are the words a question about the study's setting uses
// besides its question phrase: the study itself, the doing of it, and the
// words of time and place.
var studyFrame = wordSet(`study studies studied examined investigated surveyed experiment experiments trial trials test tests testing tested research survey surveys
fieldwork field work data measurements measured sampling samples sample size interviews conducted carried done do did run ran held
performed based located happen happened take took place collected gathered recruited they paper it this country countries
city cities region regions area areas location locations town towns state states province provinces village villages setting
settings site sites hospital hospitals school schools year years month months season seasons period time date dates last lasted
duration length span follow included involved enrolled part there total overall`)

// sampleUnits are what a sample counts ("how many participants"); a
// sentence stating a number of them states the sample's size.
const sampleUnits = `participants|subjects|people|persons|respondents|patients|individuals|volunteers|students|pupils|children|adolescents|teenagers|adults|women|men|households|families|farmers|workers|employees|teachers|schools|classes|classrooms|hospitals|clinics|villages|farms|firms|companies|plots|cases|interviewees|mice|rats|animals|specimens|samples`

var (
	sampleUnitSet = wordSet(strings.ReplaceAll(sampleUnits, "|", " "))
	// sampleRe finds a count of sample units ("2,146 students", "412
	// third-grade pupils", "sixty patients").
	sampleRe = lazyre.New(`(?i)\b(\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)\s+([\w-]+\s+){0,3}?(` + sampleUnits + `)\b`)
	// studyDurationRe finds a length of time a study runs for (days
	// and up: "tows lasted 2 hours" is no study's length).
	studyDurationRe = lazyre.New(`(?i)\b(\d+([.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|thirty|several|a few|consecutive)[\s-]+(\w+[\s-]+)?(days?|weeks?|months?|years?|seasons?|semesters?|terms?|school years?)\b`)
	// ageRe finds an age ("27.4 ± 2.6 years old", "aged 13 to 17"): a
	// length of time that is no study's.
	ageRe = lazyre.New(`(?i)[\d.,]+(\s*(±|\+/-)\s*[\d.,]+)?\s*(years?|months?|weeks?|days?)[\s-]*(old|of age)\b|\baged? (\d+|between)\b[^.;,]{0,20}`)
	// statedAgeRe finds an age stated as such ("mean age 15.1", "ages
	// ranged from 8 to 11").
	statedAgeRe = lazyre.New(`(?i)\b(mean|average|median) age\b|\bages? (of|between|from|ranged)\b[^.;]{0,20}\d`)
	// spanRe finds a period given by its ends ("from January to May",
	// "between September 2023 and February 2024").
	spanRe = lazyre.New(`(?i)\b(from|between) (\w+ )?((1[89]|20)\d\d|january|february|march|april|may|june|july|august|september|october|november|december)\b[^.;]{0,30}\b(to|and|until)\b`)
)

// studySetting reads which part of the study's setting an English
// question asks for: a place, date, duration or sample question whose
// other words only name the study, its doing and its units ("where was
// the experiment carried out?", "in which year was the survey done?",
// "how many participants were there?"); settingNone otherwise, and for a
// count of units the paper never mentions.
func (qq *question) studySetting(pi *paperInfo) setting {
	switch qq.intent {
	case IntentFact, IntentAbout, IntentMethod, IntentDefine:
	default:
		return settingNone // "where are the authors from?" asks who wrote it
	}
	if qq.ref > 0 {
		return settingNone
	}
	text := qq.text
	if qq.lang != "en" {
		// "¿Dónde se realizó el estudio?" reads as its English frame.
		if text = qq.frame; text == "" {
			return settingNone
		}
	}
	low := strings.ToLower(text)
	if strings.Contains(low, "come from") || strings.Contains(low, "published") {
		return settingNone // a source or a venue
	}
	var kind setting
	switch {
	case whereRe.MatchString(low):
		kind = settingPlace
	case whenRe.MatchString(low):
		kind = settingTime
	case ageAsk.MatchString(low):
		kind = settingAge
	case durationAsk.MatchString(low):
		kind = settingDuration
	case sampleAsk.MatchString(low):
		kind = settingSample
	default:
		return settingNone
	}
	unit, named := false, false
	for _, w := range lowerTokens(text) {
		named = named || studyNamed[w]
		switch {
		case sampleUnitSet[w]:
			if pi.df[retrieval.Stem(w)] == 0 {
				return settingNone // "how many students" of a paper with none: not covered
			}
			unit = true
		case questionPhrase[w] || retrieval.IsStopWord(w) || frameWords[w]:
		case !studyFrame[w]:
			return settingNone
		}
	}
	if kind == settingSample && !unit && !strings.Contains(low, "sample") {
		return settingNone // "how many cavities": a fact, not the sample
	}
	if !named && !unit && !(kind == settingPlace && (doneRe.MatchString(low) || placeKindRe.MatchString(low))) {
		// "how long did that take?", "where was that?": something said
		// before. Where something was done, asked with nothing but the
		// study's words ("where was this done?", "where did they do
		// it?"), is where the study was.
		return settingNone
	}
	return kind
}

// placeKindRe is a question that is only the kind of place asked for
// ("which country?", "in what city"): there is nothing else it could be
// about than the study.
var placeKindRe = lazyre.New(`^\s*(?:so |and |ok )?(?:in )?(?:what|which) (?:country|countries|city|cities|region|regions|town|towns|state|states|province|provinces|area|areas|location|locations|place|places)\s*[?.!]*\s*$`)

// doneRe finds the doing of something ("done", "did they do").
var doneRe = lazyre.New(`\b(done|do|did)\b`)

// studyNamed are the words that name the study or its doing: a setting
// question says whose setting it asks for ("when was it conducted?",
// "how long did the trial run?"), where "how long did that take?" asks
// about something said before.
var studyNamed = wordSet(`study studies studied examined investigated surveyed experiment experiments trial trials test tests research survey surveys fieldwork data
measurements sampling sample interviews conducted carried performed held collected gathered recruited based located`)

// questionPhrase are the words of the question phrases above.
var questionPhrase = wordSet(`where when in what which how many long big large old age ages mean average median`)

// statesPlace reports whether a sentence names a place after a
// preposition of place.
func statesPlace(text string) bool {
	for _, m := range placeRe.FindAllStringSubmatch(text, -1) {
		last := m[1]
		if f := strings.Fields(m[2]); len(f) > 0 {
			last = f[len(f)-1]
		}
		if !notPlaceRe.MatchString(m[1]) && !notPlaceHead[m[3]] && !notPlaceHead[strings.ToLower(last)] {
			return true
		}
	}
	return false
}

// siteHeadingRe finds a section heading about the study's place.
var siteHeadingRe = lazyre.New(`(?i)\b(study (sites?|areas?|regions?|settings?|locations?)|sites?|settings?|study area|fieldwork|location)\b`)

// studyDoneRe finds a sentence telling what this study did, not what
// others found: the authors doing it, the study's own nouns, a verb of
// doing in the passive.
var studyDoneRe = lazyre.New(`(?i)\bwe (carried out|conducted|recruited|collected|surveyed|interviewed|sampled|tested|measured|ran|recorded|installed|studied|visited|monitored|observed|followed|counted|compared|selected|enrolled|included|randomi[sz]ed|assigned)\b|\b(this|the present|the) (study|trial|survey|experiment|fieldwork|project|test|tests|measurements?)\b|\b(was|were) (conducted|carried out|performed|held|run|done|recruited|collected|sampled|surveyed|interviewed|installed|tested|measured|monitored|enrolled|included|randomi[sz]ed|assigned|invited)\b|\btook place\b`)

// statesSetting reports whether a sentence states the part of the
// setting asked for.
func statesSetting(kind setting, text string) bool {
	clean := citationNoiseRe.ReplaceAllString(text, " ")
	switch kind {
	case settingPlace:
		return statesPlace(text)
	case settingTime:
		return dateRe.MatchString(clean)
	case settingDuration:
		clean = ageRe.ReplaceAllString(clean, " ")
		return studyDurationRe.MatchString(clean) || spanRe.MatchString(clean)
	case settingSample:
		return sampleRe.MatchString(clean)
	case settingAge:
		return ageRe.MatchString(clean) || statedAgeRe.MatchString(clean)
	}
	return false
}

// settingSentences picks up to two sentences of the paper's own text that
// state the part of the setting asked for: for a place, those of a
// section about the study's site first; then those telling what the study
// did, of the method (abstract role or method section) before those
// outside the introduction and background. A sentence citing others
// describes their study unless it is in the method.
func settingSentences(pi *paperInfo, kind setting, exclude map[string]bool) []int {
	var site, method, other []int
	for i, ps := range pi.passages {
		if ps.Kind != retrieval.KindAbstract && ps.Kind != retrieval.KindBody || pi.bare[i] || exclude[oneLine(ps.Text)] || !statesSetting(kind, ps.Text) {
			continue
		}
		sec := pi.sections[i]
		switch {
		case kind == settingPlace && ps.Kind == retrieval.KindBody && len(ps.Cites) == 0 && siteHeadingRe.MatchString(ps.Section):
			// "2.1 Study sites", "Study area": the section says where.
			site = append(site, i)
		case (kind == settingTime || kind == settingDuration) && ps.Kind == retrieval.KindBody && sec == SectionMethod && len(ps.Cites) == 0:
			// A date in the method is the study's ("Between April and
			// September 2022 the cities built the lanes").
			method = append(method, i)
		case !studyDoneRe.MatchString(ps.Text):
		case ps.Kind == retrieval.KindBody && sec == SectionMethod, pi.role(i) == RoleMethod && len(ps.Cites) == 0:
			method = append(method, i)
		case len(ps.Cites) == 0 && sec != SectionIntro && sec != SectionBackground:
			other = append(other, i)
		}
	}
	picked := append(append(site, method...), other...)
	if len(picked) > 2 {
		picked = picked[:2]
	}
	return byPosition(withinBudget(pi, picked))
}

// settingLead introduces each part of the setting, and says when the
// paper does not state it.
var settingLead = map[setting][2]string{
	settingPlace:    {"Where the study was done:", "The paper doesn't name a place where the study was done."},
	settingTime:     {"When the study was done:", "The paper doesn't say when the study was done."},
	settingDuration: {"How long the study ran:", "The paper doesn't say how long the study ran."},
	settingSample:   {"The study's sample:", "The paper doesn't state the size of its sample in so many words."},
	settingAge:      {"The ages the paper gives:", "The paper doesn't state the ages of those it studied."},
}

// settingAnswer answers a question about the study's setting; when the
// paper does not state it, it says so and quotes how the study was done.
func settingAnswer(r *reply, kind setting, exclude map[string]bool) {
	lead := settingLead[kind]
	if picked := settingSentences(r.pi, kind, exclude); len(picked) > 0 {
		r.line(lead[0])
		r.quotes(picked)
		return
	}
	r.line(lead[1])
	if m := pickByRole(r.pi, []Role{RoleMethod}, []SectionKind{SectionMethod}, 2, exclude); len(m) > 0 {
		r.line("How it was done:")
		r.quotes(withinBudget(r.pi, m))
	}
}
