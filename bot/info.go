package bot

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"paperbot/corpus"

	"paperbot/internal/discord"
)

// maxInlineQuery is the longest /refs query kept inside a button's
// custom_id; longer ones are stored in the cache and referenced by "#id".
const maxInlineQuery = 80

// cmdCite answers /cite number:<n|paper> [format].
func (b *Bot) cmdCite(r *reply, data discordgo.ApplicationCommandInteractionData) {
	arg := strings.TrimSpace(optString(data.Options, "number"))
	style := strings.TrimSpace(optString(data.Options, "format"))
	if style == "" {
		style = b.opt.CiteStyle
	}
	st, err := corpus.ParseStyle(style)
	if err != nil {
		r.fail(err.Error())
		return
	}
	paperID, err := b.paperFor(r.i.GuildID, r.i.ChannelID)
	if err != nil {
		r.failErr("channel paper", err)
		return
	}
	arg, ok := b.citeArg(r, paperID, arg)
	if !ok {
		return
	}
	text, err := b.opt.Engine.Cite(paperID, arg, string(st))
	if err != nil {
		r.failErr("cite", err)
		return
	}
	label := "**This paper** (" + strings.ToUpper(string(st)) + ")"
	context := ""
	if n, err := strconv.Atoi(strings.Trim(arg, "[] ")); err == nil {
		label = fmt.Sprintf("**Reference [%d]** (%s)", n, strings.ToUpper(string(st)))
		b.recordCitations(r.i.ChannelID, paperID, []int{n})
		if p, err := b.opt.Engine.Paper(paperID); err == nil {
			context = citeContextText(p, n)
		}
	}
	whole := "The paper's own reference list has it whole."
	if b.opt.Store != nil {
		whole = "/export puts the whole entry in a file."
	}
	parts := citeParts(label, string(st), text, whole)
	if len(parts) == 0 {
		r.fail("I couldn't format that citation.")
		return
	}
	parts = appendPart(parts, context) // its paper text is escaped piece by piece
	if err := r.respond(&discordgo.InteractionResponseData{Content: parts[0]}); err != nil {
		b.log.Error("respond /cite", "err", redactErr(err))
		return
	}
	for _, p := range parts[1:] {
		if _, err := r.followup(b.workCtx, p, false, nil); err != nil {
			b.log.Error("follow-up /cite", "err", redactErr(err))
			return
		}
	}
}

// onAutocomplete suggests references for /cite number.
func (b *Bot) onAutocomplete(r *reply) {
	data := r.i.ApplicationCommandData()
	var choices []*discordgo.ApplicationCommandOptionChoice
	if data.Name == "cite" {
		if _, ok := b.gate.where(r.channelID(), r.roles(), r.inGuild()); ok {
			partial := ""
			for _, o := range data.Options {
				if o.Focused {
					partial, _ = o.Value.(string)
				}
			}
			if paperID, err := b.paperFor(r.i.GuildID, r.i.ChannelID); err == nil {
				refs, err := b.opt.Engine.Refs(paperID, "")
				if err != nil {
					b.log.Warn("autocomplete refs", "err", err)
				}
				choices = citeChoices(refs, partial, b.refsMatching(paperID, partial))
			}
		}
	}
	if data.Name == "class" {
		choices = b.paperChoices(r, data)
	}
	if choices == nil {
		choices = []*discordgo.ApplicationCommandOptionChoice{}
	}
	err := b.s.InteractionRespond(r.i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	}, discordgo.WithContext(b.workCtx))
	if err == nil {
		r.mu.Lock()
		r.acked = true
		r.mu.Unlock()
	} else {
		b.log.Warn("autocomplete", "err", redactErr(err))
	}
}

// maxCiteMatches is how many matching references /cite lists when a word
// matches several.
const maxCiteMatches = 10

