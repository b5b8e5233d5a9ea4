package bot

import (
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Discord's embed and component limits, in characters.
const (
	maxEmbedTitle       = 256
	maxEmbedDescription = 4096
	maxEmbedFields      = 25
	maxFieldName        = 256
	maxFieldValue       = 1024
	maxFooterText       = 2048
	maxAuthorName       = 256
	maxEmbedTotal       = 6000
	maxChoices          = 25
	maxChoiceName       = 100
	maxCustomID         = 100
	maxButtonLabel      = 80
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
	e.Title = truncate(e.Title, maxEmbedTitle)
	e.Description = truncate(e.Description, maxEmbedDescription)
	if len(e.Fields) > maxEmbedFields {
		e.Fields = e.Fields[:maxEmbedFields]
	}
	for _, f := range e.Fields {
		f.Name = truncate(f.Name, maxFieldName)
		if strings.TrimSpace(f.Name) == "" {
			f.Name = "\u200b"
		}
		f.Value = truncate(f.Value, maxFieldValue)
		if strings.TrimSpace(f.Value) == "" {
			f.Value = "\u200b"
		}
	}
	if e.Footer != nil {
		e.Footer.Text = truncate(e.Footer.Text, maxFooterText)
	}
	if e.Author != nil {
		e.Author.Name = truncate(e.Author.Name, maxAuthorName)
	}
	for embedTotal(e) > maxEmbedTotal {
		over := embedTotal(e) - maxEmbedTotal
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
