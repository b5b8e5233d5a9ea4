package bot

import (
	"context"
	"errors"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/retrieval/answer"
)

// msgInternal is what a student sees when something broke on our side.
const msgInternal = "Sorry, something went wrong on my side. Please try again in a moment."

// onInteraction routes every interaction. discordgo runs each handler in a
// bare goroutine, so a panic here would kill the process: it is recovered,
// logged with its stack, and answered with a friendly ephemeral error.
func (b *Bot) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil {
		return
	}
	r := b.newReply(ic.Interaction)
	defer b.recoverPanic("interaction "+interactionName(ic.Interaction), r)
	switch ic.Type {
	case discordgo.InteractionApplicationCommand:
		b.onCommand(r)
	case discordgo.InteractionApplicationCommandAutocomplete:
		b.onAutocomplete(r)
	case discordgo.InteractionMessageComponent:
		b.onComponent(r)
	case discordgo.InteractionModalSubmit:
		b.onModal(r)
	}
}

// recoverPanic turns a panic into a log line with the stack and, when r is
// not nil, a friendly ephemeral error.
func (b *Bot) recoverPanic(where string, r *reply) {
	v := recover()
	if v == nil {
		return
	}
	b.log.Error("panic in handler", "where", where, "panic", v, "stack", string(debug.Stack()))
	b.countPanic()
	if r != nil {
		r.fail(msgInternal)
	}
}

func (b *Bot) onCommand(r *reply) {
	data := r.i.ApplicationCommandData()
	if data.Name != "help" {
		if reason, ok := b.gate.where(r.channelID(), r.roles(), r.inGuild()); !ok {
			r.fail(reason)
			return
		}
	}
	switch data.Name {
	case "ask":
		b.cmdAsk(r, data)
	case "cite":
		r.answerSoon(lateMessage, func() { b.cmdCite(r, data) })
	case "refs":
		r.answerSoon(lateMessage, func() { b.cmdRefs(r, data) })
	case "help":
		r.answerSoon(lateEphemeral, func() { b.cmdHelp(r) })
	default:
		if b.classroomCommand(r, data) {
			return
		}
		r.fail("I don't know that command any more. It may take a minute for Discord to update the command list.")
	}
}

func (b *Bot) onComponent(r *reply) {
	id := r.i.MessageComponentData().CustomID
	if reason, ok := b.gate.where(r.channelID(), r.roles(), r.inGuild()); !ok {
		r.fail(reason)
		return
	}
	switch {
	case strings.HasPrefix(id, idEvidenceDetails):
		r.answerSoon(lateUpdate, func() { b.btnEvidenceDetails(r, strings.TrimPrefix(id, idEvidenceDetails)) })
	case strings.HasPrefix(id, idEvidence):
		r.answerSoon(lateEphemeral, func() { b.btnEvidence(r, strings.TrimPrefix(id, idEvidence)) })
	case strings.HasPrefix(id, idCite):
		r.answerSoon(lateEphemeral, func() { b.btnCite(r, strings.TrimPrefix(id, idCite)) })
	case strings.HasPrefix(id, idRefs):
		r.answerSoon(lateUpdate, func() { b.btnRefs(r, id) })
	case strings.HasPrefix(id, idSuggest):
		b.btnSuggest(r, strings.TrimPrefix(id, idSuggest))
	case strings.HasPrefix(id, idStop):
		b.btnStop(r, strings.TrimPrefix(id, idStop))
	case b.classroomComponent(r, id):
	default:
		r.fail("This button is no longer active.")
	}
}

// reply tracks how an interaction has been acknowledged, so that errors
// can always be reported the right way (respond, edit, or follow up).
type reply struct {
	b *Bot
	i *discordgo.Interaction

	mu        sync.Mutex
	acked     bool
	deferred  bool // acknowledged with a deferred message (type 5)
	ephemeral bool // the original response is ephemeral
	// deferredUpdate: a component acknowledged with a deferred update
	// (type 6).
	deferredUpdate bool

	// ackMu orders answerSoon's late deferral against the handler's own
	// acknowledgement (see settle).
	ackMu     sync.Mutex
	lateTimer *time.Timer
	settled   bool
}

func (b *Bot) newReply(i *discordgo.Interaction) *reply { return &reply{b: b, i: i} }

func (r *reply) userID() string {
	switch {
	case r.i.Member != nil && r.i.Member.User != nil:
		return r.i.Member.User.ID
	case r.i.User != nil:
		return r.i.User.ID
	}
	return ""
}

func (r *reply) roles() []string {
	if r.i.Member == nil {
		return nil
	}
	return r.i.Member.Roles
}