// citeArg resolves /cite's argument: a number or "paper" as typed, or an
// author or title word that matches exactly one reference. When a word
// matches none or several it tells the user which numbers to choose from
// and reports false.
func (b *Bot) citeArg(r *reply, paperID, arg string) (string, bool) {
	bare := strings.Trim(arg, "[] ")
	if _, err := strconv.Atoi(bare); err == nil || bare == "" || discord.IsDigits(bare) || strings.EqualFold(bare, "paper") || strings.EqualFold(bare, "self") {
		return arg, true
	}
	refs, err := b.opt.Engine.Refs(paperID, arg)
	if err != nil {
		r.failErr("cite refs", err)
		return "", false
	}
	switch len(refs) {
	case 1:
		return strconv.Itoa(refs[0].N), true
	case 0:
		all, _ := b.opt.Engine.Refs(paperID, "")
		r.fail(fmt.Sprintf("No reference matches “%s”. Give a reference number (1–%d), an author or a title word, or “paper” for the paper itself.",
			truncate(oneLine(arg), 60), len(all)))
		return "", false
	}
	var lines []string
	for i, ref := range refs {
		if i == maxCiteMatches {
			lines = append(lines, fmt.Sprintf("…and %d more (see /refs query:%s)", len(refs)-i, truncate(oneLine(arg), 60)))
			break
		}
		lines = append(lines, fmt.Sprintf("**[%d]** %s", ref.N, mdEscape(oneLine(ref.Short()))))
	}
	r.fail(fmt.Sprintf("“%s” matches %d references — which one? For example `/cite number:%d`.\n%s",
		mdEscape(truncate(oneLine(arg), 60)), len(refs), refs[0].N, strings.Join(lines, "\n")))
	return "", false
}

// refsMatching returns the numbers of the references matching a query of
// words or a year (nil for a blank query or a short number).
func (b *Bot) refsMatching(paperID, partial string) map[int]bool {
	p := strings.TrimSpace(partial)
	if p == "" || (discord.IsDigits(p) && len(p) < 4) {
		return nil
	}
	refs, err := b.opt.Engine.Refs(paperID, p)
	if err != nil {
		return map[int]bool{}
	}
	m := map[int]bool{}
	for _, ref := range refs {
		m[ref.N] = true
	}
	return m
}

// citeChoices builds at most 25 autocomplete choices such as
// "15 — Nye 2004, Soft power: the means to success…" for what the user has
// typed: references whose number starts with it first, then those matched
// by the engine (matched: word starts, or a year), then the start of
// "paper". "paper" cites the paper itself.
func citeChoices(refs []corpus.Reference, partial string, matched map[int]bool) []*discordgo.ApplicationCommandOptionChoice {
	p := strings.ToLower(strings.Trim(strings.TrimSpace(partial), "[]"))
	out := []*discordgo.ApplicationCommandOptionChoice{}
	if p == "" || strings.HasPrefix("paper", p) || strings.HasPrefix(p, "paper") {
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: "paper — cite this paper itself", Value: "paper"})
	}
	byNumber := func(ref *corpus.Reference) bool {
		return p == "" || (discord.IsDigits(p) && strings.HasPrefix(strconv.Itoa(ref.N), p))
	}
	taken := map[int]bool{}
	for _, pass := range []func(*corpus.Reference) bool{byNumber, func(ref *corpus.Reference) bool { return matched[ref.N] }} {
		for i := range refs {
			if len(out) == discord.MaxChoices {
				return out
			}
			ref := &refs[i]
			if taken[ref.N] || !pass(ref) {
				continue
			}
			taken[ref.N] = true
			n := strconv.Itoa(ref.N)
			out = append(out, &discordgo.ApplicationCommandOptionChoice{
				Name:  truncate(n+" — "+oneLine(ref.Short()), discord.MaxChoiceName),
				Value: n,
			})
		}
	}
	return out
}

