package corpus

import (
	"paperbot/corpus/pdftext"
	"paperbot/internal/lazyre"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// affMarkRE matches superscript affiliation and note marks printed
	// after a name: "1,2,3*", "†", "∗1".
	affMarkRE   = lazyre.New(`^[\d,*∗†‡§¶#]+$`)
	markCharsRE = lazyre.New(`[\d,*∗†‡§¶#]+$`)
	sidePanelRE = lazyre.New(`(?i)^(submitted|received|accepted|published|revised|citation|copyright|©|correspondence|corresponding author|academic editor|open access|distributed under|how to cite)\b`)
	emailRE     = lazyre.New(`\S+@\S+`)
	// subjectsRE is a subject-classification line after an abstract.
	phoneRE    = lazyre.New(`^(?i:tel|phone|fax)\b`)
	subjectsRE = lazyre.New(`^(?:Subjects|Subject areas?|Categories|MSC|PACS|ACM CCS)\b`)
)

// front reads the title, authors, affiliations and abstract from the first
// page and sets r.bodyStart after them.
func (r *pdfReader) front(p *Paper) {
	t0, t1 := r.titleLines()
	if t0 < 0 {
		p.Anomalies = append(p.Anomalies, "no title found on the first page")
		r.bodyStart = 0
	} else {
		var parts []string
		for i := t0; i < t1; i++ {
			parts = append(parts, r.text(i))
		}
		p.Title = strings.TrimRight(joinLines(parts), "*∗†‡ ")
		if m := r.doc.Title; m != "" && foldTitle(m) == foldTitle(p.Title) {
			p.Title = m // the metadata spells the printed title in its own case
		}
	}
	abs, inline := r.abstractStart(max(t1, 0))
	from, to := -1, -1
	if abs < 0 && t1 >= 0 {
		from, to = r.unlabelledAbstract(t1)
	}
	authorsEnd := abs
	switch {
	case from >= 0:
		authorsEnd = from
	case abs < 0:
		authorsEnd = min(max(t1, 0)+8, len(r.lines))
	}
	if t1 >= 0 {
		p.Authors, p.Affiliations = r.byline(t1, authorsEnd)
	}
	switch {
	case abs >= 0:
		p.Abstract, r.bodyStart = r.abstract(abs, inline)
	case from >= 0:
		var parts []string
		for i := from; i < to; i++ {
			parts = append(parts, r.text(i))
		}
		p.Abstract, r.bodyStart = r.joinPDFLines(parts), to
		p.Anomalies = append(p.Anomalies, "the abstract has no heading: read the first paragraph under the authors as the abstract")
	default:
		p.Anomalies = append(p.Anomalies, "no abstract found")
		r.bodyStart = max(t1, 0)
	}
}

// minAbstractWords is the fewest words a paragraph under the authors must
// hold to be read as an abstract printed without a heading.
const minAbstractWords = 40

// unlabelledAbstract finds an abstract printed without a heading (ACM's
// journals, Nature's and PNAS's first paragraph): the first block of page
// 1 after the title, before any heading, of minAbstractWords or more
// ending a sentence. It returns its lines [from, to), or -1, -1.
func (r *pdfReader) unlabelledAbstract(t1 int) (from, to int) {
	for i := t1; i < len(r.lines) && r.lines[i].page == 1; {
		if t := r.text(i); r.isHeading(i) && (numberedHeadRE.MatchString(t) || commonHeadings[headingKey(t)]) {
			break // the body has begun ("1 INTRODUCTION"); a byline in capitals has not
		}
		j, words := i, 0
		var last string
		for ; j < len(r.lines) && r.lines[j].block == r.lines[i].block; j++ {
			words += len(strings.Fields(r.text(j)))
			last = r.text(j)
		}
		first, _ := utf8.DecodeRuneInString(r.text(i))
		if words >= minAbstractWords && strings.HasSuffix(last, ".") && unicode.IsUpper(first) && !r.small(i) {
			return i, j
		}
		i = j
	}
	return -1, -1
}

