package answer

import (
	"cmp"
	"slices"
	"strings"

	"paperbot/retrieval"
)

// citePlace is where an author–year citation stands in a sentence and the
// text it supports.
type citePlace struct {
	ref        int
	pos        int // where its surname starts
	paren      bool
	start, end int // the citation itself: "(Smith, 2010; Lee 2012)" or "Smith et al. (2010)"
	claim      string
}

// authorYearClaims finds each reference a sentence cites by its first
// author's surname and reads the text it supports: for a citation in
// parentheses, the text before the group ("… rivers (Smith, 2010)"); for
// a narrative one, the text after it up to the next citation ("Smith
// (2010) found …"), shared with the next one when nothing stands between
// them ("Lee (2008) and Smith (2010) describe …"). ok is false when a
// cited reference's surname is not in the sentence.
func authorYearClaims(pi *paperInfo, text string, cites []int) ([]citePlace, bool) {
	low := strings.ToLower(text)
	var places []citePlace
	for _, n := range cites {
		ref, ok := pi.refs[n]
		if !ok || len(ref.Authors) == 0 {
			return nil, false
		}
		sn := surname(ref.Authors[0])
		pos := wordIndex(low, sn)
		if sn == "" || pos < 0 {
			return nil, false
		}
		p := citePlace{ref: n, pos: pos}
		open := strings.LastIndex(low[:pos], "(")
		if open >= 0 && !strings.Contains(low[open:pos], ")") {
			p.paren, p.start = true, open
			if c := strings.Index(low[pos:], ")"); c >= 0 {
				p.end = pos + c + 1
			} else {
				p.end = len(low)
			}
		} else {
			p.start, p.end = pos, pos+len(sn)
			if rest := low[p.end:]; strings.HasPrefix(strings.TrimLeft(strings.TrimPrefix(strings.TrimLeft(rest, " "), "et al."), " "), "(") {
				if c := strings.Index(rest, ")"); c >= 0 {
					p.end += c + 1
				}
			}
		}
		places = append(places, p)
	}
	slices.SortStableFunc(places, func(a, b citePlace) int { return cmp.Compare(a.pos, b.pos) })
	for k := range places {
		p := &places[k]
		if p.paren {
			// Back to the end of the previous citation outside this group.
			from := 0
			for j := k - 1; j >= 0; j-- {
				if places[j].start != p.start {
					from = places[j].end
					break
				}
			}
			p.claim = low[min(from, p.start):p.start]
			continue
		}
		to := len(low)
		for j := k + 1; j < len(places); j++ {
			if places[j].start > p.end {
				to = places[j].start
				break
			}
		}
		p.claim = low[p.end:max(p.end, to)]
	}
	for k := len(places) - 2; k >= 0; k-- {
		// "Lee (2008) and Smith (2010) describe …": nothing of its own.
		if !places[k].paren && !places[k+1].paren && len(retrieval.Terms(places[k].claim)) == 0 {
			places[k].claim = places[k+1].claim
		}
	}
	return places, true
}

// authorYearClauseCites narrows an author–year sentence's references to
// those whose claim holds the most of the focus; all of them when no
// claim holds more than the others.
func authorYearClauseCites(pi *paperInfo, ps retrieval.Passage, fm []focusMatch, ws []float64) []int {
	places, ok := authorYearClaims(pi, ps.Text, ps.Cites)
	if !ok || len(places) < 2 {
		return ps.Cites
	}
	shares := make([]float64, len(places))
	best := 0.0
	for k, p := range places {
		set := map[string]bool{}
		for _, t := range retrieval.Terms(p.claim) {
			set[t] = true
		}
		shares[k] = weightedShare(set, fm, ws)
		best = max(best, shares[k])
	}
	var out []int
	for k, p := range places {
		if best > 0 && shares[k] >= best-1e-9 && !slices.Contains(out, p.ref) {
			out = append(out, p.ref)
		}
	}
	if len(out) == 0 || len(out) == len(ps.Cites) {
		return ps.Cites
	}
	slices.Sort(out)
	return out
}

// wordIndex returns the byte offset of the first occurrence of w in s
// that is a whole word, or -1.
func wordIndex(s, w string) int {
	for from := 0; w != "" && from <= len(s); {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return -1
		}
		i += from
		j := i + len(w)
		if (i == 0 || !isWordByte(s[i-1])) && (j == len(s) || !isWordByte(s[j])) {
			return i
		}
		from = i + 1
	}
	return -1
}

// isWordByte reports whether b is part of a word: a letter or digit, or
// a byte of a multi-byte letter.
func isWordByte(b byte) bool {
	return b >= 0x80 || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}
