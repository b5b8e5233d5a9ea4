package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"paperbot/corpus"
	class "paperbot/internal/classroom"
	"paperbot/retrieval/answer"
	"paperbot/retrieval/study"
)

// ClassroomStore is the state the classroom commands keep
// (class.Store): each channel's paper, uploaded papers, quizzes, feedback,
// pinned answers and cited references.
type ClassroomStore = class.Store

// Shelf is the engine's set of papers, which the classroom lists (/paper
// list, /class paper autocomplete) and adds to (/ingest, uploads followed
// across processes).
type Shelf interface {
	Papers() []corpus.PaperInfo
	AddPaper(ctx context.Context, p *corpus.Paper, persist func(context.Context) error) error
	HasPaper(id string) bool
}

// Summarizer builds /summary's study guide: the abstract's claims, each
// with the references that bear on it.
type Summarizer interface {
	Summary(ctx context.Context, paperID string) ([]study.Claim, error)
	// Glossary lists the paper's key terms, built once per paper by the
	// engine (the key-terms answer reads the same list).
	Glossary(paperID string) ([]study.Term, error)
}

// storeTimeout bounds one state-store call made while answering an
// interaction.
const storeTimeout = 5 * time.Second

const (
	msgNoStore      = "Classroom features are not set up on this bot (it has no state database)."
	msgInstructor   = "Only instructors can do that (the instructor role, or the Manage Server permission)."
	msgStoreProblem = "I couldn't reach my database just now. Please try again in a moment."
)

// storeCtx is a context for one store call.
func (b *Bot) storeCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(b.workCtx, storeTimeout)
}

// isInstructor reports whether the member running the interaction has the
// instructor role (Options.InstructorRoleID) or may manage the server.
// Direct messages never come from an instructor.
func (r *reply) isInstructor() bool {
	m := r.i.Member
	if m == nil || r.i.GuildID == "" {
		return false
	}
	if m.Permissions&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0 {
		return true
	}
	role := r.b.opt.InstructorRoleID
	if role == "" {
		return false
	}
	for _, id := range m.Roles {
		if id == role {
			return true
		}
	}
	return false
}

// msgStoreDown is what a student sees when the store cannot tell which
// paper the channel uses.
const msgStoreDown = "I can't reach my database right now, so I don't know which paper this channel uses. Please try again in a few minutes."

// channelPaper is the paper chosen for a channel, or for a thread its own
// choice or else its parent's; "" when none (the default paper). When the
// store cannot be read it returns a user error (msgStoreDown): a store
// outage never quietly switches a channel to the default paper.
func (b *Bot) channelPaper(channelID string) (string, error) {
	if b.opt.Store == nil {
		return "", nil
	}
	ctx, cancel := b.storeCtx()
	defer cancel()
	paperID, _, err := b.room.Channels.PaperOf(ctx, b.channelAndParent(channelID)...)
	if err != nil {
		b.log.Error("channel paper lookup failed", "channel", channelID, "err", err)
		return "", &answer.UserError{Msg: msgStoreDown}
	}
	return paperID, nil
}

// resolvePaperID is the id of the paper a channel uses ("" resolved to the
// default paper's id), or "" when it cannot be found.
func (b *Bot) resolvePaperID(paperID string) string {
	p, err := b.opt.Engine.Paper(paperID)
	if err != nil || p == nil {
		return ""
	}
	return p.ID
}

// recordCitations notes references cited in a channel (by /cite).
func (b *Bot) recordCitations(channelID, paperID string, refs []int) {
	if b.room == nil {
		return
	}
	ctx, cancel := b.storeCtx()
	defer cancel()
	if err := b.room.Bibliographies.Note(ctx, channelID, paperID, refs); err != nil {
		b.log.Warn("record citations", "channel", channelID, "err", err)
	}
}

