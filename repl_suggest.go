package main

import (
	"fmt"

	"paperbot/corpus"
)

// suggest prints the suggested questions; typing a suggestion's number
// asks it.
func (r *repl) suggest(p *corpus.Paper) {
	r.suggestions, _ = r.eng.Suggestions(p.ID) // none when the paper is gone
	if len(r.suggestions) == 0 {
		fmt.Fprintln(r.out, "Start with /paper or /summary, or ask a question.")
		return
	}
	fmt.Fprintln(r.out, "Start with /paper or /summary, or try one of these (type its number to ask it):")
	for i, q := range r.suggestions {
		fmt.Fprintf(r.out, "  %d. %s\n", i+1, q)
	}
}

// suggestion returns the suggestion numbered line ("2"), if any.
func (r *repl) suggestion(line string) (string, bool) {
	if len(line) != 1 || line[0] < '1' || int(line[0]-'0') > len(r.suggestions) {
		return "", false
	}
	return r.suggestions[line[0]-'1'], true
}
