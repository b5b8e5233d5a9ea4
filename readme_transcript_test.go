package main

import (
	"os"
	"strings"
	"testing"
)

// transcript is one example chat of the README: a fenced block with
// "> question" lines. start is the block's line in README.md; banner, when
// the block starts with "$ go run .", is what the chat prints before the
// first question.
type transcript struct {
	start  int
	banner []string
	turns  []turn
}

// turn is one question of a transcript and the answer lines shown under it
// (blank lines dropped).
type turn struct {
	line     int
	question string
	answer   []string
}

// readmeTranscripts finds every fenced block of the README that holds a
// "> question" line.
func readmeTranscripts(readme string) []transcript {
	var out []transcript
	var cur *transcript
	inBlock, sawCommand := false, false
	for i, l := range strings.Split(readme, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			if inBlock && cur != nil && len(cur.turns) > 0 {
				out = append(out, *cur)
			}
			inBlock, cur, sawCommand = !inBlock, &transcript{start: i + 1}, false
			continue
		}
		if !inBlock {
			continue
		}
		switch q, isQ := strings.CutPrefix(l, "> "); {
		case isQ:
			cur.turns = append(cur.turns, turn{line: i + 1, question: q})
		case l == "$ go run ." && len(cur.turns) == 0:
			sawCommand = true
		case strings.TrimSpace(l) == "":
		case len(cur.turns) > 0:
			t := &cur.turns[len(cur.turns)-1]
			t.answer = append(t.answer, l)
		case sawCommand:
			cur.banner = append(cur.banner, l)
		}
	}
	return out
}

// nonBlank is s's lines without the blank ones.
func nonBlank(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// shownAs reports whether the README line want shows the printed line got:
// equal, or, when want ends in "…", got starts with what comes before it
// (the README shortens long lines that way).
func shownAs(want, got string) bool {
	if want == got {
		return true
	}
	head, ok := strings.CutSuffix(want, "…")
	return ok && strings.HasPrefix(got, strings.TrimRight(head, " "))
}

// TestReadmeTranscripts replays every example chat of the README through
// the terminal chat (`go run .` with no DISCORD_TOKEN, on a pipe) and
// compares it line by line: the start banner when the block shows it, and
// each question's whole answer. Normalisation: blank lines are ignored on
// both sides, and a README line ending in "…" stands for any printed line
// that starts with the text before it. The chat keeps state across
// questions, so question k's answer is what a run of the first k questions
// prints beyond a run of the first k-1.
func TestReadmeTranscripts(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	ts := readmeTranscripts(string(readme))
	if len(ts) < 2 {
		t.Fatalf("found %d transcripts in the README, want the terminal one and the offline answers", len(ts))
	}
	for _, tr := range ts {
		var qs []string
		_, before, _ := runPaperbot(t, testEnv(t), "")
		prev := nonBlank(before)
		if tr.banner != nil {
			compareLines(t, tr.start, "the start banner", tr.banner, prev)
		}
		for _, tn := range tr.turns {
			qs = append(qs, tn.question)
			code, out, errOut := runPaperbot(t, testEnv(t), strings.Join(qs, "\n")+"\n")
			if code != 0 {
				t.Fatalf("README line %d: the chat exited %d: %s", tn.line, code, errOut)
			}
			lines := nonBlank(out)
			if len(lines) < len(prev) || strings.Join(lines[:len(prev)], "\n") != strings.Join(prev, "\n") {
				t.Fatalf("README line %d: the chat printed something else before %q than before without it:\n%s", tn.line, tn.question, out)
			}
			compareLines(t, tn.line, "the answer to "+tn.question, tn.answer, lines[len(prev):])
			prev = lines
		}
	}
}

// compareLines fails unless the README lines want (from README line at)
// show the printed lines got.
func compareLines(t *testing.T, at int, what string, want, got []string) {
	t.Helper()
	ok := len(want) == len(got)
	for i := 0; ok && i < len(want); i++ {
		ok = shownAs(want[i], got[i])
	}
	if !ok {
		t.Errorf("README line %d, %s:\n--- README ---\n%s\n--- the chat prints ---\n%s", at, what, strings.Join(want, "\n"), strings.Join(got, "\n"))
	}
}
