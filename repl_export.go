package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"paperbot/internal/classroom"
	"paperbot/retrieval/answer"
)

// noteAnswer records the references an answer cited, for /export.
func (r *repl) noteAnswer(ctx context.Context, a *answer.Answer) {
	if a.Abstained {
		return
	}
	if err := r.bibs.Note(ctx, chatChannel, a.PaperID, a.Citations); err != nil {
		r.print("", err)
	}
}

// noteCited records a reference formatted by /cite N.
func (r *repl) noteCited(ctx context.Context, paperID, arg string) {
	n, err := strconv.Atoi(strings.Trim(arg, "[]"))
	if err != nil || n < 1 {
		return
	}
	if err := r.bibs.Note(ctx, chatChannel, paperID, []int{n}); err != nil {
		r.print("", err)
	}
}

// export runs /export [bibtex|markdown] [FILE]: the references cited so
// far, by paper and in reference-number order (an entry continuing another
// counts as the one it continues), each paper's own citation first.
func (r *repl) export(ctx context.Context, args string) {
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
	bib, err := r.bibs.Export(ctx, chatChannel, format)
	if errors.Is(err, classroom.ErrNothingCited) {
		fmt.Fprintln(r.out, "Nothing has been cited in this chat yet. Ask a question or use /cite N first.")
		return
	}
	if err != nil {
		r.print("", err)
		return
	}
	text, count := string(bib.File), bib.References
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
