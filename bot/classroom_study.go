package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	class "paperbot/internal/classroom"
	"paperbot/internal/discord"
	"paperbot/retrieval/answer"
	"paperbot/retrieval/study"
)

// studyEmbedChars is how much description one study-guide embed carries,
// under the 4,096 description limit with room for the title and footer in
// the 6,000 total.
const studyEmbedChars = 3800

// maxStudyMessages caps the messages one /summary or /glossary sends.
const maxStudyMessages = 4

// cmdSummary answers /summary: the abstract's claims, each with the
// references that bear on it.
func (b *Bot) cmdSummary(r *reply) {
	if !b.beginWork() {
		r.fail(msgRestarting)
		return
	}
	defer b.work.Done()
	if err := r.deferMessage(false); err != nil {
		b.log.Error("defer /summary", "err", redactErr(err))
		return
	}
	p, err := b.paperOf(r)
	if err != nil {
		r.failErr("summary paper", err)
		return
	}
	v, err := b.studyResult(r, "summary", p, func(ctx context.Context) (any, error) {
		return b.opt.Engine.Summary(ctx, p.ID)
	})
	if err != nil {
		b.failWork(r, "summary", err)
		return
	}
	claims := v.([]study.Claim)
	ctx, cancel := b.deliverCtx(r)
	defer cancel()
	var lines []string
	for i, c := range claims {
		line := fmt.Sprintf("**%d.** %s", i+1, mdEscape(oneLine(c.Text)))
		if len(c.Refs) > 0 {
			line += " " + study.RefLabels(c.Refs)
		}
		if len(c.Related) > 0 {
			line += " — further reading: " + study.RefLabels(c.Related)
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		lines = append(lines, "This paper has no abstract to summarise. Try /glossary or /refs.")
	}
	b.sendStudyEmbeds(ctx, r, "Study guide: "+p.Title, lines,
		"Each claim of the abstract; “further reading” lists references on the same topic, not the author's citations · /cite <n> formats one")
}

// cmdGlossary answers /glossary: key terms and names, each with the
// references where they appear.
func (b *Bot) cmdGlossary(r *reply) {
	if !b.beginWork() {
		r.fail(msgRestarting)
		return
	}
	defer b.work.Done()
	if err := r.deferMessage(false); err != nil {
		b.log.Error("defer /glossary", "err", redactErr(err))
		return
	}
	p, err := b.paperOf(r)
	if err != nil {
		r.failErr("glossary paper", err)
		return
	}
	v, err := b.studyResult(r, "glossary", p, func(context.Context) (any, error) {
		return b.opt.Engine.Glossary(p.ID)
	})
	if err != nil {
		b.failWork(r, "glossary", err)
		return
	}
	ctx, cancel := b.deliverCtx(r)
	defer cancel()
	var lines []string
	for _, t := range v.([]study.Term) {
		lines = append(lines, glossaryLine(t))
	}
	if len(lines) == 0 {
		lines = append(lines, "I found no term that recurs in this paper's abstract and references.")
	}
	b.sendStudyEmbeds(ctx, r, "Glossary: "+p.Title, lines,
		"Key terms: the paper's own definition where it gives one, where each appears, and the references that use it")
}

// glossaryLine renders one term: where it appears, then the paper's
// sentence defining it, or else the first sentence using it, quoted with
// its place on an indented line (the page is sanitised as a whole, so no
// block-quote markdown).
func glossaryLine(t study.Term) string {
	line := "**" + mdEscape(oneLine(t.Term)) + "**"
	if where := t.Where(); where != "" {
		line += " — " + mdEscape(where)
	}
	quote := func(pl *study.Place) string {
		return "　“" + mdEscape(truncate(oneLine(pl.Text), 300)) + "” — *" + mdEscape(pl.Label()) + "*"
	}
	switch {
	case t.Definition != nil:
		line += "\n" + quote(t.Definition)
	case t.Appears != nil:
		line += " · used in:\n" + quote(t.Appears)
	}
	return line
}

// sendStudyEmbeds packs lines into embeds within Discord's limits, one per
// message: the first replaces the deferred response, the others follow.
func (b *Bot) sendStudyEmbeds(ctx context.Context, r *reply, title string, lines []string, footer string) {
	pages := packLines(lines, studyEmbedChars)
	if len(pages) > maxStudyMessages {
		pages = pages[:maxStudyMessages]
		pages[len(pages)-1] += "\n…"
	}
	for i, page := range pages {
		t := title
		if len(pages) > 1 {
			t = fmt.Sprintf("%s (%d/%d)", title, i+1, len(pages))
		}
		e := fitEmbed(&discordgo.MessageEmbed{
			Title: truncate(oneLine(t), discord.MaxEmbedTitle), Description: safe(page), Color: colorHelp,
			Footer: &discordgo.MessageEmbedFooter{Text: footer},
		})
		var err error
		if i == 0 {
			err = r.edit(ctx, "", []discordgo.MessageComponent{}, []*discordgo.MessageEmbed{e})
		} else {
			_, err = b.s.FollowupMessageCreate(r.i, true, &discordgo.WebhookParams{
				Embeds: []*discordgo.MessageEmbed{e}, AllowedMentions: allowedMentions(), Components: []discordgo.MessageComponent{},
			}, discordgo.WithContext(ctx))
		}
		if err != nil {
			b.log.Error("send study guide", "part", i+1, "err", redactErr(err))
			return
		}
	}
}

// packLines joins lines with newlines into pages of at most n characters;
// a single overlong line is truncated.
func packLines(lines []string, n int) []string {
	var pages []string
	var cur strings.Builder
	size := 0
	for _, l := range lines {
		l = truncate(l, n)
		ln := utf8.RuneCountInString(l)
		if size > 0 && size+1+ln > n {
			pages = append(pages, cur.String())
			cur.Reset()
			size = 0
		}
		if size > 0 {
			cur.WriteString("\n")
			size++
		}
		cur.WriteString(l)
		size += ln
	}
	if size > 0 || len(pages) == 0 {
		pages = append(pages, cur.String())
	}
	return pages
}

// cmdExport answers /export [format]: the bibliography of every reference
// cited in this channel or thread, as a file.
func (b *Bot) cmdExport(r *reply, data discordgo.ApplicationCommandInteractionData) {
	if !r.needStore(false) {
		return
	}
	format := strings.TrimSpace(optString(data.Options, "format"))
	if format == "" {
		format = "bibtex"
	}
	ctx, cancel := b.storeCtx()
	defer cancel()
	if err := b.answersWritten(ctx); err != nil { // the latest answers' references may still be queued
		b.log.Error("write answers before export", "err", err)
		r.fail(msgStoreProblem)
		return
	}
	bib, err := b.room.Bibliographies.Export(ctx, r.i.ChannelID, format)
	if errors.Is(err, class.ErrNothingCited) {
		r.fail("Nothing has been cited in this channel yet. Ask a question with /ask or cite a reference with /cite first.")
		return
	}
	if msg, ok := answer.IsUserError(err); ok {
		r.fail(msg)
		return
	}
	if err != nil {
		b.log.Error("export", "err", err)
		r.fail(msgStoreProblem)
		return
	}
	name := bib.Name
	ctype := "text/x-bibtex; charset=utf-8"
	if strings.HasSuffix(name, ".md") {
		ctype = "text/markdown; charset=utf-8"
	}
	msg := fmt.Sprintf("📚 Bibliography of the %s cited in this channel so far (answers marked 👎 left out), with the paper itself.",
		plural(bib.References, "reference"))
	err = r.respond(&discordgo.InteractionResponseData{
		Content: msg,
		Files:   []*discordgo.File{{Name: name, ContentType: ctype, Reader: bytes.NewReader(bib.File)}},
	})
	if err != nil {
		b.log.Error("respond /export", "err", redactErr(err))
	}
}
