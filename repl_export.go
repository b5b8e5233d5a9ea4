package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"

	"paperbot/corpus"
	"paperbot/retrieval/answer"
	"paperbot/retrieval/study"
)

// citedRef is a reference cited in this chat, by an answer or by /cite.
type citedRef struct {
	paperID string
	n       int
}

// noteAnswer records the references an answer cited.
func (r *repl) noteAnswer(a *answer.Answer) {
	if a.Abstained {
		return
	}
	for _, n := range a.Citations {
		r.addCited(a.PaperID, n)
	}
}

// noteCited records a reference formatted by /cite N.
func (r *repl) noteCited(paperID, arg string) {
	n, err := strconv.Atoi(strings.Trim(arg, "[]"))
	if err != nil {
		return
	}
	p, err := r.eng.Paper(paperID)
	if err == nil {
		r.addCited(p.ID, n)
	}
}

func (r *repl) addCited(paperID string, n int) {
	c := citedRef{paperID, n}
	if !slices.Contains(r.cited, c) {
		r.cited = append(r.cited, c)
	}
}

// export runs /export [bibtex|markdown] [FILE]: the references cited so
// far, by paper and in reference-number order (an entry continuing another
// counts as the one it continues), each paper's own citation first.
func (r *repl) export(args string) {
	fields := strings.Fields(args)
	format, file := "bibtex", ""
	if len(fields) > 0 {
		if f := strings.ToLower(fields[0]); !strings.ContainsAny(f, `./\`) {
			format, fields = f, fields[1:] // bibtex, markdown or md
		}
		if format == "bib" {
			format = "bibtex"
		}
	}
	if len(fields) > 1 {
		fmt.Fprintln(r.out, "Usage: /export [bibtex|markdown] [FILE], e.g. /export markdown refs.md")
		return
	}
	if len(fields) == 1 {
		file = fields[0]
	}
	text, count, err := r.bibliography(format)
	if err != nil {
		r.print("", err)
		return
	}
	if count == 0 {
		fmt.Fprintln(r.out, "Nothing has been cited in this chat yet. Ask a question or use /cite N first.")
		return
	}
	if file == "" {
		fmt.Fprint(r.out, text)
		return
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(r.out, "%s already exists; give /export a new file name.\n", file)
		return
	}
	if err == nil {
		_, err = f.WriteString(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(r.out, "Sorry, I could not write the file:", err)
		return
	}
	fmt.Fprintf(r.out, "Wrote %d reference%s to %s.\n", count, plural(count), file)
}

// bibliography renders the cited references in format and counts them.
func (r *repl) bibliography(format string) (string, int, error) {
	byPaper := map[string][]int{}
	var order []string
	for _, c := range r.cited {
		if _, ok := byPaper[c.paperID]; !ok {
			order = append(order, c.paperID)
		}
		byPaper[c.paperID] = append(byPaper[c.paperID], c.n)
	}
	var b strings.Builder
	count := 0
	if format == "markdown" || format == "md" {
		b.WriteString("# Bibliography\n")
	}
	for _, id := range order {
		p, err := r.eng.Paper(id)
		if err != nil {
			continue
		}
		var items []study.Cited
		var seen []int
		for _, n := range byPaper[id] {
			ref, err := p.Ref(n)
			if err != nil {
				continue
			}
			if ref.ContinuationOf != 0 {
				if ref, err = p.Ref(ref.ContinuationOf); err != nil {
					continue
				}
			}
			if !slices.Contains(seen, ref.N) {
				seen = append(seen, ref.N)
				items = append(items, study.Cited{Paper: p, Ref: ref})
			}
		}
		if len(items) == 0 {
			continue
		}
		slices.SortFunc(items, func(a, b study.Cited) int { return a.Ref.N - b.Ref.N })
		_, body, err := study.Bibliography(format, items)
		if err != nil {
			return "", 0, &answer.UserError{Msg: err.Error()}
		}
		count += len(items)
		if format == "markdown" || format == "md" {
			// Bibliography's "# Bibliography" heading once, then each
			// paper's own citation above the references it cites.
			md := strings.TrimPrefix(string(body), "# Bibliography\n")
			head, rest, _ := strings.Cut(strings.TrimPrefix(md, "\n"), "\n\n")
			fmt.Fprintf(&b, "\n%s\n\nThe paper: %s\n\n%s", head, corpus.FormatPaper(corpus.StyleAPA, p), rest)
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(strings.TrimRight(corpus.FormatPaper(corpus.StyleBibTeX, p), "\n") + "\n\n")
		b.Write(body)
	}
	return b.String(), count, nil
}