// titleLines returns the lines of the title: on page 1, the consecutive
// lines of one block set in the largest type among blocks of three or more
// words.
func (r *pdfReader) titleLines() (int, int) {
	best, bestSize := -1, r.bodySize*1.2
	for i := 0; i < len(r.lines) && r.lines[i].page == 1; i++ {
		l := r.lines[i]
		if !l.first || l.Size <= bestSize {
			continue
		}
		words, letters := 0, 0
		for j := i; j < len(r.lines) && r.lines[j].block == l.block && near(r.lines[j].Size, l.Size); j++ {
			words += len(r.lines[j].Words)
			for _, c := range r.lines[j].Text {
				if unicode.IsLetter(c) {
					letters++
				}
			}
		}
		// Three words or more, of real length: the letters of a diagonal
		// watermark ("or d w") are no title, nor is a byline set large.
		if words >= 3 && letters >= 2*words && !r.bylineLine(i) {
			best, bestSize = i, l.Size
		}
	}
	if best < 0 {
		// One type size throughout: the first line of page 1, as in a text file.
		if len(r.lines) > 1 && r.lines[0].page == 1 && !abstractHeadings[headingKey(r.text(0))] {
			return 0, 1
		}
		return -1, -1
	}
	end := best + 1
	for end < len(r.lines) && r.lines[end].block == r.lines[best].block && near(r.lines[end].Size, bestSize) {
		end++
	}
	return best, end
}

// bylineLine reports whether line i reads as a byline: names only, marked
// by raised affiliation marks ("Keith T. Smith¹ ⋆"). Unmarked, a title in
// title case reads as names too ("Attention Is All You Need", "Machine
// Learning, Deep Learning and Neural Networks"), so marks are required.
func (r *pdfReader) bylineLine(i int) bool {
	plain := r.plainText(i)
	if plain == r.text(i) {
		return false
	}
	names, rest := lineNames(plain)
	return len(names) > 0 && rest == ""
}

func near(a, b float64) bool { return a > b*0.9 && a < b*1.1 }

// abstractStart finds the abstract heading (or an inline "Abstract: ...")
// on the first two pages after line from; inline is the text after it.
func (r *pdfReader) abstractStart(from int) (int, string) {
	for i := from; i < len(r.lines) && r.lines[i].page <= 2; i++ {
		t := r.text(i)
		if abstractHeadings[headingKey(t)] {
			return i, ""
		}
		if m := inlineAbstractRE.FindStringSubmatch(t); m != nil {
			return i, m[2]
		}
	}
	return -1, ""
}

// abstract reads the abstract from its heading at line h: lines of about
// the size of its first line, up to a keywords line, a heading or a change
// of type. It returns the text and the first line after it.
func (r *pdfReader) abstract(h int, inline string) (string, int) {
	var parts []string
	i := h + 1
	if inline != "" {
		parts = append(parts, inline)
	}
	size := 0.0
	if i < len(r.lines) {
		size = r.lines[i].Size
		if inline != "" {
			size = r.lines[h].Size
		}
	}
	left := 0.0
	if i < len(r.lines) {
		left = r.lines[i].XMin
	}
	for ; i < len(r.lines); i++ {
		t := r.text(i)
		l := r.lines[i]
		if keywordsRE.MatchString(t) || subjectsRE.MatchString(t) || sidePanelRE.MatchString(t) || !near(l.Size, size) || r.isHeading(i) {
			break
		}
		// A block that starts left of the abstract's text is not the abstract.
		if l.first && l.XMin < left-5 {
			break
		}
		left = min(left, l.XMin)
		parts = append(parts, t)
	}
	end := i
	// Skip the keywords and what else stands before the first heading of
	// the body on the same page.
	for j := i; j < len(r.lines) && j < i+40; j++ {
		if r.isHeading(j) {
			end = j
			break
		}
	}
	return r.joinPDFLines(parts), end
}

