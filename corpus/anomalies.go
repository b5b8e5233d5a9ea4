package corpus

import (
	"fmt"
	"strings"
)

// markAnomalies finds continuation entries (an entry that is only a URL)
// and duplicate entries, records them in the entries' Notes, and returns
// paper-level descriptions. Nothing is silently rewritten: the URL a
// continuation supplies is copied to the entry before it with a note.
func markAnomalies(refs []Reference) []string {
	var out []string
	for i := range refs {
		r := &refs[i]
		if i == 0 || !onlyURL(r) {
			continue
		}
		prev := &refs[i-1]
		r.ContinuationOf = prev.N
		u := r.URL
		if r.DOI != "" && isDOIURL(u) {
			u = "https://doi.org/" + r.DOI
		}
		r.Notes = append(r.Notes, fmt.Sprintf("[%d] is not a reference of its own: it is only the URL of [%d], printed as a separate numbered entry", r.N, prev.N))
		if prev.URL == "" && prev.DOI == "" {
			prev.URL = r.URL
			prev.DOI = r.DOI
			prev.Notes = append(prev.Notes, fmt.Sprintf("its URL is printed as a separate entry [%d]", r.N))
			out = append(out, fmt.Sprintf("[%d] is only a URL: it continues [%d] and supplies its URL (%s)", r.N, prev.N, u))
		} else {
			out = append(out, fmt.Sprintf("[%d] is only a URL and follows [%d], which already has a URL", r.N, prev.N))
		}
	}
	// Candidates share a DOI or a title key; the first entry with a key is
	// the original.
	first := map[string]int{}
	for i := range refs {
		if refs[i].ContinuationOf != 0 {
			continue
		}
		for _, key := range []string{"doi:" + strings.ToLower(refs[i].DOI), "title:" + titleKey(refs[i].Title)} {
			if key == "doi:" || key == "title:" {
				continue
			}
			j, seen := first[key]
			if !seen {
				first[key] = i
				continue
			}
			if refs[i].DuplicateOf != 0 {
				continue
			}
			if why := duplicate(&refs[j], &refs[i], titleKey(refs[j].Title), titleKey(refs[i].Title)); why != "" {
				refs[i].DuplicateOf = refs[j].N
				refs[i].Notes = append(refs[i].Notes, fmt.Sprintf("duplicate of [%d] (%s)", refs[j].N, why))
				refs[j].Notes = append(refs[j].Notes, fmt.Sprintf("duplicated by [%d]", refs[i].N))
				out = append(out, fmt.Sprintf("[%d] duplicates [%d] (%s)", refs[i].N, refs[j].N, why))
			}
		}
	}
	return append(out, letterYears(refs)...)
}

func onlyURL(r *Reference) bool {
	return (r.URL != "" || r.DOI != "") && r.Title == "" && len(r.Authors) == 0 && r.Venue == ""
}

// duplicate says why b repeats a ("same DOI", "same title and URL"), or "".
func duplicate(a, b *Reference, ta, tb string) string {
	if a.DOI != "" && strings.EqualFold(a.DOI, b.DOI) {
		return "same DOI"
	}
	if ta == "" || ta != tb {
		return ""
	}
	switch {
	case a.URL != "" && a.URL == b.URL:
		return "same title and URL"
	case strings.Join(a.Authors, ";") == strings.Join(b.Authors, ";") && yearBase(a.Year) == yearBase(b.Year):
		return "same title, authors and year"
	}
	return ""
}

func titleKey(t string) string {
	b := make([]byte, 0, len(t))
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80:
			b = append(b, c)
		case c >= 'A' && c <= 'Z':
			b = append(b, c+32)
		}
	}
	return string(b)
}

// yearBase drops a disambiguating letter: "2023a" → "2023".
func yearBase(y string) string {
	if b := strings.TrimRight(y, "abcdefghijklmnopqrstuvwxyz"); b != "" && strings.Trim(b, "0123456789") == "" {
		return b
	}
	return y // "n.d.", "in press"
}

// YearBase is a reference's year without its disambiguating letter
// ("2023a" → "2023"), for matching a year a question names.
func YearBase(y string) string { return yearBase(y) }
