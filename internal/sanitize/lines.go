package sanitize

import (
	"strings"
	"unicode/utf8"
)

// escapeLineStarts puts a backslash before a heading ("#" … followed by a
// space), subtext ("-# ") or quote (">") marker at the start of each line,
// after any indentation, invisible characters and list bullets. atStart
// says whether s's first line starts a line of the message.
func escapeLineStarts(s string, atStart bool) string {
	if !strings.ContainsAny(s, "#>") {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if i == 0 && !atStart {
			continue
		}
		if at := markerAt(line); at >= 0 {
			lines[i] = line[:at] + `\` + line[at:]
		}
	}
	return strings.Join(lines, "\n")
}

// markerAt is the byte offset of a line-start Markdown marker in line, or
// -1 when the line has none.
func markerAt(line string) int {
	i := 0
	for {
		i = skipBlank(line, i)
		if j := bullet(line, i); j > i {
			i = j
			continue
		}
		break
	}
	rest := line[i:]
	switch {
	case strings.HasPrefix(rest, ">"):
		return i
	case strings.HasPrefix(rest, "-#") && blankAfter(rest, 2):
		return i
	case strings.HasPrefix(rest, "#"):
		n := len(rest) - len(strings.TrimLeft(rest, "#"))
		if blankAfter(rest, n) {
			return i
		}
	}
	return -1
}

// bullet returns the offset after a list bullet ("-", "*", "+" or "1." /
// "1)" followed by blanks) at s[i:], or i when there is none.
func bullet(s string, i int) int {
	j := i
	switch {
	case j < len(s) && strings.IndexByte("-*+", s[j]) >= 0:
		j++
	default:
		for j < len(s) && j-i < 9 && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i || j >= len(s) || (s[j] != '.' && s[j] != ')') {
			return i
		}
		j++
	}
	if k := skipBlank(s, j); k > j {
		return k
	}
	return i
}

// blankAfter reports whether s[n:] starts with a blank (or s ends at n).
func blankAfter(s string, n int) bool {
	if n >= len(s) {
		return n == len(s)
	}
	return skipBlank(s, n) > n
}

// skipBlank skips spaces, tabs, no-break spaces and invisible characters.
func skipBlank(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != ' ' && r != '\t' && r != '\r' && r != '\u00a0' && r != '\u3000' && !invisible(r) {
			break
		}
		i += size
	}
	return i
}
