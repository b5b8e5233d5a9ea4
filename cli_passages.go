package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"paperbot/retrieval"
)

const passagesUsage = "usage: paperbot passages [--paper FILE] [--json]"

// passageOut is the contract of `passages --json` (docs/passages.md):
// these keys exactly; "section" is "" outside the body, "page" is omitted
// when unknown (text files, non-body passages), "cites" is always an
// array ([] when the passage cites nothing).
type passageOut struct {
	ID      string `json:"id"`
	Kind    string `json:"kind"`
	Section string `json:"section"`
	Page    int    `json:"page,omitempty"`
	Text    string `json:"text"`
	Cites   []int  `json:"cites"`
}

func toPassageOut(p retrieval.Passage) passageOut {
	j := passageOut{ID: p.ID, Kind: string(p.Kind), Section: p.Section, Page: p.Page, Text: p.Text, Cites: p.Cites}
	if j.Cites == nil {
		j.Cites = []int{}
	}
	return j
}

// runPassages prints every passage the answerer can use: abstract and body
// sentences, captions, references and the metadata passage, each with the
// reference numbers it cites.
func runPassages(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("passages", flag.ContinueOnError)
	paperPath := fs.String("paper", "", "read the paper from this `FILE` instead of the default paper")
	asJSON := fs.Bool("json", false, "print a JSON array")
	pos, code, ok := parseFlags(fs, args, passagesUsage, stdout, stderr)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "paperbot passages: unexpected argument %q (%s)\n", pos[0], passagesUsage)
		return 2
	}
	p, ok := loadPaper("passages", *paperPath, stderr)
	if !ok {
		return 1
	}
	ps := retrieval.PassagesFor(p)
	if *asJSON {
		out := make([]passageOut, 0, len(ps))
		for _, x := range ps {
			out = append(out, toPassageOut(x))
		}
		writeJSON(stdout, out)
		return 0
	}
	section := ""
	for _, x := range ps {
		if x.Section != section && x.Section != "" {
			fmt.Fprintf(stdout, "\n## %s\n", x.Section)
		}
		section = x.Section
		var where []string
		if x.Page > 0 {
			where = append(where, fmt.Sprintf("p. %d", x.Page))
		}
		if len(x.Cites) > 0 && x.Kind != retrieval.KindReference {
			where = append(where, "cites "+citeList(x.Cites))
		}
		tail := ""
		if len(where) > 0 {
			tail = "  (" + strings.Join(where, "; ") + ")"
		}
		fmt.Fprintf(stdout, "%-9s %s%s\n", x.Kind, x.Text, tail)
	}
	return 0
}

// citeList prints reference numbers as "[3, 5]".
func citeList(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return "[" + strings.Join(s, ", ") + "]"
}
