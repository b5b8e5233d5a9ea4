package answer

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"paperbot/internal/lazyre"
	"paperbot/retrieval"
)

// citingSentence is a body sentence that cites, with its weighted share
// of the question's focus and the references of its best clause.
type citingSentence struct {
	i     int
	share float64
	cites []int
}

// minCitingShare is the least weighted share of the focus a citing
// sentence must hold to answer a which-source question.
const minCitingShare = 0.5

// citingSentences ranks the body sentences that cite by the share of the
// focus they hold, each word weighted by specificity and idf, so generic
// words of the question ("say", "people") count little. Best first.
func citingSentences(pi *paperInfo, fm []focusMatch) []citingSentence {
	ws, total := focusWeights(pi, fm)
	if total == 0 {
		return nil
	}
	var out []citingSentence
	for i, ps := range pi.passages {
		if ps.Kind != retrieval.KindBody {
			continue
		}
		cites := ps.Cites
		if len(cites) == 0 {
			// "Experts have defined a smart city as follows:" cites
			// through the list under it.
			if cites = listCites(pi, i); len(cites) == 0 {
				continue
			}
		}
		s := weightedShare(pi.pterms[i], fm, ws) / total
		if s < minCitingShare {
			continue
		}
		if len(ps.Cites) > 0 {
			cites = clauseCites(pi, ps, fm, ws)
		}
		out = append(out, citingSentence{i: i, share: s, cites: cites})
	}
	slices.SortStableFunc(out, func(a, b citingSentence) int { return cmp.Compare(b.share, a.share) })
	return out
}

// listItemRe finds the mark that opens a list item: a bullet or dash, or
// an item number or letter ("1.", "(b)", "ii)").
var listItemRe = lazyre.New(`^\s*(?:[-–—•▪◦*]|\(?(?:\d{1,2}|[a-h]|[ivx]{1,4})[.)])\s`)

// listCites are the references cited by the list that body passage i
// introduces: i ends with a colon and the passages after it in its
// section open with list marks; their citations in order, each once.
func listCites(pi *paperInfo, i int) []int {
	ps := pi.passages[i]
	if !strings.HasSuffix(strings.TrimSpace(ps.Text), ":") {
		return nil
	}
	var out []int
	for j := i + 1; j < len(pi.passages); j++ {
		item := pi.passages[j]
		if item.Kind != retrieval.KindBody || item.Section != ps.Section || !listItemRe.MatchString(item.Text) && !isFragment(item.Text) {
			break
		}
		for _, n := range item.Cites {
			if c, ok := pi.citable(n); ok && !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// isFragment reports whether a passage is the rest of the sentence before
// it, cut off by the text layer ("[12];", "and the last"): it opens with
// a citation marker or a lower-case letter.
func isFragment(text string) bool {
	t := strings.TrimSpace(text)
	if t == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	return r == '[' || unicode.IsLower(r)
}

// focusWeights weighs each found focus word by specificity times idf.
func focusWeights(pi *paperInfo, fm []focusMatch) ([]float64, float64) {
	ws := make([]float64, len(fm))
	var total float64
	for j, m := range fm {
		if m.found {
			ws[j] = specificity(m.word) * pi.idf(m.term)
			total += ws[j]
		}
	}
	return ws, total
}

func weightedShare(set map[string]bool, fm []focusMatch, ws []float64) float64 {
	var s float64
	for j, m := range fm {
		if m.found && hasTerm(set, m.term) {
			s += ws[j]
		}
	}
	return s
}

// markerRe finds a numeric citation marker: "[3]", "[3, 4]", "[20–25]".
var markerRe = lazyre.New(`\[(\d{1,4}(?:\s*[,–-]\s*\d{1,4})*)\]`)

// clauseCites narrows a sentence's references to the clause that holds
// the focus: with numeric markers, the text before each marker is what it
// supports ("stroke [1], multiple sclerosis [3, 4]"); with author–year
// citations, see authorYearClaims. When no clause holds more of the focus
// than the others, all the sentence's references.
func clauseCites(pi *paperInfo, ps retrieval.Passage, fm []focusMatch, ws []float64) []int {
	locs := markerRe.FindAllStringSubmatchIndex(ps.Text, -1)
	if len(locs) < 2 {
		// No numbered markers to split at: author–year citations, found
		// by their authors' names.
		return authorYearClauseCites(pi, ps, fm, ws)
	}
	best, bestShare, tie := -1, 0.0, false
	start := 0
	for k, loc := range locs {
		set := map[string]bool{}
		for _, t := range retrieval.Terms(ps.Text[start:loc[0]]) {
			set[t] = true
		}
		start = loc[1]
		s := weightedShare(set, fm, ws)
		switch {
		case s > bestShare+1e-9:
			best, bestShare, tie = k, s, false
		case s > 0 && s >= bestShare-1e-9:
			tie = true
		}
	}
	if best < 0 || tie {
		return ps.Cites
	}
	var out []int
	for _, n := range markerNumbers(ps.Text[locs[best][2]:locs[best][3]]) {
		if c, ok := pi.citable(n); ok && slices.Contains(ps.Cites, c) && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return ps.Cites
	}
	return out
}

// markerNumbers expands a marker's inside: "3, 4" and "20–25".
func markerNumbers(s string) []int {
	var out []int
	for _, part := range lazyre.New(`\s*,\s*`).Split(s, -1) {
		lo, hi := part, part
		for _, sep := range []string{"–", "-"} {
			if a, b, ok := strings.Cut(part, sep); ok {
				lo, hi = a, b
			}
		}
		a, err1 := strconv.Atoi(lo)
		b, err2 := strconv.Atoi(hi)
		if err1 != nil || err2 != nil || b < a || b-a > 50 {
			continue
		}
		for n := a; n <= b; n++ {
			out = append(out, n)
		}
	}
	return out
}

// clauseExcerpt quotes only the part of a sentence whose marker gives
// cites, with the sentence's opening for context and ellipses for what is
// left out: "…disorders such as stroke … multiple sclerosis [3, 4] …".
// ok is false when the whole sentence is the clause.
func clauseExcerpt(pi *paperInfo, text string, cites []int) (string, bool) {
	locs := markerRe.FindAllStringSubmatchIndex(text, -1)
	if len(locs) < 2 {
		return "", false
	}
	for k, loc := range locs {
		var nums []int
		for _, n := range markerNumbers(text[loc[2]:loc[3]]) {
			if c, ok := pi.citable(n); ok && !slices.Contains(nums, c) {
				nums = append(nums, c)
			}
		}
		if len(nums) != len(cites) || !sameSet(nums, cites) {
			continue
		}
		if k == 0 {
			return strings.TrimSpace(text[:loc[1]]) + " …", true
		}
		prefix := strings.TrimSpace(text[:locs[0][0]])
		if cut := strings.LastIndexAny(prefix, ",;:"); cut > len(prefix)/2 {
			prefix = strings.TrimSpace(prefix[:cut])
		}
		clause := strings.TrimLeft(text[locs[k-1][1]:loc[1]], " ,;")
		for _, w := range []string{"and ", "or "} {
			clause = strings.TrimPrefix(clause, w)
		}
		return prefix + " … " + strings.TrimSpace(clause) + " …", true
	}
	return "", false
}

func sameSet(a, b []int) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}
