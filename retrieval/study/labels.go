package study

import (
	"strconv"
	"strings"
)

// maxRefLabels is how many reference numbers RefLabels shows.
const maxRefLabels = 8

// RefLabels renders reference numbers as "[1] [4] [15]": at most eight of
// them, then "…". The Discord and terminal front ends both label claims and
// terms with it.
func RefLabels(refs []int) string {
	var parts []string
	for i, n := range refs {
		if i == maxRefLabels {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, "["+strconv.Itoa(n)+"]")
	}
	return strings.Join(parts, " ")
}

// Where says where a term appears: "title", "abstract", the body section
// of its first use, and the references whose text contains it.
func (t Term) Where() string {
	var where []string
	if t.InTitle {
		where = append(where, "title")
	}
	if t.InAbstract {
		where = append(where, "abstract")
	}
	if t.Appears != nil && !t.Appears.Abstract {
		where = append(where, t.Appears.Label())
	}
	if len(t.Refs) > 0 {
		where = append(where, RefLabels(t.Refs))
	}
	return strings.Join(where, ", ")
}
