package answer

import (
	"slices"
	"strings"

	"paperbot/internal/lazyre"
)

// abstentionRe recognises a model's "the passages don't cover it".
var abstentionRe = lazyre.New(`(?i)(do(es)?n['’]?t|do(es)? not|did not|didn['’]t)\s+(cover|answer|address|mention|discuss)|not covered|no information|not (in|among) the (passages|paper)`)

// isModelAbstention reports whether a model's answer says the passages do
// not answer the question: it starts with NotCoveredMarker (asked for in
// the prompt, in any language), or says so in English.
func isModelAbstention(text string) bool {
	return strings.HasPrefix(strings.TrimSpace(text), NotCoveredMarker) || abstentionRe.MatchString(text)
}

// remapContinuations rewrites citations of continuation entries to the
// entry they continue ("[28]" becomes "[27]" on the seed paper), so a reply
// never cites a line that is only a URL.
func remapContinuations(pi *paperInfo, text string) string {
	return citationRe.ReplaceAllStringFunc(text, func(group string) string {
		changed := false
		var nums []int
		good, bad, _ := splitCitationGroup(group, pi.refsValid())
		for _, n := range good {
			if c, _ := pi.citable(n); c != n {
				n, changed = c, true
			}
			if !slices.Contains(nums, n) {
				nums = append(nums, n)
			}
		}
		if !changed {
			return group
		}
		nums = append(nums, bad...)
		return formatCitationGroup(nums)
	})
}

// refsValid is every printed reference number of the paper.
func (pi *paperInfo) refsValid() map[int]bool {
	m := make(map[int]bool, len(pi.refs))
	for n := range pi.refs {
		m[n] = true
	}
	return m
}

// oneLine collapses whitespace.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// normalizeForMatch lower-cases s, folds typographic quotes and dashes and
// collapses whitespace: the form the judge matches phrases in and a
// follow-up finds what an earlier answer said.
func normalizeForMatch(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"", "–", "-", "—", "-").Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}
