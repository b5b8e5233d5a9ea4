package bot

import (
	"strings"
	"testing"
)

func TestEchoQuestion(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"What is soft power?", "What is soft power?"},
		{"  two\n\nlines\t", "two lines"},
		{"[click](https://evil.example)", `\[click\]\(<https://evil.example>)`},
		{"join discord.gg/abc now", `join discord[.]gg/abc now`},
		{"**b** __u__ ~~s~~ ||sp|| `c`", "\\*\\*b\\*\\* \\_\\_u\\_\\_ \\~\\~s\\~\\~ \\|\\|sp\\|\\| \\`c\\`"},
		{"a\\b", `a\\b`},
		{"what\x00 is\x07 \x1b[31mx", `what is \[31mx`},
		{"is \u202erewop\u202c \u2066x\u2069", "is rewop x"},
		{"@\u200beveryone", "@\u200beveryone"}, // the sanitiser re-inserts its own
		{"\xff\xfe bad utf8", "bad utf8"},
	} {
		if got := echoQuestion(tc.in); got != tc.want {
			t.Errorf("echoQuestion(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestQuestionProblem(t *testing.T) {
	for _, tc := range []struct {
		in  string
		bad bool
		msg string
	}{
		{"What is soft power?", false, ""},
		{"", true, "Please type a question"},
		{"\u200b\u200c\x00 \n", true, "Please type a question"},
		{strings.Repeat("a", 1000), false, ""},
		{strings.Repeat("a", 1001), true, "1001 characters long"},
		{strings.Repeat("a\u200b", 1000), false, ""}, // invisible characters don't count
	} {
		msg, bad := questionProblem(tc.in)
		if bad != tc.bad || !strings.Contains(msg, tc.msg) {
			t.Errorf("questionProblem(%.20q) = %q, %v", tc.in, msg, bad)
		}
	}
}
