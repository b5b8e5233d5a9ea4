package answer

import (
	"fmt"
	"slices"
	"strings"

	"paperbot/corpus"
	"paperbot/retrieval"
)

// metaAnswer answers a question about the paper itself from its structure:
// abstract sentence roles, body sections and metadata. exclude holds
// sentences already given in the conversation ("tell me more").
func metaAnswer(pi *paperInfo, qq question, exclude map[string]bool) *Answer {
	r := newReply(pi)
	p := pi.paper
	if i, ok := pi.byID[p.ID+"/meta"]; ok {
		r.use(i, 1)
	}
	switch qq.intent {
	case IntentAuthors:
		authors := p.Authors
		if len(authors) == 0 {
			r.line(fmt.Sprintf("The paper “%s” doesn't name its authors in the text I have.", titleOf(p)))
			break
		}
		s := fmt.Sprintf("“%s” was written by %s", titleOf(p), joinAnd(authors))
		if len(p.Affiliations) > 0 {
			s += " (" + strings.Join(p.Affiliations, "; ") + ")"
		}
		if y := paperYear(p); y != "" {
			s += ", published in " + y
		}
		r.line(s + ".")
	case IntentVenue:
		if !hasVenue(p) {
			if i, ok := venueInText(pi); ok {
				venueFromText(r, i)
				break
			}
		}
		r.line(venueLine(p))
	case IntentCite:
		if style, ok := requestedStyle(qq.text); ok {
			// "How do I cite this paper in MLA?"
			r.line("Cite the paper like this (" + styleName(style) + "):")
			r.line(corpus.FormatPaper(style, p))
			break
		}
		own, other := p.ListStyle(), corpus.StyleAPA
		if own == corpus.StyleAPA {
			other = corpus.StyleIEEE
		}
		r.line("Cite the paper like this (" + styleName(own) + ", the style of its own reference list):")
		r.line(corpus.FormatPaper(own, p))
		r.line(styleName(other) + ": " + corpus.FormatPaper(other, p))
		r.line("Other styles: /cite paper apa|mla|bibtex.")
	case IntentRefAbout:
		refAnswer(r, qq)
	case IntentFunding:
		fundingAnswer(r, exclude)
	case IntentFuture:
		futureAnswer(r, exclude)
	case IntentTerms:
		termsAnswer(r)
	case IntentSetting:
		settingAnswer(r, qq.setting, exclude)
	case IntentPart:
		partAnswer(r, qq.part)
	default:
		roleAnswer(r, qq, exclude)
	}
	return r.answer(qq)
}

// hasVenue reports whether the paper's metadata says where or when it
// was published.
func hasVenue(p *corpus.Paper) bool {
	c := p.Citation
	return c != nil && (c.Journal != "" || c.Year != "" || c.DOI != "")
}

// venueLine says where and when the paper was published.
func venueLine(p *corpus.Paper) string {
	c := p.Citation
	if !hasVenue(p) {
		return fmt.Sprintf("The text of “%s” doesn't say where or when it was published.", titleOf(p))
	}
	var parts []string
	if c.Journal != "" {
		parts = append(parts, "in "+c.Journal)
	}
	var loc []string
	for _, kv := range [][2]string{{"vol. ", c.Volume}, {"no. ", c.Issue}, {"pp. ", c.Pages}} {
		if kv[1] != "" {
			loc = append(loc, kv[0]+kv[1])
		}
	}
	if len(loc) > 0 {
		parts = append(parts, "("+strings.Join(loc, ", ")+")")
	}
	if d := strings.TrimSpace(c.Month + " " + c.Year); d != "" {
		parts = append(parts, "in "+d)
	}
	s := fmt.Sprintf("“%s” was published %s.", titleOf(p), strings.Join(parts, " "))
	if c.DOI != "" {
		s += " DOI: " + c.DOI + " (https://doi.org/" + c.DOI + ")."
	}
	return s
}

