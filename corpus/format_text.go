package corpus

import (
	"fmt"
	"strings"
)

// ieeeName is "J. S. Nye" (organisations as printed).
func ieeeName(n name) string {
	switch {
	case n.etal:
		return "et al."
	case n.org:
		return n.raw
	}
	return joinNonEmpty(", ", joinNonEmpty(" ", initials(n.given), n.family), n.suffix)
}

func names(authors []string) (out []name, etal bool) {
	for _, a := range authors {
		n := parseName(a)
		if n.etal {
			etal = true
			continue
		}
		out = append(out, n)
	}
	return out, etal
}

func ieeeAuthors(authors []string) string {
	ns, etal := names(authors)
	if len(ns) == 0 {
		return ""
	}
	if len(ns) > 6 || etal {
		return ieeeName(ns[0]) + " et al."
	}
	var s []string
	for _, n := range ns {
		s = append(s, ieeeName(n))
	}
	switch len(s) {
	case 1:
		return s[0]
	case 2:
		return s[0] + " and " + s[1]
	}
	return strings.Join(s[:len(s)-1], ", ") + ", and " + s[len(s)-1]
}

// quoteTitle renders "Title," (or "Title?" / "Title." when last).
func quoteTitle(title, punct string) string {
	if strings.HasSuffix(title, "?") || strings.HasSuffix(title, "!") {
		return `"` + title + `"`
	}
	return `"` + strings.TrimSuffix(title, ".") + punct + `"`
}

func pagesLabel(p string) string {
	if p == "" {
		return ""
	}
	if strings.ContainsAny(p, "-–") {
		return "pp. " + p
	}
	return "p. " + p
}

func prefixed(prefix, v string) string {
	if v == "" {
		return ""
	}
	return prefix + v
}

func printedYear(y string) string {
	if y == "n.d." {
		return ""
	}
	return y
}

// ieeeRef: [2] N. Aliyev, "Title," Venue, vol. 1, no. 2, pp. 3–4, 2019.
// Accessed: Apr. 20, 2024. [Online]. Available: https://…
func ieeeRef(r *Reference) string {
	date := joinNonEmpty(" ", r.month, yearBase(printedYear(r.Year)))
	rest := joinNonEmpty(", ", r.Venue, prefixed("vol. ", r.Volume), prefixed("no. ", r.Issue),
		pagesLabel(r.Pages), date, prefixed("doi: ", r.DOI))
	var body string
	switch {
	case r.Title != "" && rest != "":
		body = quoteTitle(r.Title, ",") + " " + rest + "."
	case r.Title != "":
		body = quoteTitle(r.Title, ".")
	case rest != "":
		body = rest + "."
	}
	authors := creatorsAs(r, ieeeAuthors, ", Ed.", ", Eds.")
	out := joinNonEmpty(", ", authors, body)
	if body == "" && authors != "" {
		out = endSentence(authors)
	}
	if r.Accessed != "" {
		out = joinNonEmpty(" ", out, "Accessed: "+accessedAs("ieee", r.Accessed)+".")
	}
	if u := plainURL(r); u != "" {
		out = joinNonEmpty(" ", out, "[Online]. Available: "+u)
	}
	return strings.TrimSpace(fmt.Sprintf("[%d] %s", r.N, out))
}

// creators are the names a citation opens with: the authors, or for an
// edited book cited by its editors, the editors (editors true).
func creators(r *Reference) (ns []string, editors bool) {
	if len(r.Authors) == 0 && len(r.Editors) > 0 {
		return r.Editors, true
	}
	return r.Authors, false
}

// creatorsAs prints a citation's opening names with a style's printer,
// marked with one or many when they are editors: "Tanaka, H. (Ed.)".
func creatorsAs(r *Reference, print func([]string) string, one, many string) string {
	ns, editors := creators(r)
	printed := print(ns)
	if !editors || printed == "" {
		return printed
	}
	if parsed, etal := names(ns); len(parsed) > 1 || etal {
		return printed + many
	}
	return printed + one
}

// apaName is "Nye, J. S." (organisations as printed).
func apaName(n name) string {
	switch {
	case n.etal:
		return "et al."
	case n.org:
		return n.raw
	}
	return joinNonEmpty(", ", n.family, initials(n.given), n.suffix)
}

func apaAuthors(authors []string) string {
	ns, etal := names(authors)
	var s []string
	for _, n := range ns {
		s = append(s, apaName(n))
	}
	switch {
	case len(s) == 0:
		return ""
	case etal:
		return strings.Join(s, ", ") + ", et al."
	case len(s) == 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + ", & " + s[len(s)-1]
}

// apaRef: Aliyev, N. (2019). Title. Venue, 1(2), 3–4. https://doi.org/…
func apaRef(r *Reference) string {
	year := r.Year
	if year == "" {
		year = "n.d."
	}
	year = "(" + year + ")."
	vol := r.Volume
	if vol != "" && r.Issue != "" {
		vol += "(" + r.Issue + ")"
	}
	venue := endSentence(joinNonEmpty(", ", r.Venue, vol, r.Pages))
	var link string
	switch {
	case r.DOI != "":
		link = "https://doi.org/" + r.DOI
	case r.URL != "" && r.Accessed != "":
		link = "Retrieved " + accessedAs("apa", r.Accessed) + ", from " + r.URL
	case r.URL != "":
		link = r.URL
	}
	authors := creatorsAs(r, apaAuthors, " (Ed.)", " (Eds.)")
	if authors == "" {
		return joinNonEmpty(" ", endSentence(r.Title), year, venue, link)
	}
	return joinNonEmpty(" ", endSentence(authors), year, endSentence(r.Title), venue, link)
}

// mlaFirst is "Nye, Joseph S."; mlaOther is "Joseph S. Nye".
func mlaFirst(n name) string {
	if n.org || n.etal {
		return n.raw
	}
	return joinNonEmpty(", ", n.family, n.given, n.suffix)
}

func mlaOther(n name) string {
	if n.org || n.etal {
		return n.raw
	}
	return joinNonEmpty(", ", joinNonEmpty(" ", n.given, n.family), n.suffix)
}

func mlaAuthors(authors []string) string {
	ns, etal := names(authors)
	switch {
	case len(ns) == 0:
		return ""
	case len(ns) >= 3 || etal:
		return mlaFirst(ns[0]) + ", et al."
	case len(ns) == 2:
		return mlaFirst(ns[0]) + ", and " + mlaOther(ns[1])
	}
	return mlaFirst(ns[0])
}

// mlaRef: Aliyev, N. "Title." Venue, vol. 1, no. 2, 2019, pp. 3–4. URL. Accessed 20 Apr. 2024.
func mlaRef(r *Reference) string {
	date := joinNonEmpty(" ", r.month, yearBase(printedYear(r.Year)))
	container := joinNonEmpty(", ", r.Venue, prefixed("vol. ", r.Volume), prefixed("no. ", r.Issue), date, pagesLabel(r.Pages))
	var title string
	if r.Title != "" {
		title = quoteTitle(r.Title, ".")
	}
	link := linkFor(r)
	out := joinNonEmpty(" ", endSentence(creatorsAs(r, mlaAuthors, ", editor", ", editors")), title, endSentence(container), endSentence(link))
	if r.Accessed != "" {
		out = joinNonEmpty(" ", out, "Accessed "+endSentence(accessedAs("mla", r.Accessed)))
	}
	return out
}
