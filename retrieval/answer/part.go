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

// "What does Figure 2 show?", "explain table 1", "summarise the discussion
// section", "what does section 3 say?" ask about a part of the paper by
// its label. They are answered from the paper's structure: a figure or
// table by its caption and the sentences of the text that refer to it, a
// section by the opening sentence of each of its paragraphs (where authors
// state what the paragraph is about).

// partKind is the kind of part a question names.
type partKind int

const (
	partNone partKind = iota
	partFigure
	partTable
	partSection
)

// partAsk is the part of the paper a question asks about.
type partAsk struct {
	kind  partKind
	label string      // "2" of Figure 2, "3.1" of section 3.1; "" for a section named by kind
	named SectionKind // the section's kind when named by it ("the discussion section")
	name  string      // the name asked for ("results")
}

var (
	// figureAskRe finds a figure or table named by its number.
	figureAskRe = lazyre.New(`(?i)\b(fig(?:ure)?s?\.?|tab(?:le)?s?\.?)\s*(\d+|[ivx]+)([a-z])?\b`)
	// sectionNumRe finds a section named by its number.
	sectionNumRe = lazyre.New(`(?i)\b(?:section|sect\.|§)\s*(\d+(?:\.\d+)*|[ivx]+)\b`)
	// sectionNameRe finds a section named by its kind, as a section
	// ("the discussion section", "the methods part") or after a verb
	// asking for its content ("summarise the introduction", "what's in
	// the conclusion?").
	sectionNameRe = lazyre.New(`(?i)\b(introduction|intro|background|literature review|related work|methods|methodology|materials and methods|results|discussion|conclusions?|limitations)\s+(section|part|chapter)\b|\b(summar(?:y|i[sz]e)|sum up|go over|walk me through|explain|what(?:'s| is) in|what does|what do)\s+(?:of\s+)?the\s+(introduction|intro|background|literature review|related work|methods|methodology|discussion|conclusions?)\b`)
)

// partFrame are the words a question about a part uses besides its label.
var partFrame = wordSet(`show shows showing shown explain explains describe describes mean means meaning say says said tell tells
about represent represents illustrate illustrates summarise summarize summary sum depict depicts display displays present presents
caption going on figure figures fig table tables section sections part chapter look looking cover covers contain contains talk talks
discuss discusses walk go over brief briefly in introduction intro background literature review related work methods methodology
materials results discussion conclusion conclusions limitations`)

// partOf reads the part of the paper an English question asks about;
// kind partNone when it names none, or names one and asks about something
// else in it ("what does figure 2 say about methane?" is a question on
// methane).
func (qq *question) partOf() partAsk {
	if qq.lang != "en" || qq.ref > 0 {
		return partAsk{}
	}
	var p partAsk
	switch m := figureAskRe.FindStringSubmatch(qq.text); {
	case m != nil:
		p = partAsk{kind: partFigure, label: strings.ToUpper(m[2])}
		if strings.HasPrefix(strings.ToLower(m[1]), "tab") {
			p.kind = partTable
		}
	default:
		if m := sectionNumRe.FindStringSubmatch(qq.text); m != nil {
			p = partAsk{kind: partSection, label: strings.ToUpper(m[1])}
		} else if m := sectionNameRe.FindStringSubmatch(qq.text); m != nil {
			name := m[1]
			if name == "" {
				name = m[4]
			}
			p = partAsk{kind: partSection, named: sectionKind(name), name: strings.ToLower(name)}
			if p.named == "" {
				return partAsk{}
			}
		} else {
			return partAsk{}
		}
	}
	for _, w := range qq.focus {
		if !partFrame[w] && !isNumber(w) && !romanRe.MatchString(w) {
			return partAsk{}
		}
	}
	return p
}

// romanRe matches a lower-cased label: a roman numeral, or a number with
// a panel letter ("2b").
var romanRe = lazyre.New(`^([ivx]+|\d+)[a-z]?$`)

// partAnswer answers a question about a part of the paper.
func partAnswer(r *reply, p partAsk) {
	switch p.kind {
	case partFigure, partTable:
		figureAnswer(r, p)
	case partSection:
		sectionAnswer(r, p)
	}
}

// figureAnswer quotes the caption of the figure or table and a sentence
// of the text that refers to it.
func figureAnswer(r *reply, p partAsk) {
	pi := r.pi
	word := "Figure"
	if p.kind == partTable {
		word = "Table"
	}
	caption := captionOf(pi, p)
	if len(caption) == 0 {
		r.line(fmt.Sprintf("The text I have of “%s” has no caption of %s %s.", titleOf(pi.paper), word, p.label))
		r.declined = true
		return
	}
	r.line(fmt.Sprintf("%s %s, as its caption says:", word, p.label))
	r.quotes(withinBudget(pi, caption))
	if i, ok := referringSentence(pi, p); ok && quoteFits(r, i) {
		r.line("What the text says with it:")
		r.quotes([]int{i})
	}
}

// captionLabelRe reads the label a caption opens with ("Figure 2.",
// "Fig. 3:", "Table IV").
var captionLabelRe = lazyre.New(`(?i)^\s*(fig(?:ure)?\.?|tab(?:le)?\.?)\s*(\d+|[ivx]+)\b`)

