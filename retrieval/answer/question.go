package answer

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NormalizeQuestion strips control and invisible format characters
// (zero-width characters, bidi overrides and isolates) and collapses
// whitespace: the question as the engine reads it, and as a front end
// shows it back.
func NormalizeQuestion(q string) string {
	if !utf8.ValidString(q) {
		q = strings.ToValidUTF8(q, " ")
	}
	q = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, q)
	return strings.Join(strings.Fields(q), " ")
}

// cleanQuestion normalises a question (NormalizeQuestion) and checks the
// length. A blank question or one longer than MaxQuestionRunes is a
// *UserError, so nothing is embedded for it.
func cleanQuestion(q string) (string, error) {
	q = NormalizeQuestion(q)
	if q == "" {
		return "", &UserError{Msg: "Please ask a question about the paper, for example: “What is soft power?” (Type /help for the commands.)"}
	}
	if n := utf8.RuneCountInString(q); n > MaxQuestionRunes {
		return "", &UserError{Msg: fmt.Sprintf("That question is %d characters long; please keep it under %d characters.", n, MaxQuestionRunes)}
	}
	return q, nil
}
