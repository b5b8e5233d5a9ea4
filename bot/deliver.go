package bot

import (
	"context"
	"time"

	"github.com/bwmarrin/discordgo"
)

// deliverTimeout bounds the delivery of a finished answer (its final edit,
// or the follow-ups that replace it).
const deliverTimeout = 2 * time.Minute

// tokenMargin is kept between the last delivery attempt and the end of the
// interaction token's life.
const tokenMargin = 30 * time.Second

// deliverCtx is the context for delivering r's answer: alive until
// shutdown gives up, for at most deliverTimeout, and ending before the
// interaction token expires.
func (b *Bot) deliverCtx(r *reply) (context.Context, context.CancelFunc) {
	deadline := time.Now().Add(deliverTimeout)
	if created, err := discordgo.SnowflakeTimestamp(r.i.ID); err == nil {
		if end := created.Add(tokenLife - tokenMargin); end.Before(deadline) {
			deadline = end
		}
	}
	return context.WithDeadline(b.drainCtx(), deadline)
}

// deliverParts posts a finished answer: the first part as the final edit
// of the deferred response (through the scheduler, so it lands after any
// streamed edit) and the rest as follow-ups, buttons on the last part.
// When the edit keeps failing (429s or server errors after the
// transport's retries), the whole answer goes out as follow-ups instead,
// so the student never stays on "thinking…"; the first follow-up of a
// deferred response takes its place.
func (b *Bot) deliverParts(r *reply, key string, parts []string, buttons []discordgo.MessageComponent, private bool) {
	ctx, cancel := b.deliverCtx(r)
	defer cancel()
	firstButtons := []discordgo.MessageComponent{}
	if len(parts) == 1 {
		firstButtons = buttons
	}
	uid := r.userID()
	err := b.sched.Flush(ctx, key, func(ctx context.Context) error {
		return r.edit(ctx, parts[0], firstButtons, []*discordgo.MessageEmbed{})
	})
	rest := parts[1:]
	if err != nil {
		b.log.Warn("final edit failed; delivering the answer as a follow-up", "user", uid, "err", redactErr(err))
		rest = parts
	}
	for i, p := range rest {
		var comps []discordgo.MessageComponent
		if i == len(rest)-1 && (err != nil || len(parts) > 1) {
			comps = buttons
		}
		if _, ferr := r.followup(ctx, p, private, comps); ferr != nil {
			b.log.Error("deliver answer follow-up", "user", uid, "part", i+1, "err", redactErr(ferr))
			return
		}
	}
}
