package answer

import (
	"slices"
	"strings"
	"testing"
)

func TestCleanQuestion(t *testing.T) {
	tests := []struct {
		name, in, want string
		userErr        bool
	}{
		{"plain", "What is soft power?", "What is soft power?", false},
		{"whitespace collapsed", "  What\tis\n soft   power? ", "What is soft power?", false},
		{"control chars stripped", "What\x00 is\x1b soft\u200b power?", "What is soft power?", false},
		{"empty", "", "", true},
		{"blank", " \t\n ", "", true},
		{"only controls", "\x00\x01\u200b", "", true},
		{"invalid utf8", "soft \xff power", "soft power", false},
		{"at the cap", strings.Repeat("é", MaxQuestionRunes), strings.Repeat("é", MaxQuestionRunes), false},
		{"over the cap", strings.Repeat("a", MaxQuestionRunes+1), "", true},
		{"5000 chars", strings.Repeat("why ", 1250), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cleanQuestion(tt.in)
			if _, ok := IsUserError(err); ok != tt.userErr {
				t.Fatalf("err = %v, want user error %v", err, tt.userErr)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// The question phrase gives the answer type, and its degree word is no
// topic.
func TestAskType(t *testing.T) {
	for q, want := range map[string]askType{
		"how long did the setup take":       askDuration,
		"how often did the tutoring happen": askFrequency,
		"how many schools took part":        askNumber,
		"when were the lanes built":         askTime,
		"how long ago was it published":     askTime,
		"why did the effect fade":           askReason,
		"what is soft power":                askAny,
	} {
		if got := askTypeOf(q); got != want {
			t.Errorf("askTypeOf(%q) = %d, want %d", q, got, want)
		}
	}
	if qq := analyze("how long did the setup take"); slices.Contains(qq.focus, "long") {
		t.Errorf("focus %v holds the degree word", qq.focus)
	}
	if !answersType(askDuration, "The setup took approximately 15 min.") || answersType(askDuration, "Costs rose by 15% [3].") {
		t.Error("duration sentences misread")
	}
}
