package llm

import (
	"regexp"
	"strconv"
	"strings"
)

// citationRe matches a numeric citation group: [3], [3, 5], [3; 5], [3-5],
// [3–5] (en dash), [3—5] (em dash), and mixes such as [1, 3–5].
var citationRe = regexp.MustCompile(`\[\s*\d+(?:\s*[-–—,;]\s*\d+)*\s*\]`)

// partRe splits a citation group into numbers and ranges.
var partRe = regexp.MustCompile(`(\d+)(?:\s*[-–—]\s*(\d+))?`)

// maxRange is the longest range [n–m] expanded; a longer or reversed range
// keeps only its valid end points.
const maxRange = 50

// CheckCitations verifies every numeric citation in a model's text against
// valid (the reference numbers that exist and were in the retrieved context).
//
// A group whose numbers are all valid is left as written. A group with some
// invalid numbers is rewritten with only the valid ones ("[3, 99]" becomes
// "[3]", "[2–4]" with 3 invalid becomes "[2, 4]"). A group with no valid
// number is removed together with the space before it. Letter labels such as
// [A1] are not numbers and are left alone.
//
// kept lists the valid numbers in order of first use, removed the invalid
// ones (for the caller to log); both without duplicates.
func CheckCitations(text string, valid map[int]bool) (clean string, kept, removed []int) {
	seenKept := map[int]bool{}
	seenRemoved := map[int]bool{}
	var b strings.Builder
	last := 0
	for _, loc := range citationRe.FindAllStringIndex(text, -1) {
		group := text[loc[0]:loc[1]]
		nums, bad, odd := parseGroup(group, valid)
		for _, n := range nums {
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
		case len(bad) == 0 && len(nums) > 0 && !odd:
			b.WriteString(text[last:loc[1]])
		case len(nums) > 0:
			b.WriteString(text[last:loc[0]])
			b.WriteString(formatGroup(nums))
		default:
			before := strings.TrimRight(text[last:loc[0]], " \t")
			b.WriteString(before)
			if atLineStart(text, loc[0]) {
				// Nothing before it on the line: drop the space after instead.
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

// parseGroup returns the valid and invalid numbers of one citation group, in
// the order written, without duplicates within the group. odd reports a
// range that was not expanded (reversed or too long), which must be rewritten.
func parseGroup(group string, valid map[int]bool) (good, bad []int, odd bool) {
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
	for _, m := range partRe.FindAllStringSubmatch(group, -1) {
		lo, err := strconv.Atoi(m[1])
		if err != nil {
			continue // absurdly long number: never valid, dropped silently
		}
		if m[2] == "" {
			add(lo)
			continue
		}
		hi, err := strconv.Atoi(m[2])
		if err != nil || hi < lo || hi-lo > maxRange {
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

func formatGroup(nums []int) string {
	parts := make([]string, len(nums))
	for i, n := range nums {
		parts[i] = strconv.Itoa(n)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// atLineStart reports whether only spaces precede position i on its line.
func atLineStart(text string, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch text[j] {
		case ' ', '\t':
		case '\n':
			return true
		default:
			return false
		}
	}
	return true
}
