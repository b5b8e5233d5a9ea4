package bot

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"paperbot/internal/discord"
)

// MaxContent is Discord's limit on a message's content, in characters
// (Unicode code points).
const MaxContent = discord.MaxContent

// minSplitLimit is the smallest limit SplitMessage honours: below it a
// reopened code fence plus its closing fence would not leave room for text.
const minSplitLimit = 32

// maxFenceLang caps the language tag carried over when a code block is
// reopened in the next part.
const maxFenceLang = 16

// citationRE matches the citation labels the engine writes: [12], [A3],
// and lists or ranges such as [3, 7] or [4–6].
var citationRE = regexp.MustCompile(`\[[A-Za-z]?\d{1,4}(?:\s*[,–-]\s*[A-Za-z]?\d{1,4})*\]`)

// SplitMessage splits s into parts of at most limit characters (code points)
// each, for Discord's 2,000-character content limit. It prefers to cut
// between paragraphs, then lines, then sentences, then words; it never cuts
// inside a citation label such as [12] or [A3], inside a code fence marker,
// or inside a UTF-8 character. A code block that spans a cut is closed at
// the end of one part and reopened (with its language) at the start of the
// next, so every part renders on its own. Whitespace at the cuts is dropped.
// An empty or all-whitespace s gives no parts. Limits below 32 are raised
// to 32.
func SplitMessage(s string, limit int) []string {
	if limit < minSplitLimit {
		limit = minSplitLimit
	}
	s = strings.TrimSpace(s)
	var parts []string
	prefix := "" // the fence that reopens a code block cut at the last split
	for s != "" {
		if utf8.RuneCountInString(prefix)+utf8.RuneCountInString(s) <= limit {
			parts = append(parts, prefix+s)
			break
		}
		budget := limit - utf8.RuneCountInString(prefix)
		cut := bestCut(s, budget)
		if open, _ := fenceOpenAtEnd(prefix + s[:cut]); open {
			// Leave room to close the code block.
			cut = bestCut(s, budget-len("\n```"))
		}
		head := strings.TrimRight(s[:cut], " \t\r\n")
		s = strings.TrimLeft(s[cut:], "\r\n")
		if strings.TrimSpace(head) == "" {
			s = strings.TrimLeft(s, " \t")
			continue
		}
		part := prefix + head
		if open, lang := fenceOpenAtEnd(part); open {
			part += "\n```"
			prefix = "```" + lang + "\n"
		} else {
			prefix = ""
		}
		parts = append(parts, part)
	}
	return parts
}

// bestCut returns the byte offset at which to cut s so that s[:cut] holds at
// most budget runes (budget ≥ 1). It is always > 0 and on a rune boundary.
func bestCut(s string, budget int) int {
	if budget < 1 {
		budget = 1
	}
	maxB := len(s)
	n := 0
	for i := range s {
		if n == budget {
			maxB = i
			break
		}
		n++
	}
	protected := protectedSpans(s[:min(len(s), maxB+64)])
	inside := func(p int) bool {
		for _, sp := range protected {
			if sp[0] < p && p < sp[1] {
				return true
			}
		}
		return false
	}
	window := s[:maxB]
	floor := maxB / 2 // paragraph, line and sentence cuts must not leave tiny parts
	seps := []struct {
		sep   string
		floor int
	}{
		{"\n\n", floor},
		{"\n", floor},
		{". ", floor}, {"? ", floor}, {"! ", floor}, {".\n", floor},
		{" ", 1},
	}
	for _, sp := range seps {
		best := -1
		if sp.sep == " " && maxB < len(s) && (s[maxB] == ' ' || s[maxB] == '\n') && !inside(maxB) {
			return maxB // the window ends exactly at a word's end
		}
		for i := strings.LastIndex(window, sp.sep); i >= 0; i = strings.LastIndex(window[:i], sp.sep) {
			p := i + len(sp.sep)
			if p < sp.floor {
				break
			}
			if !inside(p) {
				best = p
				break
			}
		}
		if best > 0 {
			return best
		}
	}
	// Hard cut: back off out of any protected span, keeping rune boundaries.
	p := maxB
	for p > 0 && inside(p) {
		_, size := utf8.DecodeLastRuneInString(s[:p])
		p -= size
	}
	if p <= 0 {
		p = maxB
	}
	return p
}

// protectedSpans returns the byte ranges [start, end) that must not be cut:
// citation labels and code fence markers.
func protectedSpans(s string) [][2]int {
	var spans [][2]int
	for _, m := range citationRE.FindAllStringIndex(s, -1) {
		spans = append(spans, [2]int{m[0], m[1]})
	}
	for i := 0; ; {
		j := strings.Index(s[i:], "```")
		if j < 0 {
			break
		}
		spans = append(spans, [2]int{i + j, i + j + 3})
		i += j + 3
	}
	return spans
}

// fenceOpenAtEnd reports whether s ends inside a ``` code block and, if so,
// the language tag of the block's opening fence ("" when none).
func fenceOpenAtEnd(s string) (bool, string) {
	open := false
	lang := ""
	for i := 0; ; {
		j := strings.Index(s[i:], "```")
		if j < 0 {
			break
		}
		pos := i + j + 3
		open = !open
		if open {
			lang = fenceLang(s[pos:])
		}
		i = pos
	}
	return open, lang
}

// fenceLang reads the language tag that follows an opening fence: a short
// word directly followed by a newline.
func fenceLang(rest string) string {
	nl := strings.IndexByte(rest, '\n')
	if nl <= 0 || nl > maxFenceLang {
		return ""
	}
	tag := rest[:nl]
	for _, r := range tag {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '+' || r == '-' || r == '_' || r == '#') {
			return ""
		}
	}
	return tag
}
