package answer

import (
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
