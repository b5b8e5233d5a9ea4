package answer

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"paperbot/corpus"
	"paperbot/internal/lazyre"
	"paperbot/retrieval"
)

// reply collects an offline answer: its text, the passages it used, and the
// references offered as related reading (never as support).
type reply struct {
	pi      *paperInfo
	b       strings.Builder
	used    []retrieval.Hit
	seen    map[string]bool
	related []int
	// declined marks a reply that declines (a reference that doesn't exist).
	declined bool
}

func newReply(pi *paperInfo) *reply { return &reply{pi: pi, seen: map[string]bool{}} }

// use records passage i (an index into pi.passages) as used.
func (r *reply) use(i int, score float64) {
	ps := r.pi.passages[i]
	if r.seen[ps.ID] {
		return
	}
	r.seen[ps.ID] = true
	r.used = append(r.used, retrieval.Hit{Passage: ps, Score: score})
}

// useRef records the passage of reference n as used.
func (r *reply) useRef(n int) {
	if i, ok := r.pi.byID[fmt.Sprintf("%s/ref/%d", r.pi.paper.ID, n)]; ok {
		r.use(i, 0)
	}
}

// line appends a line of text.
func (r *reply) line(s string) {
	if r.b.Len() > 0 {
		r.b.WriteString("\n")
	}
	r.b.WriteString(s)
}

// quote renders passage i as a quoted sentence with what the author cited
// for it, and records it as used.
func (r *reply) quote(i int) string {
	return r.quoteCiting(i, r.pi.passages[i].Cites)
}

// bulletsRe finds the list bullets that open a passage.
var bulletsRe = lazyre.New(`^(?:[-–—•·▪◦*]\s+)+`)

// quoteCiting is quote with the references of the part of the sentence
// the answer is about (clauseCites): "stroke [1], multiple sclerosis
// [3, 4]" answers a question on multiple sclerosis with [3, 4].
func (r *reply) quoteCiting(i int, which []int) string {
	ps := r.pi.passages[i]
	r.use(i, 1)
	text := oneLine(ps.Text)
	if t := strings.TrimSpace(bulletsRe.ReplaceAllString(text, "")); t != "" {
		// "- - - - Usefulness; …": the list's bullets, as the PDF's text
		// layer gathers them, are no part of the quote.
		text = t
	}
	if len(which) < len(ps.Cites) {
		if ex, ok := clauseExcerpt(r.pi, text, which); ok {
			text = ex
		}
	}
	s := "“" + text + "”"
	var cites []int
	for _, n := range which {
		if c, ok := r.pi.citable(n); ok && !slices.Contains(cites, c) {
			cites = append(cites, c)
			r.useRef(c)
		}
	}
	if len(cites) > 0 && ps.Kind != retrieval.KindReference {
		s += " " + formatCitationGroup(cites)
	}
	return s
}

// quotes renders passages as "From the abstract: “…” “…”" and "In
// Methods: “…” [3]" lines, grouped by where they come from.
func (r *reply) quotes(idx []int) {
	var absQ []string
	for _, i := range idx {
		if r.pi.passages[i].Kind == retrieval.KindAbstract {
			absQ = append(absQ, r.quote(i))
		}
	}
	if len(absQ) > 0 {
		r.line("From the abstract: " + strings.Join(absQ, " "))
	}
	line, where := "", ""
	for _, i := range idx {
		ps := r.pi.passages[i]
		if ps.Kind != retrieval.KindBody && ps.Kind != retrieval.KindCaption {
			continue
		}
		if w := r.where(i); w == where && line != "" {
			// Sentences of one place in a row share its label: "In
			// “1. Introduction”: “…” “…”".
			line += " " + r.quote(i)
		} else {
			if line != "" {
				r.line(line)
			}
			where, line = w, w+": "+r.quote(i)
		}
		if j, ok := r.continuation(i, idx, len(strings.Fields(line))); ok {
			// "…defined a city as:" is answered by what follows it.
			line += " " + r.quote(j)
		}
	}
	if line != "" {
		r.line(line)
	}
}

// continuation returns the passage that completes body passage i when i
// ends with a colon ("…a more comprehensive definition as:"): the next
// body passage of the same section, when it is not quoted already and
// fits in the reply beside a line of lineWords words.
func (r *reply) continuation(i int, idx []int, lineWords int) (int, bool) {
	ps := r.pi.passages
	j := i + 1
	if !strings.HasSuffix(strings.TrimSpace(ps[i].Text), ":") || j >= len(ps) || slices.Contains(idx, j) {
		return 0, false
	}
	if ps[j].Kind != retrieval.KindBody || ps[j].Section != ps[i].Section || r.pi.bare[j] {
		return 0, false
	}
	n := len(strings.Fields(r.b.String())) + lineWords + len(strings.Fields(ps[j].Text))
	return j, n <= MaxAnswerWords-10
}

// where says where body passage i is: "In “Methods” (p. 3)".
func (r *reply) where(i int) string {
	ps := r.pi.passages[i]
	where := "In the paper"
	if ps.Section != "" {
		where = "In “" + strings.TrimSpace(ps.Section) + "”"
	}
	if ps.Page > 0 {
		where += " (p. " + strconv.Itoa(ps.Page) + ")"
	}
	return where
}

