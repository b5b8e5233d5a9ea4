package httpx

import (
	"fmt"
	"net/url"
	"strings"
)

// Rewrite sends requests whose URL starts with From to To instead: the
// scheme, host and path prefix are replaced, the rest of the path and the
// query are kept. For example From "https://discord.com/api/v9/" and To
// "http://127.0.0.1:8080/api/v10/" point a discordgo session at a fake
// Discord without touching discordgo's package-level endpoints.
type Rewrite struct {
	From, To string
}

// NewRewrite checks that both ends are http(s) URLs and normalises them to
// end in "/".
func NewRewrite(from, to string) (Rewrite, error) {
	for _, s := range []string{from, to} {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return Rewrite{}, fmt.Errorf("%q: want an http(s) URL", s)
		}
	}
	return Rewrite{From: withSlash(from), To: withSlash(to)}, nil
}

func withSlash(s string) string {
	if strings.HasSuffix(s, "/") {
		return s
	}
	return s + "/"
}

// apply returns the rewritten URL, or nil when u does not start with From.
func (r Rewrite) apply(u *url.URL) *url.URL {
	if r.From == "" {
		return nil
	}
	s := u.String()
	rest, ok := strings.CutPrefix(s, r.From)
	if !ok {
		return nil
	}
	nu, err := url.Parse(r.To + rest)
	if err != nil {
		return nil
	}
	return nu
}
