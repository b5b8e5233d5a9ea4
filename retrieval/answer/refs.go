package answer

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"paperbot/corpus"
	"paperbot/retrieval"
)

// refAnswer answers "what is [27] about?" and "why does the paper cite
// [12]?" from the reference's parsed fields and the sentences that cite it.
func refAnswer(r *reply, qq question) {
	pi := r.pi
	n, ok := pi.citable(qq.ref)
	if !ok {
		r.line(fmt.Sprintf("The paper has no reference number %d; its list runs from 1 to %d, so I won't guess.", qq.ref, maxRef(pi)))
		r.declined = true
		return
	}
	ref := pi.refs[n]
	r.useRef(n)
	r.line(describeRef(ref) + " [" + fmt.Sprint(n) + "]")
	if cites := pi.citedBy[n]; len(cites) > 0 {
		r.line("The paper cites it here:")
		r.quotes(cites[:min(len(cites), 2)])
		return
	}
	if !pi.hasBody() {
		r.line("Only the abstract and reference list of this paper are available here, so I can't show where in the text it is cited.")
	}
}

// describeRef composes a sentence from a reference's parsed fields:
// "J. S. Nye's 2004 work “Soft power …” (Public Affairs)."
func describeRef(ref *corpus.Reference) string {
	var names []string
	for _, a := range ref.Authors {
		names = append(names, displayName(a))
	}
	title := strings.TrimSpace(ref.Title)
	if title == "" {
		return "It is the entry “" + oneLine(ref.Raw) + "”."
	}
	s := "It is "
	if len(names) > 0 {
		s += joinAnd(names) + "'s "
	}
	if ref.Year != "" && ref.Year != "n.d." {
		s += ref.Year + " "
	}
	s += "work “" + strings.TrimSuffix(title, ".") + "”"
	if ref.Venue != "" {
		s += " (" + strings.TrimSuffix(ref.Venue, ".") + ")"
	}
	return s + "."
}

func maxRef(pi *paperInfo) int {
	m := 0
	for n := range pi.refs {
		m = max(m, n)
	}
	return m
}

// refScore is a reference with the share of the focus it holds.
type refScore struct {
	n     int
	share float64
}

// matchingRefs ranks the paper's references by the idf-weighted share of
// the found focus terms their entry holds (title, authors, venue, URL
// words), best first, keeping those with at least minShare.
func matchingRefs(pi *paperInfo, fm []focusMatch, minShare float64) []refScore {
	total := pi.focusTotal(fm)
	if total == 0 {
		return nil
	}
	var out []refScore
	for i, ps := range pi.passages {
		if ps.Kind != retrieval.KindReference {
			continue
		}
		n, ok := pi.citable(ps.Ref)
		if !ok || n != ps.Ref {
			continue
		}
		s := focusShare(pi, i, fm) / total
		if s >= minShare {
			out = append(out, refScore{n, s})
		}
	}
	slices.SortStableFunc(out, func(a, b refScore) int { return cmp.Compare(b.share, a.share) })
	return out
}

// focusShare is the idf weight of the found focus terms passage i holds.
func focusShare(pi *paperInfo, i int, fm []focusMatch) float64 {
	var w float64
	set := pi.pterms[i]
	for _, m := range fm {
		if m.found && hasTerm(set, m.term) {
			w += pi.idf(m.term)
		}
	}
	return w
}

// focusTotal is the idf summed over the found focus terms: the most a
// passage can hold of the focus (focusShare's scale).
func (pi *paperInfo) focusTotal(fm []focusMatch) float64 {
	var total float64
	for _, m := range fm {
		if m.found {
			total += pi.idf(m.term)
		}
	}
	return total
}

// hasTerm reports whether set holds term, or (for terms of five letters or
// more) a longer term starting with it.
func hasTerm(set map[string]bool, term string) bool {
	if set[term] {
		return true
	}
	if len(term) < 5 {
		return false
	}
	for t := range set {
		if len(t) > len(term) && strings.HasPrefix(t, term) {
			return true
		}
	}
	return false
}

// whichSources lists every reference on the focus: entries holding the
// whole focus (or the best share of it), and the references the author
// cites in body sentences about it.
func whichSources(r *reply, qq question, fm []focusMatch) bool {
	pi := r.pi
	// What the author cited in the sentences that hold the focus comes
	// first; reference entries matching the focus only when no sentence
	// cites on it (an abstract-only paper).
	var refs, sentences []int
	var firstCites []int
	if cs := citingSentences(pi, fm); len(cs) > 0 {
		firstCites = cs[0].cites
		top := cs[0].share
		for _, c := range cs {
			if c.share < top-1e-9 || len(sentences) == maxCitingSentences {
				break
			}
			sentences = append(sentences, c.i)
			for _, n := range c.cites {
				if c, ok := pi.citable(n); ok && !slices.Contains(refs, c) {
					refs = append(refs, c)
				}
			}
		}
	}
	if len(refs) == 0 {
		scored := matchingRefs(pi, fm, 0.5)
		if len(scored) > 0 {
			top := scored[0].share
			for _, s := range scored {
				if s.share >= top-1e-9 || s.share >= 0.99 {
					refs = append(refs, s.n)
				}
			}
		}
	}
	if len(refs) == 0 {
		return false
	}
	refs = refs[:min(len(refs), maxSourceList)]
	r.line(fmt.Sprintf("The paper's sources on %s:", focusPhrase(fm)))
	r.refLines(refs)
	if len(sentences) > 0 && quoteFits(r, sentences[0]) {
		r.line(r.where(sentences[0]) + ": " + r.quoteCiting(sentences[0], firstCites))
	}
	return true
}

