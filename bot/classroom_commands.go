package bot

import (
	"github.com/bwmarrin/discordgo"

	class "paperbot/internal/classroom"
	"paperbot/retrieval/answer"
	"paperbot/retrieval/study"
)

// paperCommand is /paper with its subcommands, for everyone: show (the
// paper's details) and list (every loaded paper). Discord does not allow a
// command to be run bare once it has subcommands, so the former /paper is
// /paper show. Choosing a channel's paper is the instructors' /class paper.
func paperCommand() *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Name:        "paper",
		Description: "This channel's paper, or the list of papers",
		Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "show", Description: "The paper's title, authors, venue, DOI and abstract, and questions to start from"},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "list", Description: "Every paper I know, and which one this channel uses"},
		},
	}
}

// permInstructor is the permission an instructor command requires by
// default (Manage Server). Discord hides such commands from members
// without it; a server admin grants them to the instructor role under
// Server Settings → Integrations → PaperBot. The bot still checks the role
// itself (reply.isInstructor), so an override that opens a command to
// everyone does not open its actions.
var permInstructor = int64(discordgo.PermissionManageGuild)

// instructorOnly marks commands as instructors' (see permInstructor); they
// cannot be used in direct messages.
func instructorOnly(cmds ...*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand {
	for _, c := range cmds {
		perm := permInstructor
		guildOnly := []discordgo.InteractionContextType{discordgo.InteractionContextGuild}
		c.DefaultMemberPermissions = &perm
		c.Contexts = &guildOnly
	}
	return cmds
}

// classCommand is /class, the instructors' settings of a channel: paper
// (choose the channel's paper), reset-quiz (clear its leaderboard) and
// quiz-csv (its scores as a file).
func classCommand() *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Name:        "class",
		Description: "Instructors: choose this channel's paper, reset or export its quiz scores",
		Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "paper", Description: "Set this channel's paper",
				Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionString, Name: "id", Description: "The paper's id (start typing to search)", Required: true, MaxLength: 100, Autocomplete: true},
				}},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "reset-quiz", Description: "Clear this channel's quiz leaderboard"},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "quiz-csv", Description: "This channel's quiz scores as a CSV file"},
		},
	}
}

// classroomCommands are the classroom's slash commands.
//
// /quiz uses subcommands (start, scores) because a command cannot have both
// options and subcommands at the top level.
func classroomCommands() []*discordgo.ApplicationCommand {
	minCount := float64(1)
	return append([]*discordgo.ApplicationCommand{
		{
			Name:        "quiz",
			Description: "Multiple-choice questions on this channel's paper, and the leaderboard",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "start", Description: "Post quiz questions; answer with the buttons",
					Options: []*discordgo.ApplicationCommandOption{
						{Type: discordgo.ApplicationCommandOptionInteger, Name: "count", Description: "How many questions (default 3)",
							MinValue: &minCount, MaxValue: study.MaxQuizCount},
						{Type: discordgo.ApplicationCommandOptionString, Name: "topic", Description: "Only references about this (an author, a word…)", MaxLength: 100},
					}},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "scores", Description: "This channel's quiz leaderboard"},
			},
		},
		{Name: "summary", Description: "Study guide: the abstract's key claims, each with the references behind it"},
		{Name: "glossary", Description: "Key terms and names of the paper, with the references where they appear"},
		{
			Name:        "export",
			Description: "The bibliography of every reference cited in this channel, as a file",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "format", Description: "File format (default BibTeX)",
					Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: "BibTeX (.bib)", Value: "bibtex"}, {Name: "Markdown (.md)", Value: "markdown"}}},
			},
		},
	}, instructorCommands()...)
}

// instructorCommands are the commands Discord shows only to members who
// may manage the server, or to the roles an admin grants them to.
func instructorCommands() []*discordgo.ApplicationCommand {
	minLen := 1
	return instructorOnly(
		classCommand(),
		&discordgo.ApplicationCommand{
			Name:        "ingest",
			Description: "Instructors: add a paper from a .txt or .pdf file",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionAttachment, Name: "file", Description: "The paper as plain text (.txt) or a PDF with selectable text", Required: true},
			},
		},
		&discordgo.ApplicationCommand{Name: "review", Description: "Instructors: recent answers students flagged with 👎"},
		&discordgo.ApplicationCommand{
			Name:        "pin",
			Description: "Instructors: pin a corrected answer to a question about this channel's paper",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "The question, as students ask it",
					Required: true, MinLength: &minLen, MaxLength: answer.MaxQuestionRunes},
				{Type: discordgo.ApplicationCommandOptionString, Name: "answer", Description: "The answer to give (cite references as [n])",
					Required: true, MinLength: &minLen, MaxLength: class.MaxPinRunes},
			},
		},
	)
}

// withClassroomHelp adds the classroom commands to the /help embed when
// the classroom is on (a Store is set); instructors also see theirs.
func (b *Bot) withClassroomHelp(e *discordgo.MessageEmbed, instructor bool) *discordgo.MessageEmbed {
	if b.opt.Store == nil {
		return e
	}
	for _, f := range e.Fields {
		if f.Name == "/paper" {
			f.Name = "/paper show · /paper list"
			f.Value += " `/paper list` shows every paper and which one this channel studies."
		}
	}
	e.Fields = append(e.Fields,
		&discordgo.MessageEmbedField{Name: "/quiz start [count] [topic] · /quiz scores", Value: "Questions on the paper's own statements, one at a time (Next): answer with the buttons (only you see whether you were right, with the source). `/quiz scores` is this channel's leaderboard."},
		&discordgo.MessageEmbedField{Name: "/summary · /glossary", Value: "A study guide of the abstract's key claims, and the key terms and names, each with the references behind them."},
		&discordgo.MessageEmbedField{Name: "👍 / 👎 · /export [format]", Value: "Rate any answer (👎 lets you say what was wrong). `/export` sends the bibliography of everything cited in this channel as a BibTeX or Markdown file."},
	)
	if instructor {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Instructors",
			Value: "`/ingest file:` adds a paper (.txt or .pdf) · `/class paper id:` sets this channel's paper · `/class reset-quiz` clears its leaderboard, `/class quiz-csv` exports it · `/review` lists answers flagged 👎 · `/pin question: answer:` (or “Pin fix” on /review) sets the answer a question gets."})
	}
	return fitEmbed(e)
}
