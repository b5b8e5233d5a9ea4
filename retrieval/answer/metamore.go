package answer

import (
	"strings"

	"paperbot/internal/lazyre"
	"paperbot/retrieval"
)

var (
	// fundingSectionRe finds the headings under which papers name their
	// funders.
	fundingSectionRe = lazyre.New(`(?i)\b(funding|acknowledg(e)?ments?|grants?|financial (support|disclosure)|sources? of support)\b`)
	// fundingRe finds a sentence naming a funder.
	fundingRe = lazyre.New(`(?i)\b(funded|supported|financed|sponsored) by\b|\bgrants?\b|\bfunding\b|\bfellowship\b|\bunder (contract|award|cooperative agreement)\b`)
	// futureRe finds a sentence about work still to come.
	futureRe = lazyre.New(`(?i)\bfuture (work|research|studies|versions?|releases?|updates?|development|directions?)\b|\bwill be (explored|investigated|implemented|developed|added|studied|extended|addressed|tested|examined)\b|\b(we|they) (plan|intend|hope) to\b|\bnext steps?\b|\bfurther (work|research|studies) (is|are|will|should|could)\b|\bin the future\b`)
)

// fundingAnswer says who funded the work: the paper's funding or
// acknowledgement section, or its sentences naming a grant.
// looseSupportOnly reports whether the only funding cue of a sentence is
// "supported by" with no funder after it: "infrastructure … supported by
// land-use patterns" funds nothing.
func looseSupportOnly(text string) bool {
	if !supportedByRe.MatchString(text) {
		return false
	}
	rest := supportedByRe.ReplaceAllString(text, " ")
	return !fundingRe.MatchString(rest) && !funderRe.MatchString(text)
}

var (
	supportedByRe = lazyre.New(`(?i)\bsupported by\b`)
	// funderRe finds a funder after "supported by": a grant, a council,
	// a foundation, a ministry.
	funderRe = lazyre.New(`(?i)\bsupported (in part )?by\b(\s+\S+){0,8}?\s+(grants?|awards?|foundation|council|ministry|agency|fund|trust|programme|program|fellowship|scholarship|government|commission|NSF|NIH|ERC)\b`)
)

func fundingAnswer(r *reply, exclude map[string]bool) {
	pi := r.pi
	var picked []int
	for i, ps := range pi.passages {
		if ps.Kind == retrieval.KindBody && fundingSectionRe.MatchString(ps.Section) && fundingRe.MatchString(ps.Text) && !exclude[oneLine(ps.Text)] {
			picked = append(picked, i)
		}
	}
	if len(picked) == 0 {
		for i, ps := range pi.passages {
			if ps.Kind != retrieval.KindReference && fundingRe.MatchString(ps.Text) && !looseSupportOnly(ps.Text) && !exclude[oneLine(ps.Text)] {
				picked = append(picked, i)
			}
		}
	}
	if len(picked) == 0 {
		r.line("The text I have of the paper doesn't say who funded it.")
		return
	}
	r.line("Who funded the work:")
	r.quotes(picked[:min(len(picked), maxQuotedSentences)])
}

// futureAnswer says what the paper leaves for future work.
func futureAnswer(r *reply, exclude map[string]bool) {
	pi := r.pi
	var picked []int
	for i, ps := range pi.passages {
		if ps.Kind == retrieval.KindReference || pi.bare[i] || exclude[oneLine(ps.Text)] {
			continue
		}
		if futureRe.MatchString(ps.Text) && len(picked) < 3 {
			picked = append(picked, i)
		}
	}
	if len(picked) == 0 {
		r.line("The paper doesn't say what future work it plans.")
		if m := pickByRole(pi, []Role{RoleConclusion}, []SectionKind{SectionConclusion}, 2, exclude); len(m) > 0 {
			r.line("Its conclusion:")
			r.quotes(m)
		}
		return
	}
	r.line("What the paper leaves for future work:")
	r.quotes(picked)
}

