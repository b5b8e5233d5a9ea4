package corpus

import (
	"strings"

	"paperbot/corpus/refparse"
)

// Confidence thresholds of the labeller's fields (chosen on the
// development slice of the training data, see eval-refs --parser corpus).
const (
	// sureNoYear: the probability that no word is a year above which the
	// entry gets the note "no year printed" (on the development slice, 72
	// notes at 0.8, all right; 1 wrong of 89 at 0.7).
	sureNoYear = 0.8
)

// labelFields sets r's authors, title, venue, year, volume, issue and pages
// from the trained labeller's reading of the entry's text; rules holds the style rules' reading of the same text,
// whose general findings (a mangled "Jr." suffix, an unbalanced bracket, a
// dangling "In.") are kept. It reports false when no labeller is available.
func labelFields(r *Reference, text string, rules *Reference) bool {
	m, err := refparse.Default()
	if err != nil || m == nil {
		return false
	}
	f := m.Label(text).Fields()
	conf := map[string]float64{}

	a := f["author"]
	r.Authors = []string{}
	if fixed, ok := fixMangledSuffix(refparse.TrimField(a.Text) + "."); ok && len(rules.Authors) == 1 && rules.Authors[0] == fixed {
		r.Authors = rules.Authors
	} else if a.Text != "" {
		names, etAl := refparse.SplitAuthors(a.Text)
		for _, n := range names {
			r.Authors = append(r.Authors, n.Printed())
		}
		if etAl {
			r.Authors = append(r.Authors, "et al.")
		}
	}
	conf["authors"] = a.Conf
	if len(rules.Authors) > len(r.Authors) && len(r.Authors) > 0 && allIn(rules.Authors, a.Text) {
		// The rules split the same words into more names (a list of
		// natural-order names with commas).
		r.Authors = rules.Authors
	}

	t := f["title"]
	r.Title = cleanField(refparse.TrimField(t.Text))
	conf["title"] = t.Conf
	extraTitle := ""
	if len(t.Runs) > 1 {
		// A title is printed once: later runs are not part of it.
		r.Title = cleanField(refparse.TrimField(t.Runs[0]))
		extraTitle = cleanField(refparse.TrimField(strings.Join(t.Runs[1:], " ")))
	}

	v := f["container"]
	r.Venue = cleanField(refparse.TrimField(v.Text))
	conf["venue"] = v.Conf
	if r.Venue == "" {
		if p := f["publisher"]; p.Text != "" {
			r.Venue = cleanField(refparse.TrimField(p.Text))
			r.venueIsPublisher = true
			conf["venue"] = p.Conf
		}
	}

	if r.Venue == "" && extraTitle != "" {
		// A second run of title words after another field is the name of
		// the site or publisher ("Title. (2023). Site Name.").
		r.Venue = extraTitle
		r.venueIsPublisher = true
	}
	if r.Venue == "" && rules.Venue != "" {
		r.Venue = rules.Venue
		r.venueIsPublisher = true
	}
	if strings.Contains(strings.Join(rules.Notes, "\n"), "unbalanced “]”") {
		// The rules found the thesis bracket that lost its opening part
		// and split title and institution at it.
		r.Title, r.Venue, r.venueIsPublisher = rules.Title, rules.Venue, true
	}
	y := f["year"]
	r.Year = refparse.YearOf(y.Text)
	conf["year"] = y.Conf
	switch {
	case r.Year != "":
	case strings.Contains(y.Text, "n.d") || strings.Contains(y.Text, "n. d"):
		r.Year = "n.d."
	default:
		r.Year = "n.d."
		if y.Conf >= sureNoYear {
			r.Notes = append(r.Notes, noYearNote)
		}
	}
	if rules.Volume != "" || rules.Issue != "" || rules.Pages != "" {
		// "12(3):45–67" and "vol. 3, no. 2, pp. 1–10" are read by rules.
		r.Volume, r.Issue, r.Pages = rules.Volume, rules.Issue, rules.Pages
	} else {
		r.Volume = refparse.TrimField(f["volume"].Text)
		r.Issue = refparse.TrimField(f["issue"].Text)
		r.Pages = pagesOf(f["pages"].Text)
	}

	for _, n := range rules.Notes {
		if n != noYearNote && !contains(r.Notes, n) {
			r.Notes = append(r.Notes, n)
		}
	}
	r.Confidence = conf
	return true
}

// pagesOf trims a pages field to its numbers: "pp. 45–67." -> "45–67".
func pagesOf(s string) string {
	s = refparse.TrimField(s)
	low := strings.ToLower(s)
	for _, p := range []string{"pp.", "p.", "pages", "page"} {
		if strings.HasPrefix(low, p) {
			return strings.TrimSpace(s[len(p):])
		}
	}
	return s
}

// allIn reports whether every name occurs in s.
func allIn(names []string, s string) bool {
	for _, n := range names {
		if !strings.Contains(s, n) {
			return false
		}
	}
	return true
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// Container returns the reference's journal, book or site it is part of:
// its venue unless that is only its publisher.
func (r Reference) Container() string {
	if r.venueIsPublisher {
		return ""
	}
	return r.Venue
}
