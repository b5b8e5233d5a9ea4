package bot

import (
	"github.com/bwmarrin/discordgo"

	"paperbot/retrieval/answer"
)

// commands are the slash commands the bot registers (by bulk overwrite, so
// commands removed here disappear from Discord too).
//
// /cite takes its reference as a string option, "number", with
// autocomplete: a reference number such as "15", or "paper" to cite the
// paper itself. (A string rather than an integer so both fit one option.)
func commands() []*discordgo.ApplicationCommand {
	minLen := 1
	styles := []*discordgo.ApplicationCommandOptionChoice{
		{Name: "IEEE", Value: "ieee"},
		{Name: "APA", Value: "apa"},
		{Name: "MLA", Value: "mla"},
		{Name: "BibTeX", Value: "bibtex"},
	}
	return append([]*discordgo.ApplicationCommand{
		{
			Name:        "ask",
			Description: "Ask a question about the paper; the answer cites its references",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question",
					Required: true, MinLength: &minLen, MaxLength: answer.MaxQuestionRunes},
				{Type: discordgo.ApplicationCommandOptionBoolean, Name: "private", Description: "Only you see the answer"},
			},
		},
		{
			Name:        "cite",
			Description: "Format a citation of a reference, or of the paper itself",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "number", Description: "Reference number (start typing to search), or \"paper\"",
					Required: true, Autocomplete: true, MaxLength: 100},
				{Type: discordgo.ApplicationCommandOptionString, Name: "format", Description: "Citation style (default IEEE)", Choices: styles},
			},
		},
		{
			Name:        "refs",
			Description: "List the paper's references, or those matching a query",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "query", Description: "Author, year, title word or number", MaxLength: 100},
				{Type: discordgo.ApplicationCommandOptionString, Name: "order", Description: "List by reference number (default) or by how often the paper cites them",
					Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: "number", Value: "number"}, {Name: "most cited", Value: "cited"}}},
			},
		},
		paperCommand(),
		{Name: "help", Description: "What PaperBot does and how to use it"},
	}, classroomCommands()...)
}
