package bot

import (
	"errors"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/internal/discord"
)

// lateAck is how answerSoon acknowledges an interaction whose handler is
// slow: the deferred form of the response the handler will send.
type lateAck int

const (
	lateMessage   lateAck = iota // "thinking…" (type 5), for a public message response
	lateEphemeral                // "thinking…" only the user sees, for an ephemeral one
	lateUpdate                   // deferred update (type 6), for a component's update (type 7)
)

// answerSoon runs work, a handler that answers with respond or update
// (and perhaps follow-ups) or fail. A fast handler's answer goes out as
// before, as a single response. When work has not acknowledged the
// interaction after the defer budget (discord.DeferAfter: formatting a
// huge entry, reading a paper for the first time, a slow database, a
// loaded machine), the deferred form of its response (how) goes out in
// its place, and respond or update then edit it with the answer; fail
// keeps an error ephemeral either way. The deferral and the handler's own
// acknowledgement never both happen: settle orders them. Handlers that
// attach files are not run under answerSoon (the edit carries no files).
func (r *reply) answerSoon(how lateAck, work func()) {
	r.ackMu.Lock()
	r.lateTimer = time.AfterFunc(discord.DeferAfter, func() { r.deferLate(how) })
	r.ackMu.Unlock()
	defer r.settle()
	work()
}

// deferLate is answerSoon's timer: it sends the deferred acknowledgement
// unless the handler has settled first.
func (r *reply) deferLate(how lateAck) {
	r.ackMu.Lock()
	defer r.ackMu.Unlock()
	if r.settled {
		return
	}
	r.settled = true
	var err error
	if how == lateUpdate {
		err = r.sendDeferUpdate()
	} else {
		err = r.sendDefer(how == lateEphemeral)
	}
	if err != nil {
		r.b.log.Error("deferred acknowledgement", "interaction", interactionName(r.i), "err", redactErr(err))
		return
	}
	r.b.log.Debug("slow to answer: deferred", "interaction", interactionName(r.i))
}

// settle stops answerSoon's timer, waiting for a deferral already under
// way, so that afterwards r's acknowledgement state changes only in the
// handler's own goroutine. Every acknowledgement calls it first; outside
// answerSoon it does nothing.
func (r *reply) settle() {
	r.ackMu.Lock()
	defer r.ackMu.Unlock()
	if r.lateTimer != nil {
		r.lateTimer.Stop()
	}
	r.settled = true
}

// answerLate delivers a response (message or update) that answerSoon
// already acknowledged with its deferred form: an edit of the original
// message with the same content, components and embeds (SUPPRESS_EMBEDS as
// respond sets it), or, when that edit keeps failing, a follow-up in its
// place. It reports false when r was not deferred that way.
func (r *reply) answerLate(data *discordgo.InteractionResponseData, update bool) (bool, error) {
	r.mu.Lock()
	late := r.deferred
	if update {
		late = r.deferredUpdate
	}
	r.mu.Unlock()
	if !late {
		return false, nil
	}
	if len(data.Files) > 0 {
		return true, errors.New("answerSoon: a deferred response cannot be edited into one with files")
	}
	ctx, cancel := r.b.deliverCtx(r)
	defer cancel()
	embeds := data.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	err := r.edit(ctx, data.Content, data.Components, embeds)
	if err == nil || update {
		return true, err
	}
	// The edit keeps failing: as for an answer (deliverParts), a
	// follow-up takes the place of "thinking…".
	r.b.log.Warn("edit of a deferred response failed; following up", "interaction", interactionName(r.i), "err", redactErr(err))
	p := &discordgo.WebhookParams{Content: data.Content, Components: data.Components, Embeds: data.Embeds,
		AllowedMentions: allowedMentions(), Flags: noPreview(data.Embeds)}
	r.mu.Lock()
	if r.ephemeral {
		p.Flags |= discordgo.MessageFlagsEphemeral
	}
	r.mu.Unlock()
	_, err = r.b.s.FollowupMessageCreate(r.i, true, p, discordgo.WithContext(ctx))
	return true, err
}