// doiRe finds a DOI in running text.
var doiRe = lazyre.New(`\b10\.\d{4,9}/[^\s"<>,;]+[^\s"<>,;.)]`)

// venueInText finds the line of the paper's own text (not its reference
// list) that gives its DOI, as a journal's page header or "How to cite"
// line does; ok is false when there is none.
func venueInText(pi *paperInfo) (int, bool) {
	for i, ps := range pi.passages {
		if ps.Kind != retrieval.KindBody && ps.Kind != retrieval.KindCaption {
			continue
		}
		if doiRe.MatchString(ps.Text) {
			return i, true
		}
	}
	return 0, false
}

// venueFromText answers where the paper was published from the line of
// its text holding its DOI, with the short header fragments just before
// it (a journal's name split over lines).
func venueFromText(r *reply, i int) {
	pi := r.pi
	start := i
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		ps := pi.passages[j]
		if ps.Kind != pi.passages[i].Kind || len(strings.Fields(ps.Text)) > 12 {
			break
		}
		start = j
	}
	var parts []string
	for j := start; j <= i; j++ {
		parts = append(parts, strings.TrimSpace(pi.passages[j].Text))
		r.use(j, 1)
	}
	doi := doiRe.FindString(pi.passages[i].Text)
	r.line("The paper's metadata doesn't give its venue, but its first page reads: “" + strings.Join(parts, " ") + "”")
	r.line("DOI: " + doi + " (https://doi.org/" + doi + ").")
}

// announceRe finds a sentence that announces a list the next sentences
// give ("In this study we ask three questions.", "We tested the
// following:").
var announceRe = lazyre.New(`(?i)\b(two|three|four|five|several|the following|a few|some) (main |key |research |specific )?(questions?|aims?|objectives?|hypothes[ie]s|goals?|research questions?)\b|:\s*$`)

// withAnnounced follows a picked sentence that announces a list with the
// sentences of its section that give the list (up to three), and drops
// the other picks so the answer stays readable.
func withAnnounced(pi *paperInfo, picked []int) []int {
	for _, i := range picked {
		ps := pi.passages[i]
		if ps.Kind != retrieval.KindBody || !announceRe.MatchString(ps.Text) {
			continue
		}
		out := []int{i}
		for j := i + 1; j < len(pi.passages) && j <= i+3; j++ {
			if pi.passages[j].Kind != retrieval.KindBody || pi.passages[j].Section != ps.Section {
				break
			}
			out = append(out, j)
		}
		if len(out) > 1 {
			return out
		}
	}
	return picked
}

// maxTerms caps the key terms a terms answer names.
const maxTerms = 8

// termsAnswer names the paper's key terms, as /glossary finds them, and
// quotes the paper's own definition of the first one that has one.
func termsAnswer(r *reply) {
	terms := r.pi.glossary()
	if len(terms) == 0 {
		r.line("I found no recurring key terms in the text I have of the paper.")
		return
	}
	names := make([]string, 0, maxTerms)
	for _, t := range terms[:min(len(terms), maxTerms)] {
		names = append(names, t.Term)
	}
	r.line("Key terms of the paper: " + strings.Join(names, ", ") + ".")
	for _, t := range terms[:min(len(terms), maxTerms)] {
		if t.Definition == nil {
			continue
		}
		if i, ok := r.pi.passageOf(t.Definition.Text); ok {
			r.line(r.where(i) + ": " + r.quote(i))
			break
		}
	}
	r.line("/glossary lists them all, with where each appears.")
}

// passageOf finds the abstract or body passage with this text.
func (pi *paperInfo) passageOf(text string) (int, bool) {
	for i, ps := range pi.passages {
		if (ps.Kind == retrieval.KindAbstract || ps.Kind == retrieval.KindBody) && ps.Text == text {
			return i, true
		}
	}
	return 0, false
}
