package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"paperbot/internal/lazyre"
)

// This file resolves author–year citations: "(Nye, 2004)", "Nye (2004a)",
// "(Smith et al., 2010; Lee 2012)", "(Kim, Korbel & Gerstein, 2007)",
// "Smith and Jones (1999)". A citation is matched to the reference list by
// its first author's surname (case and diacritics folded) and year, and,
// when several entries share those, by the year's a/b suffix, the printed
// order of the entries, the second author, or the number of authors.
// Anything still ambiguous is counted as unresolved, never guessed.

// ayEntry is what the index knows of one reference.
type ayEntry struct {
	n       int
	year    string // four digits, or "n.d."
	suffix  string // "a", "b", ... as printed after the year; "" if none
	second  string // folded surname of the second author; "" if none
	authors int    // number of names (3 for "A, B, et al.")
}

// authorYearIndex maps "surname|year" to the entries, in printed order.
type authorYearIndex map[string][]ayEntry

var (
	refYearRE = lazyre.New(`\b(1[5-9]\d\d|20\d\d)([a-z])?\b`)
	// yearsRE is the run of years closing a citation: "2004", "2004a, b",
	// "2004, 2011", "n.d.", "in press", with an optional page locator
	// and a closing remark in lower case ("see Lee, 2015, for a review").
	citeTailRE  = lazyre.New(`^(.*?)[,\s]\s*((?:1[5-9]\d\d|20\d\d)[a-z]?|n\.\s?d\.|(?i:in press|forthcoming))((?:\s*,\s*(?:(?:1[5-9]\d\d|20\d\d)[a-z]?|[a-z]\b))*)(?:\s*[,:]\s*(?:pp?\.|p\.|chap\.|ch\.)?\s*[\divxlc]+(?:\s*[-–]\s*[\divxlc]+)?)?(?:\s*,\s*\p{Ll}[\p{L} ]{0,40})?$`)
	yearsOnlyRE = lazyre.New(`^((?:1[5-9]\d\d|20\d\d)[a-z]?|n\.\s?d\.|(?i:in press|forthcoming))((?:\s*,\s*(?:(?:1[5-9]\d\d|20\d\d)[a-z]?|[a-z]\b))*)(?:\s*[,:]\s*(?:pp?\.|p\.)?\s*\d+(?:\s*[-–]\s*\d+)?)?$`)
	parenRE     = lazyre.New(`\(([^()]{1,400})\)`)
	nameSplitRE = lazyre.New(`\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*`)
)

// notNames are capitalised words that open a parenthesis with a year but
// are not authors: months, and labels of the paper's own parts.
var notNames = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"figure": true, "fig": true, "table": true, "eq": true, "equation": true, "section": true,
	"appendix": true, "chapter": true, "vol": true, "no": true, "page": true,
	"the": true, "in": true, "on": true, "at": true, "as": true, "and": true, "of": true, "for": true,
	"from": true, "by": true, "with": true, "this": true, "that": true, "these": true, "those": true,
	"since": true, "during": true, "until": true, "after": true, "before": true, "between": true,
	"spring": true, "summer": true, "autumn": true, "winter": true, "fall": true,
}

var particles = map[string]bool{
	"van": true, "von": true, "de": true, "der": true, "den": true, "da": true, "di": true, "du": true,
	"la": true, "le": true, "del": true, "dos": true, "das": true, "ten": true, "ter": true, "zu": true,
}

