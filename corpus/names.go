package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"paperbot/internal/lazyre"
)

// orgWords mark an organisation rather than a person.
var orgWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`organisation organization association foundation ministry council
		institute institution university bank agency commission office department committee center
		centre bureau fund programme program group society government nations union forum service
		administration academy board corporation company inc ltd network consortium authority
		federation project team college school who unesco unicef oecd ieee acm`) {
		orgWords[w] = true
	}
}

// orgStemRE finds the roots of the words for a university, an institute,
// a technical school, an academy or a laboratory in the languages of the Latin script,
// inside compounds too ("Wirtschaftsuniversität", "Hochschule").
var orgStemRE = lazyre.New(`univers[iy]|institu[tc]|hochschul|polyte[cq]hn|politecn|akadem|academ|laborat`)

// isOrgName reports whether s contains a word that marks an organisation.
func isOrgName(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if l := strings.ToLower(w); orgWords[l] || orgWords[strings.TrimSuffix(l, "s")] {
			return true
		}
		if l := strings.ToLower(w); len(l) > 6 && orgStemRE.MatchString(l) {
			return true // "Universität", "Wirtschaftsuniversität", "Instituto"
		}
	}
	return false
}

var (
	initialsRE  = lazyre.New(`^(?:\p{Lu}\.(?:\s?-?\p{Lu}\.)*)$`)
	vancouverRE = lazyre.New(`^(\p{Lu}[\p{L}'’\-]+(?: \p{Lu}[\p{L}'’\-]+)*) (\p{Lu}{1,3})$`)
	surnameRE   = lazyre.New(`^(?:(?:van|von|de|der|den|da|di|du|la|le|del|dos|das|el|al|bin|ibn)\s)*\p{Lu}[\p{L}'’\-]+(?:[\s-](?:\p{Lu}[\p{L}'’\-]+|van|von|de|der|den|da|di|du|la|le|del))*$`)
	givenRE     = lazyre.New(`^(?:\p{Lu}[\p{Ll}'’\-]*\.?|\p{Lu}\.-\p{Lu}\.)(?:\s(?:\p{Lu}[\p{Ll}'’\-]*\.?|\p{Lu}\.-\p{Lu}\.))*$`)
	naturalRE   = lazyre.New(`^(?:\p{Lu}[\p{Ll}'’\-]*\.?\s?-?)+(?:\s(?:van|von|de|der|den|da|di|du|la|le|del))*\s\p{Lu}[\p{L}'’\-]+(?:,?\s(?:Jr\.?|Sr\.?|II|III|IV))?$`)
	suffixRE    = lazyre.New(`^(?:Jr\.?|Sr\.?|II|III|IV)$`)
)

// titleWords are capitalised words that make a segment a title, not a name.
var titleWords = map[string]bool{
	"is": true, "of": true, "the": true, "in": true, "for": true, "to": true, "on": true, "with": true,
	"a": true, "an": true, "from": true, "by": true, "at": true, "all": true, "you": true, "we": true,
	"our": true, "how": true, "what": true, "why": true, "new": true, "toward": true, "towards": true,
	"about": true, "us": true, "its": true, "into": true, "using": true, "via": true, "analysis": true,
	"review": true, "study": true, "report": true,
}

// name is an author's name split for formatting.
type name struct {
	family, given, suffix string
	org, etal             bool
	raw                   string
}

// parseName splits one author as printed: "Nye, J. S.", "J. S. Nye",
// "Smith JA", "Nye, Joseph S., Jr." or an organisation.
func parseName(s string) name {
	s = strings.TrimSpace(s)
	n := name{raw: s}
	if strings.EqualFold(strings.TrimSuffix(s, "."), "et al") {
		n.etal = true
		return n
	}
	if parts := strings.Split(s, ", "); len(parts) >= 2 && len(parts) <= 3 && surnameRE.MatchString(parts[0]) {
		n.family, n.given = parts[0], parts[1]
		if len(parts) == 3 {
			n.suffix = parts[2]
		}
		return n
	}
	if m := vancouverRE.FindStringSubmatch(s); m != nil && !isOrgName(s) {
		n.family = m[1]
		var g []string
		for _, r := range m[2] {
			g = append(g, string(r)+".")
		}
		n.given = strings.Join(g, " ")
		return n
	}
	if naturalRE.MatchString(s) && !isOrgName(s) {
		f := strings.Fields(strings.ReplaceAll(s, ",", ""))
		if len(f) > 1 && suffixRE.MatchString(f[len(f)-1]) {
			n.suffix = f[len(f)-1]
			f = f[:len(f)-1]
		}
		i := len(f) - 1
		for i > 1 && isParticle(f[i-1]) {
			i--
		}
		n.family = strings.Join(f[i:], " ")
		n.given = strings.Join(f[:i], " ")
		return n
	}
	n.org = true
	n.family = s
	return n
}

// isParticle reports a family-name particle ("van", "de", "De", "von"),
// in either case: "Cristiano De Marchis" has the family name "De Marchis".
func isParticle(w string) bool { return particles[strings.ToLower(w)] }

// initials abbreviates given names: "Joseph S." → "J. S.", "Jean-Paul" →
// "J.-P.", "X.S." → "X. S.".
func initials(given string) string {
	var out []string
	for _, w := range strings.Fields(given) {
		var hyph []string
		for _, h := range strings.Split(w, "-") {
			var letters []string
			for _, piece := range strings.Split(h, ".") {
				r, _ := utf8.DecodeRuneInString(piece)
				if r != utf8.RuneError && unicode.IsLetter(r) {
					letters = append(letters, string(r)+".")
				}
			}
			if len(letters) > 0 {
				hyph = append(hyph, strings.Join(letters, " "))
			}
		}
		if len(hyph) > 0 {
			out = append(out, strings.Join(hyph, "-"))
		}
	}
	return strings.Join(out, " ")
}

