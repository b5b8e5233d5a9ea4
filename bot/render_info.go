package bot

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"paperbot/corpus"
	"paperbot/retrieval/study"
)

// Embed colours.
const (
	colorPaper = 0x3b82f6
	colorHelp  = 0x10b981
)

// refsPerPage is how many references one /refs page lists.
const refsPerPage = 10

// citeText renders one formatted citation as message content: BibTeX in a
// code block, other styles as plain text after a label.
func citeText(label, style, formatted string) string {
	formatted = strings.TrimSpace(formatted)
	if style == string(corpus.StyleBibTeX) {
		formatted = strings.ReplaceAll(formatted, "```", "` ` `")
		return safe(label + "\n```bibtex\n" + formatted + "\n```")
	}
	return safe(label + "\n" + formatted)
}

// citationsText renders the "Cite sources" reply: one formatted citation
// per line, in the order the answer used them.
func citationsText(style string, lines []string) string {
	if len(lines) == 0 {
		return "This answer cites no reference."
	}
	head := fmt.Sprintf("**Sources** (%s):", strings.ToUpper(style))
	if style == string(corpus.StyleBibTeX) {
		return safe(head + "\n```bibtex\n" + strings.ReplaceAll(strings.Join(lines, "\n\n"), "```", "` ` `") + "\n```")
	}
	return safe(head + "\n" + strings.Join(lines, "\n"))
}

// refsOrder is what a /refs listing shows: the query as typed, its id for
// the page buttons, and whether references are ordered by how often the
// paper's text cites them instead of by number.
type refsOrder struct {
	query, queryID string
	byCited        bool
}

// refsPage renders page (0-based) of refs matching the query as an embed,
// with Previous/Next buttons when there is more than one page. The page is
// clamped to the valid range. Ordered by citations, each line says how
// often and where the paper cites the reference (study.CitationContexts);
// a paper without a body has no counts and keeps number order, saying so.
func refsPage(p *corpus.Paper, refs []corpus.Reference, o refsOrder, page int) (*discordgo.MessageEmbed, []discordgo.MessageComponent) {
	pages := max(1, (len(refs)+refsPerPage-1)/refsPerPage)
	page = min(max(page, 0), pages-1)
	title := "References"
	if q := oneLine(o.query); q != "" {
		title = fmt.Sprintf("References matching “%s”", truncate(safe(q), 200))
	}
	note := ""
	var counts map[int]study.CiteContext
	if o.byCited {
		if p != nil && len(p.Body) > 0 {
			title += " by how often the paper cites them"
			counts = map[int]study.CiteContext{}
			for _, c := range study.CitationContexts(p) {
				counts[c.Ref] = c
			}
			refs = append([]corpus.Reference(nil), refs...)
			sort.SliceStable(refs, func(i, j int) bool { return counts[refs[i].N].Count > counts[refs[j].N].Count })
		} else {
			note = " · only its abstract and references are available, so citation counts are unknown"
		}
	}
	e := &discordgo.MessageEmbed{Title: title, Color: colorPaper}
	var b strings.Builder
	if len(refs) == 0 {
		b.WriteString("No reference matches. Try a shorter query: an author, a year, a word of the title or a reference number.")
	}
	for _, r := range refs[min(page*refsPerPage, len(refs)):min((page+1)*refsPerPage, len(refs))] {
		line := fmt.Sprintf("**[%d]** %s", r.N, mdEscape(r.Short()))
		if c, ok := counts[r.N]; ok {
			switch {
			case c.Count > 0:
				line += fmt.Sprintf(" — cited %d× (%s)", c.Count, mdEscape(oneLine(truncate(study.SectionLabels(c.Sections), 120))))
			case r.ContinuationOf == 0 && r.DuplicateOf == 0:
				line += " — not cited in the text"
			}
		}
		if link := refLink(&r); link != "" {
			line += " · <" + link + ">"
		}
		b.WriteString(line + "\n")
	}
	e.Description = safe(b.String())
	paperTitle := ""
	if p != nil {
		paperTitle = " · " + p.Title
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Page %d of %d · %d reference(s)%s%s · /cite <number> to cite one", page+1, pages, len(refs), paperTitle, note)}
	fitEmbed(e)
	if pages == 1 {
		return e, []discordgo.MessageComponent{}
	}
	prev, next := "p", "n"
	if o.byCited {
		prev, next = "pc", "nc"
	}
	return e, []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Previous", Style: discordgo.SecondaryButton, CustomID: refsButtonID(page-1, o.queryID, prev), Disabled: page == 0},
		discordgo.Button{Label: "Next", Style: discordgo.SecondaryButton, CustomID: refsButtonID(page+1, o.queryID, next), Disabled: page == pages-1},
	}}}
}