// newAuthorYearIndex indexes references by their first author's surname
// and year. It relies only on Reference.Authors and Reference.Year and
// falls back to the raw entry's leading words and first year.
func newAuthorYearIndex(refs []Reference) authorYearIndex {
	idx := authorYearIndex{}
	for _, ref := range refs {
		if ref.ContinuationOf != 0 {
			continue
		}
		e := ayEntry{n: ref.N, authors: len(ref.Authors)}
		// The parsed year, and the first year printed in the entry when
		// that differs (the parser may have read the wrong number).
		var years [][2]string
		y := strings.TrimSpace(ref.Year)
		if len(y) >= 4 && refYearRE.MatchString(y[:4]) {
			years = append(years, [2]string{y[:4], strings.ToLower(strings.TrimSpace(y[4:]))})
		}
		if m := refYearRE.FindStringSubmatch(ref.Raw); m != nil && (len(years) == 0 || years[0][0] != m[1]) {
			years = append(years, [2]string{m[1], m[2]})
		}
		if len(years) == 0 && strings.EqualFold(y, "n.d.") {
			years = append(years, [2]string{"n.d.", ""})
		}
		if len(years) == 0 && (y == "in press" || y == "forthcoming") {
			// As a citation's year reads (expandYears): "inpress".
			years = append(years, [2]string{strings.ReplaceAll(y, " ", ""), ""})
		}
		var keys []string
		if len(ref.Authors) > 0 {
			keys = surnameKeys(surnameOf(ref.Authors[0]))
			if len(ref.Authors) > 1 {
				if strings.HasPrefix(strings.ToLower(ref.Authors[len(ref.Authors)-1]), "et al") {
					e.authors = max(e.authors, 3)
				}
				if ks := surnameKeys(surnameOf(ref.Authors[1])); len(ks) > 0 {
					e.second = ks[len(ks)-1]
				}
			}
		}
		keys = append(keys, rawLeadKeys(ref.Raw)...)
		seen := map[string]bool{}
		for _, yr := range years {
			e.year, e.suffix = yr[0], yr[1]
			for _, k := range keys {
				if key := k + "|" + e.year; !seen[key] {
					seen[key] = true
					idx[key] = append(idx[key], e)
				}
			}
		}
	}
	return idx
}

// surnameOf returns the family name of one author as printed: "Nye, J. S."
// → "Nye", "Gurevitch J" → "Gurevitch", "W. Dai" → "Dai", "Aäron van den
// Oord" → "van den Oord", "World Health Organization" kept whole.
func surnameOf(a string) string {
	a = strings.TrimSpace(a)
	if i := strings.Index(a, ","); i > 0 {
		return a[:i]
	}
	f := strings.Fields(a)
	if len(f) < 2 {
		return a
	}
	if last := f[len(f)-1]; isInitials(last) {
		return strings.Join(f[:len(f)-1], " ")
	}
	i := len(f) - 1
	for i > 0 && particles[strings.ToLower(f[i-1])] {
		i--
	}
	return strings.Join(f[i:], " ")
}

// isInitials reports "J", "JA", "J.S." or "J.-P.": upper-case letters,
// dots and hyphens, at most three letters.
func isInitials(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '.' || r == '-':
		default:
			return false
		}
	}
	return letters > 0 && letters <= 3
}

// surnameKeys are the folded words a surname is looked up by: its last
// word and, for a surname of several words, its first capitalised word
// ("García Márquez" → "marquez", "garcia").
func surnameKeys(s string) []string {
	var words []string
	for _, w := range strings.Fields(s) {
		if particles[strings.ToLower(w)] {
			continue
		}
		if k := foldName(w); k != "" {
			words = append(words, k)
		}
	}
	switch len(words) {
	case 0:
		return nil
	case 1:
		return words
	}
	return []string{words[len(words)-1], words[0]}
}

// rawLeadKeys are the keys of an entry whose authors were not parsed: its
// first word, and the last word before its first comma or period.
func rawLeadKeys(raw string) []string {
	f := strings.Fields(raw)
	if len(f) == 0 {
		return nil
	}
	keys := []string{foldName(f[0])}
	lead := raw
	if i := strings.IndexAny(raw, ",.("); i > 0 {
		lead = raw[:i]
	}
	if lf := strings.Fields(lead); len(lf) > 0 {
		keys = append(keys, foldName(lf[len(lf)-1]))
	}
	return keys
}

