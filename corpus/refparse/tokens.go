package refparse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one word of a reference string; Start and End are byte offsets
// into the string.
type Token struct {
	Text       string
	Start, End int
}

// Tokenize splits a reference string into words at white space, and further
// inside a word where punctuation glues two fields together ("2000;7:234",
// "(1996)p12"), except inside URLs and DOIs.
func Tokenize(s string) []Token {
	out := make([]Token, 0, strings.Count(s, " ")+4) // about one per word

	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		out = splitWord(out, s, i, j)
		i = j
	}
	return out
}

func splitWord(out []Token, s string, i, j int) []Token {
	w := s[i:j]
	if len(w) < 4 || strings.Contains(w, "//") || strings.Contains(w, "10.") || hasWWW(w) {
		return append(out, Token{w, i, j})
	}
	start := i
	for k := i + 1; k < j-1; k++ {
		c := s[k]
		cut := -1
		switch c {
		case ';', ',', ')':
			if isAlnumByte(s[k+1]) || s[k+1] == '(' {
				cut = k + 1
			}
		case ':':
			if isDigitByte(s[k-1]) && isDigitByte(s[k+1]) || s[k-1] == ')' {
				cut = k + 1
			}
		case '(':
			if isAlnumByte(s[k-1]) && isDigitByte(s[k+1]) {
				cut = k
			}
		}
		if cut > start {
			out = append(out, Token{s[start:cut], start, cut})
			start = cut
		}
	}
	return append(out, Token{s[start:j], start, j})
}

// hasWWW reports whether w starts with "www" in any case (only W lowers
// to w, so this is strings.HasPrefix(strings.ToLower(w), "www")).
func hasWWW(w string) bool {
	return len(w) >= 3 && w[0]|0x20 == 'w' && w[1]|0x20 == 'w' && w[2]|0x20 == 'w'
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

func isAlnumByte(b byte) bool {
	return isDigitByte(b) || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// goldTokens returns the example's tokens re-cut by Tokenize, each labelled
// with the label of the training token its first byte falls in.
func goldTokens(e *Example) ([]Token, []int) {
	var b strings.Builder
	starts := make([]int, len(e.Tokens))
	for i, t := range e.Tokens {
		if i > 0 && !e.Glued[i] {
			b.WriteByte(' ')
		}
		starts[i] = b.Len()
		b.WriteString(t)
	}
	raw := b.String()
	toks := Tokenize(raw)
	labels := make([]int, len(toks))
	g := 0
	for i, t := range toks {
		for g+1 < len(starts) && starts[g+1] <= t.Start {
			g++
		}
		labels[i] = e.Labels[g]
	}
	return toks, labels
}