// offerRelated adds "Further reading in the reference list: [2], [27]." for
// references that share the question's topic but were not cited for a
// claim of the answer.
func (r *reply) offerRelated(refs []int) {
	var out []int
	cited := citedNumbers(r.b.String())
	for _, n := range refs {
		if c, ok := r.pi.citable(n); ok && !slices.Contains(cited, c) && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return
	}
	out = out[:min(len(out), maxRelated)]
	parts := make([]string, len(out))
	for i, n := range out {
		parts[i] = "[" + strconv.Itoa(n) + "]"
		r.useRef(n)
	}
	r.related = append(r.related, out...)
	r.line("Further reading in the reference list: " + strings.Join(parts, ", ") + ".")
}

// maxRelated caps the related-reading list.
const maxRelated = 3

// refLines lists references as "[n] Author Year, Title" lines.
func (r *reply) refLines(refs []int) {
	for _, n := range refs {
		if ref := r.pi.refs[n]; ref != nil {
			r.useRef(n)
			r.line(refLine(ref))
		}
	}
}

// answer turns the reply into an Answer.
func (r *reply) answer(qq question) *Answer {
	text := strings.TrimSpace(r.b.String())
	valid := validCitations(r.pi, r.used)
	clean, kept, _ := CheckCitations(text, valid)
	var support []int
	for _, n := range kept {
		if !slices.Contains(r.related, n) {
			support = append(support, n)
		}
	}
	return &Answer{
		PaperID:   r.pi.paper.ID,
		Text:      clean,
		Citations: nonNil(support),
		Related:   nonNil(intersect(r.related, kept)),
		Passages:  nonNilHits(r.used),
		Abstained: r.declined,
		Mode:      ModeOffline,
		Intent:    string(qq.intent),
		Language:  qq.lang,
	}
}

func intersect(a, b []int) []int {
	var out []int
	for _, x := range a {
		if slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// refLine renders "[29] Zogg 2019, Cooperation, Co-existence or Clash? …",
// the same label /refs shows.
func refLine(r *corpus.Reference) string {
	return fmt.Sprintf("[%d] %s", r.N, r.Short())
}

// displayName turns "Nye, J. S." into "J. S. Nye".
func displayName(a string) string {
	a = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(a), "."))
	last, first, ok := strings.Cut(a, ",")
	if !ok {
		if fam, ini, ok := initialsLast(a); ok {
			// "Darriba D" (Vancouver style) reads "D. Darriba".
			return strings.Join(strings.Split(ini, ""), ". ") + ". " + fam
		}
		return a
	}
	first = strings.TrimSpace(first)
	suffix := ""
	for _, s := range []string{", Jr", ", Jr.", ", Sr"} {
		if strings.HasSuffix(first, s) {
			first, suffix = strings.TrimSuffix(first, s), " Jr."
		}
	}
	if strings.HasSuffix(first, " Jr") {
		first, suffix = strings.TrimSuffix(first, " Jr"), " Jr."
	}
	if first == "" {
		return strings.TrimSpace(last)
	}
	if !strings.HasSuffix(first, ".") && len(strings.Fields(first)[len(strings.Fields(first))-1]) == 1 {
		first += "."
	}
	return first + " " + strings.TrimSpace(last) + suffix
}

// surname is the family name of a parsed author ("Nye, J. S." gives "nye").
func surname(a string) string {
	if fam, _, ok := initialsLast(a); ok && !strings.Contains(a, ",") {
		// "Alvarez-Ponce D" gives "alvarez-ponce", not "d".
		a = fam
	}
	last, _, _ := strings.Cut(a, ",")
	f := strings.Fields(last)
	if len(f) == 0 {
		return ""
	}
	return strings.ToLower(f[len(f)-1])
}

// paperYear is the paper's publication year, "" when unknown.
func paperYear(p *corpus.Paper) string {
	if p.Citation != nil {
		return p.Citation.Year
	}
	return ""
}

// joinAnd joins "a", "a and b", "a, b and c".
func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// titleOf is the paper's title or, without one, its id.
func titleOf(p *corpus.Paper) string {
	if t := oneLine(p.Title); t != "" {
		return t
	}
	return p.ID
}

// byPosition sorts passage indices in reading order.
func byPosition(idx []int) []int {
	slices.Sort(idx)
	return idx
}

// initialsLast splits a Vancouver-style name, the family name first and
// the initials last without a comma ("Taboada GL"): ok is false for any
// other form.
func initialsLast(a string) (family, initials string, ok bool) {
	f := strings.Fields(a)
	if len(f) < 2 {
		return "", "", false
	}
	ini := strings.TrimSuffix(f[len(f)-1], ".")
	if len(ini) == 0 || len(ini) > 3 {
		return "", "", false
	}
	for _, r := range ini {
		if r < 'A' || r > 'Z' {
			return "", "", false
		}
	}
	return strings.Join(f[:len(f)-1], " "), ini, true
}
