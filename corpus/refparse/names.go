package refparse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"paperbot/internal/lazyre"
)

// Name is one author as printed, split into family and given names. A
// corporate author has only Family, the whole name, and Org set.
type Name struct {
	Family, Given, Suffix string
	Org                   bool
	// Order is how the name was printed: Inverted ("Smith, J."), Natural
	// ("J. Smith") or FamilyFirst ("Smith J").
	Order Order
}

// Order is the printed order of a name's parts.
type Order uint8

// Printed name orders.
const (
	Inverted Order = iota
	Natural
	FamilyFirst
)

// Printed returns the name in the order it was printed.
func (n Name) Printed() string {
	if n.Org || n.Given == "" {
		return n.Family
	}
	var s string
	switch n.Order {
	case Natural:
		s = n.Given + " " + n.Family
	case FamilyFirst:
		s = n.Family + " " + n.Given
	default:
		s = n.Family + ", " + n.Given
	}
	if n.Suffix != "" {
		s += ", " + n.Suffix
	}
	return s
}

var (
	etAlRE    = lazyre.New(`(?i)[,;]?\s*(?:et\.?\s*al\.?|and others|u\.\s*a\.|и др\.?)\s*[,.;:]*\s*$`)
	editorsRE = lazyre.New(`(?i)[,;]?\s*\(?\b(?:eds?|editors?|hrsg|coords?|dir)\b\.?\)?[,.;:]*\s*$`)
	// A conjunction stands between spaces: "Y.K." is an initial, not "y".
	andRE    = lazyre.New(`(?i)\s*(?:,\s*)?(?:\b(?:and|und|et|y)\b|&|(?:^|\s)и)(?:\s+|$)`)
	suffixRE = lazyre.New(`^(?i:jr|sr|ii|iii|iv)\.?$`)
)

// orgWords mark a corporate name ("Ministry of Health", "Centers for
// Disease Control", "World Health Organization"): general function words
// and kinds of organisation, not taken from any one paper.
var orgWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`of for the on für
		organization organisation association institute institution university ministry department
		society council committee agency group foundation commission office bureau center centre
		board consortium collaboration corporation company government administration`) {
		orgWords[w] = true
	}
}

// SplitAuthors splits an author field into names in any of the common
// orders: "Smith, J.", "J. Smith", "Smith J", "SMITH, J.", "Smith, John and
// Lee, K.", lists ending in "et al.". Corporate authors are kept whole.
// EtAl reports a trailing "et al.".
func SplitAuthors(s string) (names []Name, etAl bool) {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), ",;:"))
	if loc := etAlRE.FindStringIndex(s); loc != nil {
		etAl = true
		s = s[:loc[0]]
	}
	if loc := editorsRE.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	s = strings.TrimSpace(strings.Trim(s, " ,;:"))
	if s == "" {
		return nil, etAl
	}
	if isOrg(s) || isOrgList(s) {
		return []Name{{Family: trimDot(s), Org: true}}, etAl
	}
	for _, chunk := range splitChunks(s) {
		if isOrg(chunk) {
			names = append(names, Name{Family: trimDot(chunk), Org: true})
			continue
		}
		names = append(names, splitChunk(chunk)...)
	}
	for i := range names {
		names[i].Family = trimDot(names[i].Family)
		if !isInitialWord(lastWord(names[i].Given)) {
			names[i].Given = trimDot(names[i].Given)
		}
	}
	return names, etAl
}

// trimDot drops a final period unless it ends an initial ("Aldous." ->
// "Aldous", "J." stays).
func trimDot(s string) string {
	if isInitialWord(lastWord(s)) {
		return s
	}
	return strings.TrimSuffix(s, ".")
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// splitChunks cuts at "and", "&" and ";".
func splitChunks(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ";") {
		for _, b := range andRE.Split(a, -1) {
			if b = strings.TrimSpace(strings.Trim(b, " ,")); b != "" {
				out = append(out, b)
			}
		}
	}
	return out
}

