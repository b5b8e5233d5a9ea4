// Package discordtest is a fake Discord for tests: one HTTP server on
// 127.0.0.1 that serves the gateway websocket (HELLO, IDENTIFY → READY and
// GUILD_CREATE, heartbeats and their ACKs, RESUME with replay and RESUMED)
// and the REST routes a bot uses (interaction callbacks, webhook edits and
// follow-ups, channel messages, command registration, users, guilds), under
// /api/v10/ and /api/v9/.
//
// # Rules it enforces
//
// The fake answers like Discord and also records every broken rule, so a
// test can assert that Violations() is empty:
//
//   - an interaction must be acknowledged within 3 s (WithAckDeadline);
//     a late callback gets 404 code 10062, and a missing one is recorded
//     when the deadline passes;
//   - a second acknowledgement gets 400 code 40060;
//   - content over 2000 characters, more than 10 embeds, embed limits
//     (title 256, description 4096, 25 fields, field name 256 and value
//     1024, footer 2048, 6000 in total), more than 5 action rows or 5
//     buttons per row, custom_id over 100, more than 25 autocomplete
//     choices or names over 100, bad modals get 400 code 50035 with
//     Discord's nested "errors" object; an empty message gets 50006;
//   - the interaction token expires after 15 minutes (WithTokenTTL):
//     401 code 50027; webhook calls before the acknowledgement get 10015;
//   - a message with content whose allowed_mentions is absent or allows
//     any parse, users or roles is a violation (not rejected), and the
//     notifications it would cause are listed by Pings().
//
// # Injecting and observing
//
// InjectInteraction dispatches INTERACTION_CREATE (build it with
// SlashCommand, Autocomplete, Button, SelectMenu or ModalSubmit) and
// returns an *Interaction whose State, WaitFor and WaitFinal show what the
// bot did: the acknowledgement type and delay, the @original message with
// its edits and their times, follow-ups, autocomplete choices, a modal.
// InjectMessage dispatches MESSAGE_CREATE (UserMessage, Mention, Reply).
// Messages, ChannelMessages, RepliesTo and WaitMessages show what the bot
// posted, including components, embeds, flags and uploaded files.
//
// # Faults
//
// FailNext returns 429s (with Discord's rate-limit headers and body) or 5xx
// on a route; RejectToken turns every REST call into 401 and every IDENTIFY
// into close code 4004; SetLatency slows REST. On the gateway, DropGateway
// cuts connections without a close frame (the client should resume),
// CloseGateway sends a close code (4004, 4013 and 4014 end the session),
// RequestReconnect sends op 7, InvalidateSession sends op 9, and
// SetHeartbeatACK(false) makes a zombie connection.
//
// # Connecting discordgo
//
// A real discordgo v0.29.0 Session talks to the fake when its HTTP client
// sends discordgo's REST URLs to srv.APIURL(): set Session.Client to
// srv.Client() (nothing process-wide changes, so such tests may run in
// parallel). The
// command in cmd/fakediscord runs the fake for a manual demo.
package discordtest
