package pdftext

import (
	"strings"
	"unicode"
)

// ligatures maps presentation-form ligatures to their letters.
var ligatures = strings.NewReplacer(
	"\ufb00", "ff", "\ufb01", "fi", "\ufb02", "fl", "\ufb03", "ffi", "\ufb04", "ffl",
	"\ufb05", "st", "\ufb06", "st", "\u00ad", "", "\u00a0", " ", "\u2009", " ", "\u200b", "",
)

// normalizeText expands ligatures, drops soft hyphens, control characters
// and U+FFFD replacement characters (glyphs the PDF does not map to text),
// and reports how many replacement characters it dropped.
func normalizeText(s string) (string, int) {
	clean := true
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == '\ufffd' || (r >= 0xfb00 && r <= 0xfb06) || r == 0xad || r == 0xa0 || r == 0x2009 || r == 0x200b {
			clean = false
			break
		}
	}
	if clean {
		return s, 0
	}
	s = ligatures.Replace(s)
	lost := 0
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\ufffd':
			lost++
			return -1
		case r == '\n' || r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
	return s, lost
}
