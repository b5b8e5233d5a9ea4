package bot

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	class "paperbot/internal/classroom"
	"paperbot/internal/store"
	"paperbot/retrieval/answer"
)

// Custom ids of the classroom's buttons and modals. Store ids are 16 hex
// characters, so every id stays far below Discord's 100.
const (
	idFeedback      = "pb:fb:"   // pb:fb:up:<answer id> or pb:fb:dn:<answer id>
	idFeedbackModal = "pb:fbm:"  // pb:fbm:<answer id>
	idQuiz          = "pb:qz:"   // pb:qz:<question id>:<choice>
	idPinButton     = "pb:pin:"  // pb:pin:<answer id>
	idPinModal      = "pb:pinm:" // pb:pinm:<answer id>

	fieldComment  = "comment"
	fieldQuestion = "question"
	fieldAnswer   = "answer"
)

// passagesJSON keeps an answer's evidence for review, as JSON.
func passagesJSON(ans *answer.Answer) json.RawMessage {
	data, err := json.Marshal(ans.Passages)
	if err != nil {
		return json.RawMessage("[]")
	}
	return data
}

// withFeedback adds the 👍/👎 buttons of the stored answer id to an
// answer's buttons (to their row when there is room).
func withFeedback(buttons []discordgo.MessageComponent, answerID string) []discordgo.MessageComponent {
	if answerID == "" {
		return buttons
	}
	fb := []discordgo.MessageComponent{
		discordgo.Button{Style: discordgo.SecondaryButton, CustomID: idFeedback + "up:" + answerID, Emoji: &discordgo.ComponentEmoji{Name: "👍"}},
		discordgo.Button{Style: discordgo.SecondaryButton, CustomID: idFeedback + "dn:" + answerID, Emoji: &discordgo.ComponentEmoji{Name: "👎"}},
	}
	if len(buttons) == 1 {
		if row, ok := buttons[0].(discordgo.ActionsRow); ok && len(row.Components)+len(fb) <= 5 {
			row.Components = append(append([]discordgo.MessageComponent{}, row.Components...), fb...)
			return []discordgo.MessageComponent{row}
		}
	}
	return append(append([]discordgo.MessageComponent{}, buttons...), discordgo.ActionsRow{Components: fb})
}

// btnFeedback records a 👍 or 👎. 👎 then opens the optional "what was
// wrong?" form; the vote is stored even if the form is dismissed.
func (b *Bot) btnFeedback(r *reply, rest string) {
	if !r.needStore(false) {
		return
	}
	dir, answerID, ok := strings.Cut(rest, ":")
	if !ok || (dir != "up" && dir != "dn") || answerID == "" {
		r.fail("This button is no longer active.")
		return
	}
	thumb := store.ThumbUp
	if dir == "dn" {
		thumb = store.ThumbDown
	}
	ctx, cancel := b.storeCtx()
	defer cancel()
	if err := b.answersWritten(ctx); err != nil { // the answer may still be queued
		b.log.Error("write answers before a vote", "err", err)
		r.fail(msgStoreProblem)
		return
	}
	err := b.room.Feedback.Vote(ctx, answerID, r.i.GuildID, r.userID(), thumb, "")
	if errors.Is(err, store.ErrNotFound) {
		r.fail("I no longer have this answer, so I can't record feedback on it.")
		return
	}
	if err != nil {
		b.log.Error("record feedback", "err", err)
		r.fail(msgStoreProblem)
		return
	}
	if thumb == store.ThumbUp {
		if err := r.respond(&discordgo.InteractionResponseData{Content: "Thanks! Glad it helped. 👍", Flags: discordgo.MessageFlagsEphemeral}); err != nil {
			b.log.Error("respond feedback", "err", redactErr(err))
		}
		return
	}
	r.openModal(&discordgo.InteractionResponseData{
		CustomID: idFeedbackModal + answerID,
		Title:    "What was wrong?",
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.TextInput{CustomID: fieldComment, Label: "What was wrong? (optional)", Style: discordgo.TextInputParagraph,
				Placeholder: "For example: it cited the wrong reference, or missed the point.", Required: false, MaxLength: 1000},
		}}},
	}, "feedback form")
}