// byline reads author names and affiliations from the lines between the
// title and the abstract.
func (r *pdfReader) byline(from, to int) (authors, affs []string) {
	authors = []string{}
	nameSize := 0.0
	mark := false
	affBlock := -1
	var aff []string
	flush := func() {
		if len(aff) > 0 {
			affs = append(affs, strings.TrimRight(joinLines(aff), ",; "))
			aff = nil
		}
	}
	for i := from; i < to; i++ {
		t := r.plainText(i)
		if k := headingKey(t); k == "author note" || k == "author notes" {
			break // an APA title page's note on the authors: their names again, and more
		}
		if t == "" || sidePanelRE.MatchString(t) || emailRE.MatchString(t) && !strings.Contains(t, ",") {
			continue
		}
		// A line going on with an affiliation's block is that affiliation
		// ("Royal Netherlands Institute / of Sea Research / The
		// Netherlands"), unless it names someone with their own
		// affiliation ("C. Contreras, Michigan State University").
		goesOn := !r.lines[i].first && r.lines[i].block == affBlock
		if !strings.ContainsAny(firstRune(t), "*∗†‡§¶0123456789") && (nameSize == 0 || near(r.lines[i].Size, nameSize)) {
			if names, rest := lineNames(t); len(names) > 0 && !(goesOn && rest == "") {
				nameSize = r.lines[i].Size
				authors = append(authors, names...)
				if rest != "" && len(authors) > len(names) {
					// "C. Contreras, Michigan State University, ...": the
					// last author's affiliation on the same line.
					flush()
					if k := strings.Index(t, strings.Fields(rest)[0]); k >= 0 {
						rest = t[k:] // as printed, postcodes and all
					}
					affs = append(affs, rest)
				}
				continue
			}
		}
		if len(authors) == 0 {
			continue
		}
		if affMarkRE.MatchString(t) || len(t) == 1 && t[0] >= 'a' && t[0] <= 'h' {
			mark = true // "1", "*", or a letter mark "a" on a line of its own
			continue
		}
		if strings.Contains(strings.ToLower(t), "e-mail") || emailRE.MatchString(t) || phoneRE.MatchString(t) {
			continue
		}
		// A new affiliation starts at a mark ("†Department ...", "1 ...") or a new block.
		if f := strings.Fields(t)[0]; mark || r.lines[i].first || strings.ContainsAny(firstRune(t), "*∗†‡§¶") || affMarkRE.MatchString(f) && len(f) < 3 {
			flush()
		}
		mark = false
		affBlock = r.lines[i].block
		aff = append(aff, strings.TrimLeft(t, "*∗†‡§¶0123456789 "))
	}
	flush()
	return authors, affs
}

// plainText is the text of line i without the words set as superscripts
// (smaller type raised above the line): the marks tying names to their
// affiliations ("Migchielsen^a,1,∗", "Eddelbuettel^a", "^aElsevier B.V."),
// which the text layer glues to the words beside them.
func (r *pdfReader) plainText(i int) string {
	l := r.lines[i]
	up := raised(l.Line)
	if !slices.Contains(up, true) {
		return r.text(i)
	}
	var kept []string
	for k, w := range l.Words {
		if !up[k] {
			kept = append(kept, w.Text)
		}
	}
	if len(kept) == 0 {
		return r.text(i)
	}
	return strings.ReplaceAll(strings.Join(kept, " "), " ,", ",")
}

// raised reports which words of a line are set as superscripts: smaller
// type (under 0.8 of the line's size) whose foot stands well above the
// line's baseline (the median foot of its words). Affiliation marks
// (plainText) and raised citation numbers (supMarks) are read by it.
func raised(l pdftext.Line) []bool {
	up := make([]bool, len(l.Words))
	if len(l.Words) < 2 {
		return up
	}
	feet := make([]float64, 0, len(l.Words))
	for _, w := range l.Words {
		feet = append(feet, w.YMax)
	}
	slices.Sort(feet)
	baseline := feet[len(feet)/2]
	for k, w := range l.Words {
		up[k] = w.YMax-w.YMin < 0.8*l.Size && w.YMax < baseline-0.3*l.Size
	}
	return up
}

func firstRune(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	return s[:n]
}

