package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
)

// dotenvFile is the file of settings read from the working directory.
const dotenvFile = ".env"

// withDotenv returns the getenv that run uses: the process environment
// first, then the KEY=VALUE lines of the file at path when it exists. A
// variable set in the environment wins even when it is set to "", so
// `DISCORD_TOKEN= paperbot` opens the terminal chat whatever .env says.
// Lines that cannot be read are reported to warn by number, never with
// their text (they may hold a token), and skipped.
func withDotenv(path string, lookup func(string) (string, bool), warn io.Writer) func(string) string {
	vars, err := readDotenv(path)
	if err != nil {
		fmt.Fprintf(warn, "paperbot: %v\n", err)
	}
	return func(key string) string {
		if v, ok := lookup(key); ok {
			return v
		}
		return vars[key]
	}
}

// readDotenv reads a .env file; a missing file is no error. It returns the
// variables of the good lines even when some lines are bad.
func readDotenv(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	vars, bad, err := parseDotenv(f)
	if err != nil {
		return vars, fmt.Errorf("read %s: %w", path, err)
	}
	if len(bad) > 0 {
		return vars, fmt.Errorf("%s: ignored line %s: use KEY=VALUE, optionally quoted", path, joinInts(bad))
	}
	return vars, nil
}

// parseDotenv parses KEY=VALUE lines: blank lines and lines starting with
// # are skipped, an "export " prefix is allowed, spaces around the key and
// value are trimmed, a " #" starts a comment in an unquoted value, 'single
// quotes' are literal and "double quotes" understand \n, \t, \" and \\.
// It returns the numbers of the lines it could not parse; a later line
// sets a key again.
func parseDotenv(r io.Reader) (map[string]string, []int, error) {
	vars := map[string]string{}
	var bad []int
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if rest, ok := strings.CutPrefix(line, "export"); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
			line = strings.TrimSpace(rest)
		}
		key, raw, ok := strings.Cut(line, "=")
		key = strings.TrimSpace(key)
		if !ok || !validEnvKey(key) {
			bad = append(bad, n)
			continue
		}
		val, ok := dotenvValue(strings.TrimSpace(raw))
		if !ok {
			bad = append(bad, n)
			continue
		}
		vars[key] = val
	}
	if err := sc.Err(); err != nil {
		return vars, bad, err
	}
	return vars, bad, nil
}

// dotenvValue unquotes one value; ok is false for an unterminated quote or
// text after the closing quote other than a comment.
func dotenvValue(s string) (string, bool) {
	if s == "" {
		return "", true
	}
	switch q := s[0]; q {
	case '\'':
		end := strings.IndexByte(s[1:], '\'')
		if end < 0 || !onlyComment(s[end+2:]) {
			return "", false
		}
		return s[1 : end+1], true
	case '"':
		var b strings.Builder
		for i := 1; i < len(s); i++ {
			c := s[i]
			switch {
			case c == '"':
				return b.String(), onlyComment(s[i+1:])
			case c == '\\' && i+1 < len(s):
				i++
				switch s[i] {
				case 'n':
					b.WriteByte('\n')
				case 't':
					b.WriteByte('\t')
				case 'r':
					b.WriteByte('\r')
				default: // \" \\ \$ and anything else: the character itself
					b.WriteByte(s[i])
				}
			default:
				b.WriteByte(c)
			}
		}
		return "", false
	}
	if i := strings.Index(s, " #"); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, "\t#"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s), true
}

func onlyComment(s string) bool {
	s = strings.TrimSpace(s)
	return s == "" || s[0] == '#'
}

// validEnvKey reports whether k is a portable variable name.
func validEnvKey(k string) bool {
	if k == "" {
		return false
	}
	for i, c := range k {
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}
