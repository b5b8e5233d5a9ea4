package corpus

import (
	"strings"
	"unicode"

	"paperbot/internal/lazyre"
)

var publisherRE = lazyre.New(`(?i)\b(press|publish\w*|books|affairs|wiley|springer|elsevier|routledge|sage|palgrave|macmillan|penguin|norton|pearson|mcgraw|o'reilly|verlag|editions)\b`)

var keyStop = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "on": true, "in": true, "and": true, "for": true,
	"to": true, "at": true, "by": true, "with": true, "from": true, "is": true, "how": true, "what": true,
	"why": true, "its": true, "into": true, "do": true, "does": true,
}

// keyWords returns up to k lower-case ASCII words of s usable in a key,
// skipping small words; apostrophes are dropped ("China’s" → "chinas").
func keyWords(s string, k int) []string {
	var out []string
	var w []byte
	flush := func() {
		if len(w) > 0 && !keyStop[string(w)] {
			out = append(out, string(w))
		}
		w = w[:0]
	}
	for _, r := range s {
		if len(out) >= k {
			break
		}
		switch {
		case r == '\'' || r == '’':
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			w = append(w, byte(r))
		case r >= 'A' && r <= 'Z':
			w = append(w, byte(r+32))
		default:
			if f, ok := foldTable[unicode.ToLower(r)]; ok {
				w = append(w, f...)
				continue
			}
			flush()
		}
	}
	flush()
	if len(out) > k {
		out = out[:k]
	}
	return out
}

// bibKey builds a readable key: family name, year, first title word
// ("nye2004soft"); without authors, the first two title words around the year.
func bibKey(r *Reference) string {
	tw := keyWords(r.Title, 2)
	lead, word := "", ""
	printed, _ := creators(r)
	if ns, _ := names(printed); len(ns) > 0 {
		if kw := keyWords(ns[0].family, 2); len(kw) > 0 {
			lead = kw[0]
			if ns[0].org {
				lead = strings.Join(kw[:min(len(kw), 2)], "")
			}
		}
		if len(tw) > 0 {
			word = tw[0]
		}
	} else if len(tw) > 0 {
		lead = tw[0]
		if len(tw) > 1 {
			word = tw[1]
		}
	}
	year := yearBase(printedYear(r.Year))
	if strings.Trim(year, "0123456789") != "" {
		year = "" // "in press": no year in the key
	}
	key := lead + year + word
	if key == "" {
		return "ref"
	}
	if startsDigit(key) {
		key = "ref" + key
	}
	if len(key) > 40 {
		key = key[:40]
	}
	return key
}

// bibtexRef formats r with a key that is unique within p.
func bibtexRef(p *Paper, r *Reference) string {
	key := bibKey(r)
	if p != nil {
		dup := 0
		for _, o := range p.References {
			if o.N == r.N {
				break
			}
			if o.ContinuationOf != 0 && o.Title == "" {
				o = p.resolve(o)
			}
			if bibKey(&o) == key {
				dup++
			}
		}
		if dup > 0 {
			key += string(rune('a' + min(dup, 25)))
		}
	}
	kind := "misc"
	printed, _ := creators(r)
	switch {
	case r.Venue != "" && (r.Volume != "" || r.Issue != "" || r.Pages != ""):
		kind = "article"
	case r.Venue != "" && len(printed) > 0 && (r.URL == "" || publisherRE.MatchString(r.Venue)):
		kind = "book"
	}
	return bibtexEntry(r, key, kind)
}

// bibtexEntry writes one entry with escaped, brace-balanced fields.
func bibtexEntry(r *Reference, key, kind string) string {
	type field struct{ k, v string }
	var fs []field
	add := func(k, v string) {
		if v != "" {
			fs = append(fs, field{k, v})
		}
	}
	if ns, editors := creators(r); editors {
		add("editor", bibAuthors(ns))
	} else {
		add("author", bibAuthors(ns))
	}
	if r.Title != "" {
		add("title", "{"+texEscape(r.Title)+"}")
	}
	switch kind {
	case "article":
		add("journal", texEscape(r.Venue))
	case "book":
		add("publisher", texEscape(r.Venue))
	default:
		add("howpublished", texEscape(r.Venue))
	}
	add("year", yearBase(printedYear(r.Year)))
	if r.month != "" {
		add("month", strings.ToLower(strings.TrimSuffix(r.month, "."))[:min(3, len(strings.TrimSuffix(r.month, ".")))])
	}
	add("volume", texEscape(r.Volume))
	add("number", texEscape(r.Issue))
	add("pages", strings.NewReplacer("–", "--", "—", "--", "-", "--").Replace(texEscape(r.Pages)))
	add("doi", urlEscape(r.DOI))
	add("url", urlEscape(plainURL(r)))
	if r.Accessed != "" && plainURL(r) != "" {
		if iso := accessedAs("iso", r.Accessed); iso != "" {
			add("urldate", iso)
		} else {
			add("note", "Accessed "+texEscape(r.Accessed))
		}
	}
	var b strings.Builder
	b.WriteString("@" + kind + "{" + key)
	for _, f := range fs {
		b.WriteString(",\n  " + f.k + " = {" + f.v + "}")
	}
	b.WriteString("\n}")
	return b.String()
}

func bibAuthors(authors []string) string {
	var out []string
	for _, a := range authors {
		n := parseName(a)
		switch {
		case n.etal:
			out = append(out, "others")
		case n.org:
			out = append(out, "{"+texEscape(n.raw)+"}")
		case n.suffix != "":
			out = append(out, texEscape(n.family+", "+n.suffix+", "+n.given))
		case n.given != "":
			out = append(out, texEscape(n.family+", "+n.given))
		default:
			out = append(out, texEscape(n.family))
		}
	}
	return strings.Join(out, " and ")
}

// texEscape escapes LaTeX special characters so braces stay balanced.
func texEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\textbackslash{}`)
		case '{', '}', '&', '%', '$', '#', '_':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '~':
			b.WriteString(`\textasciitilde{}`)
		case '^':
			b.WriteString(`\textasciicircum{}`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// urlEscape keeps a URL verbatim except for braces and backslashes,
// which would unbalance the entry.
func urlEscape(s string) string {
	return strings.NewReplacer("{", "%7B", "}", "%7D", `\`, "%5C").Replace(s)
}
