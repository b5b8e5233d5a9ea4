package sanitize

import (
	"regexp"
	"testing"
	"unicode/utf8"
)

func TestMentions(t *testing.T) {
	tests := []struct{ in, want string }{
		{"no mentions here", "no mentions here"},
		{"hello @everyone!", "hello @\u200beveryone!"},
		{"@here now", "@\u200bhere now"},
		{"@Everyone", "@\u200beveryone"},
		{"mail me at a@b.c", "mail me at a@b.c"},
		{"hi <@123456789012345678>", "hi <@\u200b123456789012345678>"},
		{"hi <@!42>", "hi <@\u200b!42>"},
		{"role <@&42>", "role <@\u200b&42>"},
		{"zero width @\u200beveryone", "zero width @\u200beveryone"},
		{"inside @ev\u200Deryone", "inside @\u200beveryone"},
		{"fullwidth ＠ｅｖｅｒｙｏｎｅ", "fullwidth @\u200beveryone"},
		{"small ﹫here", "small @\u200bhere"},
		{"fullwidth ＜＠１２３＞", "fullwidth <@\u200b123>"},
		{"zw mention <\u200b@\u200b123>", "zw mention <@\u200b123>"},
		{"not a mention <@abc>", "not a mention <@abc>"},
		{"email@here.com", "email@\u200bhere.com"},
		{"channel <#123>", "channel <#123>"},
	}
	for _, tc := range tests {
		if got := Mentions(tc.in); got != tc.want {
			t.Errorf("Mentions(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// pingRE is what Discord itself parses as a mention.
var pingRE = regexp.MustCompile(`@everyone|@here|<@[!&]?\d+>`)

func FuzzMentions(f *testing.F) {
	for _, s := range []string{"@everyone", "<@123>", "＠here", "<@&1>", "a@\u200bhere", "@@everyone"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Mentions(s)
		if pingRE.MatchString(out) {
			t.Fatalf("Mentions(%q) = %q still pings", s, out)
		}
		if again := Mentions(out); again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, out, again)
		}
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("Mentions(%q) broke UTF-8", s)
		}
	})
}
