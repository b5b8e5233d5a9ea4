package pdftext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"paperbot/internal/lazyre"
)

var (
	pageNumber = lazyre.New(`^\s*(?:(?i:page)\s+)?\d{1,4}(?:\s*(?:/|(?i:of))\s*\d{1,4})?\s*$`)
	digits     = lazyre.New(`\d+`)
)

// Clean tidies pdftotext output: pages are separated by form feeds. Lines
// that repeat at the top or bottom of most pages (running headers and
// footers, with their page numbers masked) and bare page numbers are
// dropped; a word hyphenated across a line end is joined; ligatures are
// expanded and control and U+FFFD characters dropped.
func Clean(raw string) string {
	raw = strings.ReplaceAll(raw, "\r\n", "\n")
	pages := strings.Split(raw, "\f")
	running := runningLines(pages)
	var lines []string
	for _, page := range pages {
		for _, line := range strings.Split(page, "\n") {
			line, _ = normalizeText(line)
			line = strings.TrimRightFunc(line, unicode.IsSpace)
			if pageNumber.MatchString(line) || running[mask(line)] {
				continue
			}
			lines = append(lines, line)
		}
	}
	return strings.TrimSpace(joinHyphens(lines))
}

// runningLines finds lines among the first and last two non-blank lines of
// each page that recur on at least half of the pages (and at least 3).
func runningLines(pages []string) map[string]bool {
	count := map[string]int{}
	n := 0
	for _, page := range pages {
		var nonblank []string
		for _, l := range strings.Split(page, "\n") {
			if strings.TrimSpace(l) != "" {
				nonblank = append(nonblank, l)
			}
		}
		if len(nonblank) == 0 {
			continue
		}
		n++
		seen := map[string]bool{}
		edges := append(head(nonblank, 2), tail(nonblank, 2)...)
		for _, l := range edges {
			k := mask(l)
			if !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	out := map[string]bool{}
	for k, c := range count {
		if n >= 3 && c >= 3 && c*2 >= n && k != "" {
			out[k] = true
		}
	}
	return out
}

func head(s []string, k int) []string { return s[:min(k, len(s))] }
func tail(s []string, k int) []string { return s[max(0, len(s)-k):] }

// mask normalises a line for header comparison: spaces folded, numbers masked.
func mask(line string) string {
	return digits.ReplaceAllString(strings.Join(strings.Fields(line), " "), "#")
}

// joinHyphens joins "interna-" + "tional" into "international" when a
// lowercase letter stands on both sides of the line-end hyphen; other lines
// are kept as they are (the paper reader handles wrapped entries).
func joinHyphens(lines []string) string {
	var b strings.Builder
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		for i+1 < len(lines) && hyphenated(line, lines[i+1]) {
			next := strings.TrimLeftFunc(lines[i+1], unicode.IsSpace)
			word, rest, _ := strings.Cut(next, " ")
			line = strings.TrimSuffix(line, "-") + word
			if rest != "" {
				line += "\n" + rest
			}
			i++
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

func hyphenated(line, next string) bool {
	if !strings.HasSuffix(line, "-") || strings.HasSuffix(line, "--") {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(line, "-"))
	after, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(next, unicode.IsSpace))
	if !unicode.IsLower(before) || !unicode.IsLower(after) {
		return false
	}
	// A URL split at a hyphen keeps its hyphen.
	fields := strings.Fields(line)
	last := fields[len(fields)-1]
	return !strings.Contains(last, "://") && !strings.Contains(last, "/")
}