// quoteFits reports whether quoting passage i (with its place and
// markers) keeps the reply within MaxAnswerWords: a list of sources that
// already fills the reply stands without its illustrating sentence.
func quoteFits(r *reply, i int) bool {
	const framing = 8 // "In “Section” (p. 3):" and the citation group
	n := len(strings.Fields(r.b.String())) + len(strings.Fields(r.pi.passages[i].Text)) + framing
	return n <= MaxAnswerWords
}

// maxCitingSentences caps the citing sentences a which-source answer
// draws on.
const maxCitingSentences = 3

// maxSourceList caps a which-source list.
const maxSourceList = 8

// focusPhrase is the found focus words as a phrase: "soft power".
func focusPhrase(fm []focusMatch) string {
	var ws []string
	for _, m := range fm {
		if m.found && (len(ws) == 0 || ws[len(ws)-1] != m.fixed) { // "jet lag" read as "jetlag" once
			ws = append(ws, m.fixed)
		}
	}
	if len(ws) == 0 {
		return "this"
	}
	return "“" + strings.Join(ws, " ") + "”"
}

// coinedAnswer answers "who coined X?" from the reference list: the author
// whose works on X the paper cites most, named with those works.
func coinedAnswer(r *reply, qq question, fm []focusMatch) bool {
	pi := r.pi
	scored := matchingRefs(pi, fm, 0.99)
	if len(scored) == 0 {
		scored = matchingRefs(pi, fm, 0.5)
	}
	bySurname := map[string][]int{}
	name := map[string]string{}
	var order []string
	for _, s := range scored {
		ref := pi.refs[s.n]
		if len(ref.Authors) == 0 {
			continue
		}
		sn := surname(ref.Authors[0])
		if sn == "" {
			continue
		}
		if _, ok := bySurname[sn]; !ok {
			order = append(order, sn)
			name[sn] = displayName(ref.Authors[0])
		}
		bySurname[sn] = append(bySurname[sn], s.n)
	}
	// The author with the most works on it, then the earliest.
	// Also count the author's other works in the list (same surname).
	for sn := range bySurname {
		for n, ref := range pi.refs {
			if len(ref.Authors) > 0 && surname(ref.Authors[0]) == sn && !slices.Contains(bySurname[sn], n) && ref.ContinuationOf == 0 {
				bySurname[sn] = append(bySurname[sn], n)
			}
		}
	}
	if len(order) == 0 {
		return false
	}
	slices.SortStableFunc(order, func(a, b string) int { return cmp.Compare(len(bySurname[b]), len(bySurname[a])) })
	sn := order[0]
	works := bySurname[sn]
	slices.SortFunc(works, func(a, b int) int {
		// By year, then by number: the works of one year (or "n.d.")
		// come in the list's order, the same on every run.
		return cmp.Or(cmp.Compare(pi.refs[a].Year, pi.refs[b].Year), cmp.Compare(a, b))
	})
	var parts []string
	for _, n := range works {
		ref := pi.refs[n]
		parts = append(parts, fmt.Sprintf("%s “%s” [%d]", ref.Year, strings.TrimSuffix(strings.TrimSpace(ref.Title), "."), n))
		r.useRef(n)
	}
	r.line(fmt.Sprintf("On where %s comes from, the paper's reference list points to %s: it cites %s %s.",
		focusPhrase(fm), name[sn], possessive(name[sn]), joinAnd(parts)))
	return true
}

func possessive(name string) string {
	if strings.HasSuffix(name, "s") {
		return name + "'"
	}
	return name + "'s"
}

// maxOverviewRefs caps the references a sources overview lists.
const maxOverviewRefs = 5

// sourcesOverview answers a which-source question that names no topic
// ("What sources did the author use?"): how many references the paper
// lists and, when its text cites them, the ones it cites most often.
func sourcesOverview(pi *paperInfo, qq question) *Answer {
	r := newReply(pi)
	var nums []int
	for n, ref := range pi.refs {
		if ref.ContinuationOf == 0 && ref.DuplicateOf == 0 {
			nums = append(nums, n)
		}
	}
	if len(nums) == 0 {
		r.line(fmt.Sprintf("The text I have of “%s” has no reference list.", titleOf(pi.paper)))
		return r.answer(qq)
	}
	r.line(fmt.Sprintf("“%s” lists %d references.", titleOf(pi.paper), len(pi.refs)))
	cited := func(n int) int { return len(pi.citedBy[n]) }
	slices.SortFunc(nums, func(a, b int) int {
		if c := cmp.Compare(cited(b), cited(a)); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	if cited(nums[0]) > 1 {
		// Only references its text cites more than once stand out.
		r.line("The ones its text cites most:")
		for _, n := range nums[:min(len(nums), maxOverviewRefs)] {
			if cited(n) > 1 {
				r.useRef(n)
				r.line(fmt.Sprintf("%s (cited %d×)", refLine(pi.refs[n]), cited(n)))
			}
		}
	}
	r.line("Browse them all with /refs (a keyword narrows the list), or see one with /cite N.")
	return r.answer(qq)
}
