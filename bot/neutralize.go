package bot

import (
	"github.com/bwmarrin/discordgo"

	"paperbot/internal/discord"
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

// userMention is a mention of a real user for the bot's own lists (the
// quiz leaderboard, /review): Discord renders it as the user's name, and
// allowed_mentions (parse: []) on every message keeps it from pinging. id
// must be a snowflake; anything else is shown as "someone", never as
// mention syntax.
func userMention(id string) string {
	if id == "" || len(id) > 20 || !discord.IsDigits(id) {
		return "someone"
	}
	return "<@" + id + ">"
}

// channelRef is a channel link <#id> for a snowflake id, or "a channel".
func channelRef(id string) string {
	if id == "" || len(id) > 20 || !discord.IsDigits(id) {
		return "a channel"
	}
	return "<#" + id + ">"
}