// refsButtonID encodes a /refs page button: "pb:refs:<page>:<dir>:<query>".
// The direction ("p" or "n", with "c" added when ordered by citations)
// keeps the two buttons' ids distinct when both are disabled.
func refsButtonID(page int, queryID, dir string) string {
	return idRefs + strconv.Itoa(max(page, 0)) + ":" + dir + ":" + queryID
}

// parseRefsButtonID reads a /refs page button id.
func parseRefsButtonID(id string) (page int, queryID string, byCited, ok bool) {
	rest, found := strings.CutPrefix(id, idRefs)
	if !found {
		return 0, "", false, false
	}
	parts := strings.SplitN(rest, ":", 3)
	if len(parts) != 3 {
		return 0, "", false, false
	}
	page, err := strconv.Atoi(parts[0])
	if err != nil || page < 0 {
		return 0, "", false, false
	}
	return page, parts[2], strings.HasSuffix(parts[1], "c"), true
}

// refLink is a reference's DOI link or URL, "" when it has neither.
func refLink(r *corpus.Reference) string {
	if r.DOI != "" {
		return "https://doi.org/" + r.DOI
	}
	if strings.HasPrefix(r.URL, "http://") || strings.HasPrefix(r.URL, "https://") {
		return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20").Replace(r.URL)
	}
	return ""
}

// paperEmbed renders /paper: title, authors, venue, DOI, abstract and the
// reference count.
func paperEmbed(p *corpus.Paper) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title:       safe(oneLine(p.Title)),
		Description: safe(p.Abstract),
		Color:       colorPaper,
	}
	if e.Title == "" {
		e.Title = p.ID
	}
	add := func(name, value string, inline bool) {
		if strings.TrimSpace(value) != "" {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name, Value: safe(value), Inline: inline})
		}
	}
	add("Authors", strings.Join(p.Authors, ", "), false)
	if c := p.Citation; c != nil {
		add("Venue", venueLine(c), false)
		if c.DOI != "" {
			add("DOI", "https://doi.org/"+c.DOI, true)
			e.URL = "https://doi.org/" + c.DOI
		}
	}
	add("References", strconv.Itoa(len(p.References)), true)
	e.Footer = &discordgo.MessageEmbedFooter{Text: "Ask with /ask or by mentioning me · /refs lists the references · /cite number:paper cites this paper"}
	return fitEmbed(e)
}

// venueLine renders "Journal 12(3), pp. 45–67, Apr. 2024".
func venueLine(c *corpus.SelfCitation) string {
	v := c.Journal
	if c.Volume != "" {
		v += " " + c.Volume
		if c.Issue != "" {
			v += "(" + c.Issue + ")"
		}
	}
	var parts []string
	if strings.TrimSpace(v) != "" {
		parts = append(parts, strings.TrimSpace(v))
	}
	if c.Pages != "" {
		parts = append(parts, "pp. "+c.Pages)
	}
	if date := strings.TrimSpace(c.Month + " " + c.Year); date != "" {
		parts = append(parts, date)
	}
	return strings.Join(parts, ", ")
}

// helpEmbed renders /help.
func helpEmbed(p *corpus.Paper) *discordgo.MessageEmbed {
	title := "the paper"
	if p != nil && p.Title != "" {
		title = "“" + p.Title + "”"
	}
	e := &discordgo.MessageEmbed{
		Title: "PaperBot",
		Description: "I answer questions about " + safe(title) + " with short answers grounded in its abstract " +
			"and its numbered references, and I cite those references as [n]. When the paper doesn't cover something, I say so instead of guessing.",
		Color: colorHelp,
		Fields: []*discordgo.MessageEmbedField{
			{Name: "/ask question [private]", Value: "Ask a question. Buttons under the answer show the evidence (passages and scores) and format the cited sources. `private:true` answers only you."},
			{Name: "@PaperBot question", Value: "Mention me in a channel or thread to get the answer as a reply. Reply to one of my answers to ask a follow-up: I read the reply chain."},
			{Name: "/cite number [format]", Value: "Cite reference n (start typing to search), or `paper` for the paper itself. Formats: IEEE (default), APA, MLA, BibTeX."},
			{Name: "/refs [query]", Value: "Browse the references, or those matching an author, year, title word or number."},
			{Name: "/paper", Value: "Title, authors, venue, DOI, abstract and reference count, with suggested questions to press."},
		},
		Footer: &discordgo.MessageEmbedFooter{Text: "Answers come from the paper only. Check the cited sources before you rely on them."},
	}
	return fitEmbed(e)
}

// mdEscaper escapes Discord markdown characters in plain text.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "~", `\~`, "`", "\\`", "|", `\|`, ">", `\>`)

// mdEscape escapes Discord markdown characters in plain text the bot did
// not write, and passes it through the sanitiser.
func mdEscape(s string) string {
	return safe(mdEscaper.Replace(s))
}
