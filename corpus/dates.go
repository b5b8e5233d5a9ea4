package corpus

import "strings"

func skipSpaceColon(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == ':') {
		i++
	}
	return i
}

var monthPrefixes = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

// scanMonth reads a month name or its abbreviation ("Apr.", "Sept", "May")
// at the start of s and returns its length.
func scanMonth(s string) int {
	n := 0
	for n < len(s) && (s[n] >= 'a' && s[n] <= 'z' || s[n] >= 'A' && s[n] <= 'Z') {
		n++
	}
	if n < 3 {
		return 0
	}
	w := asciiLower(s[:n])
	for _, m := range monthPrefixes {
		if w == m || (len(w) >= 3 && strings.HasPrefix(m, w) && (len(w) == 3 || w == "sept")) {
			if n < len(s) && s[n] == '.' {
				n++
			}
			return n
		}
	}
	return 0
}

// scanNum reads lo..hi digits and returns their count (0 if not).
func scanNum(s string, lo, hi int) int {
	n := 0
	for n < len(s) && n < hi+1 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n < lo || n > hi {
		return 0
	}
	return n
}

// scanDay reads a day number with an optional ordinal suffix.
func scanDay(s string) int {
	n := scanNum(s, 1, 2)
	if n == 0 {
		return 0
	}
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasPrefix(s[n:], suf) {
			return n + 2
		}
	}
	return n
}

// seq matches a sequence of scanners separated as given ("" means
// adjacent) and returns the total length, or 0.
func seq(s string, parts ...any) int {
	i := 0
	for _, p := range parts {
		switch p := p.(type) {
		case string: // a separator: one of its characters, or ", "
			switch {
			case p == " " && strings.HasPrefix(s[i:], ", "):
				i += 2
			case p == " " && strings.HasPrefix(s[i:], " "):
				i++
			case p != " " && i < len(s) && strings.IndexByte(p, s[i]) >= 0:
				i++
			default:
				return 0
			}
		case func(string) int:
			n := p(s[i:])
			if n == 0 {
				return 0
			}
			i += n
		}
	}
	return i
}

func year4(s string) int {
	if n := scanNum(s, 4, 4); n == 4 && (s[0] == '1' || s[0] == '2') {
		return 4
	}
	return 0
}

func num2(s string) int { return scanNum(s, 1, 2) }

// scanDate reads a date at the start of s: "17 April 2024", "April 17, 2024",
// "2024-04-17", "17/4/2024", "17.4.2024", "2020 May 5" or "May 2020".
func scanDate(s string) int {
	for _, f := range []func() int{
		func() int { return seq(s, scanDay, " ", scanMonth, " ", year4) },
		func() int { return seq(s, scanMonth, " ", scanDay, " ", year4) },
		func() int { return seq(s, year4, "-", num2, "-", num2) },
		func() int { return seq(s, num2, "/", num2, "/", year4) },
		func() int { return seq(s, num2, ".", num2, ".", year4) },
		func() int { return seq(s, year4, " ", scanMonth, " ", scanDay) },
		func() int { return seq(s, scanMonth, " ", year4) },
	} {
		if n := f(); n > 0 {
			return n
		}
	}
	return 0
}
