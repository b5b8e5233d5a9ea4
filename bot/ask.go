package bot

import (
	"cmp"
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/internal/ops"
	"paperbot/retrieval/answer"
)

// answerTimeout bounds one answer, well inside the 15-minute life of an
// interaction token.
const answerTimeout = 3 * time.Minute

const msgRestarting = "I'm restarting right now. Please ask again in a minute."

// cmdAsk answers /ask. The deferred response goes out before anything
// slow: the checks before it are map lookups, and waiting for an answer
// slot happens after it, so the 3-second deadline holds under load.
func (b *Bot) cmdAsk(r *reply, data discordgo.ApplicationCommandInteractionData) {
	b.askFor(r, strings.TrimSpace(optString(data.Options, "question")), optBool(data.Options, "private"), "")
}

// askFor answers question for the user of r (a slash command or a
// suggestion button): checks, deferral, an answer slot, the streamed
// answer and its buttons. paperID "" is the channel's paper.
func (b *Bot) askFor(r *reply, question string, private bool, paperID string) {
	if msg, bad := questionProblem(question); bad {
		r.fail(msg)
		return
	}
	if b.closing.Load() {
		r.fail(msgRestarting)
		return
	}
	uid := r.userID()
	if reason, ok := b.admitQuestion(uid); !ok {
		r.fail(reason)
		return
	}
	if !b.beginWork() {
		b.gate.refund(uid)
		r.fail(msgRestarting)
		return
	}
	defer b.work.Done()
	if err := r.deferMessage(private); err != nil {
		b.gate.refund(uid)
		b.log.Error("defer /ask", "user", uid, "err", redactErr(err))
		return
	}
	key := "interaction:" + r.i.ID
	release, err := b.takeSlot(r, key)
	if err != nil {
		b.gate.refund(uid)
		if errors.Is(err, context.Canceled) && b.closing.Load() {
			r.fail(msgRestarting)
			return
		}
		if errors.Is(err, errLineFull) {
			r.fail(msgLineFull)
			return
		}
		r.fail(msgBusy)
		return
	}
	defer release()

	tctx, cancel := context.WithTimeout(b.workCtx, answerTimeout)
	defer cancel()
	// Stop (stop.go) cancels ctx with errStopped while the answer streams.
	ctx, stop := context.WithCancelCause(tctx)
	defer stop(nil)
	b.live.add(r.i.ID, uid, stop)
	defer b.live.end(r.i.ID)
	var finished atomic.Bool
	var streamMu sync.Mutex
	var streamedSoFar string // the last streamed text, kept for a stopped answer
	if paperID == "" {
		if paperID, err = b.paperFor(r.i.GuildID, r.i.ChannelID); err != nil {
			b.gate.refund(uid)
			r.failErr("channel paper", err)
			return
		}
	}
	req := answer.Request{
		PaperID:  paperID,
		Question: question,
		UserID:   uid,
		GuildID:  r.i.GuildID,
		OnDelta: func(soFar string) {
			if finished.Load() {
				return
			}
			streamMu.Lock()
			streamedSoFar = soFar
			streamMu.Unlock()
			text := streamingText(question, soFar)
			b.sched.Update(key, func(ctx context.Context) error {
				err := r.edit(ctx, text, stopButtons(r.i.ID), nil)
				if err != nil {
					b.log.Warn("streamed edit", "err", redactErr(err))
				}
				return err
			})
		},
	}
	ans, err := b.ask(ctx, ops.SourceSlash, req)
	finished.Store(true)
	stoppedBy := b.live.end(r.i.ID) // later presses: "already finished"
	if err != nil && stoppedBy != "" && errors.Is(context.Cause(ctx), errStopped) {
		// Stopped before the model started (while the passages were
		// found): there is no text or passage to keep.
		streamMu.Lock()
		soFar := streamedSoFar
		streamMu.Unlock()
		b.log.Info("answer stopped", "user", uid, "streamed_chars", len(soFar))
		b.deliverParts(r, key, SplitMessage(stoppedText(question, soFar, stoppedBy), MaxContent), []discordgo.MessageComponent{}, private)
		return
	}
	if err != nil {
		b.sched.Forget(key)
		if _, user := answer.IsUserError(err); user {
			b.gate.refund(uid)
		}
		r.failErr("answer /ask", err)
		return
	}
	text := answerText(question, ans)
	if ans.Stopped {
		// What the model wrote before Stop, its citations checked by the
		// engine, kept with the passages it was given: the evidence and
		// citation buttons work as on any answer. The model was used: the
		// cooldown stands.
		b.log.Info("answer stopped", "user", uid, "chars", len(ans.Text), "citations", len(ans.Citations))
		text = stoppedText(question, ans.Text, cmp.Or(stoppedBy, "you"))
	}
	b.settle(uid, ans)
	id, feedbackID := b.keepAnswer(r.i.GuildID, r.i.ChannelID, uid, question, ans)
	parts := SplitMessage(text, MaxContent)
	buttons := withFeedback(answerButtons(id, ans), feedbackID)
	b.deliverParts(r, key, parts, buttons, private)
}

