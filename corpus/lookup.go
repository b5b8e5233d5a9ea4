package corpus

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Ref returns the reference printed as number n. A continuation entry (seed
// [28], only the URL of [27]) resolves to a copy carrying the fields of the
// entry it continues, with the explanation in Notes.
func (p *Paper) Ref(n int) (*Reference, error) {
	for i := range p.References {
		r := p.References[i]
		if r.N != n {
			continue
		}
		if r.ContinuationOf != 0 {
			r = p.resolve(r)
		}
		r.Authors = append([]string{}, r.Authors...)
		r.Notes = append([]string{}, r.Notes...)
		return &r, nil
	}
	e := &RangeError{N: n, Count: len(p.References)}
	if len(p.References) > 0 {
		e.Min, e.Max = p.References[0].N, p.References[len(p.References)-1].N
	}
	return nil, e
}

// resolve fills a continuation entry from the entry it continues.
func (p *Paper) resolve(r Reference) Reference {
	for _, base := range p.References {
		if base.N != r.ContinuationOf {
			continue
		}
		out := base
		out.N = r.N
		out.Raw = r.Raw
		out.ContinuationOf = r.ContinuationOf
		out.DuplicateOf = 0
		out.Notes = append([]string{}, r.Notes...)
		out.Notes = append(out.Notes, fmt.Sprintf("shown with the details of [%d]", base.N))
		if r.URL != "" {
			out.URL = r.URL
		}
		if r.DOI != "" {
			out.DOI = r.DOI
		}
		return out
	}
	return r
}

// FindRefs returns the references matching query: every word of the query
// must begin a word (case-insensitively) of an author, the year, the title,
// the venue, or occur in the URL's host name ("diplomat" in
// thediplomat.com), so "xi" finds "Xi" and "Xi'an" but not "co-existence"; a word of digits matches a year ("2019") or a
// reference number ("28"). An empty query returns all references.
func (p *Paper) FindRefs(query string) []Reference {
	words := strings.Fields(strings.ToLower(query))
	out := []Reference{}
	for _, r := range p.References {
		host := strings.ToLower(urlHost(r.URL))
		hay := normQuotes(strings.ToLower(strings.Join(append(append([]string{}, r.Authors...), r.Year, r.Title, r.Venue, host), " ")))
		hayWords := wordStarts(hay)
		hayFold := wordStarts(asciiFold(hay))
		ok := true
		for _, w := range words {
			w = strings.Trim(w, ",.;:\"“”'’()[]")
			if w == "" {
				continue
			}
			if isAllDigits(w) {
				if w != strconv.Itoa(r.N) && w != yearBase(r.Year) {
					ok = false
					break
				}
				continue
			}
			w = normQuotes(w)
			q, qFold := wordStarts(w), wordStarts(asciiFold(w))
			inHost := host != "" && strings.Contains(host, w)
			if q == " " || (!inHost && !strings.Contains(hayWords, q) && !strings.Contains(hayFold, qFold)) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, r)
		}
	}
	return out
}

// wordStarts is s as its words (runs of letters and digits) each preceded
// by a space and separated by single spaces, with no trailing space: so
// strings.Contains(wordStarts(hay), wordStarts(q)) holds when q's words
// begin consecutive words of hay.
func wordStarts(s string) string {
	var b strings.Builder
	b.WriteByte(' ')
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	b.WriteString(strings.Join(words, " "))
	return b.String()
}

// urlHost is the host of u without "www.", or "".
func urlHost(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexAny(u, "/?#"); i >= 0 {
		u = u[:i]
	}
	return strings.TrimPrefix(u, "www.")
}

func normQuotes(s string) string {
	return strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"").Replace(s)
}

// maxShort is the length bound of Short, in runes.
const maxShort = 90

// Short is a one-line label such as "Nye 2004, Soft power The means to
// success…", at most 90 runes (Discord autocomplete labels allow 100).
func (r *Reference) Short() string {
	var s string
	switch {
	case r.ContinuationOf != 0 && r.Title == "":
		s = fmt.Sprintf("URL of [%d]: %s", r.ContinuationOf, r.URL)
	case len(r.Authors) > 0 || len(r.Editors) > 0:
		ns, editors := creators(r)
		lead := parseName(ns[0]).family
		if len(ns) == 2 && !parseName(ns[1]).etal {
			lead += " & " + parseName(ns[1]).family
		} else if len(ns) > 1 {
			lead += " et al."
		}
		if editors {
			lead += " (ed.)"
		}
		s = strings.TrimSpace(lead + " " + r.Year)
		if r.Title != "" {
			s += ", " + r.Title
		}
	case r.Title != "":
		s = r.Title
		if r.Year != "" {
			s += " (" + r.Year + ")"
		}
	default:
		s = r.Raw
	}
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > maxShort {
		s = truncateRunes(s, maxShort)
	}
	return s
}
