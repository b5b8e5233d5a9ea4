package study

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"paperbot/corpus"
)

// Cited is one entry of a bibliography: a reference of a paper, or the
// paper itself when Ref is nil.
type Cited struct {
	Paper *corpus.Paper
	Ref   *corpus.Reference
}

// PaperRef names reference Ref of paper PaperID.
type PaperRef struct {
	PaperID string
	Ref     int
}

// ExportItems builds a bibliography from the references recorded as cited
// (in first-cited order), leaving out those in leaveOut: papers in the
// order they were first cited, each with its own citation first and then
// its references by number, each once; a continuation entry counts as the
// entry it continues, a duplicate as the entry it repeats. A paper none of
// whose references remain is left out; numbers a paper does not have are
// skipped. paper returns nil for an unknown id.
func ExportItems(cited, leaveOut []PaperRef, paper func(id string) *corpus.Paper) []Cited {
	skip := map[PaperRef]bool{}
	for _, pr := range leaveOut {
		skip[pr] = true
	}
	var order []string
	refs := map[string][]int{}
	papers := map[string]*corpus.Paper{}
	for _, c := range cited {
		if skip[c] {
			continue
		}
		p, ok := papers[c.PaperID]
		if !ok {
			p = paper(c.PaperID)
			papers[c.PaperID] = p
		}
		if p == nil {
			continue
		}
		n := ownEntry(p, c.Ref)
		if r, err := p.Ref(n); err == nil && r.DuplicateOf != 0 {
			n = r.DuplicateOf
		}
		if _, err := p.Ref(n); err != nil {
			continue
		}
		if _, seen := refs[c.PaperID]; !seen {
			order = append(order, c.PaperID)
		}
		if !slices.Contains(refs[c.PaperID], n) {
			refs[c.PaperID] = append(refs[c.PaperID], n)
		}
	}
	var out []Cited
	for _, id := range order {
		p := papers[id]
		ns := refs[id]
		sort.Ints(ns)
		out = append(out, Cited{Paper: p})
		for _, n := range ns {
			r, _ := p.Ref(n)
			out = append(out, Cited{Paper: p, Ref: r})
		}
	}
	return out
}

// References counts the entries of items that are references (not a paper
// itself).
func References(items []Cited) int {
	n := 0
	for _, it := range items {
		if it.Ref != nil {
			n++
		}
	}
	return n
}

// Bibliography renders a bibliography (see ExportItems) as a file:
// "bibtex" gives a .bib file, "markdown" a .md file grouped by paper in
// APA 7 style, each paper's own citation above its references. It returns
// the file name and contents.
func Bibliography(format string, items []Cited) (string, []byte, error) {
	if len(items) == 0 {
		return "", nil, fmt.Errorf("nothing has been cited here yet; ask a question or use /cite first")
	}
	var b strings.Builder
	switch format {
	case "", "bibtex":
		for i, it := range items {
			if i > 0 {
				b.WriteString("\n")
			}
			if it.Ref == nil {
				b.WriteString(strings.TrimRight(corpus.FormatPaper(corpus.StyleBibTeX, it.Paper), "\n"))
			} else {
				b.WriteString(strings.TrimRight(corpus.FormatRef(corpus.StyleBibTeX, it.Paper, it.Ref), "\n"))
			}
			b.WriteString("\n")
		}
		return "bibliography.bib", []byte(b.String()), nil
	case "markdown", "md":
		b.WriteString("# Bibliography\n")
		last := ""
		for _, it := range items {
			if it.Paper.ID != last {
				fmt.Fprintf(&b, "\n## From “%s”\n\n", it.Paper.Title)
				last = it.Paper.ID
			}
			if it.Ref == nil {
				fmt.Fprintf(&b, "The paper: %s\n\n", corpus.FormatPaper(corpus.StyleAPA, it.Paper))
				continue
			}
			fmt.Fprintf(&b, "- [%d] %s\n", it.Ref.N, corpus.FormatRef(corpus.StyleAPA, it.Paper, it.Ref))
		}
		return "bibliography.md", []byte(b.String()), nil
	default:
		return "", nil, fmt.Errorf("unknown export format %q: use bibtex or markdown", format)
	}
}
