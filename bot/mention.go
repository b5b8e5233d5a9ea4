package bot

import (
	"context"
	"runtime/debug"
	"strings"

	"github.com/bwmarrin/discordgo"

	"paperbot/internal/ops"
	"paperbot/retrieval/answer"
)

// maxChainHops is how many earlier messages of a reply chain are read as
// conversation history.
const maxChainHops = 6

// onMessage answers "@PaperBot question" in a channel or thread, as a
// reply (in a direct message, no mention is needed). A reply to one of the bot's answers (which mentions the bot
// unless the user turned the ping off) continues the conversation with the
// reply chain as history. Messages that mention the bot carry their content
// without the privileged MESSAGE_CONTENT intent.
func (b *Bot) onMessage(s *discordgo.Session, mc *discordgo.MessageCreate) {
	defer b.recoverPanic("message", nil)
	if mc == nil || mc.Message == nil || mc.Author == nil || mc.Author.Bot {
		return
	}
	m := mc.Message
	self := b.selfID()
	// In a server the bot answers when mentioned; in a DM, every message.
	if self == "" || m.Author.ID == self || (m.GuildID != "" && !mentions(m, self)) {
		return
	}
	if b.closing.Load() {
		b.sendReply(m, msgRestarting, nil)
		return
	}
	defer func() {
		if v := recover(); v != nil {
			b.log.Error("panic in handler", "where", "mention", "panic", v, "stack", string(debug.Stack()))
			b.sendReply(m, msgInternal, nil)
		}
	}()
	question := stripMention(m.Content, self)
	if question == "" {
		b.sendReply(m, "Hi! Ask me something about the paper, for example: @PaperBot what is soft power? (/help shows everything I can do.)", nil)
		return
	}
	var roles []string
	if m.Member != nil {
		roles = m.Member.Roles
	}
	if reason, ok := b.gate.where(b.channelAndParent(m.ChannelID), roles, m.GuildID != ""); !ok {
		b.sendReply(m, reason, nil)
		return
	}
	if reason, ok := b.admitQuestion(m.Author.ID); !ok {
		b.cooldownMention(m, reason)
		return
	}
	if !b.beginWork() {
		b.gate.refund(m.Author.ID)
		b.sendReply(m, msgRestarting, nil)
		return
	}
	defer b.work.Done()
	release, ok := b.gate.acquire(b.workCtx, b.opt.QueueWait)
	if !ok {
		b.gate.refund(m.Author.ID)
		b.sendReply(m, msgBusy, nil)
		return
	}
	defer release()

	ctx, cancel := context.WithTimeout(b.workCtx, answerTimeout)
	defer cancel()
	paperID, err := b.paperFor(m.GuildID, m.ChannelID)
	if err != nil {
		b.gate.refund(m.Author.ID)
		msg, _ := answer.IsUserError(err)
		b.sendReply(m, msg, nil)
		return
	}
	req := answer.Request{
		PaperID:  paperID,
		Question: question,
		History:  b.replyChain(ctx, m, self),
		UserID:   m.Author.ID,
		GuildID:  m.GuildID,
	}
	ans, err := b.ask(ctx, ops.SourceMention, req)
	if err != nil {
		if msg, ok := answer.IsUserError(err); ok {
			b.gate.refund(m.Author.ID)
			b.sendReply(m, msg, nil)
			return
		}
		b.log.Error("answer mention", "user", m.Author.ID, "err", redactErr(err))
		b.sendReply(m, msgInternal, nil)
		return
	}
	b.settle(m.Author.ID, ans)
	id, feedbackID := b.keepAnswer(m.GuildID, m.ChannelID, m.Author.ID, question, ans)
	b.sendReply(m, answerText("", ans), withFeedback(answerButtons(id, ans), feedbackID))
}

// cooldownMention answers a mention refused by the cooldown without
// cluttering the channel: a ⏳ reaction on the student's own message. Only
// when the bot may not react (no Add Reactions permission) does it reply
// with reason, once per cooldown.
func (b *Bot) cooldownMention(m *discordgo.Message, reason string) {
	err := b.s.MessageReactionAdd(m.ChannelID, m.ID, cooldownEmoji, discordgo.WithContext(b.workCtx))
	if err == nil {
		return
	}
	b.log.Warn("cooldown reaction failed; replying instead", "channel", m.ChannelID, "err", redactErr(err))
	if b.gate.firstRefusal(m.Author.ID) {
		b.sendReply(m, reason, nil)
	}
}