// foldName lower-cases a name word, folds diacritics and drops everything
// but letters and inner hyphens ("Gülçehre’s" → "gulcehre").
func foldName(w string) string {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "’s"), "'s")
	var b strings.Builder
	for _, r := range asciiFold(w) {
		if unicode.IsLetter(r) || r == '-' {
			b.WriteRune(r)
		}
	}
	return strings.Trim(b.String(), "-")
}

// ayCite is one author–year citation as printed.
type ayCite struct {
	first, second string // folded surname keys
	etAl          bool
	single        bool // one name, no "et al."
	years         []string
}

// resolve finds the author–year citations of a sentence.
func (idx authorYearIndex) resolve(sentence string) (cites []int, unresolved int) {
	if !strings.Contains(sentence, "(") {
		return nil, 0
	}
	for _, loc := range parenRE.FindAllStringSubmatchIndex(sentence, -1) {
		inside := sentence[loc[2]:loc[3]]
		if m := yearsOnlyRE.FindStringSubmatch(strings.TrimSpace(inside)); m != nil {
			// Narrative: "Nye (2004)", "Smith et al. (2010)".
			c, ok := narrativeNames(sentence[:loc[0]])
			if !ok {
				continue
			}
			c.years = expandYears(m[1], m[2])
			cites, unresolved = idx.add(c, cites, unresolved)
			continue
		}
		for _, part := range strings.Split(inside, ";") {
			c, ok := parentheticalCite(part)
			if ok {
				cites, unresolved = idx.add(c, cites, unresolved)
			}
		}
	}
	return cites, unresolved
}

func (idx authorYearIndex) add(c ayCite, cites []int, unresolved int) ([]int, int) {
	for _, y := range c.years {
		if n, ok := idx.lookup(c, y); ok {
			cites = append(cites, n)
		} else {
			unresolved++
		}
	}
	return cites, unresolved
}

// lookup resolves one year of a citation, or reports it ambiguous/unknown.
func (idx authorYearIndex) lookup(c ayCite, year string) (int, bool) {
	y, suffix := year, ""
	if year != "n.d." && len(year) == 5 {
		y, suffix = year[:4], year[4:]
	}
	cands := idx[c.first+"|"+y]
	if len(cands) == 0 {
		return 0, false
	}
	if suffix != "" {
		var same []ayEntry
		anySuffix := false
		for _, e := range cands {
			anySuffix = anySuffix || e.suffix != ""
			if e.suffix == suffix {
				same = append(same, e)
			}
		}
		if anySuffix {
			cands = same
		} else if i := int(suffix[0] - 'a'); i < len(cands) {
			// Same author and year, suffixes not printed in the list: the
			// entries are in the order of their suffixes.
			cands = cands[i : i+1]
		} else {
			return 0, false
		}
	}
	if len(cands) > 1 {
		var keep []ayEntry
		for _, e := range cands {
			switch {
			case c.second != "" && e.second != c.second:
			case c.etAl && e.authors > 0 && e.authors < 3:
			case c.single && e.authors > 1:
			default:
				keep = append(keep, e)
			}
		}
		cands = keep
	}
	if len(cands) != 1 {
		return 0, false
	}
	return cands[0].n, true
}

// expandYears turns "2004a" + ", b, 2011" into ["2004a", "2004b", "2011"].
func expandYears(first, rest string) []string {
	first = strings.ToLower(strings.ReplaceAll(first, " ", ""))
	out := []string{first}
	for _, f := range strings.Split(rest, ",") {
		f = strings.TrimSpace(f)
		switch {
		case f == "":
		case len(f) == 1 && len(first) >= 4:
			out = append(out, first[:4]+f)
		default:
			out = append(out, f)
		}
	}
	return out
}

