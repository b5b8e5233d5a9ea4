package corpus

import (
	"fmt"
	"slices"
	"strings"
)

// letterYears tells apart different works whose author-year label would be
// the same (same first author, same "& second author" or "et al.", same
// year), as APA 7 does ("2023a", "2023b", lettered in order of title). A
// duplicate entry gets the letter of the entry it repeats rather than a
// letter of its own; continuation entries, undated entries and years
// already printed with a letter are left alone. Each lettered entry gets a
// note, and the paper one line per group. Styles that do not letter years
// (IEEE, MLA, BibTeX's year field) use yearBase.
func letterYears(refs []Reference) []string {
	groups := map[string][]int{}
	var order []string
	for i := range refs {
		r := &refs[i]
		if r.ContinuationOf != 0 || r.DuplicateOf != 0 || len(r.Authors) == 0 || r.Year == "" || r.Year == "n.d." || yearBase(r.Year) != r.Year {
			continue
		}
		lead := authorLead(r.Authors)
		if lead == "" {
			continue
		}
		key := lead + "\x00" + r.Year
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = append(groups[key], i)
	}
	var out []string
	for _, key := range order {
		idx := groups[key]
		if len(idx) < 2 || len(idx) > 26 {
			continue
		}
		slices.SortStableFunc(idx, func(a, b int) int { return strings.Compare(titleKey(refs[a].Title), titleKey(refs[b].Title)) })
		var nums []string
		for k, i := range idx {
			refs[i].Year += string(rune('a' + k))
			nums = append(nums, fmt.Sprintf("[%d] %s", refs[i].N, refs[i].Year))
		}
		for _, i := range idx {
			refs[i].Notes = append(refs[i].Notes, fmt.Sprintf("year lettered %s: same authors and year as another work (%s)", refs[i].Year, strings.Join(nums, ", ")))
		}
		out = append(out, "same author label and year, lettered by title: "+strings.Join(nums, ", "))
	}
	for i := range refs {
		if d := refs[i].DuplicateOf; d != 0 {
			for j := range refs {
				if refs[j].N == d && refs[j].Year != refs[i].Year && yearBase(refs[j].Year) == refs[i].Year {
					refs[i].Year = refs[j].Year
				}
			}
		}
	}
	return out
}

// authorLead is the author part of an author-year label, lower-cased: the
// first author's family name and given name (so "Popovic, D. B." and
// "Popovic, L. Z." differ), then "& family" of a second and last author or
// "et al."; "" when the first author has no family name.
func authorLead(authors []string) string {
	first := parseName(authors[0])
	if first.family == "" {
		return ""
	}
	lead := first.family + ", " + first.given
	if len(authors) == 2 && !parseName(authors[1]).etal {
		lead += " & " + parseName(authors[1]).family
	} else if len(authors) > 1 {
		lead += " et al."
	}
	return strings.ToLower(lead)
}
