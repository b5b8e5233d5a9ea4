package bot

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"paperbot/internal/discord"
)

// idSuggest prefixes a suggested question's button on /paper show:
// pb:sq:<position>:<question hash>:<paper id>. The question is found again
// from the paper when the button is pressed (suggestions are the same for
// the same paper), so the button works after a restart; the hash tells
// when the paper has changed since.
const idSuggest = "pb:sq:"

// Suggester offers questions to start from on a paper: /paper show's
// buttons, the same ones the terminal chat offers at its start.
type Suggester interface {
	Suggestions(paperID string) ([]string, error)
}

// msgSuggestionGone answers a suggestion button whose question the paper
// no longer suggests (it was replaced or removed since /paper show).
const msgSuggestionGone = "That suggestion is out of date: the paper has changed since. Run /paper show for fresh ones, or ask with /ask."

// suggestionHash is a short fingerprint of a suggested question.
func suggestionHash(q string) string {
	h := fnv.New32a()
	h.Write([]byte(q))
	return fmt.Sprintf("%08x", h.Sum32())
}

// suggestButtons renders questions as one row of buttons, each asking its
// question when pressed. Questions whose custom id would be too long (it
// never is with corpus.Slug's ids) are left out.
func suggestButtons(paperID string, questions []string) []discordgo.MessageComponent {
	var row []discordgo.MessageComponent
	for i, q := range questions {
		id := idSuggest + strconv.Itoa(i) + ":" + suggestionHash(q) + ":" + paperID
		if len(row) == 5 || len(id) > discord.MaxCustomID {
			continue
		}
		row = append(row, discordgo.Button{Label: truncate(safe(oneLine(q)), discord.MaxButtonLabel),
			Style: discordgo.SecondaryButton, CustomID: id, Emoji: &discordgo.ComponentEmoji{Name: "💬"}})
	}
	if len(row) == 0 {
		return []discordgo.MessageComponent{}
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: row}}
}

// btnSuggest asks a suggested question (rest is "<position>:<hash>:<paper
// id>") in public, as /ask would for the student who pressed it.
func (b *Bot) btnSuggest(r *reply, rest string) {
	pos, rest, _ := strings.Cut(rest, ":")
	hash, paperID, _ := strings.Cut(rest, ":")
	i, err := strconv.Atoi(pos)
	if err != nil || paperID == "" {
		r.fail("This button is no longer active.")
		return
	}
	questions, err := b.opt.Engine.Suggestions(paperID)
	if err != nil {
		r.failErr("suggestion", err)
		return
	}
	if i < 0 || i >= len(questions) || suggestionHash(questions[i]) != hash {
		r.fail(msgSuggestionGone)
		return
	}
	b.askFor(r, questions[i], false, paperID)
}
