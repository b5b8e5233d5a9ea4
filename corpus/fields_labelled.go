package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"paperbot/corpus/refparse"
	"paperbot/internal/lazyre"
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
// from the trained labeller's reading of the entry's text (work is the
// text without links and access date); rules holds the style rules' reading of the same text,
// whose general findings (a mangled "Jr." suffix, an unbalanced bracket, a
// dangling "In.") are kept. It reports false when no labeller is available.
func labelFields(r *Reference, text, work string, rules *Reference) bool {
	m, err := refparse.Default()
	if err != nil || m == nil {
		return false
	}
	lb := labelOf(m, text)
	f := lb.Fields()
	conf := map[string]float64{}

	a := f["author"]
	r.Authors = []string{}
	if fixed, ok := fixMangledSuffix(refparse.TrimField(a.Text) + "."); ok && len(rules.Authors) == 1 && rules.Authors[0] == fixed {
		r.Authors = rules.Authors
	} else if a.Text != "" {
		r.Authors = splitNames(a.Text)
	}
	if e := f["editor"]; a.Text == "" && len(e.Spans) > 0 && e.Spans[0][0] == 0 {
		// "Tanaka, H. (Ed.). (2012). Handbook…": an edited book cited by
		// its editors, who stand where the authors would.
		r.Editors = splitNames(e.Text)
	}
	conf["authors"] = a.Conf

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
	r.Venue = cleanField(refparse.TrimContainer(v.Text))
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
		conf["venue"] = t.Conf
	}
	if r.Venue == "" && rules.Venue != "" && (r.Title == "" || !strings.Contains(rules.Venue, r.Title) && !strings.Contains(r.Title, rules.Venue)) {
		// The rules' site or publisher, unless it is the title again.
		r.Venue = rules.Venue
		r.venueIsPublisher = true
		delete(conf, "venue")
	}
	if strings.Contains(strings.Join(rules.Notes, "\n"), "unbalanced “]”") {
		// The rules found the thesis bracket that lost its opening part
		// and split title and institution at it.
		r.Title, r.Venue, r.venueIsPublisher = rules.Title, rules.Venue, true
		delete(conf, "title")
		delete(conf, "venue")
	}
	y := f["year"]
	r.Year = refparse.YearOf(y.Text)
	conf["year"] = y.Conf
	if r.Year == "" {
		r.Year = vancouverYear(lb)
	}
	switch {
	case r.Year != "":
	case strings.Contains(y.Text, "n.d") || strings.Contains(y.Text, "n. d"):
		r.Year = "n.d."
	case pressYear(work) != "":
		r.Year = pressYear(work)
	default:
		r.Year = "n.d."
		if y.Conf >= sureNoYear || !yearRE.MatchString(work) {
			// The model is sure, or no number that could be a year is
			// printed outside the links and the access date.
			r.Notes = append(r.Notes, noYearNote)
		}
	}
	if len(r.Authors) == 0 {
		orgAuthorFromVenue(r, f, conf)
	}
	if len(r.Authors) == 0 && len(rules.Authors) == 1 && isOrgName(rules.Authors[0]) && strings.HasPrefix(r.Title, rules.Authors[0]+".") {
		// A corporate author the labeller read as the start of the title.
		r.Authors = rules.Authors
		r.Title = cleanField(refparse.TrimField(r.Title[len(rules.Authors[0]):]))
		delete(conf, "authors")
	}
	if len(rules.Authors) == 1 && rules.Title != "" && splitOrg(r, rules.Authors[0], text) {
		// "Food and Agriculture Organization of the United Nations.
		// Title": the labeller cut the organisation at "and" or read it
		// as the title.
		r.Authors = rules.Authors
		head, rest, _ := strings.Cut(r.Title, ". ")
		if r.Title = cleanField(rest); r.Title == "" || !strings.HasSuffix(rules.Authors[0], head) {
			r.Title = rules.Title
		}
		delete(conf, "authors")
		delete(conf, "title")
	}
	if rules.quotedTitle && rules.Title != "" && (r.Title == "" || strings.HasPrefix(r.Title, rules.Title+"”,") || strings.HasPrefix(r.Title, rules.Title+"\",")) {
		// A title in quotation marks the labeller left unread, or read
		// past its closing mark.
		r.Title = rules.Title
		delete(conf, "title")
	}
	if r.Venue != "" && !strings.HasSuffix(r.Venue, ")") {
		if i := strings.Index(text, r.Venue); i >= 0 {
			if acr := acronymAfter(text, i+len(r.Venue)); acr != "" {
				// "Network (CGTN)": the acronym belongs to the name before it.
				r.Venue += " " + acr
			}
		}
	}
	if e := f["edition"]; len(e.Spans) > 0 && len(t.Spans) > 0 && strings.HasPrefix(e.Runs[0], "(") &&
		e.Spans[0][0] >= t.Spans[0][1] && strings.TrimSpace(text[t.Spans[0][1]:e.Spans[0][0]]) == "" {
		// "Title (2nd ed.)." : APA prints the edition as part of the title
		// element, and the reference keeps no edition of its own.
		r.Title = cleanField(refparse.TrimField(t.Runs[0]) + " " + strings.TrimRight(e.Runs[0], ".,;"))
	}
	if rules.Volume != "" || rules.Issue != "" || rules.Pages != "" {
		// "12(3):45–67" and "vol. 3, no. 2, pp. 1–10" are read by rules.
		r.Volume, r.Issue, r.Pages = rules.Volume, rules.Issue, rules.Pages
	} else {
		r.Volume = refparse.TrimField(f["volume"].Text)
		r.Issue = refparse.TrimField(f["issue"].Text)
		r.Pages = pagesOf(f["pages"].Text)
		if m := volIssueRE.FindStringSubmatch(r.Volume); m != nil && r.Issue == "" {
			// Chicago's "7 (5)" read as one volume field.
			r.Volume, r.Issue = m[1], m[2]
		}
	}

	for _, n := range rules.Notes {
		if n != noYearNote && !contains(r.Notes, n) {
			r.Notes = append(r.Notes, n)
		}
	}
	r.Confidence = conf
	return true
}