func (r *reply) inGuild() bool { return r.i.GuildID != "" }

// channelID is the channel, or for a thread its parent too (for the
// allow-list, a thread inherits its parent's permission).
func (r *reply) channelID() []string {
	return r.b.channelAndParent(r.i.ChannelID)
}

// channelAndParent is the channel id and, when the state cache knows it is
// a thread, its parent's id.
func (b *Bot) channelAndParent(channelID string) []string {
	ids := []string{channelID}
	if b.s.State != nil {
		if ch, err := b.s.State.Channel(channelID); err == nil && ch.IsThread() && ch.ParentID != "" {
			ids = append(ids, ch.ParentID)
		}
	}
	return ids
}

func (r *reply) ctx() context.Context { return r.b.workCtx }

// respond acknowledges with a message (type 4).
// Under answerSoon, when the work was slow and a deferred response went
// out instead, it edits that response.
func (r *reply) respond(data *discordgo.InteractionResponseData) error {
	r.settle()
	data.AllowedMentions = allowedMentions()
	data.Flags |= noPreview(data.Embeds)
	if data.Components == nil {
		data.Components = []discordgo.MessageComponent{}
	}
	if late, err := r.answerLate(data, false); late {
		return err
	}
	err := r.b.s.InteractionRespond(r.i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data},
		discordgo.WithContext(r.ctx()))
	if err == nil {
		r.mu.Lock()
		r.acked, r.ephemeral = true, data.Flags&discordgo.MessageFlagsEphemeral != 0
		r.mu.Unlock()
	}
	return err
}

// openModal acknowledges the interaction by opening a form (type 9); a
// failure is logged as "open <what>".
func (r *reply) openModal(data *discordgo.InteractionResponseData, what string) {
	r.settle()
	err := r.b.s.InteractionRespond(r.i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: data},
		discordgo.WithContext(r.ctx()))
	if err != nil {
		r.b.log.Error("open "+what, "err", redactErr(err))
		return
	}
	r.mu.Lock()
	r.acked = true
	r.mu.Unlock()
}

// update acknowledges a component by editing its message (type 7).
// Under answerSoon, when the work was slow and a deferred update went out
// instead, it edits the component's message.
func (r *reply) update(data *discordgo.InteractionResponseData) error {
	r.settle()
	data.AllowedMentions = allowedMentions()
	data.Flags |= noPreview(data.Embeds)
	if late, err := r.answerLate(data, true); late {
		return err
	}
	err := r.b.s.InteractionRespond(r.i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: data},
		discordgo.WithContext(r.ctx()))
	if err == nil {
		r.mu.Lock()
		r.acked = true
		r.mu.Unlock()
	}
	return err
}

// deferMessage acknowledges with "thinking…" (type 5); under answerSoon,
// when its deferral already did, it does nothing.
func (r *reply) deferMessage(ephemeral bool) error {
	r.settle()
	r.mu.Lock()
	deferred := r.deferred
	r.mu.Unlock()
	if deferred {
		return nil
	}
	return r.sendDefer(ephemeral)
}

// sendDefer sends the deferred response (type 5).
func (r *reply) sendDefer(ephemeral bool) error {
	data := &discordgo.InteractionResponseData{AllowedMentions: allowedMentions()}
	if ephemeral {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	err := r.b.s.InteractionRespond(r.i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource, Data: data},
		discordgo.WithContext(r.ctx()))
	if err == nil {
		r.mu.Lock()
		r.acked, r.deferred, r.ephemeral = true, true, ephemeral
		r.mu.Unlock()
	}
	return err
}

// edit replaces the original response.
func (r *reply) edit(ctx context.Context, content string, components []discordgo.MessageComponent, embeds []*discordgo.MessageEmbed) error {
	return r.b.editOriginal(ctx, r.i, content, components, embeds)
}

// followup sends a follow-up message.
func (r *reply) followup(ctx context.Context, content string, ephemeral bool, components []discordgo.MessageComponent) (*discordgo.Message, error) {
	p := &discordgo.WebhookParams{Content: content, AllowedMentions: allowedMentions(), Components: components,
		Flags: discordgo.MessageFlagsSuppressEmbeds}
	if p.Components == nil {
		p.Components = []discordgo.MessageComponent{}
	}
	if ephemeral {
		p.Flags |= discordgo.MessageFlagsEphemeral
	}
	return r.b.s.FollowupMessageCreate(r.i, true, p, discordgo.WithContext(ctx))
}