// parentheticalCite reads one ";"-separated part of a parenthesis:
// "Nye, 2004", "see Smith et al., 2010", "Kim, Korbel & Gerstein, 2007".
func parentheticalCite(part string) (ayCite, bool) {
	m := citeTailRE.FindStringSubmatch(strings.TrimSpace(part))
	if m == nil {
		return ayCite{}, false
	}
	words := strings.Fields(strings.TrimRight(strings.TrimSpace(m[1]), ","))
	// Drop a lead-in such as "see", "e.g.," or "cf." before the names.
	for len(words) > 0 && !startsName(words) {
		words = words[1:]
	}
	c, ok := namesCite(strings.Join(words, " "))
	if !ok {
		return ayCite{}, false
	}
	c.years = expandYears(m[2], m[3])
	return c, true
}

// startsName reports whether words begin with a name: a capitalised word,
// or particles followed by one ("van den Oord").
func startsName(words []string) bool {
	for _, w := range words {
		if particles[strings.ToLower(w)] && w == strings.ToLower(w) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	return false
}

// namesCite reads the author part of a citation: "Smith", "Smith et al.",
// "Smith and Jones", "Kim, Korbel & Gerstein", "van den Oord et al.".
func namesCite(s string) (ayCite, bool) {
	var c ayCite
	s = strings.TrimSpace(s)
	if i := strings.Index(s, " et al"); i > 0 {
		c.etAl = true
		s = s[:i]
	}
	names := nameSplitRE.Split(s, -1)
	if len(names) == 0 || len(names) > 8 {
		return c, false
	}
	for _, n := range names {
		if !nameLike(n) {
			return c, false
		}
	}
	first := surnameKeys(names[0])
	if len(first) == 0 {
		return c, false
	}
	c.first = first[0]
	if len(names) == 2 {
		if k := surnameKeys(names[1]); len(k) > 0 {
			c.second = k[0]
		}
	}
	c.single = len(names) == 1 && !c.etAl
	return c, true
}

// nameLike reports a surname or corporate name: at most five words, the
// first and last capitalised (particles before them allowed), no digits,
// and not a month or a label of the paper's own parts.
func nameLike(n string) bool {
	words := strings.Fields(n)
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	for len(words) > 1 && particles[words[0]] {
		words = words[1:]
	}
	if notNames[strings.ToLower(strings.Trim(words[0], ".,"))] {
		return false
	}
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if (i == 0 || i == len(words)-1) && !unicode.IsUpper(r) {
			return false
		}
		for _, c := range w {
			if !unicode.IsLetter(c) && !strings.ContainsRune("-’'.", c) {
				return false
			}
		}
	}
	return true
}

// narrativeNames reads the names printed just before a parenthesis of
// years: "… as Smith and Jones" → Smith, Jones; "… Smith et al." → Smith.
func narrativeNames(before string) (ayCite, bool) {
	if len(before) > 240 {
		before = before[len(before)-240:] // a dozen words at most are read
	}
	words := strings.Fields(before)
	if len(words) > 12 {
		words = words[len(words)-12:]
	}
	if len(words) == 0 {
		return ayCite{}, false
	}
	end := len(words)
	etAl := false
	if end >= 2 && strings.HasPrefix(words[end-1], "al") && words[end-2] == "et" {
		etAl, end = true, end-2
	}
	// Walk back over "Name", "Name and Name", "Name, Name, and Name".
	start := end - 1
	sawAnd := false
	for start > 0 {
		prev := strings.TrimSuffix(words[start-1], ",")
		switch {
		case particles[prev]:
			start--
			continue
		case prev == "and" || prev == "&":
			if start >= 2 && capitalised(words[start-2]) && !sawAnd {
				start -= 2
				sawAnd = true
				continue
			}
		case sawAnd && strings.HasSuffix(words[start-1], ",") && capitalised(prev):
			start--
			continue
		}
		break
	}
	if start < 0 || start >= end {
		return ayCite{}, false
	}
	phrase := strings.Join(words[start:end], " ")
	phrase = strings.TrimSuffix(strings.TrimSuffix(phrase, "’s"), "'s")
	c, ok := namesCite(phrase)
	if !ok {
		return ayCite{}, false
	}
	c.etAl = c.etAl || etAl
	c.single = c.single && !etAl
	return c, true
}

func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