// captionOf returns the passages of the caption of the figure or table
// asked for, in order; nil when the paper has none.
func captionOf(pi *paperInfo, p partAsk) []int {
	var out []int
	for _, ids := range blockPassages(pi, corpus.BlockCaption) {
		if len(ids) == 0 {
			continue
		}
		m := captionLabelRe.FindStringSubmatch(pi.passages[ids[0]].Text)
		if m == nil || !strings.EqualFold(m[2], p.label) || strings.HasPrefix(strings.ToLower(m[1]), "tab") != (p.kind == partTable) {
			continue
		}
		return ids
	}
	return out
}

// referringSentence returns the first body sentence that refers to the
// figure or table ("(Fig. 2)", "Table 1 shows").
func referringSentence(pi *paperInfo, p partAsk) (int, bool) {
	for i, ps := range pi.passages {
		if ps.Kind != retrieval.KindBody || pi.bare[i] {
			continue
		}
		for _, m := range figureAskRe.FindAllStringSubmatch(ps.Text, -1) {
			if strings.EqualFold(m[2], p.label) && strings.HasPrefix(strings.ToLower(m[1]), "tab") == (p.kind == partTable) {
				return i, true
			}
		}
	}
	return 0, false
}

// sectionAnswer quotes the opening sentence of each paragraph of the
// section asked for, as many as fit in a chat answer.
func sectionAnswer(r *reply, p partAsk) {
	pi := r.pi
	secs := pi.paper.Sections
	sec := findSection(secs, p)
	if sec < 0 {
		what := "section " + p.label
		if p.label == "" {
			what = string(p.named) + " section"
		}
		r.line(fmt.Sprintf("The text I have of “%s” has no %s.", titleOf(pi.paper), what))
		r.declined = true
		return
	}
	heading := secs[sec].Heading
	// The section and its subsections: those after it of a deeper level.
	within := map[string]bool{heading: true}
	for _, s := range secs[sec+1:] {
		if s.Level <= secs[sec].Level {
			break
		}
		within[s.Heading] = true
	}
	var picked []int
	for _, ids := range blockPassages(pi, corpus.BlockParagraph) {
		for _, i := range ids {
			if !within[pi.passages[i].Section] {
				break
			}
			if !pi.bare[i] {
				picked = append(picked, i)
				break
			}
		}
	}
	if len(picked) == 0 {
		r.line(fmt.Sprintf("The section “%s” has no text of its own in the text I have.", heading))
		return
	}
	r.line(fmt.Sprintf("“%s” in brief, the opening of each paragraph:", heading))
	r.quotes(linesWithin(r, picked))
}

// linesWithin keeps the body passages, in order, while the lines quoting
// them ("In “3.1 Sites” (p. 4): “…” [2]") fit in a chat answer beside
// what the reply already says; the first is always kept.
func linesWithin(r *reply, picked []int) []int {
	n := len(strings.Fields(r.b.String()))
	var out []int
	for _, i := range picked {
		w := len(strings.Fields(r.where(i))) + len(strings.Fields(r.pi.passages[i].Text)) + len(r.pi.passages[i].Cites)
		if len(out) > 0 && n+w > MaxAnswerWords {
			break
		}
		n += w
		out = append(out, i)
	}
	return out
}

// findSection returns the index of the section asked for, -1 if none: by
// its number, or the first of its kind (an introduction may be headed
// "Background", and the other way round).
func findSection(secs []corpus.Section, p partAsk) int {
	if p.name != "" {
		// A heading with the very word asked for ("3. Results") before
		// one of the same kind ("2.3 Analysis").
		for i, s := range secs {
			if slices.Contains(lowerTokens(s.Heading), p.name) {
				return i
			}
		}
	}
	kinds := []SectionKind{p.named}
	switch p.named {
	case SectionIntro:
		kinds = append(kinds, SectionBackground)
	case SectionBackground:
		kinds = append(kinds, SectionIntro)
	}
	for _, k := range kinds {
		for i, s := range secs {
			if p.label != "" && sectionNumber(s.Heading) == p.label || p.label == "" && sectionKind(s.Heading) == k {
				return i
			}
		}
		if p.label != "" {
			break
		}
	}
	return -1
}

// sectionNumberRe reads the number a heading opens with ("3.", "3.1",
// "IV.").
var sectionNumberRe = lazyre.New(`^\s*(\d+(?:\.\d+)*|[IVX]+)\.?\s`)

// sectionNumber is the number of a section heading, "" if it has none.
func sectionNumber(heading string) string {
	if m := sectionNumberRe.FindStringSubmatch(heading); m != nil {
		return strings.ToUpper(m[1])
	}
	return ""
}

// blockPassages returns, for each block of the kind in the paper's body,
// the indexes of its passages (numbered as retrieval numbers them: body
// and caption sentences each from 1 in reading order).
func blockPassages(pi *paperInfo, kind corpus.BlockKind) [][]int {
	var out [][]int
	seq := map[bool]int{}
	for _, b := range pi.paper.Body {
		caption := b.Kind == corpus.BlockCaption
		prefix := "body"
		if caption {
			prefix = "caption"
		}
		var ids []int
		for _, s := range b.Sentences {
			if strings.TrimSpace(s.Text) == "" {
				continue
			}
			seq[caption]++
			if i, ok := pi.byID[pi.paper.ID+"/"+prefix+"/"+strconv.Itoa(seq[caption])]; ok {
				ids = append(ids, i)
			}
		}
		if b.Kind == kind {
			out = append(out, ids)
		}
	}
	return out
}
