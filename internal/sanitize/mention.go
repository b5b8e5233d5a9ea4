package sanitize

import (
	"strings"
	"unicode/utf8"
)

// ZWSP is the zero-width space Mentions puts after an "@" so Discord no
// longer reads a mention.
const ZWSP = "\u200b"

// Mentions rewrites everything in s that Discord could read as a mention
// into harmless text: "@everyone" and "@here" become "@\u200beveryone" and
// "@\u200bhere", and user, member and role mentions (<@id>, <@!id>, <@&id>)
// become "<@\u200bid>", "<@\u200b!id>", "<@\u200b&id>". Obfuscated variants
// are caught too and rewritten to the same form: fullwidth characters
// ("＠ｅｖｅｒｙｏｎｅ", "﹫here") and zero-width characters between the
// letters. It is defence in depth: allowed_mentions already stops pings.
// Mentions is idempotent and keeps valid UTF-8 valid.
func Mentions(s string) string {
	if !strings.ContainsAny(s, "@＠﹫") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch fold(r) {
		case '@':
			if word, end, ok := matchBroadcast(s, i+size); ok {
				b.WriteString("@" + ZWSP + word)
				i = end
				continue
			}
		case '<':
			if rest, end, ok := matchUserMention(s, i+size); ok {
				b.WriteString("<@" + ZWSP + rest + ">")
				i = end
				continue
			}
		}
		b.WriteString(s[i : i+size])
		i += size
	}
	return b.String()
}

// matchBroadcast matches "everyone" or "here" at s[i:], ignoring case,
// fullwidth forms and zero-width characters. It returns the lower-case word
// and the byte offset after it.
func matchBroadcast(s string, i int) (string, int, bool) {
	for _, word := range []string{"everyone", "here"} {
		if end, ok := matchFolded(s, i, word); ok {
			return word, end, true
		}
	}
	return "", 0, false
}

// matchUserMention matches "@", an optional "!" or "&", digits and ">" at
// s[i:] (after a "<"), ignoring fullwidth forms and zero-width characters.
// It returns the modifier plus digits, and the byte offset after ">".
func matchUserMention(s string, i int) (string, int, bool) {
	j := skipInvisible(s, i)
	r, size := utf8.DecodeRuneInString(s[j:])
	if fold(r) != '@' {
		return "", 0, false
	}
	j = skipInvisible(s, j+size)
	var out strings.Builder
	if r, size := utf8.DecodeRuneInString(s[j:]); fold(r) == '!' || fold(r) == '&' {
		out.WriteRune(fold(r))
		j = skipInvisible(s, j+size)
	}
	digits := 0
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if f := fold(r); f >= '0' && f <= '9' {
			out.WriteRune(f)
			digits++
			j += size
			continue
		}
		if invisible(r) {
			j += size
			continue
		}
		break
	}
	if digits == 0 {
		return "", 0, false
	}
	r, size = utf8.DecodeRuneInString(s[j:])
	if fold(r) != '>' {
		return "", 0, false
	}
	return out.String(), j + size, true
}

// matchFolded matches the ASCII lower-case word at s[i:] after folding case
// and fullwidth forms, skipping zero-width characters before and between
// its letters.
func matchFolded(s string, i int, word string) (int, bool) {
	j := i
	for k := 0; k < len(word); k++ {
		j = skipInvisible(s, j)
		r, size := utf8.DecodeRuneInString(s[j:])
		if j >= len(s) || fold(r) != rune(word[k]) {
			return 0, false
		}
		j += size
	}
	return j, true
}

func skipInvisible(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !invisible(r) {
			break
		}
		i += size
	}
	return i
}

// invisible reports whether r is a zero-width or otherwise invisible
// formatting character that could hide inside a mention.
func invisible(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\ufeff', '\u00ad', '\u180e', '\u034f':
		return true
	}
	return false
}

// fold maps fullwidth and small-form variants to ASCII and ASCII letters to
// lower case.
func fold(r rune) rune {
	switch {
	case r >= '\uff01' && r <= '\uff5e':
		r -= 0xff01 - 0x21
	case r == '\ufe6b': // small commercial at
		r = '@'
	case r == '\ufe64': // small less-than
		r = '<'
	case r == '\ufe65':
		r = '>'
	}
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	return r
}