// lineNames returns the person names at the start of a byline line, marks
// stripped, stopping at the first part that is not a name (an
// affiliation), and the rest of the line from that part on.
func lineNames(t string) (out []string, rest string) {
	var kept []string
	for _, f := range strings.Fields(t) {
		comma := strings.HasSuffix(f, ",") || strings.HasSuffix(f, ";")
		f = strings.TrimRight(f, ",;")
		if affMarkRE.MatchString(f) {
			f = "" // a mark of its own: "1,2,3*", "†"
		}
		if f = markCharsRE.ReplaceAllString(f, ""); f == "" && !comma {
			continue
		}
		if comma {
			f += ","
		}
		kept = append(kept, f)
	}
	s := strings.Join(kept, " ")
	s = strings.NewReplacer(" ,", ",", " and ", ", ", " AND ", ", ", " & ", ", ", ";", ",").Replace(s)
	s = strings.TrimPrefix(s, "AND ")
	s = strings.TrimPrefix(strings.ReplaceAll(s, ",,", ","), "and ")
	parts := strings.Split(s, ",")
	for k, part := range parts {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !personName(part) {
			if run := nameRun(part); run != nil {
				for _, n := range run {
					out = append(out, fixCaps(n))
				}
				continue
			}
			return out, strings.TrimSpace(strings.Join(parts[k:], ","))
		}
		out = append(out, fixCaps(part))
	}
	return out, ""
}

// nameRun splits names printed side by side without commas, which the
// text layer reads as one line ("Martin Mächler Benjamin M. Bolker Steven
// C. Walker"), into names of a given name, its initials and a surname;
// nil unless the words are capitalised words and initials only, six or
// more, with an even number of full words, every one of the names a name.
func nameRun(s string) []string {
	words := strings.Fields(s)
	if len(words) < 6 {
		return nil
	}
	var out []string
	var cur []string
	full := 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || isParticle(w) {
			return nil
		}
		cur = append(cur, w)
		if initialsRE.MatchString(w) {
			continue
		}
		if full++; full%2 == 0 {
			out = append(out, strings.Join(cur, " "))
			cur = nil
		}
	}
	if len(cur) > 0 {
		return nil
	}
	for _, n := range out {
		if !personName(n) || initialsRE.MatchString(strings.Fields(n)[0]) {
			return nil
		}
	}
	return out
}

// personName reports two to five words that read as a person's name:
// initials or capitalised words (particles allowed), no digits, not an
// organisation, no word of a title ("for", "the", "of").
func personName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 5 || isOrgName(s) || strings.ContainsAny(s, "0123456789@()&") {
		return false
	}
	caps := 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case len(w) > 1 && titleWords[strings.ToLower(w)]:
			return false // "FOR THE" of a title in capitals
		case unicode.IsUpper(r):
			caps++
		case isParticle(w):
		default:
			return false
		}
	}
	return caps >= 2
}

// fixCaps writes a surname set in capitals ("Ross G. DOUGLAS") in title
// case when the other words of the name are not capitals, and a name set
// wholly in capitals ("TORSTEN HOTHORN") in title case, initials kept.
func fixCaps(name string) string {
	words := strings.Fields(name)
	mixed := false
	for _, w := range words {
		if w != strings.ToUpper(w) {
			mixed = true
		}
	}
	least := 2 // a two-letter word in capitals beside mixed case is initials ("JM")
	if !mixed {
		least = 1
	}
	for i, w := range words {
		if utf8.RuneCountInString(w) > least && w == strings.ToUpper(w) && !strings.Contains(w, ".") {
			rs := []rune(strings.ToLower(w))
			rs[0] = unicode.ToUpper(rs[0])
			for j := 1; j < len(rs); j++ {
				if rs[j-1] == '-' || rs[j-1] == '\'' || rs[j-1] == '’' {
					rs[j] = unicode.ToUpper(rs[j])
				}
			}
			words[i] = string(rs)
		}
	}
	return strings.Join(words, " ")
}

// joinPDFLines joins a paragraph's lines. pdftext undid hyphenation
// between lines that follow each other on the page; where a paragraph goes
// on after a figure or a page break, the same evidence (the document's own
// words) decides here. A hyphen left before a capital ("Ac-" "SDKP")
// belongs to the word.
func (r *pdfReader) joinPDFLines(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if b.Len() > 0 {
			prev := b.String()
			if strings.HasSuffix(prev, "-") && !strings.HasSuffix(prev, " -") && len(prev) > 1 {
				word, rest, _ := strings.Cut(l, " ")
				lastSp := strings.LastIndexByte(prev, ' ')
				if joined, ok := pdftext.JoinHyphenated(prev[lastSp+1:], word, r.vocab); ok {
					b.Reset()
					b.WriteString(prev[:lastSp+1] + joined)
					if rest != "" {
						b.WriteString(" " + rest)
					}
					continue
				}
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