// parseAPAAuthors reads "Surname, I. I., Surname, I., & Surname, I." and
// reports whether the whole string is such a list.
func parseAPAAuthors(s string) ([]string, bool) {
	s = strings.TrimSpace(s)
	s = strings.ReplaceAll(s, "&", ",")
	s = strings.ReplaceAll(s, " and ", ", ")
	var parts []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	var out []string
	for i := 0; i < len(parts); {
		if strings.EqualFold(strings.TrimSuffix(parts[i], "."), "et al") || parts[i] == "…" || parts[i] == "..." {
			out = append(out, "et al.")
			i++
			continue
		}
		if i+1 >= len(parts) || !surnameRE.MatchString(parts[i]) || !givenRE.MatchString(parts[i+1]) {
			return nil, false
		}
		a := parts[i] + ", " + parts[i+1]
		i += 2
		if i < len(parts) && suffixRE.MatchString(parts[i]) {
			a += ", " + parts[i]
			i++
		}
		out = append(out, a)
	}
	return out, len(out) > 0
}

// parseNaturalAuthors reads "J. Smith, A. B. Jones, and C. Lee" or
// "Smith JA, Jones B" (Vancouver) and reports whether the whole string is
// such a list.
func parseNaturalAuthors(s string) ([]string, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ","))
	s = strings.ReplaceAll(s, ", and ", ", ")
	s = strings.ReplaceAll(s, " and ", ", ")
	s = strings.ReplaceAll(s, " & ", ", ")
	var out []string
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		switch {
		case p == "":
			continue
		case strings.EqualFold(strings.TrimSuffix(p, "."), "et al"):
			out = append(out, "et al.")
		case strings.HasSuffix(p, " et al.") || strings.HasSuffix(p, " et al"):
			q := strings.TrimSuffix(strings.TrimSuffix(p, "."), " et al")
			if !personLike(q) {
				return nil, false
			}
			out = append(out, q, "et al.")
		case suffixRE.MatchString(p) && len(out) > 0:
			out[len(out)-1] += " " + p
		case personLike(p):
			out = append(out, p)
		case len(out) > 0 && isOrgName(p) && len(strings.Fields(p)) <= 5:
			out = append(out, p) // a group author inside a list: "PRISMA Group"
		default:
			return nil, false
		}
	}
	return out, len(out) > 0
}

// personLike reports a single person's name in natural or Vancouver order.
func personLike(p string) bool {
	if vancouverRE.MatchString(p) {
		return !hasTitleWord(p)
	}
	if !naturalRE.MatchString(p) || hasTitleWord(p) {
		return false
	}
	return len(strings.Fields(p)) <= 5
}

func hasTitleWord(p string) bool {
	for _, w := range strings.Fields(p) {
		w = strings.Trim(w, ".,:")
		if utf8.RuneCountInString(w) > 1 && titleWords[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

var mangledJrRE = lazyre.New(`^(\p{Lu}[\p{Ll}]+(?: \p{Lu}\.)+) (\p{Lu}[\p{L}'’\-]+), (\p{Lu})\.$`)

// fixMangledSuffix reads "Joseph S. Nye, J." (a reference manager's
// rendering of "Joseph S. Nye, Jr.") as "Nye, Joseph S., Jr.".
func fixMangledSuffix(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, ", J.") {
		return "", false
	}
	m := mangledJrRE.FindStringSubmatch(s)
	if m == nil || m[3] != "J" {
		return "", false
	}
	return m[2] + ", " + m[1] + ", Jr.", true
}

// splitVancouverAuthors splits "Gurevitch J, Koricheva J, Stewart G. Title…"
// into the author list and the rest, at the first ". " before which every
// comma-separated part is a Vancouver name ("Altman DG"), "et al" or a
// group ("PRISMA Group").
func splitVancouverAuthors(s string) ([]string, string, bool) {
	from := 0
	for tries := 0; tries < 4; tries++ {
		i := strings.Index(s[from:], ". ")
		if i < 0 {
			return nil, s, false
		}
		i += from
		var out []string
		ok, names := true, 0
		for _, p := range strings.Split(s[:i], ",") {
			p = strings.TrimSpace(p)
			switch {
			case vancouverRE.MatchString(p) && !hasTitleWord(p):
				out = append(out, p)
				names++
			case strings.EqualFold(p, "et al"):
				out = append(out, "et al.")
			case names > 0 && isOrgName(p) && len(strings.Fields(p)) <= 5:
				out = append(out, p)
			default:
				ok = false
			}
			if !ok {
				break
			}
		}
		if ok && names > 0 {
			return out, s[i+2:], true
		}
		from = i + 2
	}
	return nil, s, false
}

var mlaAuthorsRE = lazyre.New(`^([^,]+), ([^,]+?)(?:,? and ([^,]+)|, et al\.?)?\.?$`)

// parseMLAAuthors reads MLA's "Smith, John", "Smith, John, and Jane Doe"
// or "Smith, John, et al.".
func parseMLAAuthors(s string) ([]string, bool) {
	m := mlaAuthorsRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil || !surnameRE.MatchString(m[1]) || !givenRE.MatchString(strings.TrimSuffix(m[2], ".")) {
		return nil, false
	}
	out := []string{m[1] + ", " + m[2]}
	switch {
	case m[3] != "":
		if !personLike(m[3]) {
			return nil, false
		}
		out = append(out, m[3])
	case strings.Contains(s, "et al"):
		out = append(out, "et al.")
	}
	return out, true
}