// roleAnswer answers about, argument, findings, method, conclusion,
// recommendation and limitation questions from sentence roles and
// sections.
func roleAnswer(r *reply, qq question, exclude map[string]bool) {
	pi := r.pi
	roles, kinds := intentRoles(qq.intent)
	limit := 3
	if qq.summary {
		limit = 6
	}
	if qq.length > 0 {
		// "Summarise it in one sentence."
		limit = qq.length
	}
	picked := pickByRole(pi, roles, kinds, limit, exclude)
	if !qq.summary {
		// A chat answer is read in one go: long sentences leave fewer.
		picked = withinBudget(pi, picked)
	}
	p := pi.paper
	switch qq.intent {
	case IntentAbout:
		head := fmt.Sprintf("“%s”", titleOf(p))
		if len(p.Authors) > 0 {
			head += " by " + joinAnd(p.Authors)
		}
		if y := paperYear(p); y != "" {
			head += " (" + y + ")"
		}
		r.line(head + ".")
	case IntentLimitations:
		if len(picked) == 0 {
			r.line("The paper doesn't state any limitations of its own.")
			if m := pickByRole(pi, []Role{RoleMethod}, []SectionKind{SectionMethod}, 2, exclude); len(m) > 0 {
				r.line("What it does say about how it was done:")
				r.quotes(m)
			}
			return
		}
		r.line("The limitations the paper states:")
	case IntentRecommend:
		if len(picked) == 0 {
			r.line("The paper makes no explicit recommendation.")
			picked = pickByRole(pi, []Role{RoleConclusion}, []SectionKind{SectionConclusion}, 2, exclude)
			if len(picked) > 0 {
				r.line("Its conclusion:")
			}
		} else {
			r.line("What the paper recommends:")
		}
	case IntentMethod:
		if len(picked) == 0 {
			r.line("The paper doesn't describe a method in the text I have (abstract and references).")
			picked = pickByRole(pi, []Role{RoleAim}, nil, 1, exclude)
			if len(picked) > 0 {
				r.line("What it says it does:")
			}
		} else {
			r.line("How the study was done:")
		}
	case IntentAim:
		if len(picked) == 0 {
			r.line("The paper doesn't state its aim in so many words; what it reports:")
			picked = pickByRole(pi, []Role{RoleResult, RoleConclusion}, nil, 2, exclude)
		} else {
			r.line("What the study set out to do:")
			picked = withAnnounced(pi, picked)
		}
	case IntentFindings:
		r.line("The main findings:")
	case IntentConclusion:
		r.line("The paper concludes:")
	case IntentArgument:
		r.line("The paper's main argument:")
	}
	if len(picked) == 0 && len(exclude) > 0 {
		r.line("That is all the paper says on this.")
		return
	}
	r.quotes(picked)
}

// pickByRole picks up to limit sentences for the roles: first from body
// sections of the given kinds (their opening sentences), then abstract
// sentences with the roles, in role order and then reading order.
func pickByRole(pi *paperInfo, roles []Role, kinds []SectionKind, limit int, exclude map[string]bool) []int {
	var out []int
	take := func(i int) bool {
		if len(out) >= limit || pi.bare[i] || exclude[oneLine(pi.passages[i].Text)] || slices.Contains(out, i) {
			return false
		}
		out = append(out, i)
		return true
	}
	// Abstract first: it is the author's own summary.
	for _, role := range roles {
		for i, ps := range pi.passages {
			if ps.Kind == retrieval.KindAbstract && pi.role(i) == role {
				take(i)
			}
		}
		if len(out) > 0 && len(roles) > 1 && !(len(out) < limit && roleSpread(roles)) {
			break
		}
	}
	// Then the body sections of the right kind: their first sentences.
	bodyBudget := min(2, limit)
	for _, k := range kinds {
		n := 0
		for i, ps := range pi.passages {
			if ps.Kind == retrieval.KindBody && pi.sections[i] == k && n < bodyBudget {
				if take(i) {
					n++
				}
			}
		}
		if n > 0 {
			break
		}
	}
	if len(out) == 0 {
		// No abstract sentence or section of the kind: body sentences
		// whose own wording gives the role ("A limitation of this study
		// is ...", "We hypothesised that ...").
		for _, role := range roles {
			if role != RoleLimitation && role != RoleRecommendation && role != RoleAim {
				continue
			}
			for i, ps := range pi.passages {
				if role == RoleAim && len(ps.Cites) > 0 {
					// "In this paper we follow X (1), who defined…": the
					// paper's own aim cites no one.
					continue
				}
				if ps.Kind == retrieval.KindBody && pi.role(i) == role && len(out) < min(2, limit) {
					take(i)
				}
			}
		}
	}
	return byPosition(out)
}

// roleSpread reports whether an answer should draw on every role listed
// (an overview) rather than stop at the first role that has sentences.
func roleSpread(roles []Role) bool {
	return len(roles) >= 3
}

// styleName is a citation style as students know it ("APA", "IEEE").
func styleName(s corpus.Style) string {
	if s == corpus.StyleBibTeX {
		return "BibTeX"
	}
	return strings.ToUpper(string(s))
}
