package answer

import (
	"slices"
	"strings"

	"paperbot/internal/lazyre"
	"paperbot/retrieval"
)

// Follow-up cues: a question that leans on the previous turn.
var (
	followUpRe = lazyre.New(`(?i)^\s*(and|but|so|also|what about|how about|why|why not|how come|tell me more|more|go on|continue|elaborate|expand|really|how so|such as|for example|like what|what else|anything else|explain( that| this| it| more| further)?|can you (elaborate|expand|explain)|in what way|what do you mean)\b`)
	moreRe     = lazyre.New(`(?i)\b(more|else|further|other|another|elaborate|expand|go on|continue)\b`)
	ordinalRe  = lazyre.New(`(?i)\b(first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\b\s*(one|source|reference|ref|paper|citation|work|book|article|entry|link)?`)
	pronounRe  = lazyre.New(`(?i)\b(it|its|they|them|their|this|that|these|those|he|she|him|her|his)\b`)
	quotedRe   = lazyre.New(`“([^”]+)”`)
	// thePaperRe is "this paper", "the study": a determiner of the paper
	// itself, not a pronoun pointing back in the conversation.
	thePaperRe = lazyre.New(`(?i)\b(this|the|that) (` + strings.ReplaceAll(paperNounList, " ", "|") + `)\b`)
)

