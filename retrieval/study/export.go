package study

import (
	"fmt"
	"sort"
	"strings"

	"paperbot/corpus"
)

// Cited is one reference cited in a channel.
type Cited struct {
	Paper *corpus.Paper
	Ref   *corpus.Reference
}

// Bibliography renders cited references as a file: "bibtex" gives a .bib
// file, "markdown" a .md file grouped by paper in APA 7 style. It returns the
// file name and contents.
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
			b.WriteString(corpus.FormatRef(corpus.StyleBibTeX, it.Paper, it.Ref))
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
			fmt.Fprintf(&b, "- [%d] %s\n", it.Ref.N, corpus.FormatRef(corpus.StyleAPA, it.Paper, it.Ref))
		}
		return "bibliography.md", []byte(b.String()), nil
	default:
		return "", nil, fmt.Errorf("unknown export format %q: use bibtex or markdown", format)
	}
}

func sortStrings(s []string) { sort.Strings(s) }
