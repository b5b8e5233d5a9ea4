package corpus

import (
	"slices"
	"strings"
	"unicode"

	"paperbot/internal/lazyre"
)

// Numbered reference lists are cited in some journals with numbers in
// parentheses: "dead or alive (2, 3).", "the method of Holst (9)". A number
// in parentheses is also many other things (an item "(1) to measure…", an
// equation number, a count), so these markers are read only for a paper
// that cites in no other way and whose parenthesised numbers, taken
// together, cite a good part of its list: see parenCitesOn.

// parenCite is a parenthesis holding only numbers, lists and ranges.
var parenCite = lazyre.New(`\((\d{1,4}(?:\s*[-–—]\s*\d{1,4})?(?:\s*[,;]\s*\d{1,4}(?:\s*[-–—]\s*\d{1,4})?)*)\)`)

// minParenShare is the least share of the reference list the
// parenthesised numbers of the body must cite, together, to be read as
// citations; minParenRefs the least count. Enumerations ("(1)", "(2)",
// "(3)") and equation numbers cite the first few entries at most.
const (
	minParenShare = 0.25
	minParenRefs  = 3
)

// parenCites returns the references the parenthesised numbers of a
// sentence cite. A group counts only when every number in it is a
// reference of the list, its ranges ascend, and it is not an item of an
// enumeration (opening the sentence or following ":", ";", ",", "and" or
// "or", with a lower-case word after it).
func (r *citeResolver) parenCites(sentence string) []int {
	var out []int
	for _, loc := range parenCite.FindAllStringSubmatchIndex(sentence, -1) {
		if enumerationItem(sentence, loc[0], loc[1]) {
			continue
		}
		out = append(out, r.groupCites(sentence[loc[2]:loc[3]])...)
	}
	return out
}

// enumerationItem reports whether the parenthesis at [start, end) numbers
// an item of a list rather than citing.
func enumerationItem(s string, start, end int) bool {
	before := strings.TrimRightFunc(s[:start], unicode.IsSpace)
	after := strings.TrimLeftFunc(s[end:], unicode.IsSpace)
	lowerNext := after != "" && unicode.IsLower([]rune(after)[0])
	if !lowerNext {
		return false
	}
	if before == "" || strings.HasSuffix(before, ":") || strings.HasSuffix(before, ";") || strings.HasSuffix(before, ",") {
		return true
	}
	f := strings.Fields(before)
	last := strings.ToLower(f[len(f)-1])
	return last == "and" || last == "or"
}

// parenCitesOn reports whether a paper's parenthesised numbers are its
// citations: its list is numbered in print, no sentence of its body cites
// in another way, and those numbers cite at least minParenShare of the
// list (and minParenRefs entries).
func (r *citeResolver) parenCitesOn(body []Block) bool {
	if r.unnumbered || len(r.numbers) == 0 {
		return false
	}
	cited := map[int]bool{}
	for _, b := range body {
		for _, s := range b.Sentences {
			if len(s.Cites) > 0 {
				return false
			}
			for _, n := range r.parenCites(s.Text) {
				cited[n] = true
			}
		}
	}
	need := max(minParenRefs, int(minParenShare*float64(len(r.numbers))+0.999))
	return len(cited) >= need
}

// addParenCites reads the parenthesised numbers of the body as citations
// when parenCitesOn says they are.
func (r *citeResolver) addParenCites(body []Block) {
	if !r.parenCitesOn(body) {
		return
	}
	for bi := range body {
		for si := range body[bi].Sentences {
			s := &body[bi].Sentences[si]
			if c := r.parenCites(s.Text); len(c) > 0 {
				c = append(c, s.Cites...)
				slices.Sort(c)
				s.Cites = slices.Compact(c)
			}
		}
	}
}
