package answer

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"paperbot/internal/lazyre"
)

// MaxAnswerWords is the length a student reads in a chat; summaries may be
// longer (MaxSummaryWords).
const (
	MaxAnswerWords  = 120
	MaxSummaryWords = 250
)

// Verdict is the judgement of one answer.
type Verdict struct {
	Right bool
	Why   string // what was wrong, "" when right
}

// Judge scores an answer against an evaluation case. A question to decline
// is right exactly when the answer declines. Otherwise the answer must not
// decline, must be short enough, and must cite at least one acceptable
// reference and none outside the set (related reading counts neither
// way) and/or contain an expected phrase starting a word: either suffices
// when both are given (testdata/eval/README.md).
func Judge(c EvalCase, a *Answer) Verdict {
	if c.ShouldDecline() {
		if a.Abstained {
			return Verdict{Right: true}
		}
		return Verdict{Why: "answered a question it should decline"}
	}
	if a.Abstained {
		return Verdict{Why: "declined an answerable question"}
	}
	limit := MaxAnswerWords
	if summaryRe.MatchString(c.Q) {
		limit = MaxSummaryWords
	}
	if n := len(strings.Fields(a.Text)); n > limit {
		return Verdict{Why: "too long"}
	}
	refsOK := false
	if len(c.Refs) > 0 {
		refsOK = citesOK(c, a.Citations)
	}
	phraseOK := false
	low := normalizeForMatch(a.Text)
	for _, p := range c.Phrases {
		if containsPhrase(low, normalizeForMatch(p)) {
			phraseOK = true
		}
	}
	if refsOK || phraseOK {
		return Verdict{Right: true}
	}
	if len(c.Refs) > 0 {
		return Verdict{Why: "wrong or missing citations"}
	}
	return Verdict{Why: "no expected phrase"}
}

func citesOK(c EvalCase, cited []int) bool {
	hit := 0
	for _, n := range cited {
		if !slices.Contains(c.Refs, n) {
			return false
		}
		hit++
	}
	return hit > 0
}

// summaryRe finds a question that asks for a summary or the gist.
var summaryRe = lazyre.New(`(?i)summar|\bgist\b|overview|tl;?dr`)

// containsPhrase reports whether phrase occurs in text starting a word; a
// phrase ending in a digit must not be followed by a digit.
func containsPhrase(text, phrase string) bool {
	if phrase == "" {
		return false
	}
	for from := 0; ; {
		i := strings.Index(text[from:], phrase)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(phrase)
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[end:])
		last, _ := utf8.DecodeLastRuneInString(phrase)
		okStart := i == 0 || !(unicode.IsLetter(before) || unicode.IsDigit(before))
		okEnd := !(unicode.IsDigit(last) && end < len(text) && unicode.IsDigit(after))
		if okStart && okEnd {
			return true
		}
		from = i + 1
	}
}

// Wilson returns the 95% Wilson score interval of k successes in n trials.
func Wilson(k, n int) (lo, hi float64) {
	if n == 0 {
		return 0, 1
	}
	const z = 1.959964
	p := float64(k) / float64(n)
	nn := float64(n)
	den := 1 + z*z/nn
	mid := (p + z*z/(2*nn)) / den
	half := z * math.Sqrt(p*(1-p)/nn+z*z/(4*nn*nn)) / den
	return math.Max(0, mid-half), math.Min(1, mid+half)
}

// Score counts right answers of one group.
type Score struct {
	Group string
	N     int
	Right int
}

// Rate is the share right.
func (s Score) Rate() float64 {
	if s.N == 0 {
		return 0
	}
	return float64(s.Right) / float64(s.N)
}

// Interval is the 95% Wilson interval of Rate.
func (s Score) Interval() (float64, float64) { return Wilson(s.Right, s.N) }

// Report summarises answer-level accuracy over an evaluation set.
type Report struct {
	Overall Score
	ByType  []Score // sorted by type name
	// WrongDeclines of Answerable questions; OffDeclined of OffPaper ones.
	WrongDeclines, Answerable int
	OffDeclined, OffPaper     int
	Misses                    []Miss
}

// Miss is a wrong answer.
type Miss struct {
	Case   EvalCase
	Answer string
	Why    string
}

// TypeScore returns the score of one type (zero Score when absent).
func (r Report) TypeScore(t string) Score {
	for _, s := range r.ByType {
		if s.Group == t {
			return s
		}
	}
	return Score{Group: t}
}

// Tally builds a report from cases and their answers (same order).
func Tally(cases []EvalCase, answers []*Answer) Report {
	var r Report
	r.Overall.Group = "overall"
	by := map[string]*Score{}
	for i, c := range cases {
		a := answers[i]
		v := Judge(c, a)
		s := by[c.Type]
		if s == nil {
			s = &Score{Group: c.Type}
			by[c.Type] = s
		}
		s.N++
		r.Overall.N++
		if v.Right {
			s.Right++
			r.Overall.Right++
		} else {
			r.Misses = append(r.Misses, Miss{Case: c, Answer: a.Text, Why: v.Why})
		}
		if c.ShouldDecline() {
			r.OffPaper++
			if a.Abstained {
				r.OffDeclined++
			}
		} else {
			r.Answerable++
			if a.Abstained {
				r.WrongDeclines++
			}
		}
	}
	for _, s := range by {
		r.ByType = append(r.ByType, *s)
	}
	sort.Slice(r.ByType, func(i, j int) bool { return r.ByType[i].Group < r.ByType[j].Group })
	return r
}
