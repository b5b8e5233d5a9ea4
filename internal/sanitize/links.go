package sanitize

import (
	"regexp"
	"strings"
)

// maskedLinkRE is a Markdown masked link "[text](url)" or "[text](<url>)",
// with an optional title, whose target has a scheme.
var maskedLinkRE = regexp.MustCompile(`\[([^\[\]\n]*)\]\(\s*<?([a-zA-Z][a-zA-Z0-9+.\-]*:[^\s()<>]*)>?(?:\s+"[^"\n]*")?\s*\)`)

// unmask turns each masked link into its text followed by the real URL,
// and escapes any other "](" so that no masked link can form.
func unmask(s string) string {
	if !strings.Contains(s, "](") {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range maskedLinkRE.FindAllStringSubmatchIndex(s, -1) {
		text, url := s[m[2]:m[3]], s[m[4]:m[5]]
		if (m[0] > 0 && s[m[0]-1] == '\\') || strings.HasSuffix(text, `\`) {
			continue // an escaped bracket: Markdown makes no link of it
		}
		b.WriteString(s[last:m[0]])
		if text = strings.TrimSpace(text); text == "" || text == url {
			b.WriteString("<" + url + ">")
		} else {
			b.WriteString(text + " (<" + url + ">)")
		}
		last = m[1]
	}
	b.WriteString(s[last:])
	return strings.ReplaceAll(b.String(), "](", `]\(`)
}

// inviteRE finds a Discord invite host with its path prefix, with or
// without a scheme and subdomain.
var inviteRE = regexp.MustCompile(`(?i)(?:[a-z][a-z0-9+.\-]*://)?(?:[a-z0-9\-]+\.)*(?:discord(?:app)?\.com/invite|discord\.gg|dsc\.gg|discord\.me|discord\.io|discord\.li)\b`)

// defangInvites rewrites invite links as "discord[.]gg/…": no scheme, no
// dot, so Discord neither links nor embeds them and nobody clicks through.
func defangInvites(s string) string {
	if !strings.Contains(strings.ToLower(s), "disc") && !strings.Contains(strings.ToLower(s), "dsc.") {
		return s
	}
	return inviteRE.ReplaceAllStringFunc(s, func(m string) string {
		if i := strings.Index(m, "://"); i >= 0 {
			m = m[i+3:]
		}
		return strings.ReplaceAll(m, ".", "[.]")
	})
}

// urlRE is anything Discord could turn into a link: a scheme, "://" and
// the rest up to whitespace, an angle bracket, a backslash (a Markdown
// escape, as in an escaped masked link "\[a\](b)", ends the URL) or a
// backtick (which Text may escape, and an escape must not split a URL).
var urlRE = regexp.MustCompile("(?i)[a-z][a-z0-9+.\\-]*://[^\\s<>\\\\`]+")

// wrapURLs puts each URL not already in "<…>" inside angle brackets, which
// keeps it clickable but shows no preview. Trailing punctuation and
// Markdown emphasis stay outside.
func wrapURLs(s string) string {
	if !strings.Contains(s, "://") {
		return s
	}
	locs := urlRE.FindAllStringIndex(s, -1)
	if locs == nil {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 2*len(locs))
	last := 0
	for _, loc := range locs {
		start, end := loc[0], loc[1]
		if start > 0 && s[start-1] == '<' && end < len(s) && s[end] == '>' {
			continue // already wrapped
		}
		end = start + len(trimURL(s[start:end]))
		b.WriteString(s[last:start])
		b.WriteString("<" + s[start:end] + ">")
		last = end
	}
	b.WriteString(s[last:])
	return b.String()
}

// trimURL drops what usually follows a URL in prose rather than belongs to
// it: sentence punctuation, quotes, Markdown emphasis, and a closing
// bracket that opens nowhere in the URL.
func trimURL(u string) string {
	for len(u) > 0 {
		c := u[len(u)-1]
		switch {
		case strings.IndexByte(`.,;:!?'"*_~|\`, c) >= 0:
		case c == ')' && strings.Count(u, "(") < strings.Count(u, ")"):
		case c == ']' && strings.Count(u, "[") < strings.Count(u, "]"):
		case c == '}' && strings.Count(u, "{") < strings.Count(u, "}"):
		default:
			return u
		}
		u = u[:len(u)-1]
	}
	return u
}