// modalFeedback stores the "what was wrong?" comment.
func (b *Bot) modalFeedback(r *reply, answerID string, data discordgo.ModalSubmitInteractionData) {
	if !r.needStore(false) {
		return
	}
	comment := strings.TrimSpace(modalValue(data, fieldComment))
	ctx, cancel := b.storeCtx()
	defer cancel()
	err := b.room.Feedback.Vote(ctx, answerID, r.i.GuildID, r.userID(), store.ThumbDown, comment)
	if errors.Is(err, store.ErrNotFound) {
		r.fail("I no longer have this answer, so I can't record feedback on it.")
		return
	}
	if err != nil {
		b.log.Error("record feedback comment", "err", err)
		r.fail(msgStoreProblem)
		return
	}
	if err := r.respond(&discordgo.InteractionResponseData{Content: "Thanks: your instructor will see this. 👎 noted.", Flags: discordgo.MessageFlagsEphemeral}); err != nil {
		b.log.Error("respond feedback comment", "err", redactErr(err))
	}
}

// cmdReview answers /review (instructors, ephemeral): the server's recent
// 👎 answers with their comments, and a button per answer to pin a
// correction.
func (b *Bot) cmdReview(r *reply) {
	if !r.needStore(true) {
		return
	}
	ctx, cancel := b.storeCtx()
	defer cancel()
	flags, err := b.room.Feedback.Flagged(ctx, r.i.GuildID, 10)
	if err != nil {
		b.log.Error("recent flagged", "err", err)
		r.fail(msgStoreProblem)
		return
	}
	embed, comps := reviewView(flags)
	if err := r.respond(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{embed}, Components: comps, Flags: discordgo.MessageFlagsEphemeral}); err != nil {
		b.log.Error("respond /review", "err", redactErr(err))
	}
}

// reviewView renders flagged answers as embed fields, with "Pin fix n"
// buttons for the first five distinct answers.
func reviewView(flags []store.Flag) (*discordgo.MessageEmbed, []discordgo.MessageComponent) {
	e := &discordgo.MessageEmbed{Title: "Recently flagged answers", Color: 0xef4444}
	if len(flags) == 0 {
		e.Description = "No answer has been flagged with 👎. 🎉"
		return fitEmbed(e), []discordgo.MessageComponent{}
	}
	e.Description = "Newest first. “Pin fix” stores a corrected answer: the same question then gets it instead."
	var buttons []discordgo.MessageComponent
	seen := map[string]bool{}
	for i, f := range flags {
		comment := "(no comment)"
		if c := strings.TrimSpace(f.Comment); c != "" {
			comment = "“" + safe(truncate(oneLine(c), 250)) + "”"
		}
		// The user's words are neutralised (safe); the voter is a real
		// mention, rendered as a name and never pinging (embed, and
		// allowed_mentions parse: []).
		value := fmt.Sprintf("**A:** %s\n👎 %s: %s\n-# <#%s> · %s · <t:%d:R>",
			safe(truncate(oneLine(f.Answer.Answer), 450)), userMention(f.VoterID), comment,
			channelRef(f.Answer.ChannelID), Neutralize(f.Answer.PaperID), f.FlaggedAt.Unix())
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  fmt.Sprintf("%d. %s", i+1, safe(truncate(oneLine(f.Answer.Question), 200))),
			Value: value,
		})
		if !seen[f.Answer.ID] && len(buttons) < 5 {
			seen[f.Answer.ID] = true
			buttons = append(buttons, discordgo.Button{Label: fmt.Sprintf("Pin fix %d", i+1), Style: discordgo.SecondaryButton,
				CustomID: idPinButton + f.Answer.ID, Emoji: &discordgo.ComponentEmoji{Name: "📌"}})
		}
	}
	return fitEmbed(e), []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
}