// cmdRefs answers /refs [query] with the first page.
func (b *Bot) cmdRefs(r *reply, data discordgo.ApplicationCommandInteractionData) {
	query := strings.TrimSpace(optString(data.Options, "query"))
	byCited := optString(data.Options, "order") == "cited"
	queryID := query
	if len(query) > maxInlineQuery {
		queryID = "#" + b.cache.put(storedAnswer{question: query})
	}
	embed, comps, err := b.refsView(r, query, queryID, 0, byCited)
	if err != nil {
		r.failErr("refs", err)
		return
	}
	if err := r.respond(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{embed}, Components: comps}); err != nil {
		b.log.Error("respond /refs", "err", redactErr(err))
	}
}

// btnRefs turns a /refs page.
func (b *Bot) btnRefs(r *reply, customID string) {
	page, queryID, byCited, ok := parseRefsButtonID(customID)
	if !ok {
		r.fail("This button is no longer active. Run /refs again.")
		return
	}
	query := queryID
	if key, found := strings.CutPrefix(queryID, "#"); found {
		sa, ok := b.cache.get(key)
		if !ok {
			r.fail("This list is too old to page through. Run /refs again.")
			return
		}
		query = sa.question
	}
	embed, comps, err := b.refsView(r, query, queryID, page, byCited)
	if err != nil {
		r.failErr("refs page", err)
		return
	}
	if err := r.update(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{embed}, Components: comps}); err != nil {
		b.log.Error("update /refs page", "err", redactErr(err))
	}
}

func (b *Bot) refsView(r *reply, query, queryID string, page int, byCited bool) (*discordgo.MessageEmbed, []discordgo.MessageComponent, error) {
	paperID, err := b.paperFor(r.i.GuildID, r.i.ChannelID)
	if err != nil {
		return nil, nil, err
	}
	refs, err := b.opt.Engine.Refs(paperID, query)
	if err != nil {
		return nil, nil, err
	}
	p, _ := b.opt.Engine.Paper(paperID)
	embed, comps := refsPage(p, refs, refsOrder{query: query, queryID: queryID, byCited: byCited}, page)
	return embed, comps, nil
}

// cmdPaper answers /paper.
func (b *Bot) cmdPaper(r *reply) {
	p, err := b.paperOf(r)
	if err != nil {
		r.failErr("paper", err)
		return
	}
	// Suggested questions are a help, not the answer: without them the
	// paper is still shown.
	questions, err := b.opt.Engine.Suggestions(p.ID)
	if err != nil {
		b.log.Warn("suggested questions", "paper", p.ID, "err", err)
	}
	if err := r.respond(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{paperEmbed(p)}, Components: suggestButtons(p.ID, questions)}); err != nil {
		b.log.Error("respond /paper", "err", redactErr(err))
	}
}

// cmdHelp answers /help, ephemerally.
func (b *Bot) cmdHelp(r *reply) {
	p, _ := b.paperOf(r) // nil (no title) when unknown
	if err := r.respond(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{b.withClassroomHelp(helpEmbed(p), r.isInstructor())}, Flags: discordgo.MessageFlagsEphemeral}); err != nil {
		b.log.Error("respond /help", "err", redactErr(err))
	}
}

// optString is the string value of a command option, "" when absent.
func optString(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) string {
	for _, o := range opts {
		if o.Name == name {
			switch v := o.Value.(type) {
			case string:
				return v
			case float64:
				return strconv.FormatFloat(v, 'f', -1, 64)
			}
		}
	}
	return ""
}

// optBool is the boolean value of a command option, false when absent.
func optBool(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) bool {
	for _, o := range opts {
		if o.Name == name {
			v, _ := o.Value.(bool)
			return v
		}
	}
	return false
}

func itoa(n int) string { return strconv.Itoa(n) }

// paperOf is the paper of the interaction's channel (see paperFor).
func (b *Bot) paperOf(r *reply) (*corpus.Paper, error) {
	paperID, err := b.paperFor(r.i.GuildID, r.i.ChannelID)
	if err != nil {
		return nil, err
	}
	return b.opt.Engine.Paper(paperID)
}
