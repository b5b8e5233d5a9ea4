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

// bibliography renders the cited references in format and counts them
// (study.ExportItems: each paper's own citation first, then its references
// by number, continuations as the entry they continue).
func (r *repl) bibliography(format string) (string, int, error) {
	cited := make([]study.PaperRef, len(r.cited))
	for i, c := range r.cited {
		cited[i] = study.PaperRef{PaperID: c.paperID, Ref: c.n}
	}
	items := study.ExportItems(cited, nil, func(id string) *corpus.Paper {
		p, err := r.eng.Paper(id)
		if err != nil {
			return nil
		}
		return p
	})
	if len(items) == 0 {
		return "", 0, nil
	}
	_, body, err := study.Bibliography(format, items)
	if err != nil {
		return "", 0, &answer.UserError{Msg: err.Error()}
	}
	return string(body), study.References(items), nil
}