// splitChunk reads a comma-separated run of names.
func splitChunk(s string) []Name {
	parts := strings.Split(s, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	var out []Name
	for i := 0; i < len(parts); i++ {
		p := parts[i]
		if p == "" {
			continue
		}
		if suffixRE.MatchString(p) && len(out) > 0 {
			out[len(out)-1].Suffix = p
			continue
		}
		if isOrg(p) {
			out = append(out, Name{Family: p, Org: true})
			continue
		}
		words := strings.Fields(p)
		next := ""
		if i+1 < len(parts) {
			next = parts[i+1]
		}
		switch {
		case len(words) > 1 && allInitials(words[len(words)-1:]) && !allInitials(words[:1]):
			// Vancouver "Smith JK", "van der Berg AB".
			out = append(out, Name{Family: strings.Join(words[:len(words)-1], " "), Given: strings.TrimSuffix(words[len(words)-1], "."), Order: FamilyFirst})
		case len(words) > 1 && isInitialWord(words[0]):
			// "J. K. Smith", "J.-P. de la Tour".
			k := 0
			for k < len(words)-1 && isInitialWord(words[k]) {
				k++
			}
			out = append(out, Name{Family: strings.Join(words[k:], " "), Given: strings.Join(words[:k], " "), Order: Natural})
		case next != "" && givenLike(next) && len(words) <= 3 && !naturalPair(words, next):
			// Inverted "Smith, J." or "Smith, John" or "de Gaulle, Charles".
			out = append(out, Name{Family: p, Given: next})
			i++
		case len(words) >= 2:
			// Natural order "John Smith", "Mary Ann de la Cruz".
			k := len(words) - 1
			for k > 0 && isParticle(words[k-1]) {
				k--
			}
			out = append(out, Name{Family: strings.Join(words[k:], " "), Given: strings.Join(words[:k], " "), Order: Natural})
		default:
			out = append(out, Name{Family: p})
		}
	}
	return out
}

// naturalPair reports "Wiktoria Nowak, Jamie Okafor": two full names in
// natural order, not one inverted name, since both sides have two or more
// words, no initials and no particles.
func naturalPair(words []string, next string) bool {
	nw := strings.Fields(next)
	if len(words) < 2 || len(nw) < 2 {
		return false
	}
	for _, w := range append(append([]string{}, words...), nw...) {
		if isInitialWord(w) || isParticle(w) {
			return false
		}
	}
	return true
}

// givenLike: initials, or one or two capitalised given names, not followed
// by a family name in inverted form.
func givenLike(p string) bool {
	words := strings.Fields(p)
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	if allInitials(words) {
		return true
	}
	for _, w := range words {
		r := []rune(w)
		if !unicode.IsUpper(r[0]) && !isInitialWord(w) {
			return false
		}
	}
	// "Smith, John" vs "Smith, Jones": the second part of an inverted name
	// is followed by another inverted name or nothing; accept a single
	// capitalised word (the common case in bibliographies).
	return len(words) <= 2
}

func allInitials(ws []string) bool {
	for _, w := range ws {
		if !isInitialWord(w) {
			return false
		}
	}
	return len(ws) > 0
}

// isInitialWord: "J.", "J.K.", "JK", "J.-P.", "Ph.".
func isInitialWord(w string) bool {
	if isInitial(w) {
		// "OECD." is an acronym, not initials.
		letters := 0
		for _, r := range w {
			if unicode.IsUpper(r) {
				letters++
			}
		}
		return letters <= strings.Count(w, ".")+1 || !strings.Contains(w, ".")
	}
	r := []rune(strings.TrimRight(w, ",;"))
	return len(r) == 3 && unicode.IsUpper(r[0]) && unicode.IsLower(r[1]) && r[2] == '.'
}

func isParticle(w string) bool {
	switch strings.ToLower(w) {
	case "van", "von", "de", "der", "den", "del", "della", "di", "da", "la", "le", "du", "dos", "das", "ter", "ten", "bin", "al", "el":
		return true
	}
	return false
}

// isOrg: no comma, no initials, and either a function word or four or more
// words ("World Health Organization", "Ministry of Foreign Affairs").
func isOrg(s string) bool {
	if strings.ContainsAny(s, ",;&") {
		return false
	}
	words := strings.Fields(s)
	for _, w := range words {
		if isInitialWord(w) && len(words) > 1 {
			return false
		}
	}
	if len(words) == 1 {
		return false
	}
	for _, w := range words {
		if orgWords[strings.ToLower(strings.Trim(w, ".,()"))] {
			return true
		}
	}
	return len(words) >= 4 && !strings.Contains(" "+strings.ToLower(s)+" ", " and ")
}

// isOrgList: an organisation whose name ends in a list of its fields
// ("National Academies of Sciences, Engineering, and Medicine",
// "Department of Health, Education, and Welfare"): the part before the
// first comma is an organisation and every later part one or two
// capitalised words, none an initial.
func isOrgList(s string) bool {
	parts := strings.Split(s, ",")
	if len(parts) < 2 || !isOrg(strings.TrimSpace(parts[0])) {
		return false
	}
	for _, p := range parts[1:] {
		words := strings.Fields(p)
		if len(words) > 0 && (words[0] == "and" || words[0] == "&") {
			words = words[1:]
		}
		if len(words) == 0 || len(words) > 2 {
			return false
		}
		for _, w := range words {
			if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) || isInitialWord(w) || len(w) < 3 {
				return false
			}
		}
	}
	return true
}

// Surname folds a family name for comparison: lower case, diacritics
// removed, letters only.
func Surname(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if f, ok := foldMap[r]; ok {
			b.WriteString(f)
		} else if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var foldMap = func() map[rune]string {
	m := map[rune]string{}
	groups := map[string]string{
		"a": "àáâãäåāăą", "c": "çćĉċč", "d": "ďđ", "e": "èéêëēĕėęě", "g": "ĝğġģ",
		"h": "ĥħ", "i": "ìíîïĩīĭįı", "j": "ĵ", "k": "ķ", "l": "ĺļľŀł", "n": "ñńņňŉ",
		"o": "òóôõöøōŏő", "r": "ŕŗř", "s": "śŝşšș", "t": "ţťŧț", "u": "ùúûüũūŭůűų",
		"w": "ŵ", "y": "ýÿŷ", "z": "źżž", "ss": "ß", "ae": "æ", "oe": "œ",
	}
	for plain, rs := range groups {
		for _, r := range rs {
			m[r] = plain
		}
	}
	return m
}()
