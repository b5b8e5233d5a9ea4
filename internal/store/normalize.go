package store

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
	"time"
	"unicode"
)

// NormalizeQuestion folds a question to the key pinned answers are stored
// under: lower case, apostrophes dropped ("what's" → "whats"), other
// punctuation, symbols and invisible format characters turned into spaces,
// and runs of spaces collapsed, so "What is  soft-power?" and
// "what is soft power" match.
func NormalizeQuestion(q string) string {
	var b strings.Builder
	b.Grow(len(q))
	space := false
	for _, r := range strings.ToLower(q) {
		switch {
		case r == '\'' || r == '’' || r == '‘' || r == '`':
			continue
		case unicode.Is(unicode.Cf, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default: // spaces, punctuation, symbols, controls
			space = true
		}
	}
	return b.String()
}

// Day is the UTC calendar day of t in the form AddUsage and Usage take.
func Day(t time.Time) string {
	return t.UTC().Format(time.DateOnly)
}

// NewID returns a random 16-character hex id, short enough for Discord
// component custom ids.
func NewID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

func millis(t time.Time) int64 {
	if t.IsZero() {
		t = time.Now()
	}
	return t.UnixMilli()
}

func fromMillis(ms int64) time.Time {
	return time.UnixMilli(ms).UTC()
}

// timeNow is the clock for rows the caller gives no time for.
var timeNow = time.Now
