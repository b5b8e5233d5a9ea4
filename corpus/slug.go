package corpus

import (
	"strings"
	"unicode"
)

// maxSlugLen bounds the length of a slug in bytes.
const maxSlugLen = 60

// foldTable maps common accented Latin letters to ASCII.
var foldTable = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ą': "a", 'æ': "ae",
	'ç': "c", 'ć': "c", 'č': "c", 'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ę': "e", 'ě': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'ı': "i",
	'ł': "l", 'ñ': "n", 'ń': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o", 'œ': "oe",
	'ř': "r", 'ś': "s", 'š': "s", 'ş': "s", 'ß': "ss", 'ť': "t", 'ţ': "t", 'þ': "th",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u",
	'ý': "y", 'ÿ': "y", 'ź': "z", 'ż': "z", 'ž': "z",
}

// asciiFold lower-cases s and folds accented Latin letters to ASCII; other
// runes are kept.
func asciiFold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if f, ok := foldTable[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FoldASCII lower-cases s and folds accented Latin letters to ASCII
// ("Augé" → "auge"), as slugs and reference lookups do.
func FoldASCII(s string) string { return asciiFold(s) }

// Slug turns s into a lower-case ASCII identifier of letters, digits and
// single hyphens, at most 60 bytes long, e.g. "China’s Soft Power" →
// "chinas-soft-power". Apostrophes are dropped; an empty result is "paper".
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range asciiFold(s) {
		switch {
		case r == '\'' || r == '’' || r == '‘':
			continue
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= maxSlugLen {
			break
		}
	}
	out := b.String()
	if len(out) > maxSlugLen {
		out = out[:maxSlugLen]
	}
	out = strings.Trim(out, "-")
	if out == "" {
		return "paper"
	}
	return out
}
