package answer

import (
	"cmp"
	"regexp"
	"slices"
	"strings"

	"paperbot/retrieval"
)

// Abstention and relevance thresholds, tuned on testdata/eval.jsonl (see
// the README for the numbers). They are fractions of the weight of a word
// the paper never uses (its highest inverse document frequency, 4.54 on the
// seed paper), so they scale with the number of passages.
const (
	// A question word weighs its inverse document frequency, but at least
	// minTermWeight, so words every passage uses ("China", "Central Asia")
	// still count as on topic.
	minTermWeight = 0.22
	// minMass is the least matched weight an answer needs: one specific
	// word ("Russia", "summit") or several common ones of the paper.
	minMass = 0.55
	// A question whose words mostly do not occur in the retrieved passages
	// (matched share below minShare) needs strongMass to be answered:
	// "What's the best programming language for beginners?" matches only
	// "language".
	minShare   = 0.5
	strongMass = 1.1
	// relevantShare: a passage is quoted or cited when its matched weight is
	// at least this share of the best passage of its kind, and minMass.
	relevantShare = 0.5
)

// evidence is the engine's judgement of the retrieved passages.
type evidence struct {
	terms   []string
	mass    float64   // matched weight over all retrieved passages
	share   float64   // share of the question's terms matched
	rel     []float64 // matched weight per hit, same order as the hits
	bestAbs float64   // best rel among abstract passages
	bestRef float64   // best rel among the other passages
	minMass float64   // minMass scaled to this paper
	abstain bool
}

// weigh measures how much of the question the retrieved passages hold and
// decides whether to abstain.
func weigh(pi *paperInfo, question string, hits []retrieval.Hit) evidence {
	ev := evidence{terms: contentTerms(question), rel: make([]float64, len(hits))}
	sets := make([]termSet, len(hits))
	for i, h := range hits {
		ts, ok := pi.terms[h.ID]
		if !ok {
			ts = newTermSet(h.Text + "\n" + h.Keywords)
		}
		sets[i] = ts
	}
	unit := pi.vocab.idf("") // the weight of a word the paper never uses
	ev.minMass = minMass * unit
	matched := 0
	for _, t := range ev.terms {
		w := max(pi.vocab.idf(t), minTermWeight*unit)
		any := false
		for i, s := range sets {
			if s.has(t) {
				ev.rel[i] += w
				any = true
			}
		}
		if any {
			matched++
			ev.mass += w
		}
	}
	if len(ev.terms) > 0 {
		ev.share = float64(matched) / float64(len(ev.terms))
	}
	for i, h := range hits {
		if h.Kind == retrieval.KindAbstract {
			ev.bestAbs = max(ev.bestAbs, ev.rel[i])
		} else {
			ev.bestRef = max(ev.bestRef, ev.rel[i])
		}
	}
	ev.abstain = matched == 0 || ev.mass < ev.minMass || (ev.share < minShare && ev.mass < strongMass*unit)
	return ev
}

// poolSize is how many passages are retrieved before rerank keeps k.
const poolSize = 20

// rerank keeps the k hits that hold most of the question's weight (ties
// broken by the retrieval's fused score), in the retrieval's order.
func rerank(pi *paperInfo, question string, hits []retrieval.Hit, k int) []retrieval.Hit {
	ev := weigh(pi, question, hits)
	idx := make([]int, len(hits))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if c := cmp.Compare(ev.rel[b], ev.rel[a]); c != 0 {
			return c
		}
		return cmp.Compare(hits[b].Score, hits[a].Score)
	})
	keep := idx[:min(k, len(idx))]
	slices.Sort(keep) // back to the retrieval's order: passages stay best first by score
	out := make([]retrieval.Hit, 0, len(keep))
	for _, i := range keep {
		out = append(out, hits[i])
	}
	return out
}

// relevant reports whether hit i of hits is good enough to quote or cite.
func (ev evidence) relevant(i int, h retrieval.Hit) bool {
	best := ev.bestRef
	if h.Kind == retrieval.KindAbstract {
		best = ev.bestAbs
	}
	return ev.rel[i] >= ev.minMass && ev.rel[i] >= relevantShare*best
}

// abstentionRe recognises a model's "the passages don't cover it".
var abstentionRe = regexp.MustCompile(`(?i)(do(es)?n['’]?t|do(es)? not|did not|didn['’]t)\s+(cover|answer|address|mention|discuss)|not covered|no information|not (in|among) the (passages|paper)`)

// isModelAbstention reports whether a model's answer says the passages do
// not answer the question.
func isModelAbstention(text string) bool {
	return abstentionRe.MatchString(text)
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
			if !containsInt(nums, n) {
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

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// oneLine collapses whitespace.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