// cooldownEmoji marks a mention that must wait for the cooldown.
const cooldownEmoji = "⏳"

// sendReply posts text as a reply to m, split to fit; each later part
// replies to the part before it, so the reply chain stays intact. The
// components go on the last part.
func (b *Bot) sendReply(m *discordgo.Message, text string, components []discordgo.MessageComponent) {
	parts := SplitMessage(Neutralize(text), MaxContent)
	ref := m.Reference()
	no := false
	ref.FailIfNotExists = &no
	ctx := b.workCtx
	for i, p := range parts {
		send := &discordgo.MessageSend{
			Content:         p,
			Reference:       ref,
			AllowedMentions: allowedMentions(),
			Embeds:          []*discordgo.MessageEmbed{},
			Components:      []discordgo.MessageComponent{},
			Flags:           noPreview(nil),
		}
		if i == len(parts)-1 && components != nil {
			send.Components = components
		}
		sent, err := b.s.ChannelMessageSendComplex(m.ChannelID, send, discordgo.WithContext(ctx))
		if err != nil {
			b.log.Error("send reply", "channel", m.ChannelID, "part", i+1, "err", redactErr(err))
			return
		}
		ref = sent.Reference()
		ref.FailIfNotExists = &no
	}
}

// replyChain reads the messages m replies to, up to maxChainHops, as
// conversation turns, oldest first. The bot's own messages are assistant
// turns (their footer lines removed); others are user turns. Messages whose
// content Discord withheld are skipped.
func (b *Bot) replyChain(ctx context.Context, m *discordgo.Message, self string) []answer.Turn {
	var turns []answer.Turn
	cur := m
	for hop := 0; hop < maxChainHops; hop++ {
		next := cur.ReferencedMessage
		if next == nil && cur.MessageReference != nil && cur.MessageReference.MessageID != "" {
			ch := cur.MessageReference.ChannelID
			if ch == "" {
				ch = cur.ChannelID
			}
			msg, err := b.s.ChannelMessage(ch, cur.MessageReference.MessageID, discordgo.WithContext(ctx))
			if err != nil {
				b.log.Debug("reply chain: fetch message", "err", redactErr(err))
				break
			}
			next = msg
		}
		if next == nil {
			break
		}
		if next.ChannelID == "" {
			next.ChannelID = cur.ChannelID
		}
		turn := answer.Turn{Role: "user", Text: stripMention(next.Content, self)}
		if next.Author != nil && next.Author.ID == self {
			turn = answer.Turn{Role: "assistant", Text: stripBotChrome(next.Content)}
		}
		if turn.Text != "" {
			turns = append(turns, turn)
		}
		cur = next
	}
	for i, j := 0, len(turns)-1; i < j; i, j = i+1, j-1 {
		turns[i], turns[j] = turns[j], turns[i]
	}
	return turns
}

// mentions reports whether m mentions the user id.
func mentions(m *discordgo.Message, id string) bool {
	for _, u := range m.Mentions {
		if u != nil && u.ID == id {
			return true
		}
	}
	return strings.Contains(m.Content, "<@"+id+">") || strings.Contains(m.Content, "<@!"+id+">")
}

// stripMention removes the bot's mentions from a message and trims it.
func stripMention(content, self string) string {
	if self != "" {
		content = strings.ReplaceAll(content, "<@"+self+">", " ")
		content = strings.ReplaceAll(content, "<@!"+self+">", " ")
	}
	return oneLine(content)
}

// stripBotChrome removes what the bot adds around an answer (the quoted
// question and the subtext footer) so history holds only the answer.
func stripBotChrome(content string) string {
	var keep []string
	for _, line := range strings.Split(content, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "-# ") || strings.HasPrefix(t, "> **Q:**") {
			continue
		}
		keep = append(keep, line)
	}
	return strings.TrimSpace(strings.ReplaceAll(strings.Join(keep, "\n"), zwsp, ""))
}
