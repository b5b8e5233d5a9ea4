package bot

import (
	"fmt"
	"strings"
	"unicode/utf8"
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
