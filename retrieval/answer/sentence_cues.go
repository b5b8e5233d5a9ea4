package answer

import (
	"slices"
	"strings"

	"paperbot/internal/lazyre"
	"paperbot/retrieval"
	"paperbot/retrieval/study"
)

// What a sentence says of itself, for ranking and declining: that it
// defines the term asked about, that a number in it is only a citation,
// that it speaks of work not done or still to do.

var (
	// notReportedRe finds a sentence about work the paper did not do or
	// leaves for later: "future work will also test …", "we did not
	// measure …", "beyond the scope of this study".
	notReportedRe = lazyre.New(`(?i)\b(future (work|research|studies|trials?) (will|should|could|may|might|is needed)|we (plan|intend|hope) to|will (also )?(test|examine|study|explore|extend|add|measure|investigate|compare|combine|assess|evaluate)|(was|were|is|are) not (measured|tested|assessed|examined|studied|recorded|collected|included|evaluated|investigated|considered|modelled|modeled)|(did|do|could) not (measure|test|assess|examine|study|record|collect|include|evaluate|investigate|consider|model)|not (part|within the scope) of (this|the|our) (study|paper|work)|beyond the scope)\b`)
	// futureHeadingRe finds a section of work still to do.
	futureHeadingRe = lazyre.New(`(?i)\bfuture (work|research|directions|studies)\b`)
	// asksPlans finds a question about what is planned or not done.
	asksPlans = lazyre.New(`(?i)\b(will|plan|plans|planned|next|future|going to|intend|didn'?t|did not|not measured|not tested|why not)\b`)
)

// allNotReported reports whether every picked sentence is about work the
// paper did not do or leaves for later (notReportedRe, or a future-work
// section).
func allNotReported(pi *paperInfo, picked []int) bool {
	for _, i := range picked {
		ps := pi.passages[i]
		if !notReportedRe.MatchString(ps.Text) && !futureHeadingRe.MatchString(ps.Section) {
			return false
		}
	}
	return true
}

// definitionsOf returns the abstract and body sentences outside have that
// open with the term asked about and define it (definesTerm): the paper's
// own definition, wherever it stands.
func definitionsOf(pi *paperInfo, qq question, fm []focusMatch, have []scoredPassage) []scoredPassage {
	focus := qq.focus
	total := pi.focusTotal(fm)
	if total == 0 {
		return nil
	}
	in := map[int]bool{}
	for _, s := range have {
		in[s.i] = true
	}
	var out []scoredPassage
	for i, ps := range pi.passages {
		if in[i] || pi.bare[i] || ps.Kind != retrieval.KindAbstract && ps.Kind != retrieval.KindBody {
			continue
		}
		if share := focusShare(pi, i, fm) / total; share > 1-1e-9 && (definesTerm(ps.Text, focus) || presentsTerm(ps.Text, focus) || namesTerm(ps.Text, focus)) {
			out = append(out, scoredPassage{i: i, share: share})
		}
	}
	if i, ok := acronymIntroduced(pi, focus); ok && !in[i] && !slices.ContainsFunc(out, func(s scoredPassage) bool { return s.i == i }) {
		out = append(out, scoredPassage{i: i, share: 1})
	}
	return out
}

// acronymIntroduced finds the sentence that introduces an abbreviation
// asked about with its expansion in front of it: "Alternate wetting and
// drying (AWD) lets …" for "what is AWD?". Only the first such sentence
// of the abstract and body counts.
func acronymIntroduced(pi *paperInfo, focus []string) (int, bool) {
	if len(focus) != 1 || len(focus[0]) < 2 || len(focus[0]) > 8 {
		return 0, false
	}
	mark := "(" + strings.ToUpper(focus[0])
	for i, ps := range pi.passages {
		if ps.Kind != retrieval.KindAbstract && ps.Kind != retrieval.KindBody || pi.bare[i] {
			continue
		}
		at := strings.Index(ps.Text, mark)
		if at <= 0 {
			continue
		}
		if rest := ps.Text[at+len(mark):]; strings.HasPrefix(rest, ")") || strings.HasPrefix(rest, "s)") || strings.HasPrefix(rest, ";") || strings.HasPrefix(rest, ",") {
			return i, true
		}
	}
	return 0, false
}

// namesTerm reports whether a sentence gives the term as the name of what
// it describes: "A widely promoted version, often called safe AWD, uses a
// perforated tube …", "… a practice known as no-till farming".
func namesTerm(text string, focus []string) bool {
	if len(focus) == 0 {
		return false
	}
	low := strings.ToLower(text)
	term := strings.Join(focus, " ")
	for _, cue := range []string{"called ", "known as ", "termed ", "referred to as ", "named "} {
		for from := 0; ; {
			at := strings.Index(low[from:], cue+term)
			if at < 0 {
				break
			}
			end := from + at + len(cue) + len(term)
			if end == len(low) || !isWordByte(low[end]) {
				return true
			}
			from += at + 1
		}
	}
	return false
}

// presentsTerm reports whether a sentence presents the term with what it
// is in apposition: "We present VESPA, software capable of …", "Here we
// introduce PaperRank: a ranking of …".
func presentsTerm(text string, focus []string) bool {
	if len(focus) == 0 {
		return false
	}
	low := strings.ToLower(text)
	term := strings.Join(focus, " ")
	for _, verb := range []string{"present ", "presents ", "introduce ", "introduces ", "describe ", "describes ", "propose ", "proposes "} {
		at := strings.Index(low, verb+term)
		if at < 0 {
			continue
		}
		rest := strings.TrimLeft(low[at+len(verb)+len(term):], " ")
		if strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, "—") || strings.HasPrefix(rest, "–") {
			return true
		}
	}
	return false
}

// definesTerm reports whether a sentence opens with the term (the focus
// words, in order) and defines it: "The soiling ratio is defined as …",
// "A rain garden is a …".
func definesTerm(text string, focus []string) bool {
	if len(focus) == 0 {
		return false
	}
	low := strings.ToLower(strings.TrimSpace(text))
	for _, det := range []string{"the ", "a ", "an "} {
		low = strings.TrimPrefix(low, det)
	}
	return strings.HasPrefix(low, strings.Join(focus, " ")+" ") && definesTermRe.MatchString(low) && study.IsDefinition(text)
}

// definesTermRe finds a sentence whose subject is then defined: "X is
// defined as", "X refers to", "X is the …".
var definesTermRe = lazyre.New(`^(the |a |an )?[\w\s'’-]{1,60}? (is|are) (defined as|the|a|an|called|known as|understood as)\b|^(the |a |an )?[\w\s'’-]{1,60}? (refers? to|denotes?|means)\b`)

// citeGroupRe finds a parenthesised or bracketed group of numbers, the
// shape of a numeric citation: "(6, 13, 16)", "[3–5]".
var citeGroupRe = lazyre.New(`[(\[]\s*\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*\s*[)\]]`)

// withoutCiteGroups is a body passage's text without the numeric
// citation groups the reader resolved in it: "(6, 13, 16)" in a paper
// citing that way states no quantity.
func withoutCiteGroups(ps retrieval.Passage) string {
	if len(ps.Cites) == 0 {
		return ps.Text
	}
	return citeGroupRe.ReplaceAllStringFunc(ps.Text, func(g string) string {
		nums := markerNumbers(strings.ReplaceAll(strings.TrimSpace(g[1:len(g)-1]), ";", ","))
		if len(nums) == 0 {
			return g
		}
		for _, n := range nums {
			if !slices.Contains(ps.Cites, n) {
				return g
			}
		}
		return " "
	})
}
