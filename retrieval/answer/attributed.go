package answer

import (
	"fmt"
	"slices"
	"strings"

	"paperbot/internal/lazyre"
	"paperbot/retrieval"
)

// "Who came up with the harvest index?" is best answered where the paper
// itself says so: "The harvest index is defined as … It was first proposed
// by Donald [10] …". The sentence that attributes the idea, with what the
// author cited there, outranks reference titles that only share its words.

// attributionRe finds a sentence crediting someone with an idea.
var attributionRe = lazyre.New(`(?i)\b(first (proposed|introduced|described|defined|used|coined|developed|suggested|formulated)|(coined|introduced|proposed|developed|devised|pioneered|formulated|originated|conceived|invented|put forward) by|(term|concept|idea|notion|method|model|index) (was )?(coined|introduced|proposed|developed)|credited to|attributed to|goes back to|dates back to|originally (proposed|defined|described|developed|introduced))\b`)

// anaphorRe opens a sentence that speaks of what the one before named.
var anaphorRe = lazyre.New(`(?i)^\s*(it|this|these|the (term|concept|idea|notion|index|measure|method|model|approach|framework))\b`)

// attributedAnswer answers a who-coined question with the sentence of the
// paper that credits someone with the idea asked about and cites them: a
// sentence holding the whole focus, or one opening with "It"/"The term"
// right after a sentence that does. False when there is none.
func attributedAnswer(r *reply, fm []focusMatch) bool {
	pi := r.pi
	total := pi.focusTotal(fm)
	if total == 0 {
		return false
	}
	holds := func(i int) bool { return focusShare(pi, i, fm)/total > 1-1e-9 }
	for i, ps := range pi.passages {
		if ps.Kind != retrieval.KindBody && ps.Kind != retrieval.KindAbstract || len(ps.Cites) == 0 || !attributionRe.MatchString(ps.Text) {
			continue
		}
		var quoted []int
		switch {
		case holds(i):
			quoted = []int{i}
		case i > 0 && anaphorRe.MatchString(ps.Text) && pi.passages[i-1].Kind == ps.Kind && pi.passages[i-1].Section == ps.Section && holds(i-1):
			quoted = []int{i - 1, i}
		default:
			continue
		}
		refs := attributedCites(pi, ps)
		r.line(fmt.Sprintf("On where %s comes from, the paper says:", focusPhrase(fm)))
		if len(quoted) == 2 {
			r.line(r.where(quoted[0]) + ": " + r.quote(quoted[0]) + " " + r.quoteCiting(i, refs))
		} else {
			r.line(r.where(i) + ": " + r.quoteCiting(i, refs))
		}
		if len(strings.Fields(r.b.String())) < MaxAnswerWords-20 {
			r.refLines(refs[:min(len(refs), 2)])
		}
		return true
	}
	return false
}

// attributedCites are the references the attribution itself cites: those
// of the first citation marker after the attributing words ("first
// proposed by Donald [10] …, and … [11]" gives [10]); all the sentence's
// when no marker follows them.
func attributedCites(pi *paperInfo, ps retrieval.Passage) []int {
	loc := attributionRe.FindStringIndex(ps.Text)
	for _, m := range markerRe.FindAllStringSubmatchIndex(ps.Text, -1) {
		if loc == nil || m[0] < loc[1] {
			continue
		}
		var out []int
		for _, n := range markerNumbers(ps.Text[m[2]:m[3]]) {
			if c, ok := pi.citable(n); ok && slices.Contains(ps.Cites, c) && !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
		if len(out) > 0 {
			return out
		}
		break
	}
	var out []int
	for _, n := range ps.Cites {
		if c, ok := pi.citable(n); ok && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}
