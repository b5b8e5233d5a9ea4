package corpus

import (
	"fmt"
	"strings"

	"paperbot/internal/lazyre"
)

// Some reference lists open each entry with a citation key instead of a
// number: "[Bel66] L. A. Belady. …", "[ONe93]", "[BCD+05]", "[Smith 2010]"
// (LaTeX's alpha style and its relatives), and the text cites "[Bel66]",
// "[ONe93, Jia02]". Such a list is numbered 1..N in printed order, like an
// author–year list, and each entry keeps its key (Reference.Key) for the
// citations of the text to resolve to.

// keyStartRE is a line opening with a citation key: letters (a name's
// start, an apostrophe, "+" for more authors), an optional space, then a
// two- or four-digit year and an optional letter.
var keyStartRE = lazyre.New(`^\[(\p{L}[\p{L}'’+\-]*\s?(?:\d{2}|\d{4})[a-z]?)\]\s*(.*)$`)

// minKeyedEntries is the least number of keyed lines a keyed list has.
const minKeyedEntries = 2

// splitKeyed splits the lines of a reference list whose entries open with a
// citation key; nil when its first line does not, or fewer than
// minKeyedEntries lines do. A line without a key continues the entry
// before it.
func splitKeyed(lines []string) (entries []rawEntry, keys []string) {
	var cur []string
	flush := func() {
		if cur != nil {
			entries = append(entries, rawEntry{n: len(entries) + 1, text: joinEntry(cur)})
		}
	}
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if m := keyStartRE.FindStringSubmatch(t); m != nil {
			flush()
			keys = append(keys, m[1])
			cur = []string{}
			if m[2] != "" {
				cur = append(cur, m[2])
			}
			continue
		}
		if cur == nil {
			return nil, nil // text before the first key: not a keyed list
		}
		cur = append(cur, t)
	}
	flush()
	if len(entries) < minKeyedEntries {
		return nil, nil
	}
	return entries, keys
}

// keyedNote is the reader's note on a keyed list.
func keyedNote(keys []string) string {
	return fmt.Sprintf("the reference list is keyed ([%s] …), not numbered; its entries are numbered 1–%d in printed order", keys[0], len(keys))
}

// keyCite is a bracket holding one or more citation keys: "[Bel66]",
// "[ONe93, Jia02]", "[Meg03; Bel66]".
var keyCite = lazyre.New(`\[(\p{L}[^\[\]]{1,200})\]`)

// keyCites resolves the citation keys of a sentence to reference numbers.
// A bracket counts only when every item in it is a key of the list; a
// bracket whose items all look like keys but some of which the list lacks
// adds to unresolved.
func (r *citeResolver) keyCites(sentence string) (cites []int, unresolved int) {
	for _, m := range keyCite.FindAllStringSubmatch(sentence, -1) {
		var group []int
		missing, shaped := 0, true
		for _, item := range strings.FieldsFunc(m[1], func(c rune) bool { return c == ',' || c == ';' }) {
			item = strings.TrimSpace(item)
			if n, ok := r.keys[strings.ToLower(item)]; ok {
				group = append(group, n)
				continue
			}
			if keyStartRE.MatchString("[" + item + "]") {
				missing++
			} else {
				shaped = false
			}
		}
		if !shaped {
			continue
		}
		if missing > 0 && len(group) == 0 {
			unresolved += missing
			continue
		}
		cites = append(cites, group...)
		unresolved += missing
	}
	return cites, unresolved
}
