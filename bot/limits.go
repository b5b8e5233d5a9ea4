package bot

import (
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"paperbot/internal/discord"
)

// truncate shortens s to at most n characters, ending with "…" when cut,
// and never cuts a UTF-8 character or a citation label.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	if n == 1 {
		return "…"
	}
	cut := bestCut(s, n-1)
	return strings.TrimRight(s[:cut], " \n\t") + "…"
}

// fitEmbed makes e respect every embed limit in place and returns it:
// each text is truncated to its own limit, fields beyond 25 are dropped,
// and when the total exceeds 6,000 characters the description and then
// the last fields give way.
func fitEmbed(e *discordgo.MessageEmbed) *discordgo.MessageEmbed {
	if e == nil {
		return nil
	}
	e.Title = truncate(e.Title, discord.MaxEmbedTitle)
	e.Description = truncate(e.Description, discord.MaxEmbedDescription)
	if len(e.Fields) > discord.MaxEmbedFields {
		e.Fields = e.Fields[:discord.MaxEmbedFields]
	}
	for _, f := range e.Fields {
		f.Name = truncate(f.Name, discord.MaxFieldName)
		if strings.TrimSpace(f.Name) == "" {
			f.Name = "\u200b"
		}
		f.Value = truncate(f.Value, discord.MaxFieldValue)
		if strings.TrimSpace(f.Value) == "" {
			f.Value = "\u200b"
		}
	}
	if e.Footer != nil {
		e.Footer.Text = truncate(e.Footer.Text, discord.MaxFooterText)
	}
	if e.Author != nil {
		e.Author.Name = truncate(e.Author.Name, discord.MaxAuthorName)
	}
	for embedTotal(e) > discord.MaxEmbedTotal {
		over := embedTotal(e) - discord.MaxEmbedTotal
		if d := utf8.RuneCountInString(e.Description); d > 200 {
			e.Description = truncate(e.Description, max(200, d-over))
			continue
		}
		if len(e.Fields) > 0 {
			e.Fields = e.Fields[:len(e.Fields)-1]
			continue
		}
		e.Description = truncate(e.Description, max(0, utf8.RuneCountInString(e.Description)-over))
		break
	}
	return e
}

// embedTotal counts the characters Discord sums for the 6,000 limit.
func embedTotal(e *discordgo.MessageEmbed) int {
	n := utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
	for _, f := range e.Fields {
		n += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
	}
	if e.Footer != nil {
		n += utf8.RuneCountInString(e.Footer.Text)
	}
	if e.Author != nil {
		n += utf8.RuneCountInString(e.Author.Name)
	}
	return n
}