// classroomCommand routes the classroom slash commands; it reports whether
// name was one of them.
func (b *Bot) classroomCommand(r *reply, data discordgo.ApplicationCommandInteractionData) bool {
	switch data.Name {
	case "paper":
		b.cmdPaperGroup(r, data)
	case "class":
		b.cmdClass(r, data)
	case "ingest":
		b.cmdIngest(r, data)
	case "quiz":
		b.cmdQuiz(r, data)
	case "summary":
		b.cmdSummary(r)
	case "glossary":
		b.cmdGlossary(r)
	case "review":
		r.answerSoon(lateEphemeral, func() { b.cmdReview(r) })
	case "pin":
		r.answerSoon(lateEphemeral, func() { b.cmdPin(r, data) })
	case "export":
		b.cmdExport(r, data)
	default:
		return false
	}
	return true
}

// classroomComponent routes the classroom buttons; it reports whether the
// custom id was one of theirs.
func (b *Bot) classroomComponent(r *reply, id string) bool {
	switch {
	case strings.HasPrefix(id, idFeedback):
		b.btnFeedback(r, strings.TrimPrefix(id, idFeedback))
	case strings.HasPrefix(id, idQuiz):
		r.answerSoon(lateEphemeral, func() { b.btnQuiz(r, strings.TrimPrefix(id, idQuiz)) })
	case strings.HasPrefix(id, idQuizNext):
		r.answerSoon(lateUpdate, func() { b.btnQuizNext(r, strings.TrimPrefix(id, idQuizNext)) })
	case strings.HasPrefix(id, idPinButton):
		b.btnPin(r, strings.TrimPrefix(id, idPinButton))
	default:
		return false
	}
	return true
}

// onModal routes modal submissions. A form is submitted from a channel
// like any command, so the channel and role allow-lists are checked again:
// the button that opened it may be older than the lists.
func (b *Bot) onModal(r *reply) {
	data := r.i.ModalSubmitData()
	if reason, ok := b.gate.where(r.channelID(), r.roles(), r.inGuild()); !ok {
		r.fail(reason)
		return
	}
	switch {
	case strings.HasPrefix(data.CustomID, idFeedbackModal):
		r.answerSoon(lateEphemeral, func() { b.modalFeedback(r, strings.TrimPrefix(data.CustomID, idFeedbackModal), data) })
	case strings.HasPrefix(data.CustomID, idPinModal):
		r.answerSoon(lateEphemeral, func() { b.modalPin(r, strings.TrimPrefix(data.CustomID, idPinModal), data) })
	default:
		r.fail("This form is no longer active.")
	}
}

// modalValue is the value typed into a modal's text input.
func modalValue(data discordgo.ModalSubmitInteractionData, customID string) string {
	for _, row := range data.Components {
		var comps []discordgo.MessageComponent
		switch v := row.(type) {
		case *discordgo.ActionsRow:
			comps = v.Components
		case discordgo.ActionsRow:
			comps = v.Components
		}
		for _, c := range comps {
			switch t := c.(type) {
			case *discordgo.TextInput:
				if t.CustomID == customID {
					return t.Value
				}
			case discordgo.TextInput:
				if t.CustomID == customID {
					return t.Value
				}
			}
		}
	}
	return ""
}

// subcommand is the subcommand of a command and its options ("" and the
// command's own options when it has none).
func subcommand(data discordgo.ApplicationCommandInteractionData) (string, []*discordgo.ApplicationCommandInteractionDataOption) {
	for _, o := range data.Options {
		if o.Type == discordgo.ApplicationCommandOptionSubCommand {
			return o.Name, o.Options
		}
	}
	return "", data.Options
}

// optInt is the integer value of an option, def when absent.
func optInt(opts []*discordgo.ApplicationCommandInteractionDataOption, name string, def int) int {
	for _, o := range opts {
		if o.Name == name {
			switch v := o.Value.(type) {
			case float64:
				return int(v)
			case int:
				return v
			case int64:
				return int(v)
			}
		}
	}
	return def
}

// plural is "1 reference", "2 references".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// needStore reports whether the classroom state is available (and, when
// instructor is set, whether the user is an instructor); if not, it has
// already told the user why.
func (r *reply) needStore(instructor bool) bool {
	switch {
	case r.b.opt.Store == nil:
		r.fail(msgNoStore)
	case instructor && !r.isInstructor():
		r.fail(msgInstructor)
	default:
		return true
	}
	return false
}