// splitOrg reports whether the entry opens with the organisation org
// that the labeller's reading of r split: its authors are pieces of org
// (or none), and its title begins with what is left of org.
func splitOrg(r *Reference, org, text string) bool {
	if !isOrgName(org) || !strings.HasPrefix(text, org) || len(r.Authors) == 1 && r.Authors[0] == org ||
		strings.Contains(org, ". ") || !nameCased(org) {
		return false
	}
	for _, a := range r.Authors {
		if !strings.Contains(org, a) {
			return false
		}
	}
	head, _, _ := strings.Cut(r.Title, ". ")
	return head != "" && strings.Contains(org, head)
}

// nameCased reports whether every word of s is capitalised or one of the
// function words of an organisation's name ("of the United Nations"): a
// title reads otherwise ("Team to train at WFU").
func nameCased(s string) bool {
	for _, w := range strings.Fields(s) {
		switch w {
		case "of", "for", "and", "the", "on", "in", "&":
			continue
		}
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// volIssueRE is a volume with its issue in brackets after a space.
var volIssueRE = lazyre.New(`^(\S+)\s+\((\S+)\)$`)

// splitNames splits a names field into printed names, a trailing "et
// al." kept as a name of its own.
func splitNames(s string) []string {
	names, etAl := refparse.SplitAuthors(s)
	out := []string{}
	for _, n := range names {
		out = append(out, n.Printed())
	}
	if etAl {
		out = append(out, "et al.")
	}
	return out
}

// orgAuthorFromVenue moves an organisation that opens the entry from the
// venue to the authors: "Harvard University Press (2015) Guide to …" is
// cited by its corporate author, which the labeller read as the
// publisher. The venue keeps the fields' later runs, if any.
func orgAuthorFromVenue(r *Reference, f refparse.Fields, conf map[string]float64) {
	for _, label := range []string{"container", "publisher"} {
		g := f[label]
		if len(g.Spans) == 0 || g.Spans[0][0] != 0 || !isOrgName(g.Runs[0]) {
			continue
		}
		r.Authors = []string{cleanField(refparse.TrimField(g.Runs[0]))}
		conf["authors"] = g.Conf
		r.Venue = cleanField(refparse.TrimField(strings.Join(g.Runs[1:], " ")))
		if r.Venue == "" {
			r.venueIsPublisher = false
			delete(conf, "venue")
		}
		return
	}
}

var vancYearTokRE = lazyre.New(`^((?:1[5-9]|20)\d\d);`)

// vancouverYear returns the year of a "2012;" token (Vancouver's
// year;volume) when the best label sequence gave it another label (the
// annotation of the training data often does the same: "2011;70" as
// volume), or "".
func vancouverYear(lb refparse.Labelled) string {
	for i, t := range lb.Tokens {
		m := vancYearTokRE.FindStringSubmatch(t.Text)
		if m != nil && i > 0 {
			return m[1]
		}
	}
	return ""
}

// acronymAfter returns "(CGTN)" when it follows the field ending at end
// in s (after spaces), or "".
func acronymAfter(s string, end int) string {
	m := acronymRE.FindString(s[end:])
	return strings.TrimSpace(m)
}

var acronymRE = lazyre.New(`^\s*\(\p{Lu}{2,}\)`)

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
