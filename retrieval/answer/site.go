package answer

import (
	"strings"

	"paperbot/internal/lazyre"
	"paperbot/retrieval"
)

// "Where was the study done?" asks for the place of the study itself,
// which papers state in their method ("The trial was conducted at the X
// Research Station in Y"), seldom in the question's words. It is answered
// from the paper's structure, like the other questions about the paper:
// the sentences of the method (abstract role or method section) that name
// a place, then any other sentence of the paper's own text that does.

var (
	// whereRe opens a question asking for a place.
	whereRe = lazyre.New(`^\s*(so |and |but |ok |okay )?(where\b|in (what|which) (country|countries|city|cities|region|regions|place|places|area|areas|location|locations|town|towns|state|states|province|provinces|village|villages|setting|settings|site|sites|hospitals?|schools?)\b|(what|which) (country|countries|city|cities|region|regions|location|locations|place|places|site|sites|setting|settings)\b)`)
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

// studyFrame are the words a question about where the study was done uses
// besides the place words: the study itself and the doing of it.
var studyFrame = wordSet(`study studies experiment experiments trial trials test tests testing tested research survey surveys
fieldwork field work data measurements sampling samples sample interviews participants conducted carried done do did run ran held
performed based located happen happened take took place collected gathered recruited they paper it this country countries
city cities region regions area areas location locations town towns state states province provinces village villages setting
settings site sites hospital hospitals school schools`)

// asksStudySite reports whether an English question asks where the study
// itself was done: a place question whose words, besides the place word,
// only name the study and its doing ("where was the experiment carried
// out?", "in which country was the survey done?").
func (qq *question) asksStudySite() bool {
	if qq.intent != IntentFact && qq.intent != IntentAbout && qq.intent != IntentMethod {
		return false // "where are the authors from?" asks who wrote it
	}
	if qq.lang != "en" || qq.ref > 0 || !whereRe.MatchString(strings.ToLower(qq.text)) {
		return false
	}
	low := strings.ToLower(qq.text)
	if strings.Contains(low, "come from") || strings.Contains(low, "published") {
		return false // a source or a venue
	}
	for _, w := range lowerTokens(qq.text) {
		if w == "where" || w == "in" || w == "what" || w == "which" || retrieval.IsStopWord(w) || frameWords[w] {
			continue
		}
		if !studyFrame[w] {
			return false
		}
	}
	return true
}

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
// others found: the authors as "we", the study's own nouns with a verb of
// doing.
var studyDoneRe = lazyre.New(`(?i)\bwe (carried out|conducted|recruited|collected|surveyed|interviewed|sampled|tested|measured|ran|recorded|installed|studied|visited|monitored|observed|followed|counted|compared|selected)\b|\b(this|the present|the) (study|trial|survey|experiment|fieldwork|project|test|tests|measurements?)\b|\b(was|were) (conducted|carried out|performed|held|run|done|recruited|collected|sampled|surveyed|interviewed|installed|tested|measured|monitored)\b|\btook place\b`)

// siteSentences picks up to two sentences of the paper's own text that
// name a place: those of a section about the study's site first, then
// those telling what the study did there, of the method (abstract role or
// method section) before those outside the introduction and background. A sentence citing others describes their
// study unless it is in the method.
func siteSentences(pi *paperInfo, exclude map[string]bool) []int {
	var site, method, other []int
	for i, ps := range pi.passages {
		if ps.Kind != retrieval.KindAbstract && ps.Kind != retrieval.KindBody || pi.bare[i] || exclude[oneLine(ps.Text)] || !statesPlace(ps.Text) {
			continue
		}
		sec := pi.sections[i]
		switch {
		case ps.Kind == retrieval.KindBody && len(ps.Cites) == 0 && siteHeadingRe.MatchString(ps.Section):
			// "2.1 Study sites", "Study area": the section says where.
			site = append(site, i)
		case !studyDoneRe.MatchString(ps.Text):
		case ps.Kind == retrieval.KindBody && sec == SectionMethod, pi.roles[i] == RoleMethod && len(ps.Cites) == 0:
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

// siteAnswer says where the study was done; when the paper names no
// place in its own text, it says so and quotes how the study was done.
func siteAnswer(r *reply, exclude map[string]bool) {
	if picked := siteSentences(r.pi, exclude); len(picked) > 0 {
		r.line("Where the study was done:")
		r.quotes(picked)
		return
	}
	r.line("The paper doesn't name a place where the study was done.")
	if m := pickByRole(r.pi, []Role{RoleMethod}, []SectionKind{SectionMethod}, 2, exclude); len(m) > 0 {
		r.line("How it was done:")
		r.quotes(withinBudget(r.pi, m))
	}
}