// btnPin opens the "pin a correction" form for a flagged answer, with the
// question and the answer given filled in.
func (b *Bot) btnPin(r *reply, answerID string) {
	if !r.needStore(true) {
		return
	}
	ctx, cancel := b.storeCtx()
	defer cancel()
	rec, err := b.room.Feedback.Answer(ctx, answerID, r.i.GuildID)
	if errors.Is(err, store.ErrNotFound) {
		r.fail("I no longer have this answer. Use /pin question:… answer:… instead.")
		return
	}
	if err != nil {
		b.log.Error("answer for pin", "err", err)
		r.fail(msgStoreProblem)
		return
	}
	r.openModal(&discordgo.InteractionResponseData{
		CustomID: idPinModal + answerID,
		Title:    "Pin a corrected answer",
		Components: []discordgo.MessageComponent{
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.TextInput{CustomID: fieldQuestion, Label: "Question", Style: discordgo.TextInputShort,
					Value: truncate(oneLine(rec.Question), answer.MaxQuestionRunes), Required: true, MaxLength: answer.MaxQuestionRunes},
			}},
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.TextInput{CustomID: fieldAnswer, Label: "Corrected answer (cite refs as [n])", Style: discordgo.TextInputParagraph,
					Value: truncate(rec.Answer, class.MaxPinRunes), Required: true, MaxLength: class.MaxPinRunes},
			}},
		},
	}, "pin form")
}

// modalPin stores the correction typed into the pin form, for the paper
// the flagged answer was about.
func (b *Bot) modalPin(r *reply, answerID string, data discordgo.ModalSubmitInteractionData) {
	if !r.needStore(true) {
		return
	}
	ctx, cancel := b.storeCtx()
	defer cancel()
	rec, err := b.room.Feedback.Answer(ctx, answerID, r.i.GuildID)
	if err != nil {
		r.fail("I no longer have this answer. Use /pin question:… answer:… instead.")
		return
	}
	b.pin(r, rec.PaperID, modalValue(data, fieldQuestion), modalValue(data, fieldAnswer))
}

// cmdPin answers /pin question:<text> answer:<text> (instructors): the
// channel's paper then answers that question with this text.
func (b *Bot) cmdPin(r *reply, data discordgo.ApplicationCommandInteractionData) {
	if !r.needStore(true) {
		return
	}
	paperID, err := b.paperFor(r.i.GuildID, r.i.ChannelID)
	if err != nil {
		r.failErr("channel paper", err)
		return
	}
	if paperID = b.resolvePaperID(paperID); paperID == "" {
		r.fail("This channel's paper is not loaded any more; choose one with /class paper.")
		return
	}
	b.pin(r, paperID, optString(data.Options, fieldQuestion), optString(data.Options, fieldAnswer))
}

// pin stores a pinned answer and confirms it ephemerally.
func (b *Bot) pin(r *reply, paperID, question, text string) {
	ctx, cancel := b.storeCtx()
	defer cancel()
	p, err := b.room.Pins.Pin(ctx, r.i.GuildID, paperID, question, text, r.userID())
	var unknown *class.UnknownRefsError
	switch {
	case errors.As(err, &unknown):
		r.fail(unknownRefsMessage(unknown))
		return
	case err != nil:
		if msg, ok := answer.IsUserError(err); ok {
			r.fail(msg)
			return
		}
		b.log.Error("pin answer", "err", err)
		r.fail(msgStoreProblem)
		return
	}
	b.log.Info("answer pinned", "paper", paperID, "by", r.userID())
	msg := fmt.Sprintf("📌 Pinned for `%s`. From now on, “%s”, and the same question in other words, gets this answer:\n%s", paperID, safe(truncate(oneLine(p.Question), 200)), safe(truncate(p.Answer, 1500)))
	if err := r.respond(&discordgo.InteractionResponseData{Content: Neutralize(truncate(msg, MaxContent)), Flags: discordgo.MessageFlagsEphemeral}); err != nil {
		b.log.Error("respond pin", "err", redactErr(err))
	}
}

// unknownRefsMessage tells the instructor which citations of a pin name no
// reference of its paper, and which numbers exist.
func unknownRefsMessage(e *class.UnknownRefsError) string {
	return fmt.Sprintf("Not pinned: `%s` %s. Fix the answer and pin it again.", e.PaperID, e.Detail())
}
