// Package discord holds Discord's documented limits and small facts about
// its ids, shared by the bot (which must respect them) and the in-repo fake
// Discord (which enforces them), so the two cannot disagree.
package discord

import "time"

// Discord's documented limits, in characters unless noted.
const (
	MaxContent          = 2000 // message content
	MaxEmbeds           = 10   // embeds per message
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxEmbedFields      = 25 // fields per embed
	MaxFieldName        = 256
	MaxFieldValue       = 1024
	MaxFooterText       = 2048
	MaxAuthorName       = 256
	MaxEmbedTotal       = 6000 // all the texts of a message's embeds
	MaxActionRows       = 5    // rows per message
	MaxRowButtons       = 5    // buttons per row
	MaxCustomID         = 100
	MaxButtonLabel      = 80
	MaxChoices          = 25 // autocomplete or option choices
	MaxChoiceName       = 100
	MaxModalTitle       = 45
)

// AckDeadline is how long Discord waits for an interaction's first
// response (callback) before the interaction fails for the user.
const AckDeadline = 3 * time.Second

// DeferAfter is how long a command that answers directly (one message
// response, no "thinking…") may work before the bot acknowledges with a
// deferred response instead and edits the answer in later. It is half of
// AckDeadline: the other half covers the gateway's delivery of the
// interaction, a loaded machine scheduling the timer late, and the
// callback's round trip, which the rate-limited transport itself never
// lets run past 2.5 s after the interaction's creation.
const DeferAfter = AckDeadline / 2

// IsDigits reports whether s is a non-empty run of ASCII digits, the shape
// of a snowflake id.
func IsDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
