// Package sanitize makes text that PaperBot did not write itself (a
// model's answer, a paper's text, a student's question) safe to post in a
// public Discord channel. It works on plain strings and knows nothing of
// Discord's API types.
//
// Text is the one entry point for such text. The bot then adds its own
// chrome around it (the "> **Q:**" echo line above, the "-#" grounding
// footer below); because Text escapes every line-start marker in the body,
// only the bot can write a quote or subtext line, so the footer cannot be
// forged from inside the body.
package sanitize

import (
	"strings"
	"unicode/utf8"
)

// fence is a Markdown code fence. Inside a closed pair nothing renders, so
// only mentions are rewritten there (code such as BibTeX stays copyable).
const fence = "```"

// Text rewrites s so that, posted by the bot, it can ping nobody, hide no
// link behind other words, show no link preview, carry no invite, and
// format no heading, subtext or quote line:
//
//   - mentions are neutralised (see Mentions);
//   - bidirectional-override characters, which can disguise a URL, are
//     removed;
//   - a masked link "[text](url)" becomes "text (<url>)", and any other
//     "](" is escaped so no masked link can form;
//   - invite links (discord.gg/…, discord.com/invite/…) are defanged to
//     "discord[.]gg/…", without scheme, so they neither link nor embed;
//   - every other URL is wrapped in "<…>" (a link without preview);
//   - a line starting with a heading ("#", "##", "###"), subtext ("-#") or
//     quote (">") marker, also after a list bullet, gets a backslash so the
//     marker shows as typed.
//
// Code fences that open and close are kept as they are (only mentions are
// rewritten inside); an unclosed fence is escaped. Text is idempotent and
// keeps valid UTF-8 valid; invalid UTF-8 is replaced.
func Text(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = Mentions(stripBidi(s))
	parts := strings.Split(s, fence)
	closed := len(parts) - 1
	if closed%2 == 1 {
		closed-- // the last fence has no partner
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i, part := range parts {
		switch {
		case i > closed:
			// After a fence with no partner: its backticks, and all that
			// follow, are escaped so no code block can open.
			b.WriteString(strings.ReplaceAll(fence+prose(part, false), "`", "\\`"))
			continue
		case i > 0:
			b.WriteString(fence)
		}
		if i%2 == 1 {
			b.WriteString(part) // inside a closed code block
			continue
		}
		b.WriteString(prose(part, i == 0))
	}
	return b.String()
}

// prose sanitises text outside code blocks; atStart says whether it begins
// a line of the whole text.
func prose(s string, atStart bool) string {
	s = wrapURLs(defangInvites(unmask(s)))
	return escapeLineStarts(s, atStart)
}

// stripBidi removes the Unicode bidirectional embedding, override and
// isolate controls, with which "https://evil/\u202Emoc.elgoog" reads as a
// different address.
func stripBidi(s string) string {
	if !strings.ContainsAny(s, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') {
			return -1
		}
		return r
	}, s)
}
