package bot

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"paperbot/corpus"
	"paperbot/retrieval/study"
)

// maxCiteMessages caps the messages one /cite posts. A reference entry is
// a few hundred characters; one that needs more than two messages is a
// reference list that ran into other text, and posting it whole (once 630
// messages) floods the channel.
const maxCiteMessages = 2

// citeParts renders a formatted citation as at most maxCiteMessages
// messages of at most MaxContent characters each. An entry too long for
// that keeps its start and its end (where the year and venue are) with
// " … " between them, and a last line says it was shortened and where the
// whole entry is (whole, when non-empty, names that place).
func citeParts(label, style, formatted, whole string) []string {
	formatted = strings.TrimSpace(formatted)
	parts := SplitMessage(citeText(label, style, formatted), MaxContent)
	if len(parts) <= maxCiteMessages {
		return parts
	}
	note := fmt.Sprintf("-# Shortened: this entry is %s characters long, far longer than a reference usually is, so its middle is left out.",
		thousands(utf8.RuneCountInString(formatted)))
	if whole != "" {
		note += " " + whole
	}
	// The fences, the label and the cuts between messages take some room:
	// shrink until it fits.
	for budget := maxCiteMessages*MaxContent - utf8.RuneCountInString(label+note) - 64; budget > MaxContent/4; budget -= MaxContent / 4 {
		parts = SplitMessage(citeText(label, style, clipMiddle(formatted, budget))+"\n"+note, MaxContent)
		if len(parts) <= maxCiteMessages {
			return parts
		}
	}
	return SplitMessage(citeText(label, style, clipMiddle(formatted, MaxContent/4))+"\n"+note, MaxContent)
}

// clipMiddle shortens s to at most n characters by leaving out its middle:
// the start and up to 200 characters of the end stay, joined by " … ".
// Cuts fall between words where possible.
func clipMiddle(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	const sep = " … "
	tailN := min(n/4, 200)
	headN := max(n-tailN-utf8.RuneCountInString(sep), 1)
	head := strings.TrimRight(s[:bestCut(s, headN)], " \n\t")
	r := []rune(s)
	tail := string(r[len(r)-tailN:])
	if i := strings.IndexAny(tail, " \n"); i >= 0 && i < len(tail)/2 {
		tail = tail[i+1:]
	}
	return head + sep + strings.TrimLeft(tail, " \n\t")
}

// thousands writes n with thousands separators: 120,345.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// citeContextText renders where the paper cites a reference, from
// study.CitationNote (the words the terminal shows too): "Cited 3× — §1
// Introduction, §3 Results" and the first citing sentence as a quote. A
// paper with a body that never cites the reference says so; a paper
// without a body says nothing (or that the abstract cites it), since there
// is nothing to count.
func citeContextText(p *corpus.Paper, n int) string {
	c := study.CitationNote(p, n)
	switch {
	case c.Count > 0:
		line := "**" + c.Cited + "**"
		if c.Sections != "" {
			line += " — " + mdEscape(c.Sections)
		}
		quote := "> " + mdEscape(truncate(c.Quote, 600))
		if c.Where != "" {
			quote += "\n-# first cited in " + mdEscape(c.Where)
		}
		return line + c.Also + "\n" + quote
	case c.Cited != "":
		return "**" + c.Cited + "**"
	case c.Missing != "":
		return "-# " + c.Missing
	}
	return ""
}

// appendPart adds text to the last message of parts when it fits there,
// else as a message of its own; empty text adds nothing.
func appendPart(parts []string, text string) []string {
	if text == "" {
		return parts
	}
	last := len(parts) - 1
	if last >= 0 && utf8.RuneCountInString(parts[last])+1+utf8.RuneCountInString(text) <= MaxContent {
		parts[last] += "\n" + text
		return parts
	}
	return append(parts, SplitMessage(text, MaxContent)...)
}