// btnEvidence answers "Show evidence", ephemerally.
func (b *Bot) btnEvidence(r *reply, id string) {
	sa, found := b.findAnswer(id)
	if found != answerFound {
		b.answerMissing(r, found, "evidence")
		return
	}
	if err := r.respond(&discordgo.InteractionResponseData{
		Embeds:     []*discordgo.MessageEmbed{evidenceEmbed(sa.question, sa.ans, false)},
		Components: evidenceButtons(id, false),
		Flags:      discordgo.MessageFlagsEphemeral,
	}); err != nil {
		b.log.Error("respond evidence", "err", redactErr(err))
	}
}

// btnEvidenceDetails shows or hides the scores of an evidence view.
func (b *Bot) btnEvidenceDetails(r *reply, rest string) {
	id, flag, _ := strings.Cut(rest, ":")
	sa, found := b.findAnswer(id)
	if found != answerFound {
		b.answerMissing(r, found, "evidence")
		return
	}
	details := flag == "1"
	if err := r.update(&discordgo.InteractionResponseData{
		Embeds:     []*discordgo.MessageEmbed{evidenceEmbed(sa.question, sa.ans, details)},
		Components: evidenceButtons(id, details),
	}); err != nil {
		b.log.Error("update evidence", "err", redactErr(err))
	}
}

// btnCite answers "Cite sources": the references the answer cited, in the
// default style, ephemerally.
func (b *Bot) btnCite(r *reply, id string) {
	sa, found := b.findAnswer(id)
	if found != answerFound {
		b.answerMissing(r, found, "list of sources")
		return
	}
	style := b.opt.CiteStyle
	var lines []string
	for _, n := range sa.ans.Citations {
		text, err := b.opt.Engine.Cite(sa.paperID, itoa(n), style)
		if err != nil {
			b.log.Warn("cite source", "ref", n, "err", err)
			continue
		}
		text = strings.TrimSpace(text)
		if style != "bibtex" && !strings.HasPrefix(text, "["+itoa(n)+"]") {
			text = "[" + itoa(n) + "] " + text // IEEE already starts with its number
		}
		lines = append(lines, text)
	}
	b.sendEphemeralParts(r, citationsText(style, lines))
}

// sendEphemeralParts responds with text split to fit, the first part as
// the response and the rest as ephemeral follow-ups.
func (b *Bot) sendEphemeralParts(r *reply, text string) {
	parts := SplitMessage(text, MaxContent)
	if len(parts) == 0 {
		parts = []string{"(nothing to show)"}
	}
	if err := r.respond(&discordgo.InteractionResponseData{Content: parts[0], Flags: discordgo.MessageFlagsEphemeral}); err != nil {
		b.log.Error("respond", "interaction", interactionName(r.i), "err", redactErr(err))
		return
	}
	for _, p := range parts[1:] {
		if _, err := r.followup(b.workCtx, p, true, nil); err != nil {
			b.log.Error("follow-up", "interaction", interactionName(r.i), "err", redactErr(err))
			return
		}
	}
}
