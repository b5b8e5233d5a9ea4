// Package discordtest is a fake Discord for tests: one HTTP server on
// 127.0.0.1 that serves the gateway websocket (HELLO, IDENTIFY → READY,
// heartbeats and their ACKs, RESUME with replay) and the REST routes a bot
// uses (interaction callbacks, webhook edits and follow-ups, channel
// messages, command registration), under /api/v10/ and /api/v9/.
//
// The fake enforces Discord's rules and records every break of them instead
// of only failing the request: the 3 s acknowledgement deadline (10062), a
// second acknowledgement (40060), content, embed and component limits
// (50035), the 15-minute interaction token (50027), and messages whose
// allowed_mentions would let Discord ping someone. Tests read Violations(),
// Pings(), Messages() and per-interaction state to assert on what the bot
// did, and inject faults (429s, 5xx, a rejected token, dropped or closed
// gateway connections, invalid sessions, reconnect requests).
//
// A real discordgo Session talks to it once PointDiscordgo(srv.APIURL())
// has retargeted discordgo's endpoint variables.
package discordtest
