package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbrevs are words whose period does not end a segment.
var abbrevs = map[string]bool{
	"vs": true, "e.g": true, "i.e": true, "al": true, "vol": true, "no": true, "pp": true, "p": true,
	"ed": true, "eds": true, "Ed": true, "Eds": true, "Inc": true, "Ltd": true, "Co": true, "St": true,
	"Dr": true, "Mr": true, "Mrs": true, "Ms": true, "Jr": true, "Sr": true, "Proc": true, "Conf": true,
	"Int": true, "Trans": true, "Univ": true, "Dept": true, "Rev": true, "Natl": true, "Acad": true,
	"Sci": true, "Soc": true, "Symp": true, "Intl": true, "Assoc": true, "Comput": true, "Mach": true,
	"Res": true, "Lett": true, "Phys": true, "Chem": true, "Eng": true, "Inf": true, "Syst": true,
	"Mag": true, "Commun": true, "Tech": true, "Rep": true, "Vol": true, "No": true, "Fig": true,
	"cf": true, "etc": true, "approx": true, "Mt": true, "Ave": true, "Jan": true, "Feb": true,
	"Mar": true, "Apr": true, "Jun": true, "Jul": true, "Aug": true, "Sep": true, "Sept": true,
	"Oct": true, "Nov": true, "Dec": true, "U.S": true, "U.K": true, "Ph.D": true,
}

// lastWord returns the word ending at byte i (exclusive).
func lastWord(s string, i int) string {
	lo := max(0, i-40)
	j := strings.LastIndexAny(s[lo:i], " (\"“")
	if j < 0 {
		return s[lo:i]
	}
	return s[lo+j+1 : i]
}

// endsWithAbbrev reports a string ending with an initial or abbreviation.
func endsWithAbbrev(s string) bool {
	if !strings.HasSuffix(s, ".") {
		return false
	}
	w := lastWord(s, len(s)-1)
	return isAbbrev(w)
}

func isAbbrev(w string) bool {
	if abbrevs[w] {
		return true
	}
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	// "U.S", "J.-P" and other dotted initials
	if strings.Contains(w, ".") {
		for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '.' || r == '-' }) {
			if utf8.RuneCountInString(part) > 1 {
				return false
			}
		}
		return true
	}
	return false
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// segments splits a reference into its sentence-like parts at ". ", "? "
// and "! " followed by a non-lower-case letter, but not after initials or
// abbreviations. "?" and "!" stay with their segment; periods are dropped.
func segments(s string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(s); i++ {
		c := s[i]
		if (c != '.' && c != '?' && c != '!') || s[i+1] != ' ' {
			continue
		}
		r, _ := utf8.DecodeRuneInString(s[i+2:])
		if unicode.IsLower(r) && !camelWord(s[i+2:]) {
			continue
		}
		if c == '.' && isAbbrev(lastWord(s, i)) {
			continue
		}
		end := i
		if c != '.' {
			end = i + 1
		}
		if seg := strings.TrimSpace(s[start:end]); seg != "" {
			out = append(out, seg)
		}
		start = i + 1
	}
	if seg := cleanField(s[start:]); seg != "" {
		out = append(out, seg)
	}
	return out
}

// camelWord reports a word like "openDemocracy" or "eLife": lower-case
// first letter, upper-case later.
func camelWord(s string) bool {
	if i := strings.IndexAny(s, " ,.;:"); i >= 0 {
		s = s[:i]
	}
	for i, r := range s {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}
