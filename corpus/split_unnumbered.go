package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"paperbot/internal/lazyre"
)

// This file splits a reference list that is not numbered in print (the
// alphabetical lists of author–year styles). Its entries are numbered 1..N
// in printed order, so every other part of PaperBot can cite them as [n].

var (
	// authorStartRE is the start of an entry by persons: "Smith, J.",
	// "Smith, John", "van den Berg, P.", "Smith J," (Vancouver), "SMITH, J.".
	authorStartRE = lazyre.New(`^(?:(?:van|von|de|der|den|da|di|du|la|le|del|dos|ten|ter)\s+)*\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}'’\-]+)?(?:,\s+(?:\p{Lu}\.|\p{Lu}\p{Ll}+|&)|\s+\p{Lu}{1,3}[,.])`)
	// yearNearStartRE is a year in parentheses or after a period early in
	// the line: "(2020)", ". 2020.", "n.d." or "(in press)".
	yearNearStartRE = lazyre.New(`\((?:1[5-9]\d\d|20\d\d)[a-z]?[,)]|\(n\.\s?d\.\)|\((?i:in press|forthcoming)\)|[.,]\s(?:1[5-9]\d\d|20\d\d)[a-z]?[.,;]`)
)

// splitUnnumbered splits the lines of an unnumbered reference list into
// entries. A hanging indent (continuation lines indented, entry starts
// not) is used when the text keeps it; otherwise a line starts an entry
// when the line before it ends one and it opens with an author and an
// early year.
func splitUnnumbered(lines []string) []rawEntry {
	var ls []string
	var blankBefore []bool
	indented, flush := 0, 0
	blank := true
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			blank = true
			continue
		}
		r, _ := utf8.DecodeRuneInString(l)
		if unicode.IsSpace(r) {
			indented++
		} else {
			flush++
		}
		ls = append(ls, l)
		blankBefore = append(blankBefore, blank)
		blank = false
	}
	if len(ls) == 0 {
		return nil
	}
	first, _ := utf8.DecodeRuneInString(ls[0])
	hanging := !unicode.IsSpace(first) && indented > 0 && flush > 1
	var entries []rawEntry
	var cur []string
	for i, l := range ls {
		t := strings.TrimSpace(l)
		start := i == 0
		if !start {
			if hanging {
				r, _ := utf8.DecodeRuneInString(l)
				start = !unicode.IsSpace(r)
			} else {
				start = entryStartLine(t, strings.TrimSpace(ls[i-1]), lookahead(ls, i), blankBefore[i])
			}
		}
		if start && len(cur) > 0 {
			entries = append(entries, rawEntry{n: len(entries) + 1, text: joinEntry(cur)})
			cur = nil
		}
		cur = append(cur, t)
	}
	if len(cur) > 0 {
		entries = append(entries, rawEntry{n: len(entries) + 1, text: joinEntry(cur)})
	}
	if len(entries) == 1 && !readsLikeEntry(entries[0].text) {
		return nil
	}
	return entries
}

// lookahead is line i and the two lines after it, joined by newlines: a
// long author list prints its year on a later line.
func lookahead(ls []string, i int) string {
	end := min(i+3, len(ls))
	var parts []string
	for _, l := range ls[i:end] {
		parts = append(parts, strings.TrimSpace(l))
	}
	return strings.Join(parts, "\n")
}

// entryStartLine decides whether line t starts a new entry after line
// prev; ahead is t with the lines after it. A blank line before it is
// enough when it reads like an entry.
func entryStartLine(t, prev, ahead string, blankBefore bool) bool {
	if blankBefore {
		return readsLikeStart(t)
	}
	if !endsEntry(prev) {
		return false
	}
	return readsLikeEntry(ahead)
}

// dashRuleStartRE opens an entry whose authors are printed as a rule of
// dashes: the authors of the entry above (see repeatAuthors).
var dashRuleStartRE = lazyre.New(`^[—–‒―_-]{2,}[.,]?(\s|$)`)

// readsLikeEntry reports the first line(s) of an author–year entry:
// authors then an early year, or any capitalised text with a year in
// parentheses close to its start (an organisation or a title first).
func readsLikeEntry(t string) bool {
	if dashRuleStartRE.MatchString(t) {
		// "———. 2015. Title.": another work by the authors above.
		return true
	}
	head := t
	if len(head) > 300 {
		head = head[:300]
	}
	if authorStartRE.MatchString(t) {
		if yearNearStartRE.MatchString(head) || strings.Contains(head, "et al") {
			return true
		}
		// A long author list (APA 7 prints up to 20 names) puts the
		// year further on: still an entry when only names precede it.
		loc := yearNearStartRE.FindStringIndex(t)
		return loc != nil && onlyNames(t[:loc[0]])
	}
	// Not by persons: the year must be on the first line itself.
	line := head
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) && yearNearStartRE.MatchString(line)
}

// onlyNames reports whether s is nothing but a list of personal names:
// capitalised words and initials, surname particles, commas, "&", "and",
// and the ellipsis APA puts before a last author.
func onlyNames(s string) bool {
	words := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ';' })
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		w = strings.Trim(w, ".…")
		switch {
		case w == "" || w == "&" || w == "and" || isParticle(w):
		default:
			r, _ := utf8.DecodeRuneInString(w)
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return true
}

// endsEntry reports a line that can end an entry: a period, a closing
// bracket, or a URL or DOI.
func endsEntry(prev string) bool {
	if prev == "" {
		return true
	}
	if dangling(prev) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	if strings.ContainsRune(".)]", last) {
		return true
	}
	f := strings.Fields(prev)
	return isURLish(f[len(f)-1])
}
