package bot

import (
	"github.com/bwmarrin/discordgo"

	"paperbot/internal/sanitize"
)

// zwsp is the zero-width space put after an "@" so Discord no longer reads
// a mention.
const zwsp = sanitize.ZWSP

// allowedMentions is attached to every message, response, follow-up and
// edit the bot sends: parse nothing, ping nobody, not even the author of a
// message it replies to. (discordgo sends null for a nil value, which lets
// Discord parse everything, so it must never be nil.)
func allowedMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// Neutralize rewrites everything in s that Discord could read as a mention
// into harmless text (see sanitize.Mentions). It is applied to whole
// messages, the bot's own lines included; text the bot did not write goes
// through sanitize.Text first (see safe).
func Neutralize(s string) string { return sanitize.Mentions(s) }

// safe is text the bot did not write (model output, paper text, a user's
// words) made safe to post: see sanitize.Text.
func safe(s string) string { return sanitize.Text(s) }
