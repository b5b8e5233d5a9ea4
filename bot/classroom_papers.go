package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"paperbot/corpus"

	"paperbot/internal/discord"
)

// cmdPaperGroup answers /paper show|list. A bare /paper (no subcommand,
// as registered before /paper had subcommands) is /paper show.
func (b *Bot) cmdPaperGroup(r *reply, data discordgo.ApplicationCommandInteractionData) {
	sub, _ := subcommand(data)
	switch sub {
	case "", "show":
		r.answerSoon(lateMessage, func() { b.cmdPaper(r) })
	case "list":
		r.answerSoon(lateMessage, func() { b.cmdPaperList(r) })
	default:
		r.fail("Use /paper show or /paper list.")
	}
}

// cmdClass answers the instructors' /class paper|reset-quiz|quiz-csv.
func (b *Bot) cmdClass(r *reply, data discordgo.ApplicationCommandInteractionData) {
	sub, opts := subcommand(data)
	switch sub {
	case "paper":
		r.answerSoon(lateMessage, func() { b.cmdPaperUse(r, strings.TrimSpace(optString(opts, "id"))) })
	case "reset-quiz":
		r.answerSoon(lateMessage, func() { b.cmdQuizReset(r) })
	case "quiz-csv":
		b.cmdQuizCSV(r)
	default:
		r.fail("Use /class paper, /class reset-quiz or /class quiz-csv.")
	}
}

// cmdPaperList answers /paper list: every loaded paper, the channel's one
// marked.
func (b *Bot) cmdPaperList(r *reply) {
	current, err := b.paperFor(r.i.GuildID, r.i.ChannelID)
	if err != nil {
		r.failErr("channel paper", err)
		return
	}
	current = b.resolvePaperID(current)
	papers := b.opt.Engine.Papers()
	if err := r.respond(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{paperListEmbed(papers, current)}}); err != nil {
		b.log.Error("respond /paper list", "err", redactErr(err))
	}
}

// paperListEmbed lists papers as "`id` — Title (n references)", marking
// the current one.
func paperListEmbed(papers []corpus.PaperInfo, current string) *discordgo.MessageEmbed {
	var lines []string
	for _, p := range papers {
		mark := ""
		if p.ID == current {
			mark = " ← this channel"
		}
		title := p.Title
		if title == "" {
			title = "(untitled)"
		}
		lines = append(lines, fmt.Sprintf("`%s` — %s (%s)%s", p.ID, mdEscape(truncate(oneLine(title), 150)), plural(p.References, "reference"), mark))
	}
	if len(lines) == 0 {
		lines = append(lines, "No paper is loaded.")
	}
	e := &discordgo.MessageEmbed{
		Title:       fmt.Sprintf("Papers (%d)", len(papers)),
		Description: safe(strings.Join(lines, "\n")),
		Color:       colorPaper,
		Footer:      &discordgo.MessageEmbedFooter{Text: "Instructors: /class paper id:<id> sets this channel's paper · /ingest adds one"},
	}
	return fitEmbed(e)
}

// cmdPaperUse answers /class paper id:<id> (instructors only).
func (b *Bot) cmdPaperUse(r *reply, id string) {
	if !r.needStore(true) {
		return
	}
	if id == "" {
		r.fail("Give the paper's id, for example `/class paper id:china-soft-power-central-asia` (see /paper list).")
		return
	}
	p, err := b.opt.Engine.Paper(id)
	if err != nil {
		r.failErr("class paper", err)
		return
	}
	ctx, cancel := b.storeCtx()
	defer cancel()
	if err := b.room.Channels.Set(ctx, r.i.ChannelID, p.ID); err != nil {
		b.log.Error("set channel paper", "channel", r.i.ChannelID, "err", err)
		r.fail(msgStoreProblem)
		return
	}
	b.log.Info("channel paper set", "channel", r.i.ChannelID, "paper", p.ID, "by", r.userID())
	msg := fmt.Sprintf("📄 This channel now studies **%s** (`%s`, %s). Questions, /refs, /cite, /quiz, /summary and /glossary use it from now on.",
		mdEscape(oneLine(p.Title)), p.ID, plural(len(p.References), "reference"))
	if err := r.respond(&discordgo.InteractionResponseData{Content: Neutralize(truncate(msg, MaxContent))}); err != nil {
		b.log.Error("respond /class paper", "err", redactErr(err))
	}
}

// startClassroom loads the uploaded papers and subscribes to new ones
// (other processes' uploads, with PostgreSQL) until ctx ends.
func (b *Bot) startClassroom(ctx context.Context) {
	if b.opt.Store == nil {
		return
	}
	b.room.Ingest.LoadStored(ctx)
	if err := b.opt.Store.SubscribePapers(ctx, func(id string) { b.room.Ingest.Sync(ctx, id) }); err != nil {
		b.log.Warn("subscribe to uploaded papers", "err", err)
	}
}

// paperChoices suggests papers for /class paper id: those whose id or title
// contains what was typed, at most 25.
func (b *Bot) paperChoices(r *reply, data discordgo.ApplicationCommandInteractionData) []*discordgo.ApplicationCommandOptionChoice {
	if _, ok := b.gate.where(r.channelID(), r.roles(), r.inGuild()); !ok {
		return nil
	}
	return paperChoices(b.opt.Engine.Papers(), focusedValue(data.Options))
}

// paperChoices lists papers matching partial as "id — Title" choices.
func paperChoices(papers []corpus.PaperInfo, partial string) []*discordgo.ApplicationCommandOptionChoice {
	q := strings.ToLower(strings.TrimSpace(partial))
	out := []*discordgo.ApplicationCommandOptionChoice{}
	for _, p := range papers {
		if len(out) == discord.MaxChoices {
			break
		}
		if q != "" && !strings.Contains(strings.ToLower(p.ID+" "+p.Title), q) {
			continue
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{
			Name:  truncate(p.ID+" — "+oneLine(p.Title), discord.MaxChoiceName),
			Value: truncate(p.ID, discord.MaxChoiceName),
		})
	}
	return out
}

// focusedValue is the text typed into the focused option, at any depth
// (Discord nests a subcommand's options).
func focusedValue(opts []*discordgo.ApplicationCommandInteractionDataOption) string {
	for _, o := range opts {
		if o.Focused {
			s, _ := o.Value.(string)
			return s
		}
		if v := focusedValue(o.Options); v != "" {
			return v
		}
	}
	return ""
}