// fail reports a friendly error, ephemerally whenever Discord allows it:
// as the response if nothing was sent yet; as an edit of an ephemeral
// deferred response; otherwise by deleting the public "thinking…" message
// and following up ephemerally.
func (r *reply) fail(msg string) {
	r.settle()
	msg = Neutralize(msg)
	r.mu.Lock()
	acked, deferred, eph := r.acked, r.deferred, r.ephemeral
	r.mu.Unlock()
	ctx := r.b.drainCtx()
	var err error
	switch {
	case r.i.Type == discordgo.InteractionApplicationCommandAutocomplete:
		if !acked {
			err = r.b.s.InteractionRespond(r.i, &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
				Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}}}, discordgo.WithContext(ctx))
		}
	case !acked:
		err = r.respond(&discordgo.InteractionResponseData{Content: msg, Flags: discordgo.MessageFlagsEphemeral})
	case deferred && eph:
		err = r.edit(ctx, msg, []discordgo.MessageComponent{}, []*discordgo.MessageEmbed{})
		if err != nil { // the edit keeps failing: a follow-up replaces "thinking…"
			r.b.log.Warn("error edit failed; following up", "err", redactErr(err))
			_, err = r.followup(ctx, msg, true, nil)
		}
	default:
		if deferred {
			if derr := r.b.s.InteractionResponseDelete(r.i, discordgo.WithContext(ctx)); derr != nil {
				r.b.log.Warn("delete deferred response", "err", redactErr(derr))
			}
		}
		_, err = r.followup(ctx, msg, true, nil)
	}
	if err != nil {
		r.b.log.Warn("could not report an error to the user", "interaction", interactionName(r.i), "err", redactErr(err))
	}
}

// failErr reports err: its own message for a user error, a generic one
// (and a log line) otherwise.
func (r *reply) failErr(what string, err error) {
	if msg, ok := answer.IsUserError(err); ok {
		r.fail(msg)
		return
	}
	if errors.Is(err, context.Canceled) && r.b.closing.Load() {
		r.fail("I'm restarting right now. Please ask again in a minute.")
		return
	}
	r.b.log.Error(what, "interaction", interactionName(r.i), "user", r.userID(), "err", redactErr(err))
	r.fail(msgInternal)
}

// drainCtx is a context for last messages, alive until shutdown gives up.
func (b *Bot) drainCtx() context.Context { return b.workCtx }

// editOriginal edits an interaction's original response. It uses a
// rate-limit bucket per group of interactions instead of discordgo's single
// bucket for every webhook edit, so parallel answers don't queue behind
// each other.
func (b *Bot) editOriginal(ctx context.Context, i *discordgo.Interaction, content string, components []discordgo.MessageComponent, embeds []*discordgo.MessageEmbed) error {
	edit := webhookEdit{WebhookEdit: &discordgo.WebhookEdit{Content: &content, AllowedMentions: allowedMentions()}}
	if components != nil {
		edit.Components = &components
	}
	if embeds != nil {
		edit.Embeds = &embeds
	}
	if f := noPreview(embeds); f != 0 {
		edit.Flags = &f
	}
	appID := i.AppID
	if appID == "" {
		appID = b.appID
	}
	uri := discordgo.EndpointWebhookMessage(appID, i.Token, "@original")
	_, err := b.s.RequestWithBucketID("PATCH", uri, edit, editBucket(appID, i.Token), discordgo.WithContext(ctx))
	return err
}

// editBucket spreads interaction edits over 16 local rate-limit buckets.
func editBucket(appID, token string) string {
	h := uint32(2166136261)
	for i := 0; i < len(token); i++ {
		h = (h ^ uint32(token[i])) * 16777619
	}
	return "interaction-edit/" + appID + "/" + string(rune('a'+h%16))
}

func interactionName(i *discordgo.Interaction) string {
	switch i.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		return "/" + i.ApplicationCommandData().Name
	case discordgo.InteractionMessageComponent:
		return "button " + i.MessageComponentData().CustomID
	}
	return i.Type.String()
}

// webhookEdit is discordgo's WebhookEdit plus the message flags, which
// discordgo v0.29 cannot send on an edit.
type webhookEdit struct {
	*discordgo.WebhookEdit
	Flags *discordgo.MessageFlags `json:"flags,omitempty"`
}

// noPreview is SUPPRESS_EMBEDS for a message that carries no embed of the
// bot's own (the flag would hide those too), so no URL in it unfurls into a
// link preview; 0 otherwise. An edit with nil embeds keeps the message's
// embeds: the bot sends nil only for messages that never had any.
func noPreview(embeds []*discordgo.MessageEmbed) discordgo.MessageFlags {
	if len(embeds) == 0 {
		return discordgo.MessageFlagsSuppressEmbeds
	}
	return 0
}
