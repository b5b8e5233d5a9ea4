// Package bot speaks Discord through discordgo: slash commands, buttons,
// autocomplete, mentions and reply chains, over the answering engine.
package bot