var ordinals = map[string]int{"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1}

// resolveFollowUp reads a follow-up question against the conversation: an
// ordinal ("and the second source?") picks a reference of the previous
// answer; otherwise the previous question lends its focus and intent.
// It returns the sentences already given, which "tell me more" skips.
func (pi *paperInfo) resolveFollowUp(qq *question, history []Turn) map[string]bool {
	var prevUser, prevAnswer string
	for i := len(history) - 1; i >= 0; i-- {
		t := history[i]
		switch {
		case t.Role == "assistant" && prevAnswer == "" && prevUser == "":
			prevAnswer = t.Text
		case t.Role == "user" && prevUser == "":
			prevUser = t.Text
		}
	}
	if prevUser == "" && prevAnswer == "" {
		return nil
	}
	fm := pi.matchFocus(qq.focus)
	found := 0
	for _, m := range fm {
		if m.found {
			found++
		}
	}
	words := len(tokens(qq.text))
	isFollow := followUpRe.MatchString(qq.text) ||
		(found == 0 && (words <= 4 || pronounRe.MatchString(thePaperRe.ReplaceAllString(qq.text, "")))) ||
		(words <= 6 && ordinalRe.MatchString(qq.text) && qq.ref == 0)
	if !isFollow || qq.intent == IntentRefAbout {
		return nil
	}
	qq.followUp = true
	if m := ordinalRe.FindStringSubmatch(qq.text); m != nil && m[2] != "" || (m != nil && words <= 4) {
		nums := pi.mentionedRefs(prevAnswer)
		k := ordinals[strings.ToLower(m[1])]
		if k == -1 {
			k = len(nums)
		}
		if k >= 1 && k <= len(nums) {
			qq.intent, qq.ref = IntentRefAbout, nums[k-1]
			return nil
		}
	}
	prev := analyzeIn(prevUser, pi.words)
	if found >= 2 {
		// "why did painted lanes not work?": a question with a topic of
		// its own, asked in a conversation, is read as it stands.
		return nil
	}
	if (qq.intent == IntentFact || qq.intent == IntentDefine) && !namesTopic(fm) {
		// "why?", "why does that matter?" ask on the earlier topic in
		// its way; "why did they use monopolar?" names its own topic.
		qq.intent = prev.intent
		qq.compare = prev.compare
		qq.ref = prev.ref
	}
	qq.query = strings.TrimSpace(prevUser + " " + qq.text)
	focus := append([]string(nil), qq.focus...)
	for _, m := range pi.matchFocus(prev.focus) {
		// Only what the paper has of the earlier question carries over:
		// a word it lacks was already answered for.
		if m.found && !slices.Contains(focus, m.word) {
			focus = append(focus, m.word)
		}
	}
	qq.focus = focus
	qq.proper = append(qq.proper, prev.proper...)
	if qq.ask == askReason {
		// "why?": the reason for what was just said, not the saying of
		// it again.
		return pi.saidIn(prevAnswer)
	}
	if !moreRe.MatchString(qq.text) {
		return nil
	}
	exclude := map[string]bool{}
	for _, m := range quotedRe.FindAllStringSubmatch(prevAnswer, -1) {
		exclude[oneLine(m[1])] = true
	}
	return exclude
}

// saidIn returns the sentences of the paper's own text that an earlier
// answer already states (quoted or not), keyed as exclude sets are.
func (pi *paperInfo) saidIn(answer string) map[string]bool {
	said := normalizeForMatch(answer)
	out := map[string]bool{}
	for _, ps := range pi.passages {
		if ps.Kind != retrieval.KindAbstract && ps.Kind != retrieval.KindBody {
			continue
		}
		t := normalizeForMatch(strings.TrimRight(oneLine(ps.Text), "."))
		if len(t) >= 20 && strings.Contains(said, t) {
			out[oneLine(ps.Text)] = true
		}
	}
	return out
}

// namesTopic reports whether a found focus word is a topic word rather
// than an everyday one (genericity below one half): "monopolar", not
// "matter".
func namesTopic(fm []focusMatch) bool {
	for _, m := range fm {
		if m.found && genericity(m.word) < 0.5 {
			return true
		}
	}
	return false
}

// authorYearRe finds an author-year mention: "Slavin et al. (2011)",
// "Topping (2005)", "(Gough & Tunmer, 1986)".
var authorYearRe = lazyre.New(`\b(\p{Lu}[\p{L}'’-]+)(?:\s+(?:et al\.?|and \p{Lu}[\p{L}'’-]+|& \p{Lu}[\p{L}'’-]+))?,?\s*\(?((?:1[89]|20)\d\d)[a-z]?\)?`)

// mentionedRefs are the references an earlier answer names, in the order
// it names them: numeric markers, or author-year mentions matched to the
// reference list by first author's surname and year.
func (pi *paperInfo) mentionedRefs(text string) []int {
	type at struct{ pos, n int }
	var found []at
	for _, loc := range markerRe.FindAllStringSubmatchIndex(text, -1) {
		for _, n := range markerNumbers(text[loc[2]:loc[3]]) {
			if c, ok := pi.citable(n); ok {
				found = append(found, at{loc[0], c})
			}
		}
	}
	if len(found) == 0 {
		for _, m := range authorYearRe.FindAllStringSubmatchIndex(text, -1) {
			name, year := strings.ToLower(text[m[2]:m[3]]), text[m[4]:m[5]]
			for _, n := range pi.refNumbers() {
				r := pi.refs[n]
				if len(r.Authors) == 0 || surname(r.Authors[0]) != name {
					continue
				}
				if strings.HasPrefix(r.Year, year) || strings.Contains(r.Raw, year) {
					if c, ok := pi.citable(n); ok {
						found = append(found, at{m[0], c})
						break
					}
				}
			}
		}
	}
	var out []int
	for _, f := range found {
		if !slices.Contains(out, f.n) {
			out = append(out, f.n)
		}
	}
	return out
}

// refNumbers are the paper's reference numbers in ascending order.
func (pi *paperInfo) refNumbers() []int {
	out := make([]int, 0, len(pi.refs))
	for n := range pi.refs {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// reasonAfter returns the sentence that gives the reason for what an
// earlier answer said: the sentence right after one it stated, in the same
// part of the paper, when that sentence reads as a reason ("To maintain a
// power balance, they must…", "This is because…"); false if none does.
func (pi *paperInfo) reasonAfter(said map[string]bool) (int, bool) {
	for i, ps := range pi.passages {
		if !said[oneLine(ps.Text)] || i+1 >= len(pi.passages) {
			continue
		}
		next := pi.passages[i+1]
		if next.Kind != ps.Kind || next.Section != ps.Section || pi.bare[i+1] || said[oneLine(next.Text)] {
			continue
		}
		if answersType(askReason, next.Text) {
			return i + 1, true
		}
	}
	return 0, false
}
