package answer

import (
	"strconv"
	"strings"

	"paperbot/internal/lazyre"
)

// citationRe matches a numeric citation group: [3], [3, 5], [3; 5], [3-5],
// [3–5] and mixes such as [1, 3–5].
var citationRe = lazyre.New(`\[\s*\d+(?:\s*[-–—,;]\s*\d+)*\s*\]`)

// citationPartRe splits a group into numbers and ranges.
var citationPartRe = lazyre.New(`(\d+)(?:\s*[-–—]\s*(\d+))?`)

// maxCitationRange is the longest range [n–m] that is expanded; longer or
// reversed ranges keep only their end points.
const maxCitationRange = 50

// CheckCitations verifies every numeric citation in text against valid (the
// reference numbers that exist and were among the retrieved passages).
//
// A group whose numbers are all valid is left as written; a group with some
// invalid numbers is rewritten with only the valid ones ("[3, 99]" becomes
// "[3]"); a group with no valid number is removed with the space before it.
// Letter labels such as [A1] are left alone. kept lists the valid numbers in
// order of first use and removed the invalid ones, both without duplicates.
func CheckCitations(text string, valid map[int]bool) (clean string, kept, removed []int) {
	seenKept, seenRemoved := map[int]bool{}, map[int]bool{}
	var b strings.Builder
	last := 0
	for _, loc := range citationRe.FindAllStringIndex(text, -1) {
		good, bad, odd := splitCitationGroup(text[loc[0]:loc[1]], valid)
		for _, n := range good {
			if !seenKept[n] {
				seenKept[n] = true
				kept = append(kept, n)
			}
		}
		for _, n := range bad {
			if !seenRemoved[n] {
				seenRemoved[n] = true
				removed = append(removed, n)
			}
		}
		switch {
		case len(bad) == 0 && len(good) > 0 && !odd:
			b.WriteString(text[last:loc[1]])
		case len(good) > 0:
			b.WriteString(text[last:loc[0]])
			b.WriteString(formatCitationGroup(good))
		default:
			b.WriteString(strings.TrimRight(text[last:loc[0]], " \t"))
			if lineStart(text, loc[0]) {
				for loc[1] < len(text) && (text[loc[1]] == ' ' || text[loc[1]] == '\t') {
					loc[1]++
				}
			}
		}
		last = loc[1]
	}
	b.WriteString(text[last:])
	return b.String(), kept, removed
}

// splitCitationGroup returns the valid and invalid numbers of one group in
// the order written, without duplicates. odd reports a range that was not
// expanded (reversed or too long): the group must be rewritten ("[12-3]"
// becomes "[12, 3]").
func splitCitationGroup(group string, valid map[int]bool) (good, bad []int, odd bool) {
	seen := map[int]bool{}
	add := func(n int) {
		if seen[n] {
			return
		}
		seen[n] = true
		if valid[n] {
			good = append(good, n)
		} else {
			bad = append(bad, n)
		}
	}
	for _, m := range citationPartRe.FindAllStringSubmatch(group, -1) {
		lo, err := strconv.Atoi(m[1])
		if err != nil {
			continue
		}
		if m[2] == "" {
			add(lo)
			continue
		}
		hi, err := strconv.Atoi(m[2])
		if err != nil || hi < lo || hi-lo > maxCitationRange {
			odd = true
			add(lo)
			if err == nil {
				add(hi)
			}
			continue
		}
		for n := lo; n <= hi; n++ {
			add(n)
		}
	}
	return good, bad, odd
}

func formatCitationGroup(nums []int) string {
	parts := make([]string, len(nums))
	for i, n := range nums {
		parts[i] = strconv.Itoa(n)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// lineStart reports whether only spaces precede position i on its line.
func lineStart(text string, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch text[j] {
		case ' ', '\t':
			continue
		case '\n':
			return true
		default:
			return false
		}
	}
	return true
}

// labelRe matches the prompt's letter labels: [A1], [M2], [A1, A3].
var labelRe = lazyre.New(`\s*\[\s*([ABM])\d+(?:\s*[,;]\s*[ABM]\d+)*\s*\]`)

// replaceLabels turns the prompt's abstract and metadata labels, which mean
// nothing to a reader, into plain words: "[A1]" becomes " (abstract)".
func replaceLabels(text string) string {
	return labelRe.ReplaceAllStringFunc(text, func(m string) string {
		if strings.Contains(m, "A") {
			return " (abstract)"
		}
		if strings.Contains(m, "B") {
			return " (paper)"
		}
		return " (paper details)"
	})
}

// citedNumbers lists every numeric citation in text in order of first use.
func citedNumbers(text string) []int {
	_, kept, removed := CheckCitations(text, nil)
	return append(kept, removed...)
}
