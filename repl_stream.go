package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"paperbot/retrieval/answer"
)

// This file is how the chat writes to its output: whether it is a terminal,
// and an answer streamed in as the model writes it.

// terminals returns stdin and stdout as files when both are terminals.
func terminals(stdin io.Reader, stdout io.Writer) (*os.File, *os.File, bool) {
	in, ok1 := stdin.(*os.File)
	out, ok2 := stdout.(*os.File)
	if ok1 && ok2 && isTerminal(in) && isTerminal(out) {
		return in, out, true
	}
	return nil, nil, false
}

// isTerminal reports whether f is an *os.File attached to a terminal.
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(int(file.Fd()))
}

// streamWriter prints a model's answer as it arrives. It holds back a
// trailing "[..." and trailing spaces, which the citation check may still
// rewrite, and prints the whole answer again if the final text does not
// continue what was shown.
type streamWriter struct {
	w       io.Writer
	printed string
}

func (s *streamWriter) update(soFar string) {
	safe := soFar
	if i := strings.LastIndex(safe, "["); i >= 0 && !strings.Contains(safe[i:], "]") {
		safe = safe[:i]
	}
	safe = strings.TrimRight(safe, " \t\n")
	if len(safe) > len(s.printed) && strings.HasPrefix(safe, s.printed) {
		fmt.Fprint(s.w, safe[len(s.printed):])
		s.printed = safe
	}
}

func (s *streamWriter) abandon() {
	if s.printed != "" {
		fmt.Fprintln(s.w)
	}
}

func (s *streamWriter) finish(a *answer.Answer) {
	text := renderAnswer(a)
	switch {
	case s.printed == "":
		fmt.Fprintln(s.w, text)
	case a.Note == "" && strings.HasPrefix(text, s.printed):
		fmt.Fprintln(s.w, text[len(s.printed):])
	default:
		fmt.Fprintln(s.w, "\n\n"+text)
	}
}
